import { addDays, buildFiscalCode } from '@intreccio/shared';
import { outcome, race, refusals, releasedTogether, type SubgraphHarness } from '@intreccio/shared/testing';
import { buildSmallNetwork, coordinator, GIULIA, personInput, SocialServicesHarness, type PersonFacts, type SmallNetwork } from './network-builder';

/**
 * Concurrent writes and retries on one record: each race starts every request before awaiting any,
 * so they run in their own transactions at once. Whatever order the database lets them in, exactly
 * the outcomes asserted here are possible; each race is run a few times so that a lost update or a
 * duplicate has its chance to show, and the database is read afterwards to see that nothing was half
 * written.
 */

const ROUNDS = 4;

let h: SubgraphHarness;
let net: SmallNetwork;
let born = 0;

const CREATE_PERSON = 'mutation($i: CreatePersonInput!, $k: String) { createPerson(input: $i, idempotencyKey: $k) { id version } }';
const UPDATE_PERSON = 'mutation($i: UpdatePersonInput!, $k: String) { updatePerson(input: $i, idempotencyKey: $k) { id version email phone } }';
const OPEN_CASE = 'mutation($i: OpenCaseInput!, $k: String) { openCase(input: $i, idempotencyKey: $k) { id status version } }';
const GRANT = 'mutation($i: GrantConsentInput!, $k: String) { grantConsent(input: $i, idempotencyKey: $k) { id status } }';
const CREATE_PLAN = 'mutation($i: CreatePersonalPlanInput!, $k: String) { createPersonalPlan(input: $i, idempotencyKey: $k) { id version steps { id } } }';
const ADD_STEP = 'mutation($i: AddPlanStepInput!, $k: String) { addPlanStep(input: $i, idempotencyKey: $k) { id steps { id position } } }';
const SIGN = 'mutation($i: SignPersonalPlanInput!, $k: String) { signPersonalPlan(input: $i, idempotencyKey: $k) { id status version } }';
const PLAN_STATUS = 'mutation($i: ChangePlanStatusInput!, $k: String) { changePlanStatus(input: $i, idempotencyKey: $k) { id status version } }';
const STEP_STATUS = 'mutation($i: ChangePlanStepStatusInput!, $k: String) { changePlanStepStatus(input: $i, idempotencyKey: $k) { id status version } }';
const REFER = 'mutation($i: CreateReferralInput!, $k: String) { createReferral(input: $i, idempotencyKey: $k) { id status version } }';
const RESPOND = 'mutation($i: RespondToReferralInput!, $k: String) { respondToReferral(input: $i, idempotencyKey: $k) { id status version } }';
const CREATE_PROGRAMME = 'mutation($i: CreateProgrammeInput!, $k: String) { createProgramme(input: $i, idempotencyKey: $k) { id } }';
const ADD_PARTNER = 'mutation($i: AddProgrammePartnerInput!, $k: String) { addProgrammePartner(input: $i, idempotencyKey: $k) { id } }';
const CREATE_ORGANISATION = 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }';

/** Someone new: a birth date of their own gives them a fiscal code of their own. */
function newFacts(givenName = 'Martina'): PersonFacts {
  return { ...GIULIA, givenName, birthDate: addDays('1970-01-01', born++ * 37) };
}

async function newPerson(): Promise<string> {
  return (await h.ok(net.caseManager, CREATE_PERSON, { i: personInput(newFacts()) })).createPerson.id;
}

async function newCase(): Promise<{ personId: string; caseId: string }> {
  const personId = await newPerson();
  const caseId = (await h.ok(net.caseManager, OPEN_CASE, {
    i: {
      personId, programmeId: net.programme, openedOn: '2025-02-03', caseManagerName: 'Chiara Neri',
      team: [{ organisationId: net.employmentCentre, role: 'EMPLOYMENT_OPERATOR', operatorName: 'Paolo Verdi' }],
    },
  })).openCase.id;
  return { personId, caseId };
}

function planInput(caseId: string, steps = 1): Record<string, unknown> {
  return {
    caseId, goals: 'Stable work in logistics', startDate: '2025-03-01', endDate: '2025-12-31',
    steps: Array.from({ length: steps }, (_, i) => ({ kind: 'ORIENTATION', ownerOrganisationId: net.employmentCentre, description: `Step ${i + 1}` })),
  };
}

