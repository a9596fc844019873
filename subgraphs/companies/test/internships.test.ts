import { randomUUID } from 'node:crypto';
import { lastingRid, type Principal } from '@intreccio/shared';
import { principal, signedGrant, tampered } from '@intreccio/shared/testing';
import {
  addTutor, caseManager, CHANGE_STATUS, coordinator, createCompany, CREATE_INTERNSHIP, HOST_ORG, hostTutor, internshipInput, operator,
  OTHER_PROGRAMME, personId, placed, placementToken, PROGRAMME, RULES, setRules, startCompanies, type Harness,
} from './network-builder';

let h: Harness;
let companyId: string;
let tutorId: string;
let person = 100;
const nextPerson = () => personId(person++);
const newProgramme = (): string => randomUUID();

/** Tutors take three interns at a time: each scenario gets its own, unless it tests the limit. */
async function freshTutor(company = companyId): Promise<string> {
  return addTutor(h, company, `Tutor ${person}`);
}

async function plan(overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const tutor = (overrides.companyTutorId as string | undefined) ?? (await freshTutor());
  return (await h.ok(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(companyId, tutor, { personId: nextPerson(), ...overrides })) })).createInternship;
}

async function change(internshipId: string, status: string, extra: Record<string, unknown> = {}) {
  return h.call(operator, CHANGE_STATUS, { i: { internshipId, status, ...extra } });
}

beforeAll(async () => {
  h = await startCompanies('internships');
  companyId = await createCompany(h, { name: 'Hotel Giardino S.r.l.', organisationId: HOST_ORG });
  tutorId = await addTutor(h, companyId);
});
afterAll(() => h?.stop());

