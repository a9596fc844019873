import { GrantVerifier, grantSecretFile, lastingRid, loadOrCreateSecret, pairKey, type Principal } from '@intreccio/shared';
import { principal, type SubgraphHarness } from '@intreccio/shared/testing';
import { buildSmallNetwork, GIULIA, personInput, SocialServicesHarness, YOUSSEF, type SmallNetwork } from './network-builder';

/**
 * The lead body's side of access control: who holds a person, what the grant to other partners says,
 * and the writes only the holding social services may make.
 */

let h: SubgraphHarness;
let net: SmallNetwork;
let otherSocialServices: string;
let otherCaseManager: Principal;
let personId: string;
let caseId: string;

const GRANT = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { accessGrant } } }';

async function grantFor(who: Principal, requestId = h.newRequestId()): Promise<{ grant: string | null; requestId: string }> {
  const res = await h.call(who, GRANT, { r: [{ __typename: 'Person', id: personId }] }, requestId);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { grant: res.data!._entities[0].accessGrant, requestId };
}

beforeAll(async () => {
  h = await SocialServicesHarness.start('access');
  net = await buildSmallNetwork(h);
  otherSocialServices = (await h.ok(principal('coordinator', net.leadBody, 'SOCIAL_SERVICES'), 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }', {
    i: { name: 'Comune di Firenze – Servizi Sociali', kind: 'SOCIAL_SERVICES', municipalityCode: 'D612' },
  })).createOrganisation.id;
  otherCaseManager = principal('case_manager', otherSocialServices, 'SOCIAL_SERVICES', [net.programme]);
  personId = (await h.ok(net.caseManager, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: personInput(GIULIA) })).createPerson.id;
  caseId = (await h.ok(net.caseManager, 'mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }', {
    i: {
      personId, programmeId: net.programme, openedOn: '2025-02-03', caseManagerName: 'Chiara Neri',
      team: [{ organisationId: net.employmentCentre, role: 'EMPLOYMENT_OPERATOR', operatorName: 'Paolo Verdi' }],
    },
  })).openCase.id;
});
afterAll(() => h?.stop());

describe('who holds a person', () => {
  it('is the social services that registered them: another one neither sees nor lists them', async () => {
    const mine = await h.ok(net.caseManager, '{ people(first: 10) { edges { node { id } } } }');
    expect(mine.people.edges.map((e: any) => e.node.id)).toContain(personId);
    const theirs = await h.ok(otherCaseManager, '{ people(first: 10) { edges { node { id } } } }');
    expect(theirs.people.edges).toEqual([]);
    const direct = await h.call(otherCaseManager, 'query($id: ID!) { person(id: $id) { givenName } }', { id: personId });
    expect(direct.data?.person).toBeNull();
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses another social services every write about the person, and writes nothing', async () => {
    const attempts: [string, Record<string, unknown>][] = [
      ['mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { id } }', { id: personId, givenName: 'Altra' }],
      ['mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }', { personId, programmeId: net.programme, openedOn: '2025-03-01', caseManagerName: 'Altro' }],
      ['mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', { personId, organisationId: otherSocialServices, givenOn: '2025-03-01' }],
      ['mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { id } }', { caseId, status: 'SUSPENDED' }],
      ['mutation($i: CreateBenefitInput!) { createBenefit(input: $i) { id } }', { personId, kind: 'INCOME_SUPPORT', monthlyAmountCents: 50000, startDate: '2025-03-01' }],
    ];
    const before = await Promise.all(['person', 'case_file', 'consent', 'benefit'].map((t) => h.count(t)));
    for (const [mutation, input] of attempts) {
      const res = await h.call(otherCaseManager, mutation, { i: input });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await Promise.all(['person', 'case_file', 'consent', 'benefit'].map((t) => h.count(t)))).toEqual(before);
    const [row] = await h.db.query('SELECT given_name FROM person WHERE id = $1', [personId]);
    expect(row.given_name).toBe('Giulia');
  });
});