/** A signed plan of a new case, with its steps (version 1, PLANNED). */
async function signedPlan(steps = 1): Promise<{ planId: string; stepIds: string[] }> {
  const { caseId } = await newCase();
  const plan = (await h.ok(net.caseManager, CREATE_PLAN, { i: planInput(caseId, steps) })).createPersonalPlan;
  await h.ok(net.caseManager, SIGN, { i: { planId: plan.id, signedOn: '2025-03-05' } });
  return { planId: plan.id, stepIds: plan.steps.map((s: { id: string }) => s.id) };
}

async function sentReferral(): Promise<string> {
  const { caseId } = await newCase();
  return (await h.ok(net.caseManager, REFER, {
    i: { caseId, toOrganisationId: net.employmentCentre, reason: 'Registration and skills assessment', sentAt: '2025-03-06T09:00:00Z' },
  })).createReferral.id;
}

async function row<T = Record<string, any>>(sql: string, params: unknown[]): Promise<T> {
  const [found] = await h.db.query(sql, params);
  return found as T;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await row<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;
}

beforeAll(async () => {
  h = await SocialServicesHarness.start('concurrency');
  net = await buildSmallNetwork(h);
});
afterAll(() => h?.stop());

describe('respondToReferral raced on one SENT referral', () => {
  it('lets one answer stand and refuses the other, naming the state it found', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const referralId = await sentReferral();
      const answers = await race(2, (i) => h.call(net.employmentOperator, RESPOND, {
        i: i === 0
          ? { referralId, accept: true, respondedAt: '2025-03-08T10:00:00Z' }
          : { referralId, accept: false, declineReason: 'No capacity this month', respondedAt: '2025-03-08T10:00:00Z' },
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      const status = winners[0] === 0 ? 'ACCEPTED' : 'DECLINED';
      expect(won[0]!.data!.respondToReferral).toMatchObject({ status, version: 2 });
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.referralId', message: `input.referralId: the referral was already answered (${status})` }]);
      expect(await row('SELECT status, decline_reason, version FROM referral WHERE id = $1', [referralId])).toEqual({
        status, decline_reason: status === 'DECLINED' ? 'No capacity this month' : null, version: 2,
      });
    }
  });

  it('with one expectedVersion, refuses the second with CONFLICT', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const referralId = await sentReferral();
      const answers = await race(2, (i) => h.call(net.employmentOperator, RESPOND, {
        i: { referralId, expectedVersion: 1, accept: i === 0, declineReason: i === 0 ? null : 'Outside our territory' },
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/version 2, expected 1/) }]);
      expect(await row('SELECT status, version FROM referral WHERE id = $1', [referralId])).toEqual({
        status: winners[0] === 0 ? 'ACCEPTED' : 'DECLINED', version: 2,
      });
    }
  });

  it('answers a retry racing its original with the one answer, written once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const referralId = await sentReferral();
      const answers = await race(3, () => h.call(net.employmentOperator, RESPOND, {
        i: { referralId, accept: true, respondedAt: '2025-03-08T10:00:00Z' }, k: `respond-${referralId}`,
      }));
      expect(refusals(answers)).toEqual([]);
      expect(answers.map((a) => a.data!.respondToReferral)).toEqual([0, 1, 2].map(() => ({ id: referralId, status: 'ACCEPTED', version: 2 })));
      expect(await row('SELECT status, version FROM referral WHERE id = $1', [referralId])).toEqual({ status: 'ACCEPTED', version: 2 });
    }
  });
});