describe('internship rules', () => {
  const SET = 'mutation($i: SetInternshipRulesInput!) { setInternshipRules(input: $i) { allowanceMinCents maxMonths version programme { id } } }';

  it('are set by the coordinator, with minimums not above maximums', async () => {
    const forbidden = await h.call(operator, SET, { i: { programmeId: PROGRAMME, ...RULES } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.call(coordinator, SET, { i: { programmeId: PROGRAMME, ...RULES, allowanceMaxCents: 30_000, maxWeeklyHours: 10 } });
    expect((bad.errors?.[0]?.extensions?.problems as { field: string }[]).map((p) => p.field)).toEqual(['input.allowanceMaxCents', 'input.maxWeeklyHours']);
    const set = await h.ok(coordinator, SET, { i: { programmeId: PROGRAMME, ...RULES } });
    expect(set.setInternshipRules).toEqual({ allowanceMinCents: 40_000, maxMonths: 6, version: 1, programme: { id: PROGRAMME } });
    const stale = await h.call(coordinator, SET, { i: { programmeId: PROGRAMME, ...RULES, expectedVersion: 7 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
  });

  it('are contributed to the Programme entity', async () => {
    const res = await h.entities(caseManager, [{ __typename: 'Programme', id: PROGRAMME }, { __typename: 'Programme', id: OTHER_PROGRAMME }],
      '... on Programme { id internshipRules { allowanceMinCents allowanceMaxCents minWeeklyHours maxWeeklyHours maxMonths } }');
    expect((res.data as any)._entities).toEqual([
      { id: PROGRAMME, internshipRules: RULES },
      { id: OTHER_PROGRAMME, internshipRules: null },
    ]);
  });
});

describe('createInternship', () => {
  it('plans an internship within the bounds', async () => {
    const created = await plan();
    expect(created).toMatchObject({ status: 'PLANNED', version: 1 });
    const read = await h.ok(operator, `query($id: ID!) { internship(id: $id) {
      status person { id } programme { id } promoterOrganisation { id } company { name } companyTutor { company { id } } occupation { uri }
    } }`, { id: created.id });
    expect(read.internship).toMatchObject({ status: 'PLANNED', programme: { id: PROGRAMME }, company: { name: 'Hotel Giardino S.r.l.' }, companyTutor: { company: { id: companyId } } });
    expect(read.internship.promoterOrganisation.id).toBe(operator.organisationId);
  });

  it('needs the programme to have internship rules', async () => {
    const res = await h.call(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(companyId, tutorId, { personId: nextPerson(), programmeId: OTHER_PROGRAMME })) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeId' });
    expect(res.errors?.[0]?.message).toMatch('no internship rules for this programme');
  });

  it.each([
    ['an allowance below the bounds', { monthlyAllowanceCents: 39_999 }, 'input.monthlyAllowanceCents', /between €400.00 and €600.00/],
    ['an allowance above the bounds', { monthlyAllowanceCents: 60_001 }, 'input.monthlyAllowanceCents', /between €400.00 and €600.00/],
    ['too few hours', { weeklyHours: 19 }, 'input.weeklyHours', /between 20 and 30/],
    ['too many hours', { weeklyHours: 31 }, 'input.weeklyHours', /between 20 and 30/],
    ['too long a duration', { startDate: '2026-01-12', endDate: '2026-07-12' }, 'input.endDate', /at most 6 months: .* must end by 2026-07-11/],
    ['an end before the start', { startDate: '2026-01-12', endDate: '2026-01-11' }, 'input.endDate', /must not be before startDate/],
    ['a person id that is not an id', { personId: 'CF-RSSMRA80A01H501U' }, 'input.personId', /not a valid id/],
    ['an unknown ESCO occupation', { occupationUri: 'http://data.europa.eu/esco/occupation/nope' }, 'input.occupationUri', /not an occupation/],
    ['an unknown company', { companyId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' }, 'input.companyId', /no company/],
  ])('refuses %s, naming the field, and writes nothing', async (_label, overrides, field, message) => {
    const before = await h.count('internship');
    const res = await h.call(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(companyId, tutorId, { personId: nextPerson(), ...overrides })) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await h.count('internship')).toBe(before);
  });

  it("refuses a tutor of another company, and one who is no longer active", async () => {
    const otherCompany = await createCompany(h, { name: 'Pelletteria Arno' });
    const otherTutor = await addTutor(h, otherCompany);
    const res = await h.call(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(companyId, otherTutor, { personId: nextPerson() })) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.companyTutorId' });
    expect(res.errors?.[0]?.message).toMatch('another company');
    const leaving = await freshTutor();
    await h.ok(operator, 'mutation($i: UpdateCompanyTutorInput!) { updateCompanyTutor(input: $i) { active } }', { i: { id: leaving, active: false } });
    const inactive = await h.call(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(companyId, leaving, { personId: nextPerson() })) });
    expect(inactive.errors?.[0]?.message).toMatch('no longer an active tutor');
  });

  it('refuses an opportunity of another company', async () => {
    const otherCompany = await createCompany(h);
    const visit = await h.ok(operator, `mutation($i: RecordScoutingVisitInput!) { recordScoutingVisit(input: $i) { opportunities { id } } }`, {
      i: { companyId: otherCompany, programmeId: PROGRAMME, visitedOn: '2025-11-03', operatorName: 'Giulia Neri', outcome: 'INTERESTED', opportunities: [{ kind: 'INDIRECT' }] },
    });
    const res = await h.call(operator, CREATE_INTERNSHIP, {
      i: await placed(h, operator, internshipInput(companyId, await freshTutor(), { personId: nextPerson(), opportunityId: visit.recordScoutingVisit.opportunities[0].id })),
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.opportunityId' });
  });

  it('refuses an internship overlapping a live one of the same person', async () => {
    const who = nextPerson();
    await plan({ personId: who, startDate: '2026-02-02', endDate: '2026-04-30' });
    const overlapping = await h.call(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(companyId, await freshTutor(), { personId: who, startDate: '2026-04-30', endDate: '2026-06-30' })) });
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.startDate' });
    expect(overlapping.errors?.[0]?.message).toMatch('a PLANNED internship from 2026-02-02 to 2026-04-30');
    await plan({ personId: who, startDate: '2026-05-01', endDate: '2026-06-30' });
  });

  it('lets exactly one of two concurrent creations for one person win', async () => {
    const who = nextPerson();
    const tutors = await Promise.all([freshTutor(), freshTutor(), freshTutor(), freshTutor()]);
    const before = await h.count('internship');
    const inputs = await Promise.all(tutors.map((t, n) => placed(h, operator, internshipInput(companyId, t, { personId: who, startDate: `2026-0${n + 2}-02`, endDate: '2026-06-30' }))));
    const results = await Promise.all(inputs.map((i) => h.call(operator, CREATE_INTERNSHIP, { i })));
    expect(results.filter((r) => r.data?.createInternship).length).toBe(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.startDate' });
    expect(await h.count('internship')).toBe(before + 1);
  });

  it('keeps a tutor to three interns at a time, even under concurrent requests', async () => {
    const tutor = await freshTutor();
    const spring = { startDate: '2026-03-02', endDate: '2026-06-30' };
    await plan({ companyTutorId: tutor, ...spring });
    await plan({ companyTutorId: tutor, startDate: '2026-01-12', endDate: '2026-03-02' });
    const inputs = await Promise.all([1, 2, 3].map(() => placed(h, operator, internshipInput(companyId, tutor, { personId: nextPerson(), ...spring }))));
    const results = await Promise.all(inputs.map((i) => h.call(operator, CREATE_INTERNSHIP, { i })));
    expect(results.filter((r) => r.data?.createInternship).length).toBe(1);
    for (const r of results.filter((x) => x.errors)) {
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.companyTutorId' });
      expect(r.errors?.[0]?.message).toMatch('already follows 3 interns');
    }
    // After the spring internships end the tutor is free again.
    await plan({ companyTutorId: tutor, startDate: '2026-07-01', endDate: '2026-09-30' });
  });

  it('writes once when retried with one idempotency key', async () => {
    const input = await placed(h, operator, internshipInput(companyId, await freshTutor(), { personId: nextPerson() }));
    const before = await h.count('internship');
    const [a, b] = await Promise.all([h.ok(operator, CREATE_INTERNSHIP, { i: input, k: 'intern-1' }), h.ok(operator, CREATE_INTERNSHIP, { i: input, k: 'intern-1' })]);
    expect(a.createInternship.id).toBe(b.createInternship.id);
    expect(await h.count('internship')).toBe(before + 1);
  });
});

describe("the signed plan behind an internship", () => {
  const STEP = '6a1f2e3d-4c5b-4a69-8877-000000000001';
  /** An internship input for a fresh person and tutor, for plan step STEP, and what the token is about. */
  async function attempt() {
    const input = internshipInput(companyId, await freshTutor(), { personId: nextPerson(), planStepId: STEP });
    return { input, placement: { personId: input.personId as string, programmeId: input.programmeId as string, stepId: STEP } };
  }
  /** Sends `input` with `token` as operator; the request must be refused with `code` on input.planStepToken, writing nothing. */
  async function refused(input: Record<string, unknown>, token: unknown, code: string, message: RegExp, who: Principal = operator) {
    const before = await h.count('internship');
    const res = await h.call(who, CREATE_INTERNSHIP, { i: { ...input, planStepToken: token } });
    expect(res.data?.createInternship ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, field: 'input.planStepToken' });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await h.count('internship')).toBe(before);
  }
  const ASK = /ask social services for the step's PlanStep\.placementToken first/;

  it('records the plan step social services vouched for', async () => {
    const { input, placement } = await attempt();
    const created = await h.ok(operator, CREATE_INTERNSHIP, { i: { ...input, planStepToken: await placementToken(h, operator, placement) } });
    const read = await h.ok(operator, 'query($id: ID!) { internship(id: $id) { planStepId person { id } } }', { id: created.createInternship.id });
    expect(read.internship).toEqual({ planStepId: STEP, person: { id: placement.personId } });
    const [row] = await h.db.query('SELECT plan_step_id FROM internship WHERE id = $1', [created.createInternship.id]);
    expect(row.plan_step_id).toBe(STEP);
  });

  it('needs a token', async () => {
    const { input } = await attempt();
    const before = await h.count('internship');
    const missing = await h.call(operator, CREATE_INTERNSHIP, { i: input });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.planStepToken' });
    const noStep = await h.call(operator, CREATE_INTERNSHIP, { i: { ...input, planStepId: undefined, planStepToken: 'x' } });
    expect(noStep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.planStepId' });
    await refused(input, '', 'BAD_USER_INPUT', /planStepToken/);
    const notAnId = await h.call(operator, CREATE_INTERNSHIP, { i: { ...input, planStepId: 'step-2', planStepToken: 'x' } });
    expect(notAnId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.planStepId' });
    expect(await h.count('internship')).toBe(before);
  });

  it('refuses a forged token', async () => {
    const { input, placement } = await attempt();
    const genuine = await placementToken(h, operator, placement);
    await refused(input, 'not-a-token', 'FORBIDDEN', ASK);
    // Its claims changed with the tags kept: a longer life.
    await refused(input, tampered(genuine, { exp: Math.floor(Date.now() / 1000) + 86_400 }), 'FORBIDDEN', ASK);
    // Signed by a partner other than social services, or a grant of another kind about the same thing.
    const sub = `${placement.personId}|${placement.programmeId}|${STEP}`;
    await refused(input, await signedGrant(h.env.dataDir, 'employment-centre', 'plan-step', sub, operator, lastingRid(operator.subject)), 'FORBIDDEN', ASK);
    await refused(input, await signedGrant(h.env.dataDir, 'social-services', 'erasure', sub, operator, lastingRid(operator.subject)), 'FORBIDDEN', ASK);
    // One bound to a single gateway request, as grants in representations are.
    await refused(input, await signedGrant(h.env.dataDir, 'social-services', 'plan-step', sub, operator, h.newRequestId()), 'FORBIDDEN', ASK);
  });

  it('refuses an expired token, 30 minutes after social services gave it', async () => {
    const { input, placement } = await attempt();
    await refused(input, await placementToken(h, operator, placement, Date.now() - 31 * 60_000), 'FORBIDDEN', /expired/);
    const created = await h.ok(operator, CREATE_INTERNSHIP, { i: { ...input, planStepToken: await placementToken(h, operator, placement, Date.now() - 29 * 60_000) } });
    expect(created.createInternship.status).toBe('PLANNED');
  });

  it('refuses a token for another person, programme or step, saying which', async () => {
    const { input, placement } = await attempt();
    const cases: [Partial<typeof placement>, RegExp][] = [
      [{ personId: nextPerson() }, /another person than input\.personId/],
      [{ programmeId: OTHER_PROGRAMME }, /another programme than input\.programmeId/],
      [{ stepId: '6a1f2e3d-4c5b-4a69-8877-000000000002' }, /another plan step than input\.planStepId/],
    ];
    for (const [change, message] of cases) {
      await refused(input, await placementToken(h, operator, { ...placement, ...change }), 'BAD_USER_INPUT', message);
      await refused(input, await placementToken(h, operator, { ...placement, ...change }), 'BAD_USER_INPUT', ASK);
    }
  });

  it('refuses a token social services gave another organisation or another user', async () => {
    const { input, placement } = await attempt();
    const otherNetwork = principal('company_network_operator', '0b6f5a8e-1c2d-4e3f-8a9b-000000000009', 'COMPANY_NETWORK', [PROGRAMME]);
    await refused(input, await placementToken(h, otherNetwork, placement), 'FORBIDDEN', ASK);
    const colleague: Principal = { ...operator, subject: 'another-operator' };
    await refused(input, await placementToken(h, colleague, placement), 'FORBIDDEN', ASK);
    // And the colleague does not use the operator's.
    await refused(input, await placementToken(h, operator, placement), 'FORBIDDEN', ASK, colleague);
  });

  it('recognises a retry that carries a fresh token as the same request', async () => {
    const { input, placement } = await attempt();
    const before = await h.count('internship');
    const first = await h.ok(operator, CREATE_INTERNSHIP, { i: { ...input, planStepToken: await placementToken(h, operator, placement, Date.now() - 60_000) }, k: 'plan-retry-1' });
    const retry = await h.ok(operator, CREATE_INTERNSHIP, { i: { ...input, planStepToken: await placementToken(h, operator, placement) }, k: 'plan-retry-1' });
    expect(retry.createInternship.id).toBe(first.createInternship.id);
    expect(await h.count('internship')).toBe(before + 1);
    // The key with another step is another request; a retry still needs a valid token.
    const otherStep = '6a1f2e3d-4c5b-4a69-8877-000000000003';
    const reused = await h.call(operator, CREATE_INTERNSHIP, {
      i: { ...input, planStepId: otherStep, planStepToken: await placementToken(h, operator, { ...placement, stepId: otherStep }) }, k: 'plan-retry-1',
    });
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const expired = await h.call(operator, CREATE_INTERNSHIP, { i: { ...input, planStepToken: await placementToken(h, operator, placement, Date.now() - 31 * 60_000) }, k: 'plan-retry-1' });
    expect(expired.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.planStepToken' });
  });

  it('keeps the plan step from host companies, who see their interns’ internships', async () => {
    const host = await h.ok(hostTutor, '{ internships(first: 5) { edges { node { id status } } } }');
    expect(host.internships.edges.length).toBeGreaterThan(0);
    const res = await h.call(hostTutor, '{ internships(first: 1) { edges { node { status planStepId } } } }');
    expect(res.data?.internships.edges[0].node).toEqual({ status: expect.any(String), planStepId: null });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Internship.planStepId' });
  });
});

describe('the internship state machine', () => {
  it('runs PLANNED → ACTIVE → SUSPENDED → ACTIVE → COMPLETED with an outcome', async () => {
    const { id } = await plan();
    const started = await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE', expectedVersion: 1 } });
    expect(started.changeInternshipStatus).toMatchObject({ status: 'ACTIVE', startedOn: '2026-01-12', version: 2 });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'SUSPENDED' } });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE' } });
    const missingOutcome = await change(id, 'COMPLETED');
    expect(missingOutcome.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.outcome' });
    const wrongOutcome = await change(id, 'COMPLETED', { outcome: 'ENDED_EARLY' });
    expect(wrongOutcome.errors?.[0]?.message).toMatch('a COMPLETED internship ends with HIRED or NOT_HIRED');
    const done = await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'COMPLETED', outcome: 'HIRED' } });
    expect(done.changeInternshipStatus).toMatchObject({ status: 'COMPLETED', outcome: 'HIRED', startedOn: '2026-01-12', version: 5 });
    for (const status of ['ACTIVE', 'SUSPENDED', 'INTERRUPTED', 'PLANNED', 'COMPLETED']) {
      const res = await change(id, status, status === 'INTERRUPTED' ? { outcome: 'ENDED_EARLY', interruptedOn: '2026-02-01', interruptionReason: 'Moved away' } : {});
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
      expect(res.errors?.[0]?.message).toMatch(`a COMPLETED internship cannot become ${status}`);
    }
  });

  it.each([
    ['PLANNED', 'SUSPENDED'],
    ['PLANNED', 'COMPLETED'],
    ['PLANNED', 'PLANNED'],
  ])('refuses %s → %s', async (_from, to) => {
    const { id } = await plan();
    const res = await change(id, to, to === 'COMPLETED' ? { outcome: 'HIRED' } : {});
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect(res.errors?.[0]?.message).toMatch(`a PLANNED internship cannot become ${to}`);
  });

  it('refuses to start an internship before its start date, or outside it', async () => {
    const { id } = await plan({ startDate: '2099-01-05', endDate: '2099-03-31' });
    const early = await change(id, 'ACTIVE');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    const outside = await change(id, 'ACTIVE', { startedOn: '2098-12-01' });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startedOn' });
  });

  it('interrupts with a date, a reason and an outcome, and the person is free again', async () => {
    const who = nextPerson();
    const { id } = await plan({ personId: who });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE', startedOn: '2026-01-14' } });
    const noReason = await change(id, 'INTERRUPTED', { outcome: 'ENDED_EARLY', interruptedOn: '2026-02-20' });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.interruptionReason' });
    const tooEarly = await change(id, 'INTERRUPTED', { outcome: 'ENDED_EARLY', interruptedOn: '2026-01-13', interruptionReason: 'Moved away' });
    expect(tooEarly.errors?.[0]?.extensions).toMatchObject({ field: 'input.interruptedOn' });
    const notHired = await change(id, 'INTERRUPTED', { outcome: 'NOT_HIRED', interruptedOn: '2026-02-20', interruptionReason: 'Moved away' });
    expect(notHired.errors?.[0]?.extensions).toMatchObject({ field: 'input.outcome' });
    const stale = await change(id, 'INTERRUPTED', { outcome: 'ENDED_EARLY', interruptedOn: '2026-02-20', interruptionReason: 'Moved away', expectedVersion: 1 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const done = await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'INTERRUPTED', outcome: 'ENDED_EARLY', interruptedOn: '2026-02-20', interruptionReason: 'Moved away' } });
    expect(done.changeInternshipStatus).toMatchObject({ status: 'INTERRUPTED', startedOn: '2026-01-14', interruptedOn: '2026-02-20', interruptionReason: 'Moved away' });
    const resumed = await change(id, 'ACTIVE');
    expect(resumed.errors?.[0]?.message).toMatch('an INTERRUPTED internship cannot become ACTIVE');
    await plan({ personId: who, startDate: '2026-03-02', endDate: '2026-05-29' });
  });

  it('cancels a PLANNED internship by interrupting it before it starts', async () => {
    const { id } = await plan({ startDate: '2099-01-05', endDate: '2099-03-31' });
    const res = await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'INTERRUPTED', outcome: 'ENDED_EARLY', interruptedOn: '2026-02-01', interruptionReason: 'The company withdrew' } });
    expect(res.changeInternshipStatus).toMatchObject({ status: 'INTERRUPTED', startedOn: null });
  });

  it('re-checks the programme bounds when an internship starts', async () => {
    const { id } = await plan({ monthlyAllowanceCents: 40_000 });
    await setRules(h, PROGRAMME, { ...RULES, allowanceMinCents: 45_000, expectedVersion: 1 });
    try {
      const res = await change(id, 'ACTIVE');
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
      expect(res.errors?.[0]?.message).toMatch('between €450.00 and €600.00');
      const fixed = await h.ok(operator, 'mutation($i: UpdateInternshipInput!) { updateInternship(input: $i) { monthlyAllowanceCents } }', {
        i: { internshipId: id, monthlyAllowanceCents: 45_000 },
      });
      expect(fixed.updateInternship.monthlyAllowanceCents).toBe(45_000);
      expect((await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE' } })).changeInternshipStatus.status).toBe('ACTIVE');
    } finally {
      await setRules(h, PROGRAMME, { ...RULES, expectedVersion: 2 });
    }
  });
});

