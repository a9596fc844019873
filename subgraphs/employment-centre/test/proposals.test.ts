import { lastingRid, type Principal } from '@intreccio/shared';
import { expectRefusedEntity, expectRefusedField, partnerAccess, principal, signedGrant, type SubgraphHarness } from '@intreccio/shared/testing';
import {
  caseManager, coordinator, CPI_POGGIBONSI, createVacancy, essentialSkills, LEAD_BODY, newId, operator, optionalSkills, otherCentreOperator, recordSkill,
  REGISTER, registeredPerson, registration, startEmploymentCentre, WAREHOUSE_WORKER,
} from './fixtures';

/*
 * The hand-off after matching: the employment centre proposes a job seeker to a vacancy, the
 * proposal keeps the match of the moment, and its outcome is recorded up to the hire; who sees it.
 */

const HOST_ORG = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e20';
const OTHER_HOST_ORG = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e21';
const hostTutor = principal('company_tutor', HOST_ORG, 'COMPANY');
const otherHostTutor = principal('company_tutor', OTHER_HOST_ORG, 'COMPANY');
const dpo = principal('data_protection_officer', LEAD_BODY, 'SOCIAL_SERVICES');

let h: SubgraphHarness;
const { validGrant, readPerson, logOf } = partnerAccess(() => h);
const programme = newId();
const company = newId();
const otherCompany = newId();
const required = essentialSkills(WAREHOUSE_WORKER).slice(0, 4);
const optional = optionalSkills(WAREHOUSE_WORKER).slice(0, 2);

beforeAll(async () => {
  h = await startEmploymentCentre('proposals');
});
afterAll(() => h?.stop());

// ------------------------------------------------------------------------------------------------

const PROPOSAL = `id status version score note reason proposedAt statusChangedAt endedAt
  vacancy { id } person { id } proposedBy { id } programme { id } hire { id } candidate { pseudonym }
  explanation { coveredSkills { uri } missingSkills { uri } optionalSkillsCovered { uri } distanceKm withinMobilityRadius hoursFit missingLicences desiredOccupation summary }`;