describe('plans and their steps', () => {
  it('refuses the second of two step changes made over one expectedVersion', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { stepIds: [stepId] } = await signedPlan();
      const answers = await race(2, (i) => h.call(net.caseManager, STEP_STATUS, {
        i: { stepId, expectedVersion: 1, status: i === 0 ? 'IN_PROGRESS' : 'CANCELLED' },
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/^The step was changed by someone else \(version 2, expected 1\)/) }]);
      expect(await row('SELECT status, version FROM plan_step WHERE id = $1', [stepId])).toEqual({
        status: winners[0] === 0 ? 'IN_PROGRESS' : 'CANCELLED', version: 2,
      });
    }
  });

  it('without expectedVersion, lets the second change see the first: a finished step is not also cancelled', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { stepIds: [stepId] } = await signedPlan();
      await h.ok(net.caseManager, STEP_STATUS, { i: { stepId, status: 'IN_PROGRESS' } });
      const wanted = ['DONE', 'CANCELLED'];
      const answers = await race(2, (i) => h.call(net.caseManager, STEP_STATUS, { i: { stepId, status: wanted[i] } }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      const first = wanted[winners[0]!]!;
      const second = wanted[1 - winners[0]!]!;
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.status', message: `input.status: a ${first} step cannot become ${second}` }]);
      expect(await row('SELECT status, version FROM plan_step WHERE id = $1', [stepId])).toEqual({ status: first, version: 3 });
    }
  });

  it('serves more step changes at once than the service has database connections', async () => {
    // Every change waits on its step's lock while holding its pooled connection, then all go on at
    // once: a check that took a second connection while holding the first would wait for ever.
    const steps = h.poolSize + 4;
    const { stepIds } = await signedPlan(steps);
    const answers = await releasedTogether(h.databaseUrl, 'SELECT 1 FROM plan_step WHERE id = ANY($1::uuid[]) FOR UPDATE', [stepIds], h.poolSize, () =>
      race(steps, (i) => h.call(net.caseManager, STEP_STATUS, { i: { stepId: stepIds[i], status: 'IN_PROGRESS', expectedVersion: 1 } })));
    expect(refusals(answers)).toEqual([]);
    expect(await h.db.query('SELECT DISTINCT status, version FROM plan_step WHERE id = ANY($1::uuid[])', [stepIds])).toEqual([{ status: 'IN_PROGRESS', version: 2 }]);
  });

  it('refuses the second of two plan status changes made over one expectedVersion, and a second ending without one', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { planId } = await signedPlan();
      const ending = ['COMPLETED', 'CANCELLED'];
      const versioned = await race(2, (i) => h.call(net.caseManager, PLAN_STATUS, { i: { planId, expectedVersion: 2, status: ending[i] } }));
      const { won, winners } = outcome(versioned);
      expect(won).toHaveLength(1);
      expect(refusals(versioned)).toEqual([{ code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/^The plan was changed by someone else \(version 3, expected 2\)/) }]);
      expect(await row('SELECT status, version FROM personal_plan WHERE id = $1', [planId])).toEqual({ status: ending[winners[0]!], version: 3 });

      const other = await signedPlan();
      const unversioned = await race(2, (i) => h.call(net.caseManager, PLAN_STATUS, { i: { planId: other.planId, status: ending[i] } }));
      const second = outcome(unversioned);
      expect(second.won).toHaveLength(1);
      const first = ending[second.winners[0]!];
      expect(refusals(unversioned)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.status', message: `input.status: a ${first} plan cannot become ${ending[1 - second.winners[0]!]}` }]);
      expect(await row('SELECT status, version FROM personal_plan WHERE id = $1', [other.planId])).toEqual({ status: first, version: 3 });
    }
  });

  it('signs a plan once when two signatures are recorded at the same time', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { caseId } = await newCase();
      const planId = (await h.ok(net.caseManager, CREATE_PLAN, { i: planInput(caseId) })).createPersonalPlan.id;
      const answers = await race(2, (i) => h.call(net.caseManager, SIGN, { i: { planId, signedOn: i === 0 ? '2025-03-05' : '2025-03-06' } }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.planId', message: 'input.planId: only a DRAFT plan can be signed; this one is SIGNED' }]);
      expect(await row('SELECT status, signed_on, version FROM personal_plan WHERE id = $1', [planId])).toEqual({
        status: 'SIGNED', signed_on: winners[0] === 0 ? '2025-03-05' : '2025-03-06', version: 2,
      });
    }
  });

  it('drafts one plan per case when several are drafted at once, with only its own steps', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { caseId } = await newCase();
      const answers = await race(3, () => h.call(net.caseManager, CREATE_PLAN, { i: planInput(caseId, 2) }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({
        code: 'BAD_USER_INPUT', field: 'input.caseId', message: 'input.caseId: the case already has a draft or signed plan; complete or cancel it first',
      })));
      expect(await count('personal_plan WHERE case_id = $1', [caseId])).toBe(1);
      expect(await count('plan_step s JOIN personal_plan p ON p.id = s.plan_id WHERE p.case_id = $1', [caseId])).toBe(2);
    }
  });

  it('numbers steps added at the same time one after the other', async () => {
    const { planId } = await signedPlan(1);
    const added = 6;
    const answers = await race(added, (i) => h.call(net.caseManager, ADD_STEP, {
      i: { planId, kind: 'JOB_SEARCH', ownerOrganisationId: net.employmentCentre, description: `Added ${i}` },
    }));
    expect(refusals(answers)).toEqual([]);
    const positions = (await h.db.query('SELECT position FROM plan_step WHERE plan_id = $1 ORDER BY position', [planId])).map((r: { position: number }) => r.position);
    expect(positions).toEqual(Array.from({ length: added + 1 }, (_, i) => i + 1));
  });
});