describe('the grant other partners receive', () => {
  let verifier: GrantVerifier;
  beforeAll(async () => {
    // As the employment centre checks them, with the key social services share with it.
    verifier = new GrantVerifier('employment-centre', { 'social-services': pairKey(loadOrCreateSecret(grantSecretFile(h.env.dataDir, 'social-services')), 'employment-centre') });
  });

  const verify = (who: Principal, grant: string | null, requestId: string) =>
    verifier.verify(grant, { scope: 'person', sub: personId, org: who.organisationId, rid: requestId, issuers: ['social-services'] });

  it('is issued only once the organisation is on the team and the person consented to it', async () => {
    expect((await grantFor(net.employmentOperator)).grant).toBeNull();
    const consent = (await h.ok(net.caseManager, 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', {
      i: { personId, organisationId: net.employmentCentre, givenOn: '2025-02-03' },
    })).grantConsent.id;
    const { grant, requestId } = await grantFor(net.employmentOperator);
    expect(verify(net.employmentOperator, grant, requestId)?.sub).toBe(personId);
    // A training body with the person's consent but not on the team gets none.
    await h.ok(net.caseManager, 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', {
      i: { personId, organisationId: net.trainingProvider, givenOn: '2025-02-03' },
    });
    const trainer = principal('training_operator', net.trainingProvider, 'TRAINING_PROVIDER');
    expect((await grantFor(trainer)).grant).toBeNull();
    await h.ok(net.caseManager, 'mutation($i: RevokeConsentInput!) { revokeConsent(input: $i) { status } }', { i: { consentId: consent, revokedOn: '2025-06-01' } });
    expect((await grantFor(net.employmentOperator)).grant).toBeNull();
  });

  it('ends when the member leaves the team or the case closes', async () => {
    await h.ok(net.caseManager, 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', {
      i: { personId, organisationId: net.employmentCentre, givenOn: '2025-06-02' },
    });
    expect((await grantFor(net.employmentOperator)).grant).not.toBeNull();
    const trainer = principal('training_operator', net.trainingProvider, 'TRAINING_PROVIDER');
    const joined = await h.ok(net.caseManager, 'mutation($i: AddTeamMemberInput!) { addCaseTeamMember(input: $i) { team { id role leftOn } } }', {
      i: { caseId, organisationId: net.trainingProvider, role: 'TRAINING_OPERATOR', operatorName: 'Sara Bini', joinedOn: '2025-06-02' },
    });
    expect((await grantFor(trainer)).grant).not.toBeNull();
    const member = joined.addCaseTeamMember.team.find((m: any) => m.role === 'TRAINING_OPERATOR');
    await h.ok(net.caseManager, 'mutation($i: RemoveTeamMemberInput!) { removeCaseTeamMember(input: $i) { id } }', { i: { memberId: member.id, leftOn: '2025-07-01' } });
    expect((await grantFor(trainer)).grant).toBeNull();
    await h.ok(net.caseManager, 'mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }', {
      i: { caseId, status: 'CLOSED', closedOn: '2025-09-30', closureReason: 'GOALS_ACHIEVED' },
    });
    expect((await grantFor(net.employmentOperator)).grant).toBeNull();
    // The holding social services still see their own records.
    const own = await h.ok(net.caseManager, 'query($id: ID!) { person(id: $id) { givenName targetGroups case { status } } }', { id: personId });
    expect(own.person).toEqual({ givenName: 'Giulia', targetGroups: ['SINGLE_PARENT'], case: { status: 'CLOSED' } });
  });

  it('is never issued to coordinators or officers, who see no one', async () => {
    for (const who of [net.leadCoordinator, principal('data_protection_officer', net.leadBody, 'SOCIAL_SERVICES')]) {
      const res = await h.call(who, GRANT.replace('accessGrant', 'accessGrant givenName'), { r: [{ __typename: 'Person', id: personId }] });
      expect(res.data?._entities[0]).toEqual({ accessGrant: null, givenName: null });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('programmes', () => {
  it('are changed by the lead body’s own coordinators only', async () => {
    const otherCoordinator = principal('coordinator', otherSocialServices, 'SOCIAL_SERVICES');
    const res = await h.call(otherCoordinator, 'mutation($i: UpdateProgrammeInput!) { updateProgramme(input: $i) { name } }', { i: { id: net.programme, name: 'Hijacked' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await h.call(otherCoordinator, 'mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }', {
      i: { code: 'NOTMINE', name: 'Not mine', leadOrganisationId: net.leadBody, territory: ['G752'], startDate: '2026-01-01', endDate: '2026-12-31', budgetCents: 1, referralResponseDays: 10 },
    });
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [row] = await h.db.query('SELECT name FROM programme WHERE id = $1', [net.programme]);
    expect(row.name).toBe('PROG.RE.S.S.I.V.E 2');
  });
});

describe('the candidate first name', () => {
  it('needs a ticket the employment centre signed for the caller in this request', async () => {
    const youssef = (await h.ok(net.caseManager, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: personInput(YOUSSEF) })).createPerson.id;
    const company = principal('company_tutor', '7b0c9b7e-9f3e-4c7e-8a55-1f1f3f9d0a01', 'COMPANY');
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Candidate { firstName } } }';
    const requestId = h.newRequestId();
    const ticket = await h.grant('employment-centre', 'candidate', youssef, company, requestId);
    const ok = await h.call(company, query, { r: [{ __typename: 'Candidate', pseudonym: 'C-1', ticket }] }, requestId);
    expect(ok.data?._entities).toEqual([{ firstName: 'Youssef' }]);
    const forged = await h.grant('companies', 'candidate', youssef, company, requestId);
    for (const [who, t, rid] of [[company, forged, requestId], [company, ticket, h.newRequestId()], [net.employmentOperator, ticket, requestId]] as const) {
      const res = await h.call(who, query, { r: [{ __typename: 'Candidate', pseudonym: 'C-1', ticket: t }] }, rid);
      expect(res.data?._entities).toEqual([null]);
    }
  });
});

describe('a pathway’s partners', () => {
  let marta: string;
  let martaCase: string;
  let consentId: string;
  let stepId: string;
  const CHANGE_STEP = 'mutation($i: ChangePlanStepStatusInput!, $k: String) { changePlanStepStatus(input: $i, idempotencyKey: $k) { status kind description } }';
  const accessLog = (personId: string) =>
    h.db.query('SELECT organisation_id, fields, reasons FROM access_log WHERE person_id = $1 ORDER BY id', [personId]) as Promise<{ organisation_id: string; fields: string[]; reasons: string[] }[]>;

  beforeAll(async () => {
    marta = (await h.ok(net.caseManager, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: personInput({ ...GIULIA, givenName: 'Marta', birthDate: '1988-11-02' }),
    })).createPerson.id;
    martaCase = (await h.ok(net.caseManager, 'mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }', {
      i: {
        personId: marta, programmeId: net.programme, openedOn: '2025-02-03', caseManagerName: 'Chiara Neri',
        team: [{ organisationId: net.employmentCentre, role: 'EMPLOYMENT_OPERATOR', operatorName: 'Paolo Verdi' }],
      },
    })).openCase.id;
    consentId = (await h.ok(net.caseManager, 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', {
      i: { personId: marta, organisationId: net.employmentCentre, givenOn: '2025-02-03' },
    })).grantConsent.id;
  });

  it('shows the case manager the evaluation notes they have just recorded', async () => {
    const team = (await h.ok(net.caseManager, 'query($id: ID!) { case(id: $id) { team { id } } }', { id: martaCase })).case.team;
    const data = await h.ok(net.caseManager, 'mutation($i: RecordAssessmentInput!) { recordAssessment(input: $i) { notes } }', {
      i: { caseId: martaCase, assessedOn: '2025-02-20', employabilityLevel: 'MEDIUM', notes: 'Needs childcare', scores: [{ dimension: 'HOUSING', score: 3 }], authorIds: [team[0].id] },
    });
    expect(data.recordAssessment.notes).toBe('Needs childcare');
    // Its own record, and still a read of a sensitive field: logged.
    expect((await accessLog(marta)).at(-1)).toMatchObject({ organisation_id: net.leadBody, fields: ['Assessment.notes'], reasons: ['SENSITIVE'] });
  });

  it('lets the partner owning a step move it while the person’s data is shared with it, logging what it reads', async () => {
    const plan = await h.ok(net.caseManager, 'mutation($i: CreatePersonalPlanInput!) { createPersonalPlan(input: $i) { id steps { id } } }', {
      i: { caseId: martaCase, goals: 'Work in retail', startDate: '2025-03-01', endDate: '2025-12-31', steps: [{ kind: 'ORIENTATION', ownerOrganisationId: net.employmentCentre, description: 'Skills review' }] },
    });
    stepId = plan.createPersonalPlan.steps[0].id;
    await h.ok(net.caseManager, 'mutation($i: SignPersonalPlanInput!) { signPersonalPlan(input: $i) { status } }', { i: { planId: plan.createPersonalPlan.id, signedOn: '2025-03-05' } });
    const before = (await accessLog(marta)).length;
    const moved = await h.ok(net.employmentOperator, CHANGE_STEP, { i: { stepId, status: 'IN_PROGRESS' }, k: 'step-1' });
    expect(moved.changePlanStepStatus).toEqual({ status: 'IN_PROGRESS', kind: 'ORIENTATION', description: 'Skills review' });
    const logged = (await accessLog(marta)).slice(before);
    expect(logged).toEqual([expect.objectContaining({ organisation_id: net.employmentCentre, reasons: ['CROSS_ORGANISATION'] })]);
    expect(logged[0]!.fields).toEqual(expect.arrayContaining(['PlanStep.status', 'PlanStep.description']));
    // A retry of the same request answers as the first did.
    expect((await h.ok(net.employmentOperator, CHANGE_STEP, { i: { stepId, status: 'IN_PROGRESS' }, k: 'step-1' })).changePlanStepStatus).toEqual(moved.changePlanStepStatus);
  });

  it('refuses the step’s owner once the person revoked their consent, and changes nothing', async () => {
    await h.ok(net.caseManager, 'mutation($i: RevokeConsentInput!) { revokeConsent(input: $i) { status } }', { i: { consentId, revokedOn: '2025-04-01' } });
    const res = await h.call(net.employmentOperator, CHANGE_STEP, { i: { stepId, status: 'DONE' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.stepId' });
    const [row] = await h.db.query('SELECT status FROM plan_step WHERE id = $1', [stepId]);
    expect(row.status).toBe('IN_PROGRESS');
  });

  it('shows the organisation asked a referral while it acts on it, and not once it is done and the data no longer shared', async () => {
    const referral = (await h.ok(net.caseManager, 'mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }', {
      i: { caseId: martaCase, toOrganisationId: net.employmentCentre, reason: 'Registration', sentAt: '2025-04-02T09:00:00Z' },
    })).createReferral.id;
    const read = () => h.call(net.employmentOperator, 'query($id: ID!) { referral(id: $id) { status reason } }', { id: referral });
    const listed = async () => (await h.ok(net.employmentOperator, '{ referrals(first: 50) { edges { node { id } } } }')).referrals.edges.map((e: any) => e.node.id);
    expect((await read()).data?.referral).toEqual({ status: 'SENT', reason: 'Registration' });
    const answered = await h.ok(net.employmentOperator, 'mutation($i: RespondToReferralInput!) { respondToReferral(input: $i) { status } }', {
      i: { referralId: referral, accept: true, respondedAt: '2025-04-03T09:00:00Z' },
    });
    expect(answered.respondToReferral.status).toBe('ACCEPTED');
    expect((await read()).data?.referral.status).toBe('ACCEPTED');
    expect(await listed()).toContain(referral);
    const done = await h.ok(net.employmentOperator, 'mutation($i: CompleteReferralInput!) { completeReferral(input: $i) { status outcome } }', {
      i: { referralId: referral, outcome: 'Registered', completedAt: '2025-04-10T09:00:00Z' },
    });
    // The answer to its own write, then nothing more: the consent was revoked.
    expect(done.completeReferral).toEqual({ status: 'COMPLETED', outcome: 'Registered' });
    const after = await read();
    expect(after.data?.referral ?? null).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await listed()).not.toContain(referral);
    // The social services holding her still see it.
    expect((await h.ok(net.caseManager, 'query($id: ID!) { referral(id: $id) { status } }', { id: referral })).referral.status).toBe('COMPLETED');
  });

  it('never hands a referral to a host company, which sees pseudonymised profiles only', async () => {
    const company = (await h.ok(net.leadCoordinator, 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }', {
      i: { name: 'Logistica Elsa S.r.l.', kind: 'COMPANY', municipalityCode: 'G752' },
    })).createOrganisation.id;
    await h.ok(net.leadCoordinator, 'mutation($i: AddProgrammePartnerInput!) { addProgrammePartner(input: $i) { id } }', {
      i: { programmeId: net.programme, organisationId: company, role: 'Host company', joinedOn: '2024-01-01' },
    });
    const before = await h.count('referral');
    const res = await h.call(net.caseManager, 'mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }', {
      i: { caseId: martaCase, toOrganisationId: company, reason: 'Internship', sentAt: '2025-04-02T09:00:00Z' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.toOrganisationId' });
    expect(await h.count('referral')).toBe(before);
    // Nor does a host company's user answer one, whichever it is.
    const tutor = principal('company_tutor', company, 'COMPANY');
    const answer = await h.call(tutor, 'mutation($i: RespondToReferralInput!) { respondToReferral(input: $i) { reason } }', {
      i: { referralId: '00000000-0000-4000-8000-000000000000', accept: true },
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Mutation.respondToReferral' });
  });

  it('gives host companies no list or search of people', async () => {
    const tutor = principal('company_tutor', '7b0c9b7e-9f3e-4c7e-8a55-1f1f3f9d0a01', 'COMPANY');
    for (const field of ['people', 'cases', 'referrals']) {
      const res = await h.call(tutor, `{ ${field}(first: 5) { edges { node { id } } } }`);
      expect(res.data?.[field] ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: `Query.${field}` });
    }
  });

  it('exports the person’s records to the data protection officer only; the case manager reads the access log', async () => {
    const query = 'query($id: ID!) { dataSubject(personId: $id) { socialServices { records accessLog { organisationId } } } }';
    const byManager = await h.call(net.caseManager, query, { id: marta });
    expect(byManager.data?.dataSubject.socialServices.records).toBeNull();
    expect(byManager.data?.dataSubject.socialServices.accessLog.length).toBeGreaterThan(0);
    expect(byManager.errors?.map((e) => e.extensions?.coordinate)).toEqual(['PartnerRecords.records']);
    const byOfficer = await h.ok(principal('data_protection_officer', net.leadBody, 'SOCIAL_SERVICES'), query, { id: marta });
    expect(byOfficer.dataSubject.socialServices.records).toMatchObject({ person: expect.objectContaining({ givenName: 'Marta' }) });
  });
});

describe('the partner registry', () => {
  it('is changed by the organisation itself or the coordinators of a programme it takes part in', async () => {
    const update = 'mutation($i: UpdateOrganisationInput!) { updateOrganisation(input: $i) { name } }';
    for (const who of [otherCaseManager, principal('coordinator', otherSocialServices, 'SOCIAL_SERVICES')]) {
      const res = await h.call(who, update, { i: { id: net.leadBody, name: 'Renamed' } });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const [row] = await h.db.query('SELECT name FROM organisation WHERE id = $1', [net.leadBody]);
    expect(row.name).toBe('Fondazione Territori Sociali Altavaldelsa');
    const own = await h.ok(otherCaseManager, update, { i: { id: otherSocialServices, name: 'Comune di Firenze – Servizi Sociali (SST)' } });
    expect(own.updateOrganisation.name).toBe('Comune di Firenze – Servizi Sociali (SST)');
  });
});

describe('erasure and a late retry', () => {
  it('does not register the person again when a partner system retries the create with its old key', async () => {
    const create = 'mutation($i: CreatePersonInput!, $k: String) { createPerson(input: $i, idempotencyKey: $k) { id } }';
    const input = personInput({ ...GIULIA, givenName: 'Lucia', birthDate: '1979-05-14' });
    const id = (await h.ok(net.caseManager, create, { i: input, k: 'anagrafe-4411' })).createPerson.id;
    const officer = principal('data_protection_officer', net.leadBody, 'SOCIAL_SERVICES');
    const erased = await h.ok(officer, 'mutation($i: EraseDataInput!) { eraseSocialServicesData(input: $i) { recordsErased } }', { i: { personId: id } });
    expect(erased.eraseSocialServicesData.recordsErased).toBe(1);
    const people = await h.count('person');
    const retry = await h.call(net.caseManager, create, { i: input, k: 'anagrafe-4411' });
    expect(retry.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await h.count('person')).toBe(people);
    expect(await h.db.query("SELECT operation, result_id FROM idempotency_key WHERE key = 'anagrafe-4411'")).toEqual([{ operation: 'ERASED', result_id: null }]);
  });
});

describe('the placement token of an internship step', () => {
  let network: string;
  let networkOperator: Principal;
  let sara: string;
  let saraCase: string;
  let planId: string;
  let steps: { id: string; kind: string; ownerOrganisation: { id: string } }[];
  let companies: GrantVerifier;
  const STEPS = 'query($id: ID!) { person(id: $id) { case { plan { status steps { id kind status placementToken } } } } }';
  const stepsAs = async (who: Principal) => {
    const res = await h.call(who, STEPS, { id: sara });
    return { res, steps: (res.data?.person?.case?.plan?.steps ?? []) as { id: string; kind: string; status: string; placementToken: string | null }[] };
  };
  const tokenOf = async (who: Principal, stepId: string) => {
    const { res, steps: seen } = await stepsAs(who);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return seen.find((s) => s.id === stepId)!.placementToken;
  };
  const internshipStep = () => steps.find((s) => s.kind === 'INTERNSHIP' && s.ownerOrganisation.id === network)!;
  const verify = (token: string | null, who: Principal, stepId: string) =>
    companies.verify(token, {
      scope: 'plan-step', sub: `${sara}|${net.programme}|${stepId}`, org: who.organisationId, rid: lastingRid(who.subject), issuers: ['social-services'],
    });

  beforeAll(async () => {
    // As the company network checks them, with the key social services share with it.
    companies = new GrantVerifier('companies', { 'social-services': pairKey(loadOrCreateSecret(grantSecretFile(h.env.dataDir, 'social-services')), 'companies') });
    network = (await h.ok(net.leadCoordinator, 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }', {
      i: { name: 'Rete Imprese Valdelsa', kind: 'COMPANY_NETWORK', municipalityCode: 'G752' },
    })).createOrganisation.id;
    await h.ok(net.leadCoordinator, 'mutation($i: AddProgrammePartnerInput!) { addProgrammePartner(input: $i) { id } }', {
      i: { programmeId: net.programme, organisationId: network, role: 'Company network', joinedOn: '2024-01-01' },
    });
    networkOperator = principal('company_network_operator', network, 'COMPANY_NETWORK', [net.programme]);
    sara = (await h.ok(net.caseManager, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: personInput({ ...GIULIA, givenName: 'Sara', birthDate: '1995-06-12' }),
    })).createPerson.id;
    saraCase = (await h.ok(net.caseManager, 'mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }', {
      i: {
        personId: sara, programmeId: net.programme, openedOn: '2025-02-03', caseManagerName: 'Chiara Neri',
        team: [
          { organisationId: network, role: 'COMPANY_NETWORK_OPERATOR', operatorName: 'Giulia Neri' },
          { organisationId: net.employmentCentre, role: 'EMPLOYMENT_OPERATOR', operatorName: 'Paolo Verdi' },
        ],
      },
    })).openCase.id;
    for (const organisationId of [network, net.employmentCentre]) {
      await h.ok(net.caseManager, 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', { i: { personId: sara, organisationId, givenOn: '2025-02-03' } });
    }
    const plan = (await h.ok(net.caseManager, `mutation($i: CreatePersonalPlanInput!) { createPersonalPlan(input: $i) {
      id steps { id kind ownerOrganisation { id } } } }`, {
      i: {
        caseId: saraCase, goals: 'Work in hospitality', startDate: '2025-03-01', endDate: '2026-06-30', steps: [
          { kind: 'ORIENTATION', ownerOrganisationId: network, description: 'Visits to host companies' },
          { kind: 'INTERNSHIP', ownerOrganisationId: network, description: 'Kitchen internship', plannedStart: '2025-09-01', plannedEnd: '2026-02-28' },
          { kind: 'INTERNSHIP', ownerOrganisationId: net.employmentCentre, description: 'Internship promoted by the centre' },
          { kind: 'INTERNSHIP', ownerOrganisationId: net.leadBody, description: 'Internship promoted by the lead body' },
        ],
      },
    })).createPersonalPlan;
    planId = plan.id;
    steps = plan.steps;
  });

  it('is not issued before the person signs the plan', async () => {
    const { res, steps: seen } = await stepsAs(networkOperator);
    expect(res.errors).toBeUndefined();
    expect(seen.map((s) => s.placementToken)).toEqual([null, null, null, null]);
  });

  it('is issued, once the plan is signed, to the user of the organisation owning the internship step only, for 30 minutes', async () => {
    await h.ok(net.caseManager, 'mutation($i: SignPersonalPlanInput!) { signPersonalPlan(input: $i) { status } }', { i: { planId, signedOn: '2025-03-05' } });
    const { res, steps: seen } = await stepsAs(networkOperator);
    expect(res.errors).toBeUndefined();
    const [orientation, internship, centres, leadBodys] = seen;
    // A step of another kind, and an internship step another partner carries out, have none.
    expect(orientation!.placementToken).toBeNull();
    expect(centres!.placementToken).toBeNull();
    expect(leadBodys!.placementToken).toBeNull();
    const claims = verify(internship!.placementToken, networkOperator, internshipStep().id);
    expect(claims).toMatchObject({ iss: 'social-services', scope: 'plan-step', org: network, rid: lastingRid(networkOperator.subject) });
    expect(claims!.exp - Date.now() / 1000).toBeGreaterThan(29 * 60);
    expect(claims!.exp - Date.now() / 1000).toBeLessThanOrEqual(30 * 60);
    // Bound to the user who asked: a colleague's check of it fails.
    expect(verify(internship!.placementToken, { ...networkOperator, subject: 'another-operator' }, internshipStep().id)).toBeNull();
    // The employment centre gets the token of its own internship step, not of the company network's.
    const forCentre = await stepsAs(net.employmentOperator);
    expect(forCentre.steps.map((s) => s.placementToken !== null)).toEqual([false, false, true, false]);
  });

  it('is written to the access log as a read of the lead body’s records', async () => {
    const before = await h.db.query('SELECT count(*)::int AS n FROM access_log WHERE person_id = $1 AND organisation_id = $2', [sara, network]);
    await tokenOf(networkOperator, internshipStep().id);
    const [last] = await h.db.query('SELECT fields, reasons FROM access_log WHERE person_id = $1 AND organisation_id = $2 ORDER BY id DESC LIMIT 1', [sara, network]);
    expect(last.fields).toContain('PlanStep.placementToken');
    expect(last.reasons).toEqual(['CROSS_ORGANISATION']);
    const [after] = await h.db.query('SELECT count(*)::int AS n FROM access_log WHERE person_id = $1 AND organisation_id = $2', [sara, network]);
    expect(after.n).toBe(before[0].n + 1);
  });

  it('is given while the step is PLANNED or IN_PROGRESS and the case live, and not once the step is DONE', async () => {
    const step = internshipStep().id;
    const CHANGE = 'mutation($i: ChangePlanStepStatusInput!) { changePlanStepStatus(input: $i) { status placementToken } }';
    const started = await h.ok(networkOperator, CHANGE, { i: { stepId: step, status: 'IN_PROGRESS' } });
    expect(verify(started.changePlanStepStatus.placementToken, networkOperator, step)).not.toBeNull();
    const CASE = 'mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }';
    await h.ok(net.caseManager, CASE, { i: { caseId: saraCase, status: 'SUSPENDED' } });
    expect(verify(await tokenOf(networkOperator, step), networkOperator, step)).not.toBeNull();
    await h.ok(net.caseManager, CASE, { i: { caseId: saraCase, status: 'OPEN' } });
    const done = await h.ok(networkOperator, CHANGE, { i: { stepId: step, status: 'DONE' } });
    expect(done.changePlanStepStatus).toEqual({ status: 'DONE', placementToken: null });
    // The case manager adds a new internship step: that one has a token again.
    const added = await h.ok(net.caseManager, 'mutation($i: AddPlanStepInput!) { addPlanStep(input: $i) { steps { id kind status } } }', {
      i: { planId, kind: 'INTERNSHIP', ownerOrganisationId: network, description: 'Second internship' },
    });
    const second = added.addPlanStep.steps.at(-1);
    expect(second).toMatchObject({ kind: 'INTERNSHIP', status: 'PLANNED' });
    expect(verify(await tokenOf(networkOperator, second.id), networkOperator, second.id)).not.toBeNull();
  });

  it('is not given to host companies, coordinators or data protection officers, who do not reach the plan', async () => {
    const host = principal('company_tutor', '7b0c9b7e-9f3e-4c7e-8a55-1f1f3f9d0a01', 'COMPANY', [net.programme]);
    for (const who of [host, net.leadCoordinator, principal('data_protection_officer', net.leadBody, 'SOCIAL_SERVICES')]) {
      const { res, steps: seen } = await stepsAs(who);
      expect(seen).toEqual([]);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('is not given once the consent is revoked or the case closed', async () => {
    const live = (await stepsAs(networkOperator)).steps.find((s) => s.kind === 'INTERNSHIP' && s.status === 'PLANNED' && s.placementToken);
    expect(live).toBeDefined();
    const [consent] = await h.db.query("SELECT id FROM consent WHERE person_id = $1 AND organisation_id = $2 AND status = 'ACTIVE'", [sara, network]);
    await h.ok(net.caseManager, 'mutation($i: RevokeConsentInput!) { revokeConsent(input: $i) { status } }', { i: { consentId: consent.id, revokedOn: '2025-10-01' } });
    const revoked = await stepsAs(networkOperator);
    expect(revoked.steps).toEqual([]);
    expect(revoked.res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await h.ok(net.caseManager, 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', { i: { personId: sara, organisationId: network, givenOn: '2025-10-02' } });
    expect(await tokenOf(networkOperator, live!.id)).not.toBeNull();
    // The lead body's own internship step has a token for its case manager while the case is live.
    const OWN = 'query($id: ID!) { case(id: $id) { plan { steps { id placementToken } } } }';
    const leadStep = steps.find((s) => s.kind === 'INTERNSHIP' && s.ownerOrganisation.id === net.leadBody)!.id;
    const ownToken = (await h.ok(net.caseManager, OWN, { id: saraCase })).case.plan.steps.find((s: any) => s.id === leadStep).placementToken;
    expect(verify(ownToken, net.caseManager, leadStep)).not.toBeNull();
    await h.ok(net.caseManager, 'mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }', {
      i: { caseId: saraCase, status: 'CLOSED', closedOn: '2025-10-31', closureReason: 'MOVED_AWAY' },
    });
    // A closed case is no longer shared with the partners, and its steps have no token for anyone.
    expect((await stepsAs(networkOperator)).steps).toEqual([]);
    const closed = await h.ok(net.caseManager, OWN, { id: saraCase });
    expect(closed.case.plan.steps.map((s: any) => s.placementToken)).toEqual([null, null, null, null, null]);
  });
});