const PROPOSE = `mutation($i: ProposeCandidateInput!, $k: String) { proposeCandidate(input: $i, idempotencyKey: $k) { ${PROPOSAL} } }`;
const CHANGE = `mutation($i: ChangeProposalStatusInput!, $k: String) { changeProposalStatus(input: $i, idempotencyKey: $k) { id status version reason statusChangedAt endedAt } }`;
const READ = `query($id: ID!) { proposal(id: $id) { ${PROPOSAL} } }`;
const CLOSE = 'mutation($i: CloseVacancyInput!) { closeVacancy(input: $i) { id status } }';
const UPDATE_VACANCY = 'mutation($i: UpdateVacancyInput!) { updateVacancy(input: $i) { id status } }';
const HIRE = `mutation($i: RecordHireInput!, $k: String) { recordHire(input: $i, idempotencyKey: $k) { id vacancy { id } } }`;
const MATCHES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { matches(first: 100) {
  score vacancy { id } explanation { coveredSkills { uri } missingSkills { uri } optionalSkillsCovered { uri } distanceKm withinMobilityRadius hoursFit missingLicences desiredOccupation summary }
} } } }`;

/** A job seeker of the operator's centre with two of the vacancies' four required skills. */
async function seeker(): Promise<string> {
  const person = await registeredPerson(h, programme);
  await recordSkill(h, person, programme, required[0]!);
  await recordSkill(h, person, programme, required[1]!);
  return person;
}

const openVacancy = (companyId = company, overrides: Record<string, unknown> = {}) =>
  createVacancy(h, companyId, { requiredSkills: required, optionalSkills: optional, ...overrides });

async function propose(vacancyId: string, personId: string, note = ''): Promise<any> {
  return (await h.ok(operator, PROPOSE, { i: { vacancyId, personId, note } })).proposeCandidate;
}

async function change(proposalId: string, status: string, reason?: string): Promise<any> {
  return (await h.ok(operator, CHANGE, { i: { proposalId, status, ...(reason ? { reason } : {}) } })).changeProposalStatus;
}

/** A new proposal walked to `status` through the state machine. */
async function proposalAt(status: 'PROPOSED' | 'INTERVIEW' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN', vacancyId?: string, personId?: string): Promise<{ id: string; personId: string; vacancyId: string }> {
  const v = vacancyId ?? (await openVacancy());
  const p = personId ?? (await seeker());
  const { id } = await propose(v, p);
  const path: Record<string, [string, string?][]> = {
    PROPOSED: [],
    INTERVIEW: [['INTERVIEW']],
    ACCEPTED: [['INTERVIEW'], ['ACCEPTED']],
    REJECTED: [['REJECTED', 'Seeks a candidate with a forklift licence']],
    WITHDRAWN: [['WITHDRAWN', 'The person started a course']],
  };
  for (const [next, reason] of path[status]!) await change(id, next, reason);
  return { id, personId: p, vacancyId: v };
}

const row = async (id: string) =>
  (await h.db.query('SELECT status, version, reason, hire_id, ended_at IS NOT NULL AS ended FROM vacancy_proposal WHERE id = $1', [id]))[0];

const hireInput = (personId: string, overrides: Record<string, unknown> = {}) => ({
  personId, programmeId: programme, companyId: company, startDate: '2025-05-02', contractType: 'FIXED_TERM', endDate: '2026-05-01',
  weeklyHours: 30, grossMonthlyWageCents: 125_000, occupationUri: WAREHOUSE_WORKER, ...overrides,
});

// ------------------------------------------------------------------------------------------------

describe('proposeCandidate', () => {
  it('proposes a job seeker to an open vacancy of the centre, keeping the match of the moment', async () => {
    const vacancy = await openVacancy();
    const person = await seeker();
    const [live] = (await h.ok(operator, MATCHES, { r: [{ __typename: 'Person', id: person }] }))._entities[0].matches.filter((m: any) => m.vacancy.id === vacancy);

    const proposed = await propose(vacancy, person, 'Disponibile da subito; chiamare la referente del CPI');
    expect(proposed).toMatchObject({
      status: 'PROPOSED', version: 1, note: 'Disponibile da subito; chiamare la referente del CPI', reason: null, endedAt: null, hire: null,
      vacancy: { id: vacancy }, person: { id: person }, proposedBy: { id: CPI_POGGIBONSI }, programme: { id: programme },
      score: live.score, explanation: live.explanation,
    });
    expect(proposed.explanation.coveredSkills.map((s: any) => s.uri)).toEqual(required.slice(0, 2));
    expect(proposed.explanation.missingSkills.map((s: any) => s.uri)).toEqual(required.slice(2));
    expect(proposed.statusChangedAt).toBe(proposed.proposedAt);
    expect(proposed.candidate.pseudonym).toMatch(/^C-[0-9A-F]{16}$/);

    // The person learns the missing skills: the live match moves, the proposal keeps what it was proposed on.
    await recordSkill(h, person, programme, required[2]!);
    await recordSkill(h, person, programme, required[3]!);
    const [now] = (await h.ok(operator, MATCHES, { r: [{ __typename: 'Person', id: person }] }))._entities[0].matches.filter((m: any) => m.vacancy.id === vacancy);
    expect(now.score).toBeGreaterThan(live.score);
    const kept = (await h.ok(operator, READ, { id: proposed.id })).proposal;
    expect(kept).toMatchObject({ score: live.score, explanation: live.explanation });
  });

  it.each([
    ['a vacancy id that is not an id', () => ({ vacancyId: 'V-2025-001' }), 'BAD_USER_INPUT', 'input.vacancyId'],
    ['a vacancy that does not exist', () => ({ vacancyId: newId() }), 'BAD_USER_INPUT', 'input.vacancyId'],
    ['a person id that is not an id', () => ({ personId: 'RSSMRA85M01H501Z' }), 'BAD_USER_INPUT', 'input.personId'],
    ['a person not registered at the centre', () => ({ personId: newId() }), 'FORBIDDEN', 'input.personId'],
    ['a note over 5,000 characters', () => ({ note: 'x'.repeat(5001) }), 'BAD_USER_INPUT', 'input.note'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, overrides, code, field) => {
    const input = { vacancyId: await openVacancy(), personId: await seeker(), ...overrides() };
    const before = await h.count('vacancy_proposal');
    const res = await h.call(operator, PROPOSE, { i: input });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await h.count('vacancy_proposal')).toBe(before);
  });

  it('refuses a closed vacancy, saying so on the vacancy', async () => {
    const vacancy = await openVacancy();
    await h.ok(operator, CLOSE, { i: { id: vacancy, closedOn: '2025-05-01' } });
    const res = await h.call(operator, PROPOSE, { i: { vacancyId: vacancy, personId: await seeker() } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vacancyId' });
    expect(res.errors?.[0]?.message).toMatch(/the vacancy is CLOSED \(since 2025-05-01\): candidates are proposed to open vacancies only/);
  });

  it('refuses a vacancy another employment centre published', async () => {
    const theirs = (await h.ok(otherCentreOperator, 'mutation($i: CreateVacancyInput!) { createVacancy(input: $i) { id } }', {
      i: { companyId: company, title: 'Magazziniere', occupationUri: WAREHOUSE_WORKER, requiredSkills: required, municipalityCode: 'I726', weeklyHours: 30, contractType: 'PERMANENT', openedOn: '2025-04-01' },
    })).createVacancy.id;
    const res = await h.call(operator, PROPOSE, { i: { vacancyId: theirs, personId: await seeker() } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/held by another employment centre/);
  });

  it('refuses a second proposal of the person to the vacancy with CONFLICT, until the first is rejected or withdrawn', async () => {
    const { id, personId, vacancyId } = await proposalAt('INTERVIEW');
    const again = await h.call(operator, PROPOSE, { i: { vacancyId, personId } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.personId' });
    expect(again.errors?.[0]?.message).toMatch(/already proposed to this vacancy/);

    await change(id, 'REJECTED', 'Chose a candidate with more experience');
    const second = await propose(vacancyId, personId);
    expect(second.id).not.toBe(id);
    await change(second.id, 'WITHDRAWN', 'The person found work elsewhere');
    expect((await propose(vacancyId, personId)).status).toBe('PROPOSED');
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM vacancy_proposal WHERE vacancy_id = $1 AND person_id = $2', [vacancyId, personId]);
    expect(n).toBe(3);
  });

  it('lets exactly one of two concurrent proposals of one pair through; the other gets CONFLICT', async () => {
    const vacancy = await openVacancy();
    for (let round = 0; round < 5; round++) {
      const person = await seeker();
      const results = await Promise.all([0, 1].map(() => h.call(operator, PROPOSE, { i: { vacancyId: vacancy, personId: person } })));
      const outcomes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(outcomes).toEqual(['CONFLICT', 'OK']);
      expect(results.find((r) => r.errors)!.errors![0]!.extensions).toMatchObject({ field: 'input.personId' });
      const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM vacancy_proposal WHERE vacancy_id = $1 AND person_id = $2', [vacancy, person]);
      expect(n).toBe(1);
    }
  });

  it('answers a retry with one idempotency key with the same proposal, even when the two race', async () => {
    const vacancy = await openVacancy();
    const person = await seeker();
    const first = (await h.ok(operator, PROPOSE, { i: { vacancyId: vacancy, personId: person }, k: 'proposal-1' })).proposeCandidate;
    const retry = (await h.ok(operator, PROPOSE, { i: { vacancyId: vacancy, personId: person }, k: 'proposal-1' })).proposeCandidate;
    expect(retry.id).toBe(first.id);

    const racing = await seeker();
    const both = await Promise.all([0, 1].map(() => h.ok(operator, PROPOSE, { i: { vacancyId: vacancy, personId: racing }, k: 'proposal-2' })));
    expect(both[0]!.proposeCandidate.id).toBe(both[1]!.proposeCandidate.id);
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM vacancy_proposal WHERE vacancy_id = $1', [vacancy]);
    expect(n).toBe(2);

    const reused = await h.call(operator, PROPOSE, { i: { vacancyId: vacancy, personId: await seeker() }, k: 'proposal-1' });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
  });
});

describe('changeProposalStatus', () => {
  it('moves PROPOSED → INTERVIEW → ACCEPTED on the version read', async () => {
    const { id } = await proposalAt('PROPOSED');
    const interview = (await h.ok(operator, CHANGE, { i: { proposalId: id, status: 'INTERVIEW', expectedVersion: 1 } })).changeProposalStatus;
    expect(interview).toMatchObject({ status: 'INTERVIEW', version: 2, reason: null, endedAt: null });
    const accepted = (await h.ok(operator, CHANGE, { i: { proposalId: id, status: 'ACCEPTED', expectedVersion: 2 } })).changeProposalStatus;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 3, endedAt: null });
    expect(new Date(accepted.statusChangedAt).getTime()).toBeGreaterThanOrEqual(new Date(interview.statusChangedAt).getTime());
  });

  it.each([
    ['PROPOSED', 'REJECTED'], ['PROPOSED', 'WITHDRAWN'], ['INTERVIEW', 'REJECTED'], ['INTERVIEW', 'WITHDRAWN'], ['ACCEPTED', 'WITHDRAWN'],
  ] as const)('ends a proposal at %s as %s, with the reason', async (from, to) => {
    const { id } = await proposalAt(from);
    const ended = (await h.ok(operator, CHANGE, { i: { proposalId: id, status: to, reason: '  The company suspended hiring  ' } })).changeProposalStatus;
    expect(ended).toMatchObject({ status: to, reason: 'The company suspended hiring', endedAt: expect.any(String) });
  });

  it.each([
    ['PROPOSED', 'ACCEPTED', undefined, /the proposal is PROPOSED and cannot become ACCEPTED \(it can become INTERVIEW, REJECTED or WITHDRAWN\)/],
    ['PROPOSED', 'PROPOSED', undefined, /the proposal is already PROPOSED/],
    ['INTERVIEW', 'PROPOSED', undefined, /the proposal is INTERVIEW and cannot become PROPOSED \(it can become ACCEPTED, REJECTED or WITHDRAWN\)/],
    ['ACCEPTED', 'REJECTED', 'Too late', /the proposal is ACCEPTED and cannot become REJECTED \(it can become WITHDRAWN\)/],
    ['ACCEPTED', 'INTERVIEW', undefined, /cannot become INTERVIEW/],
    ['REJECTED', 'INTERVIEW', undefined, /the proposal is REJECTED, which is final/],
    ['WITHDRAWN', 'PROPOSED', undefined, /the proposal is WITHDRAWN, which is final/],
    ['ACCEPTED', 'HIRED', undefined, /becomes HIRED when recordHire names it/],
  ] as const)('refuses %s → %s on input.status and changes nothing', async (from, to, reason, message) => {
    const { id } = await proposalAt(from);
    const before = await row(id);
    const res = await h.call(operator, CHANGE, { i: { proposalId: id, status: to, ...(reason ? { reason } : {}) } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await row(id)).toEqual(before);
  });

  it.each([
    ['REJECTED without a reason', 'REJECTED', undefined, /input.reason: is required when the proposal becomes REJECTED/],
    ['WITHDRAWN with a blank reason', 'WITHDRAWN', '   ', /input.reason: is required when the proposal becomes WITHDRAWN/],
    ['INTERVIEW with a reason', 'INTERVIEW', 'Tuesday at 10', /input.reason: only applies when a proposal is REJECTED or WITHDRAWN/],
  ])('refuses %s', async (_label, status, reason, message) => {
    const { id } = await proposalAt('PROPOSED');
    const res = await h.call(operator, CHANGE, { i: { proposalId: id, status, ...(reason !== undefined ? { reason } : {}) } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect((await row(id)).status).toBe('PROPOSED');
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const { id } = await proposalAt('INTERVIEW');
    const res = await h.call(operator, CHANGE, { i: { proposalId: id, status: 'ACCEPTED', expectedVersion: 1 } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect(res.errors?.[0]?.message).toMatch(/version 2, expected 1/);
    expect(await row(id)).toMatchObject({ status: 'INTERVIEW', version: 2 });
  });

  it.each([['an id that does not exist', newId()], ['a value that is not an id', 'P-17']])('refuses %s on input.proposalId', async (_label, proposalId) => {
    const res = await h.call(operator, CHANGE, { i: { proposalId, status: 'INTERVIEW' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.proposalId' });
  });

  it('replays a retry with one idempotency key instead of refusing it as a repeated move', async () => {
    const { id } = await proposalAt('PROPOSED');
    const input = { proposalId: id, status: 'INTERVIEW', expectedVersion: 1 };
    const first = (await h.ok(operator, CHANGE, { i: input, k: 'interview-1' })).changeProposalStatus;
    const retry = (await h.ok(operator, CHANGE, { i: input, k: 'interview-1' })).changeProposalStatus;
    expect(retry).toEqual(first);
    expect((await row(id)).version).toBe(2);
  });

  it('cannot be changed by another employment centre, even one that registered the person too', async () => {
    const { id, personId } = await proposalAt('PROPOSED');
    await h.ok(otherCentreOperator, REGISTER, { i: registration(personId, newId()) });
    const res = await h.call(otherCentreOperator, CHANGE, { i: { proposalId: id, status: 'WITHDRAWN', reason: 'Ours now' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/The proposal is held by another employment centre/);
    expect(await row(id)).toMatchObject({ status: 'PROPOSED', version: 1 });
  });

  it('is kept to employment-centre operators, as is proposing', async () => {
    const { id, personId, vacancyId } = await proposalAt('PROPOSED');
    for (const who of [hostTutor, caseManager, coordinator, dpo]) {
      const moved = await h.call(who, CHANGE, { i: { proposalId: id, status: 'INTERVIEW' } });
      expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Mutation.changeProposalStatus' });
      const proposed = await h.call(who, PROPOSE, { i: { vacancyId, personId } });
      expect(proposed.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Mutation.proposeCandidate' });
    }
    expect(await row(id)).toMatchObject({ status: 'PROPOSED', version: 1 });
  });
});

describe('closing a vacancy', () => {
  /** An open vacancy with a proposal in each of four statuses. */
  async function proposalsIn() {
    const vacancy = await openVacancy();
    const ids: Record<string, string> = {};
    for (const s of ['PROPOSED', 'INTERVIEW', 'ACCEPTED', 'REJECTED'] as const) ids[s] = (await proposalAt(s, vacancy)).id;
    return { vacancy, ids };
  }

  it.each([
    ['closeVacancy', (id: string) => h.ok(operator, CLOSE, { i: { id, closedOn: '2025-05-15' } })],
    ['updateVacancy', (id: string) => h.ok(operator, UPDATE_VACANCY, { i: { id, status: 'CLOSED', closedOn: '2025-05-15' } })],
  ])('withdraws the proposals waiting for an answer (%s), with the reason "vacancy closed"; keeps the accepted one for the hire', async (_label, close) => {
    const { vacancy, ids } = await proposalsIn();
    const before = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([s, id]) => [s, await row(id)])));
    await close(vacancy);
    expect(await row(ids.PROPOSED!)).toEqual({ status: 'WITHDRAWN', reason: 'vacancy closed', version: before.PROPOSED.version + 1, hire_id: null, ended: true });
    expect(await row(ids.INTERVIEW!)).toEqual({ status: 'WITHDRAWN', reason: 'vacancy closed', version: before.INTERVIEW.version + 1, hire_id: null, ended: true });
    expect(await row(ids.ACCEPTED!)).toEqual(before.ACCEPTED);
    expect(await row(ids.REJECTED!)).toEqual(before.REJECTED);
  });

  it('leaves the proposals as they were when the closing is refused', async () => {
    const { vacancy, ids } = await proposalsIn();
    const res = await h.call(operator, CLOSE, { i: { id: vacancy, closedOn: '2025-03-01' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.closedOn' });
    expect((await row(ids.PROPOSED!)).status).toBe('PROPOSED');
  });

  it('lets the accepted candidate be hired through the proposal after the vacancy closed', async () => {
    const { vacancy, ids } = await proposalsIn();
    await h.ok(operator, CLOSE, { i: { id: vacancy, closedOn: '2025-05-15' } });
    const personId = (await h.db.query('SELECT person_id FROM vacancy_proposal WHERE id = $1', [ids.ACCEPTED]))[0].person_id;
    const hire = (await h.ok(operator, HIRE, { i: { ...hireInput(personId), proposalId: ids.ACCEPTED } })).recordHire;
    expect(hire.vacancy).toEqual({ id: vacancy });
    expect(await row(ids.ACCEPTED!)).toMatchObject({ status: 'HIRED', hire_id: hire.id, ended: true });
  });
});

describe('recordHire through a proposal', () => {
  it("marks the proposal HIRED with its hire in the same transaction; the vacancy is the proposal's", async () => {
    const { id, personId, vacancyId } = await proposalAt('ACCEPTED');
    const hire = (await h.ok(operator, HIRE, { i: { ...hireInput(personId), proposalId: id } })).recordHire;
    expect(hire.vacancy).toEqual({ id: vacancyId });
    const read = (await h.ok(operator, READ, { id })).proposal;
    expect(read).toMatchObject({ status: 'HIRED', hire: { id: hire.id }, version: 4, reason: null, endedAt: expect.any(String) });
    // A hired person is not proposed to the same vacancy again.
    const again = await h.call(operator, PROPOSE, { i: { vacancyId, personId } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.personId' });
  });

  it('takes a hire from the notice even when the centre had not recorded the interview', async () => {
    const { id, personId, vacancyId } = await proposalAt('PROPOSED');
    await h.ok(operator, HIRE, { i: { ...hireInput(personId), vacancyId, proposalId: id } });
    expect((await row(id)).status).toBe('HIRED');
  });

  it.each([
    ['a proposal of another person', async () => {
      const { id } = await proposalAt('ACCEPTED');
      return { personId: await seeker(), proposalId: id };
    }, 'input.proposalId', /is a proposal of another person/],
    ['a vacancy other than the proposal’s', async () => {
      const { id, personId } = await proposalAt('ACCEPTED');
      return { personId, proposalId: id, vacancyId: await openVacancy() };
    }, 'input.vacancyId', /is not the vacancy of the proposal/],
    ['a company other than the vacancy’s', async () => {
      const { id, personId } = await proposalAt('ACCEPTED');
      return { personId, proposalId: id, companyId: otherCompany };
    }, 'input.proposalId', /is a proposal to a vacancy of another company/],
    ['a rejected proposal', async () => {
      const { id, personId } = await proposalAt('REJECTED');
      return { personId, proposalId: id };
    }, 'input.proposalId', /the proposal is REJECTED: only a live proposal/],
    ['a proposal that does not exist', async () => ({ personId: await seeker(), proposalId: newId() }), 'input.proposalId', /no proposal with id/],
  ])('refuses %s, naming the field, and writes nothing', async (_label, make, field, message) => {
    const { personId, ...overrides } = await make();
    const proposalId = overrides.proposalId as string;
    const before = { hires: await h.count('hire'), proposal: await row(proposalId) };
    const res = await h.call(operator, HIRE, { i: { ...hireInput(personId), ...overrides } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect({ hires: await h.count('hire'), proposal: await row(proposalId) }).toEqual(before);
  });

  it('leaves the proposal live when the hire itself is refused', async () => {
    const { id, personId } = await proposalAt('ACCEPTED');
    await h.ok(operator, HIRE, { i: hireInput(personId) });
    const duplicate = await h.call(operator, HIRE, { i: { ...hireInput(personId), proposalId: id } });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await row(id)).toMatchObject({ status: 'ACCEPTED', hire_id: null, ended: false });
  });

  it("refuses another centre's proposal", async () => {
    const { id, personId } = await proposalAt('ACCEPTED');
    await h.ok(otherCentreOperator, REGISTER, { i: registration(personId, newId()) });
    const res = await h.call(otherCentreOperator, HIRE, { i: { ...hireInput(personId), proposalId: id } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await row(id)).status).toBe('ACCEPTED');
  });
});

// ------------------------------------------------------------------------------------------------

describe('reading proposals', () => {
  let vacancy: string;
  let accepted: { id: string; personId: string };
  let rejected: { id: string; personId: string };

  /** A job seeker with every skill the vacancy asks for: among its best candidates, however many others there are. */
  async function strongSeeker(): Promise<string> {
    const person = await seeker();
    for (const uri of [...required.slice(2), ...optional]) await recordSkill(h, person, programme, uri);
    return person;
  }

  beforeAll(async () => {
    vacancy = await openVacancy();
    accepted = await proposalAt('ACCEPTED', vacancy, await strongSeeker());
    rejected = await proposalAt('REJECTED', vacancy, await strongSeeker());
  });

  const PROPOSALS_OF_VACANCY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy {
    proposals { id status score note reason person { id } proposedBy { id } candidate { pseudonym skills { skill { uri } } weeklyHours }
                explanation { coveredSkills { uri } hoursFit distanceKm summary } }
    candidates(first: 100) { candidate { pseudonym } }
  } } }`;

  /** `Vacancy.proposals` as `who`, with the company network's grant that `who` is `companyId`'s user, when given. */
  async function vacancyAs(who: Principal, companyId?: string) {
    const rid = h.newRequestId();
    const accessGrant = companyId ? await h.grant('companies', 'company', companyId, who, rid) : null;
    const res = await h.call(who, PROPOSALS_OF_VACANCY, { r: [{ __typename: 'Vacancy', id: vacancy, company: { accessGrant } }] }, rid);
    return { ...res, rid, vacancy: (res.data as any)?._entities?.[0] };
  }

  it('shows the centre its proposals on the vacancy, on the person and in its list', async () => {
    const own = await vacancyAs(operator);
    expect(own.errors).toBeUndefined();
    expect(own.vacancy.proposals.map((p: any) => [p.id, p.status, p.person.id])).toEqual([
      [accepted.id, 'ACCEPTED', accepted.personId], [rejected.id, 'REJECTED', rejected.personId],
    ]);
    expect(own.vacancy.proposals[1].reason).toBe('Seeks a candidate with a forklift licence');
    expect(await logOf(own.rid)).toEqual([]);

    const person = await readPerson(operator, accepted.personId, 'proposals { id status vacancy { id } }');
    expect(person.errors).toBeUndefined();
    expect(person.person.proposals).toEqual([{ id: accepted.id, status: 'ACCEPTED', vacancy: { id: vacancy } }]);

    const LIST = `query($f: ProposalsFilter, $after: String) { proposals(first: 1, after: $after, filter: $f) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await h.ok(operator, LIST, { f: { vacancyId: vacancy } })).proposals;
    expect(first).toMatchObject({ totalCount: 2, edges: [{ node: { id: accepted.id } }], pageInfo: { hasNextPage: true } });
    const next = (await h.ok(operator, LIST, { f: { vacancyId: vacancy }, after: first.pageInfo.endCursor })).proposals;
    expect(next).toMatchObject({ edges: [{ node: { id: rejected.id } }], pageInfo: { hasNextPage: false } });
    expect((await h.ok(operator, LIST, { f: { vacancyId: vacancy, live: true } })).proposals.totalCount).toBe(1);
    expect((await h.ok(operator, LIST, { f: { vacancyId: vacancy, status: 'REJECTED' } })).proposals.edges).toEqual([{ node: { id: rejected.id } }]);
    expect((await h.call(otherCentreOperator, LIST, { f: { vacancyId: vacancy } })).data!.proposals.totalCount).toBe(0);
    const bad = await h.call(operator, LIST, { f: { vacancyId: 'V-1' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.vacancyId' });
  });

  it("shows the vacancy's company its proposals as pseudonymised candidates, never who they are", async () => {
    const res = await vacancyAs(hostTutor, company);
    const proposals = res.vacancy.proposals as any[];
    expect(proposals.map((p) => [p.id, p.status, p.proposedBy.id])).toEqual([
      [accepted.id, 'ACCEPTED', CPI_POGGIBONSI], [rejected.id, 'REJECTED', CPI_POGGIBONSI],
    ]);
    for (const p of proposals) {
      expect(p).toMatchObject({ person: null, note: null, reason: null, explanation: { hoursFit: true, distanceKm: null, summary: null } });
      expect(p.score).toBeGreaterThan(0);
      expect(p.candidate.pseudonym).toMatch(/^C-[0-9A-F]{16}$/);
      expect(p.candidate.skills.map((s: any) => s.skill.uri).sort()).toEqual([...required, ...optional].sort());
    }
    // The pseudonyms the company knows from the vacancy's candidates.
    const known = new Set(res.vacancy.candidates.map((c: any) => c.candidate.pseudonym));
    expect(proposals.every((p) => known.has(p.candidate.pseudonym))).toBe(true);
    expect(new Set(res.errors?.map((e) => e.extensions?.coordinate))).toEqual(new Set([
      'VacancyProposal.person', 'VacancyProposal.note', 'VacancyProposal.reason', 'MatchExplanation.distanceKm', 'MatchExplanation.summary',
    ]));
    expect(res.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    const text = JSON.stringify(res.data);
    for (const id of [accepted.personId, rejected.personId]) expect(text).not.toContain(id);
    // Read about people the company does not hold: logged.
    const log = await logOf(res.rid);
    expect(log.map((e) => e.person_id).sort()).toEqual(expect.arrayContaining([accepted.personId, rejected.personId].sort()));
    expect(log.find((e) => e.person_id === accepted.personId)).toMatchObject({ organisation_id: HOST_ORG, reasons: ['CROSS_ORGANISATION'] });
    expect(log.find((e) => e.person_id === accepted.personId).fields).toEqual(expect.arrayContaining(['VacancyProposal.status', 'Candidate.skills']));
  });

  it.each([
    ["another company's tutor, with its own company's grant", otherHostTutor, otherCompany],
    ['the right company’s tutor without the company network’s grant', hostTutor, undefined],
    ['a coordinator', coordinator, undefined],
    ['a data protection officer', dpo, undefined],
  ])('shows nothing to %s', async (_label, who, companyId) => {
    const res = await vacancyAs(who, companyId);
    expectRefusedField(res, ['_entities', 0, 'proposals']);
    expect(await logOf(res.rid)).toEqual([]);
  });

  it("shows another centre none of the centre's proposals without the person's grant, and them with it", async () => {
    const theirs = await vacancyAs(otherCentreOperator);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.vacancy.proposals).toEqual([]);

    expectRefusedEntity(await readPerson(otherCentreOperator, accepted.personId, 'proposals { id }'));
    const granted = await readPerson(otherCentreOperator, accepted.personId, 'proposals { id status person { id } }', validGrant(accepted.personId, otherCentreOperator));
    expect(granted.errors).toBeUndefined();
    expect(granted.person.proposals).toEqual([{ id: accepted.id, status: 'ACCEPTED', person: { id: accepted.personId } }]);
    expect(await logOf(granted.rid)).toMatchObject([{ person_id: accepted.personId, organisation_id: otherCentreOperator.organisationId, reasons: ['CROSS_ORGANISATION'] }]);
  });

  it.each([
    ['a host company, with the person’s grant', hostTutor],
    ['a coordinator, with the person’s grant', coordinator],
  ])('refuses Person.proposals to %s', async (_label, who) => {
    const res = await readPerson(who, accepted.personId, 'proposals { id }', validGrant(accepted.personId, who));
    expectRefusedField(res, ['_entities', 0, 'proposals']);
  });

  it('keeps Query.proposal and Query.proposals to employment-centre operators', async () => {
    for (const who of [hostTutor, caseManager, coordinator]) {
      const res = await h.call(who, 'query($id: ID!) { proposal(id: $id) { id } }', { id: accepted.id });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.call(who, '{ proposals { totalCount } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const other = await h.call(otherCentreOperator, 'query($id: ID!) { proposal(id: $id) { id } }', { id: accepted.id });
    expectRefusedField(other, ['proposal']);
  });
});

describe('statements', () => {
  const companyOfMany = newId();
  const vacancies: string[] = [];

  beforeAll(async () => {
    const people = [await seeker(), await seeker()];
    for (let i = 0; i < 60; i++) {
      const v = await openVacancy(companyOfMany);
      vacancies.push(v);
      for (const p of people) await propose(v, p);
    }
  });

  const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy { id proposals {
    id status score proposedAt vacancy { id } proposedBy { id } candidate { pseudonym weeklyHours skills { level } } explanation { coveredSkills { uri } hoursFit }
  } } } }`;

  async function cost(who: Principal, ids: string[], companyGrant: boolean): Promise<number> {
    const rid = h.newRequestId();
    const accessGrant = companyGrant ? await h.grant('companies', 'company', companyOfMany, who, rid) : null;
    const before = h.running.counter.count;
    const res = await h.call(who, QUERY, { r: ids.map((id) => ({ __typename: 'Vacancy', id, company: { accessGrant } })) }, rid);
    const statements = h.running.counter.count - before;
    expect(res.errors).toBeUndefined();
    expect((res.data as any)._entities.map((v: any) => v.proposals.length)).toEqual(ids.map(() => 2));
    return statements;
  }

  it('reads the proposals of 60 vacancies with as many statements as of 6', async () => {
    const small = await cost(operator, vacancies.slice(0, 6), false);
    expect(await cost(operator, vacancies, false)).toBe(small);
    // The vacancies, their proposals, the candidates' profiles and skill records; the centre's own reads write no access log.
    expect(small).toBe(4);
  });

  it("reads them for the vacancies' company, pseudonymised and logged, with as many statements for 60 as for 6", async () => {
    const small = await cost(hostTutor, vacancies.slice(0, 6), true);
    expect(await cost(hostTutor, vacancies, true)).toBe(small);
    // The same four, and one access-log insert for every person read.
    expect(small).toBe(5);
  });
});