describe('taking in charge', () => {
  it('opens one live case when several are opened for one person at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await newPerson();
      const answers = await race(4, () => h.call(net.caseManager, OPEN_CASE, {
        i: {
          personId, programmeId: net.programme, openedOn: '2025-02-03', caseManagerName: 'Chiara Neri',
          team: [{ organisationId: net.trainingProvider, role: 'TRAINING_OPERATOR', operatorName: 'Elena Conti' }],
        },
      }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2, 3].map(() => ({ code: 'CONFLICT', field: 'input.personId', message: 'The person already has a live case in this programme' })));
      expect(await count("case_file WHERE person_id = $1 AND status <> 'CLOSED'", [personId])).toBe(1);
      expect(await count('case_team_member m JOIN case_file c ON c.id = m.case_id WHERE c.person_id = $1', [personId])).toBe(2);
    }
  });

  it('records one active consent when the same consent is granted twice at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await newPerson();
      const answers = await race(3, () => h.call(net.caseManager, GRANT, { i: { personId, organisationId: net.employmentCentre, givenOn: '2025-02-03' } }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers).map((r) => [r.code, r.field])).toEqual([['CONFLICT', 'input.organisationId'], ['CONFLICT', 'input.organisationId']]);
      expect(await count("consent WHERE person_id = $1 AND status = 'ACTIVE'", [personId])).toBe(1);
    }
  });
});

describe('people', () => {
  it('registers a fiscal code once when it is registered several times at once, and logs each refused lookup', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const facts = newFacts('Beatrice');
      const fiscalCode = buildFiscalCode(facts);
      const answers = await race(4, () => h.call(net.caseManager, CREATE_PERSON, { i: personInput(facts) }));
      const { won } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2, 3].map(() => ({
        code: 'CONFLICT', field: 'input.fiscalCode', message: expect.stringMatching(/^A person with this fiscal code is already registered/),
      })));
      expect(await count('person WHERE fiscal_code = $1', [fiscalCode])).toBe(1);
      // Each refusal told its caller that the code is taken: a lookup of the person, on record.
      expect(await count("access_log WHERE person_id = $1 AND 'DUPLICATE_CHECK' = ANY(reasons)", [won[0]!.data!.createPerson.id])).toBe(3);
    }
  });

  it('gives a fiscal code to one record when two records of one person get it at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const facts = newFacts('Elisa');
      const fiscalCode = buildFiscalCode(facts);
      const ids: string[] = [];
      for (const _ of [1, 2]) ids.push((await h.ok(net.caseManager, CREATE_PERSON, { i: personInput(facts, null as unknown as string) })).createPerson.id);
      const answers = await race(2, (i) => h.call(net.caseManager, UPDATE_PERSON, { i: { id: ids[i], fiscalCode } }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'CONFLICT', field: 'input.fiscalCode', message: expect.stringMatching(/^A person with this fiscal code is already registered/) }]);
      expect(await h.db.query('SELECT id, fiscal_code, version FROM person WHERE id = ANY($1::uuid[]) ORDER BY fiscal_code NULLS LAST', [ids])).toEqual([
        { id: ids[winners[0]!], fiscal_code: fiscalCode, version: 2 },
        { id: ids[1 - winners[0]!], fiscal_code: null, version: 1 },
      ]);
    }
  });

  it('refuses the second of two updates made over one expectedVersion', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newPerson();
      const answers = await race(2, (i) => h.call(net.caseManager, UPDATE_PERSON, {
        i: i === 0 ? { id, expectedVersion: 1, email: 'martina@example.org' } : { id, expectedVersion: 1, phone: '+39 0577 123456' },
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/^The person was changed by someone else \(version 2, expected 1\)/) }]);
      expect(await row('SELECT email, phone, version FROM person WHERE id = $1', [id])).toEqual({
        email: winners[0] === 0 ? 'martina@example.org' : null, phone: winners[0] === 1 ? '+39 0577 123456' : null, version: 2,
      });
    }
  });

  it('keeps both of two updates of different fields made without expectedVersion', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newPerson();
      const answers = await race(2, (i) => h.call(net.caseManager, UPDATE_PERSON, {
        i: i === 0 ? { id, email: 'martina@example.org' } : { id, phone: '+39 0577 123456' },
      }));
      expect(refusals(answers)).toEqual([]);
      expect(answers.map((a) => a.data!.updatePerson.version).sort()).toEqual([2, 3]);
      expect(await row('SELECT email, phone, version FROM person WHERE id = $1', [id])).toEqual({ email: 'martina@example.org', phone: '+39 0577 123456', version: 3 });
    }
  });
});