const PAY = 'mutation($i: RecordAllowancePaymentInput!) { recordAllowancePayment(input: $i) { month amountCents internship { id } } }';
const VISIT = 'mutation($i: RecordTutoringVisitInput!) { recordTutoringVisit(input: $i) { visitedOn hours tutorKind } }';

describe('allowance payments', () => {
  it('are not paid for a PLANNED internship', async () => {
    const { id } = await plan();
    const res = await h.call(operator, PAY, { i: { internshipId: id, month: '2026-02', amountCents: 50_000, paidOn: '2026-03-05' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.internshipId' });
  });

  it('are paid once a month, within the internship, up to the monthly allowance', async () => {
    const { id } = await plan({ startDate: '2026-01-12', endDate: '2026-05-29' });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE' } });
    const january = await h.ok(operator, PAY, { i: { internshipId: id, month: '2026-01', amountCents: 32_000, paidOn: '2026-02-05' } });
    expect(january.recordAllowancePayment).toEqual({ month: '2026-01', amountCents: 32_000, internship: { id } });
    const twice = await h.call(operator, PAY, { i: { internshipId: id, month: '2026-01', amountCents: 18_000, paidOn: '2026-02-06' } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.month' });
    const before = await h.call(operator, PAY, { i: { internshipId: id, month: '2025-12', amountCents: 50_000, paidOn: '2026-01-05' } });
    expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.month' });
    const after = await h.call(operator, PAY, { i: { internshipId: id, month: '2026-06', amountCents: 50_000, paidOn: '2026-07-05' } });
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.month' });
    const tooMuch = await h.call(operator, PAY, { i: { internshipId: id, month: '2026-02', amountCents: 50_001, paidOn: '2026-03-05' } });
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amountCents' });
    const badMonth = await h.call(operator, PAY, { i: { internshipId: id, month: '2026-13', amountCents: 50_000, paidOn: '2026-03-05' } });
    expect(badMonth.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.month' });
    const raced = await Promise.all([1, 2].map(() => h.call(operator, PAY, { i: { internshipId: id, month: '2026-02', amountCents: 50_000, paidOn: '2026-03-05' } })));
    expect(raced.filter((r) => r.data?.recordAllowancePayment).length).toBe(1);
    expect(raced.find((r) => r.errors)?.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.month' });
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM allowance_payment WHERE internship_id = $1', [id]);
    expect(n).toBe(2);
  });

  it('stop at the day an internship was interrupted', async () => {
    const { id } = await plan({ startDate: '2026-01-12', endDate: '2026-05-29' });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE' } });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'INTERRUPTED', outcome: 'HIRED', interruptedOn: '2026-02-27', interruptionReason: 'Hired by the company' } });
    await h.ok(operator, PAY, { i: { internshipId: id, month: '2026-02', amountCents: 45_000, paidOn: '2026-03-05' } });
    const march = await h.call(operator, PAY, { i: { internshipId: id, month: '2026-03', amountCents: 10_000, paidOn: '2026-04-05' } });
    expect(march.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.month' });
  });
});

describe('tutoring visits', () => {
  it('happen within a running internship, for up to 8 hours', async () => {
    const { id } = await plan({ startDate: '2026-01-12', endDate: '2026-05-29' });
    const notStarted = await h.call(operator, VISIT, { i: { internshipId: id, visitedOn: '2026-01-20', tutorKind: 'PROMOTER_TUTOR', hours: 2 } });
    expect(notStarted.errors?.[0]?.extensions).toMatchObject({ field: 'input.internshipId' });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE' } });
    expect((await h.ok(operator, VISIT, { i: { internshipId: id, visitedOn: '2026-01-20', tutorKind: 'PROMOTER_TUTOR', hours: 1.5 } })).recordTutoringVisit)
      .toEqual({ visitedOn: '2026-01-20', tutorKind: 'PROMOTER_TUTOR', hours: 1.5 });
    for (const [hours, field] of [[0, 'input.hours'], [8.5, 'input.hours'], [1.1, 'input.hours']] as const) {
      const res = await h.call(operator, VISIT, { i: { internshipId: id, visitedOn: '2026-01-21', tutorKind: 'PROMOTER_TUTOR', hours } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const outside = await h.call(operator, VISIT, { i: { internshipId: id, visitedOn: '2026-06-01', tutorKind: 'PROMOTER_TUTOR', hours: 2 } });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.visitedOn' });
  });

  it("are recorded by the host company's own tutor for its own interns only", async () => {
    const { id } = await plan({ startDate: '2026-01-12', endDate: '2026-05-29' });
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: id, status: 'ACTIVE' } });
    await h.ok(hostTutor, VISIT, { i: { internshipId: id, visitedOn: '2026-02-10', tutorKind: 'COMPANY_TUTOR', hours: 1 } });
    const asPromoter = await h.call(hostTutor, VISIT, { i: { internshipId: id, visitedOn: '2026-02-11', tutorKind: 'PROMOTER_TUTOR', hours: 1 } });
    expect(asPromoter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherCompany = await createCompany(h);
    const otherTutor = await addTutor(h, otherCompany);
    const elsewhere = (await h.ok(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(otherCompany, otherTutor, { personId: nextPerson() })) })).createInternship.id;
    await h.ok(operator, CHANGE_STATUS, { i: { internshipId: elsewhere, status: 'ACTIVE' } });
    const foreign = await h.call(hostTutor, VISIT, { i: { internshipId: elsewhere, visitedOn: '2026-02-10', tutorKind: 'COMPANY_TUTOR', hours: 1 } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Programme.internshipKpis', () => {
  const SELECTION = `... on Programme { id internshipKpis {
    planned started active suspended completed interrupted hiredAfterInternship allowancesPaidCents tutoringHours suppressed
  } }`;
  const ALL_KPIS = ['planned', 'started', 'active', 'suspended', 'completed', 'interrupted', 'hiredAfterInternship', 'allowancesPaidCents', 'tutoringHours'];
  let seeded = 800_000;

  type Shape = { status: string; outcome?: string; started?: boolean };

  /**
   * Internships written straight to the table, one intern each (the API's rules are tested above;
   * here only the counting matters). Returns their ids, in the order given.
   */
  async function seed(programmeId: string, shapes: Shape[]): Promise<string[]> {
    const rows: { id: string }[] = await h.db.query(`
      INSERT INTO internship (person_id, programme_id, promoter_organisation_id, company_id, company_tutor_id, promoter_tutor_name,
                              start_date, end_date, weekly_hours, monthly_allowance_cents, status, outcome, started_on, interrupted_on, interruption_reason)
      SELECT p, $2, $3, $4, $5, 'Paolo Guidi', '2025-03-03', '2025-06-30', 25, 50000, s, o,
             CASE WHEN st THEN DATE '2025-03-03' END,
             CASE WHEN s = 'INTERRUPTED' THEN DATE '2025-04-15' END,
             CASE WHEN s = 'INTERRUPTED' THEN 'Moved away' END
        FROM unnest($1::uuid[], $6::text[], $7::text[], $8::boolean[]) AS u(p, s, o, st)
      RETURNING id`, [
      shapes.map(() => personId(seeded++)), programmeId, operator.organisationId, companyId, tutorId,
      shapes.map((x) => x.status), shapes.map((x) => x.outcome ?? null), shapes.map((x) => x.started ?? !['PLANNED', 'INTERRUPTED'].includes(x.status)),
    ]);
    return rows.map((r) => r.id);
  }

  const times = (n: number, shape: Shape): Shape[] => Array.from({ length: n }, () => shape);

  async function pay(programmeId: string, internshipId: string, month: string, amountCents: number): Promise<void> {
    await h.db.query('INSERT INTO allowance_payment (internship_id, programme_id, month, amount_cents, paid_on) VALUES ($1, $2, $3, $4, $5)', [
      internshipId, programmeId, month, amountCents, `${month}-28`,
    ]);
  }

  async function visit(programmeId: string, internshipId: string, hours: number): Promise<void> {
    await h.db.query("INSERT INTO tutoring_visit (internship_id, programme_id, visited_on, tutor_kind, hours) VALUES ($1, $2, '2025-04-01', 'PROMOTER_TUTOR', $3)", [
      internshipId, programmeId, hours,
    ]);
  }

  it('counts internships, allowances and tutoring for every programme asked in one statement, withholding what counts fewer than 5', async () => {
    const large = newProgramme();
    const small = newProgramme();
    const empty = newProgramme();
    const [, active] = [
      await seed(large, times(5, { status: 'PLANNED' })),
      await seed(large, times(6, { status: 'ACTIVE' })),
      await seed(large, times(4, { status: 'SUSPENDED' })),
      await seed(large, [...times(2, { status: 'COMPLETED', outcome: 'HIRED' }), ...times(3, { status: 'COMPLETED', outcome: 'NOT_HIRED' })]),
      // Three interrupted after their start, two cancelled before it.
      await seed(large, [...times(3, { status: 'INTERRUPTED', outcome: 'HIRED', started: true }), ...times(2, { status: 'INTERRUPTED', outcome: 'ENDED_EARLY' })]),
    ];
    // Five interns paid, one of them twice; five internships visited, one of them twice.
    for (const id of active!.slice(0, 5)) await pay(large, id, '2025-03', 50_000);
    await pay(large, active![0]!, '2025-04', 45_000);
    for (const id of active!.slice(0, 5)) await visit(large, id, 1.5);
    await visit(large, active![0]!, 1);

    // Four interns, each paid and visited twice: eight payments and visits, still about four people.
    for (const id of await seed(small, times(4, { status: 'ACTIVE' }))) {
      await pay(small, id, '2025-03', 50_000);
      await pay(small, id, '2025-04', 50_000);
      await visit(small, id, 2);
      await visit(small, id, 2);
    }

    const before = h.running.counter.count;
    const res = await h.entities(coordinator, [large, small, empty].map((id) => ({ __typename: 'Programme', id })), SELECTION);
    expect(h.running.counter.count - before).toBe(1);
    expect(res.errors).toBeUndefined();
    const [kpis, few, none] = (res.data as any)._entities.map((e: any) => e.internshipKpis);
    expect(kpis).toEqual({
      planned: 5,
      started: 6 + 4 + 5 + 3,
      active: 6,
      suspended: null,
      // started minus the other parts would give the 4 suspended: the smallest other part goes too.
      completed: null,
      interrupted: 5,
      hiredAfterInternship: 5,
      allowancesPaidCents: 5 * 50_000 + 45_000,
      tutoringHours: 5 * 1.5 + 1,
      suppressed: ['suspended', 'completed'],
    });
    expect(few).toEqual({ ...Object.fromEntries(ALL_KPIS.map((k) => [k, null])), suppressed: ALL_KPIS });
    expect(none).toEqual({ ...Object.fromEntries(ALL_KPIS.map((k) => [k, null])), suppressed: ALL_KPIS });
  });
});

describe('Person.internships', () => {
  const SELECTION = '... on Person { id internships { status company { name } } }';
  const people = Array.from({ length: 500 }, (_, i) => personId(900_000 + i));

  beforeAll(async () => {
    // Bulk fixture: 500 people, each with an internship at one of five companies.
    const companies = await Promise.all([1, 2, 3, 4, 5].map((n) => createCompany(h, { name: `Bulk host ${n}` })));
    const tutors = await Promise.all(companies.map((c) => addTutor(h, c)));
    await h.db.query(`
      INSERT INTO internship (person_id, programme_id, promoter_organisation_id, company_id, company_tutor_id, promoter_tutor_name,
                              start_date, end_date, weekly_hours, monthly_allowance_cents, status, outcome, started_on)
      SELECT p, $2, $3, ($4::uuid[])[1 + n % 5], ($5::uuid[])[1 + n % 5], 'Paolo Guidi', '2025-03-03', '2025-06-30', 25, 50000, 'COMPLETED', 'NOT_HIRED', '2025-03-03'
        FROM unnest($1::uuid[]) WITH ORDINALITY AS u(p, n)`, [people, PROGRAMME, operator.organisationId, companies, tutors]);
  });

  /** Statements one `_entities` call costs `who`, with social services' grant for each person when `granted`. */
  async function cost(who: Principal, ids: string[], granted: boolean): Promise<number> {
    const rid = h.newRequestId();
    const representations = await Promise.all(ids.map(async (id) => ({
      __typename: 'Person', id, ...(granted ? { accessGrant: await h.grant('social-services', 'person', id, who, rid) } : {}),
    })));
    const before = h.running.counter.count;
    const res = await h.entities(who, representations, SELECTION, rid);
    const statements = h.running.counter.count - before;
    expect(res.errors).toBeUndefined();
    const found = (res.data as any)._entities;
    expect(found).toHaveLength(ids.length);
    expect(found.every((p: any) => p.internships.length === 1 && p.internships[0].company.name.startsWith('Bulk host'))).toBe(true);
    return statements;
  }

  it('costs a case manager reading through grants the same statements for 500 people as for 50', async () => {
    const fifty = await cost(caseManager, people.slice(0, 50), true);
    const all = await cost(caseManager, people, true);
    // Internships, companies, and one access-log insert for all of them.
    expect(fifty).toBe(3);
    expect(all).toBe(fifty);
  });

  it('costs the promoter reading its own internships the same statements for 500 people as for 50', async () => {
    const fifty = await cost(operator, people.slice(0, 50), false);
    const all = await cost(operator, people, false);
    // Holders, internships, companies; its own records write no access log.
    expect(fifty).toBe(3);
    expect(all).toBe(fifty);
  });

  it('answers null for a representation whose id is not a UUID, and [] for a person without internships', async () => {
    const rid = h.newRequestId();
    const nobody = personId(42_424);
    const grant = await h.grant('social-services', 'person', nobody, caseManager, rid);
    const res = await h.entities(caseManager, [{ __typename: 'Person', id: 'x' }, { __typename: 'Person', id: nobody, accessGrant: grant }], '... on Person { internships { id } }', rid);
    expect((res.data as any)._entities).toEqual([null, { internships: [] }]);
  });
});