describe('data-subject requests', () => {
  it("exports the person's proposals and erases them with the rest of their records", async () => {
    const { id, personId } = await proposalAt('ACCEPTED');
    await h.ok(operator, HIRE, { i: { ...hireInput(personId), proposalId: id } });

    const rid = h.newRequestId();
    const grant = await h.grant('social-services', 'data-subject', personId, dpo, rid);
    const exported = await h.call(dpo, `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { employmentCentre { records } } } }`, {
      r: [{ __typename: 'DataSubject', personId, grant }],
    }, rid);
    const records = (exported.data as any)._entities[0].employmentCentre.records;
    expect(records.proposals).toHaveLength(1);
    expect(records.proposals[0]).toMatchObject({ id, status: 'HIRED', organisation_id: CPI_POGGIBONSI });
    expect(JSON.stringify(records)).not.toContain(personId);

    const erasureToken = await signedGrant(h.env.dataDir, 'social-services', 'erasure', personId, dpo, lastingRid(dpo.subject));
    const receipt = (await h.ok(dpo, `mutation($i: EraseDataInput!) { eraseEmploymentCentreData(input: $i) { records } }`, {
      i: { personId, requestReference: 'PG-2025-0101', erasureToken },
    })).eraseEmploymentCentreData;
    expect(receipt.records).toMatchObject({ proposals: 1, hires: 1 });
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM vacancy_proposal WHERE person_id = $1', [personId]);
    expect(n).toBe(0);
    const refused = await h.call(operator, PROPOSE, { i: { vacancyId: await openVacancy(), personId } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ field: 'input.personId' });
  });
});