describe('idempotency keys raced', () => {
  it('writes once for one key sent several times at once, and gives every request the same record', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const facts = newFacts('Arianna');
      const key = `create-person-${round}`;
      const answers = await race(4, () => h.call(net.caseManager, CREATE_PERSON, { i: personInput(facts), k: key }));
      expect(refusals(answers)).toEqual([]);
      const ids = new Set(answers.map((a) => a.data!.createPerson.id));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      expect(await count('person WHERE fiscal_code = $1', [buildFiscalCode(facts)])).toBe(1);
      expect(await h.db.query('SELECT operation, result_id FROM idempotency_key WHERE organisation_id = $1 AND key = $2', [net.leadBody, key]))
        .toEqual([{ operation: 'createPerson', result_id: id }]);
    }
  });

  it('writes one of two different requests sent at once with one key, and refuses the other', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const people = [newFacts('Chiara'), newFacts('Debora')];
      const key = `create-one-of-two-${round}`;
      const answers = await race(2, (i) => h.call(net.caseManager, CREATE_PERSON, { i: personInput(people[i]!), k: key }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: 'idempotencyKey: this key was already used for a different request' }]);
      expect(await count('person WHERE fiscal_code = $1', [buildFiscalCode(people[winners[0]!]!)])).toBe(1);
      expect(await count('person WHERE fiscal_code = $1', [buildFiscalCode(people[1 - winners[0]!]!)])).toBe(0);
    }
  });

  it('opens one case for one key sent twice at once, with one team', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await newPerson();
      const key = `open-${personId}`;
      const answers = await race(2, () => h.call(net.caseManager, OPEN_CASE, {
        i: { personId, programmeId: net.programme, openedOn: '2025-02-03', caseManagerName: 'Chiara Neri' }, k: key,
      }));
      expect(refusals(answers)).toEqual([]);
      expect(new Set(answers.map((a) => a.data!.openCase.id)).size).toBe(1);
      expect(await count('case_file WHERE person_id = $1', [personId])).toBe(1);
      expect(await count('case_team_member m JOIN case_file c ON c.id = m.case_id WHERE c.person_id = $1', [personId])).toBe(1);
    }
  });
});

describe('the programme registry', () => {
  it('creates one programme per code when the code is used several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const code = `RACE${round}`;
      const answers = await race(3, () => h.call(net.leadCoordinator, CREATE_PROGRAMME, {
        i: {
          code, name: `Programme ${code}`, leadOrganisationId: net.leadBody, territory: ['G752'], startDate: '2025-01-01', endDate: '2026-12-31',
          budgetCents: 1_000_000, referralResponseDays: 10,
        },
      }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({ code: 'CONFLICT', field: 'input.code', message: `A programme with code ${code} exists` })));
      expect(await count('programme WHERE code = $1', [code])).toBe(1);
      expect(await count('programme_partner pp JOIN programme p ON p.id = pp.programme_id WHERE p.code = $1', [code])).toBe(1);
    }
  });

  it('adds a partner once when it is added several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const organisationId = (await h.ok(coordinator, CREATE_ORGANISATION, {
        i: { name: `Cooperativa sociale ${round}`, kind: 'SOCIAL_SERVICES', municipalityCode: 'G752' },
      })).createOrganisation.id;
      const answers = await race(3, () => h.call(net.leadCoordinator, ADD_PARTNER, {
        i: { programmeId: net.programme, organisationId, role: 'Partner', joinedOn: '2025-01-01' },
      }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({ code: 'CONFLICT', field: 'input.organisationId', message: 'The organisation is already a partner of this programme' })));
      expect(await count('programme_partner WHERE programme_id = $1 AND organisation_id = $2', [net.programme, organisationId])).toBe(1);
    }
  });
});
