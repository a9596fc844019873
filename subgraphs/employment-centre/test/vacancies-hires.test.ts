import type { SubgraphHarness } from '@intreccio/shared/testing';
import { addDays, addMonths, today } from '../src/common/rules';
import {
  caseManager, coordinator, CREATE_VACANCY, createVacancy, essentialSkills, KITCHEN_ASSISTANT, newId, operator, register, registeredPerson,
  startEmploymentCentre, UNKNOWN_SKILL, vacancyInput, WAREHOUSE_WORKER,
} from './fixtures';

let h: SubgraphHarness;
const programme = newId();
const company = newId();

beforeAll(async () => {
  h = await startEmploymentCentre('vacancies_hires');
});
afterAll(() => h?.stop());

const UPDATE = `mutation($i: UpdateVacancyInput!, $k: String) { updateVacancy(input: $i, idempotencyKey: $k) { id status closedOn title version requiredSkills { uri } } }`;
const CLOSE = `mutation($i: CloseVacancyInput!) { closeVacancy(input: $i) { id status closedOn version } }`;
const RECORD_HIRE = `mutation($i: RecordHireInput!, $k: String) {
  recordHire(input: $i, idempotencyKey: $k) { id startDate contractType weeklyHours grossMonthlyWageCents company { id } vacancy { id } occupation { label } person { id } }
}`;
const FOLLOW_UP = `mutation($i: RecordFollowUpInput!, $k: String) {
  recordFollowUp(input: $i, idempotencyKey: $k) { id followUps { monthsAfter checkedOn stillEmployed note } }
}`;

/**
 * A hire as the mandatory notice reports it. A centre records hires of its own job seekers only, so
 * unless the test names the person, a new one is registered at the operator's centre first.
 */
async function hireInput(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return {
    personId: overrides.personId ?? (await registeredPerson(h, programme)),
    programmeId: programme,
    companyId: company,
    startDate: '2025-01-31',
    contractType: 'FIXED_TERM',
    endDate: '2026-01-30',
    weeklyHours: 30,
    grossMonthlyWageCents: 120_000,
    occupationUri: WAREHOUSE_WORKER,
    ...overrides,
  };
}

describe('vacancies', () => {
  it('opens a vacancy described with ESCO occupation and skills', async () => {
    const data = await h.ok(operator, CREATE_VACANCY, { i: vacancyInput(company, { programmeId: programme, requiredLicences: ['B'] }) });
    expect(data.createVacancy).toMatchObject({
      status: 'OPEN', version: 1, closedOn: null, company: { id: company }, occupation: { uri: WAREHOUSE_WORKER, label: 'warehouse worker' },
      requiredLicences: ['B'],
    });
    expect(data.createVacancy.requiredSkills.map((s: any) => s.uri)).toEqual(essentialSkills(WAREHOUSE_WORKER).slice(0, 4));
  });

  it.each([
    ['a skill URI with the wrong prefix', { requiredSkills: [essentialSkills(WAREHOUSE_WORKER)[0], 'http://data.europa.eu/esco/occupation/x'] }, 'input.requiredSkills.1'],
    ['an unknown ESCO skill', { requiredSkills: [essentialSkills(WAREHOUSE_WORKER)[0], UNKNOWN_SKILL] }, 'input.requiredSkills.1'],
    ['an optional skill that is also required', { optionalSkills: [essentialSkills(WAREHOUSE_WORKER)[2]] }, 'input.optionalSkills.0'],
    ['an unknown occupation', { occupationUri: 'http://data.europa.eu/esco/occupation/0000' }, 'input.occupationUri'],
    ['a municipality that does not exist', { municipalityCode: 'X123' }, 'input.municipalityCode'],
    ['zero positions', { positions: 0 }, 'input.positions'],
    ['more than 48 weekly hours', { weeklyHours: 49 }, 'input.weeklyHours'],
    ['a company id that is not a UUID', { companyId: 'ACME' }, 'input.companyId'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await h.count('vacancy');
    const res = await h.call(operator, CREATE_VACANCY, { i: vacancyInput(company, overrides) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await h.count('vacancy')).toBe(before);
  });

  it('changes an open vacancy on the version read, closes it, and never reopens or changes it again', async () => {
    const id = await createVacancy(h, company);
    const renamed = await h.ok(operator, UPDATE, { i: { id, expectedVersion: 1, title: 'Magazziniere con patentino', requiredSkills: essentialSkills(WAREHOUSE_WORKER).slice(0, 2) } });
    expect(renamed.updateVacancy).toMatchObject({ title: 'Magazziniere con patentino', version: 2 });
    expect(renamed.updateVacancy.requiredSkills).toHaveLength(2);
    const stale = await h.call(operator, UPDATE, { i: { id, expectedVersion: 1, title: 'Old' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });

    const noDate = await h.call(operator, UPDATE, { i: { id, status: 'CLOSED' } });
    expect(noDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.closedOn' });
    const early = await h.call(operator, CLOSE, { i: { id, closedOn: '2025-03-01' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.closedOn' });
    const stray = await h.call(operator, UPDATE, { i: { id, closedOn: '2025-05-01' } });
    expect(stray.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.closedOn' });

    const closed = await h.ok(operator, UPDATE, { i: { id, expectedVersion: 2, status: 'CLOSED', closedOn: '2025-05-15' } });
    expect(closed.updateVacancy).toMatchObject({ status: 'CLOSED', closedOn: '2025-05-15', version: 3 });

    const reopen = await h.call(operator, UPDATE, { i: { id, status: 'OPEN' } });
    expect(reopen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect(reopen.errors?.[0]?.message).toMatch(/a CLOSED vacancy cannot become OPEN/);
    const edit = await h.call(operator, UPDATE, { i: { id, title: 'Still hiring?' } });
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    const twice = await h.call(operator, CLOSE, { i: { id, closedOn: '2025-05-20' } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    const [row] = await h.db.query('SELECT status, closed_on, title, version FROM vacancy WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'CLOSED', closed_on: '2025-05-15', title: 'Magazziniere con patentino', version: 3 });
  });

  it('closes with closeVacancy and lists vacancies by filter and on the company', async () => {
    const other = newId();
    const open = await createVacancy(h, other, { occupationUri: KITCHEN_ASSISTANT, requiredSkills: essentialSkills(KITCHEN_ASSISTANT).slice(0, 3), optionalSkills: [], municipalityCode: 'H875' });
    const closing = await createVacancy(h, other, { openedOn: '2025-02-01' });
    const closed = await h.ok(operator, CLOSE, { i: { id: closing, expectedVersion: 1, closedOn: '2025-04-30' } });
    expect(closed.closeVacancy).toMatchObject({ status: 'CLOSED', version: 2 });

    const list = `query($f: VacanciesFilter) { vacancies(filter: $f) { totalCount edges { node { id status } } } }`;
    expect((await h.ok(operator, list, { f: { companyId: other } })).vacancies.edges.map((e: any) => e.node.id)).toEqual([closing, open]);
    expect((await h.ok(operator, list, { f: { companyId: other, status: 'OPEN' } })).vacancies.totalCount).toBe(1);
    expect((await h.ok(operator, list, { f: { companyId: other, occupationUri: KITCHEN_ASSISTANT, municipalityCode: 'H875' } })).vacancies.totalCount).toBe(1);
    const entity = await h.ok(operator, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { all: vacancies { id } open: vacancies(status: OPEN) { id } } } }`, {
      r: [{ __typename: 'Company', id: other }],
    });
    expect(entity._entities[0]).toEqual({ all: [{ id: open }, { id: closing }], open: [{ id: open }] });
  });
});

describe('hires and follow-up', () => {
  it('records a hire through a vacancy of the same company', async () => {
    const vacancy = await createVacancy(h, company, { openedOn: '2025-01-10' });
    const data = await h.ok(operator, RECORD_HIRE, { i: await hireInput({ vacancyId: vacancy }) });
    expect(data.recordHire).toMatchObject({ startDate: '2025-01-31', company: { id: company }, vacancy: { id: vacancy }, occupation: { label: 'warehouse worker' } });
    const viaVacancy = await h.ok(operator, 'query($id: ID!) { vacancy(id: $id) { hires { id } } }', { id: vacancy });
    expect(viaVacancy.vacancy.hires).toEqual([{ id: data.recordHire.id }]);
  });

  it.each([
    ['a vacancy that does not exist', () => ({ vacancyId: newId() }), 'input.vacancyId'],
    ['a start more than 60 days ahead', () => ({ startDate: addDays(today(), 90), endDate: null }), 'input.startDate'],
    ['an end before the start', () => ({ endDate: '2024-12-31' }), 'input.endDate'],
    ['no wage', () => ({ grossMonthlyWageCents: 0 }), 'input.grossMonthlyWageCents'],
    ['more than 48 weekly hours', () => ({ weeklyHours: 50 }), 'input.weeklyHours'],
    ['an occupation URI with the wrong prefix', () => ({ occupationUri: 'warehouse worker' }), 'input.occupationUri'],
    ['a programme id that is not a UUID', () => ({ programmeId: 'PROGRESSIVE2' }), 'input.programmeId'],
  ])('refuses %s, naming the field', async (_label, overrides, field) => {
    const before = await h.count('hire');
    const res = await h.call(operator, RECORD_HIRE, { i: await hireInput(overrides()) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await h.count('hire')).toBe(before);
  });

  it('refuses a vacancy of another company', async () => {
    const vacancy = await createVacancy(h, newId(), { openedOn: '2025-01-10' });
    const res = await h.call(operator, RECORD_HIRE, { i: await hireInput({ vacancyId: vacancy }) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vacancyId' });
  });

  it('records the same notice once: idempotent with a key, CONFLICT without', async () => {
    const input = await hireInput();
    const first = await h.ok(operator, RECORD_HIRE, { i: input, k: 'co-2025-000123' });
    const retry = await h.ok(operator, RECORD_HIRE, { i: input, k: 'co-2025-000123' });
    expect(retry.recordHire.id).toBe(first.recordHire.id);
    const resend = await h.call(operator, RECORD_HIRE, { i: input });
    expect(resend.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.personId' });
  });

  it('records follow-ups no earlier than start + months, once each', async () => {
    const hire = (await h.ok(operator, RECORD_HIRE, { i: await hireInput() })).recordHire.id;
    const tooEarly = await h.call(operator, FOLLOW_UP, { i: { hireId: hire, monthsAfter: 6, checkedOn: '2025-07-30', stillEmployed: true } });
    expect(tooEarly.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.checkedOn' });
    expect(tooEarly.errors?.[0]?.message).toMatch(/2025-07-31/);
    const nine = await h.call(operator, FOLLOW_UP, { i: { hireId: hire, monthsAfter: 9, checkedOn: '2025-11-30', stillEmployed: true } });
    expect(nine.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.monthsAfter' });
    const future = await h.call(operator, FOLLOW_UP, { i: { hireId: hire, monthsAfter: 12, checkedOn: addDays(today(), 5), stillEmployed: true } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.checkedOn' });
    const unknown = await h.call(operator, FOLLOW_UP, { i: { hireId: newId(), monthsAfter: 6, checkedOn: '2025-08-01', stillEmployed: true } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hireId' });

    const six = await h.ok(operator, FOLLOW_UP, { i: { hireId: hire, monthsAfter: 6, checkedOn: '2025-07-31', stillEmployed: true, note: 'Contract renewed' } });
    expect(six.recordFollowUp.followUps).toEqual([{ monthsAfter: 6, checkedOn: '2025-07-31', stillEmployed: true, note: 'Contract renewed' }]);
    const twice = await h.call(operator, FOLLOW_UP, { i: { hireId: hire, monthsAfter: 6, checkedOn: '2025-08-15', stillEmployed: false } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.monthsAfter' });
    const twelve = await h.ok(operator, FOLLOW_UP, { i: { hireId: hire, monthsAfter: 12, checkedOn: '2026-02-02', stillEmployed: true } });
    expect(twelve.recordFollowUp.followUps.map((f: any) => f.monthsAfter)).toEqual([6, 12]);
  });

  it('is kept to employment-centre operators', async () => {
    const res = await h.call(caseManager, RECORD_HIRE, { i: await hireInput() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists hires by programme and company, and on the person and the company', async () => {
    const p = newId();
    const c = newId();
    const person = await registeredPerson(h, p);
    await h.ok(operator, RECORD_HIRE, { i: await hireInput({ programmeId: p, companyId: c, personId: person, startDate: '2025-03-03' }) });
    await h.ok(operator, RECORD_HIRE, { i: await hireInput({ programmeId: p, companyId: newId(), personId: person, startDate: '2025-09-01', endDate: null, contractType: 'PERMANENT' }) });
    const page = await h.ok(operator, 'query($f: HiresFilter) { hires(filter: $f) { totalCount edges { node { startDate } } } }', { f: { programmeId: p } });
    expect(page.hires.edges.map((e: any) => e.node.startDate)).toEqual(['2025-03-03', '2025-09-01']);
    expect((await h.ok(operator, 'query($f: HiresFilter) { hires(filter: $f) { totalCount } }', { f: { programmeId: p, companyId: c } })).hires.totalCount).toBe(1);
    const entities = await h.ok(operator, `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { hires { startDate contractType } } ... on Company { hires { person { id } } }
    } }`, { r: [{ __typename: 'Person', id: person }, { __typename: 'Company', id: c }] });
    expect(entities._entities[0].hires).toEqual([{ startDate: '2025-09-01', contractType: 'PERMANENT' }, { startDate: '2025-03-03', contractType: 'FIXED_TERM' }]);
    expect(entities._entities[1].hires).toEqual([{ person: { id: person } }]);
  });
});

describe('programme employment KPIs', () => {
  const ALL_KPIS = ['registeredJobSeekers', 'hires', 'stillEmployedAt6Months', 'stillEmployedAt12Months', 'followUpsDue6Months', 'followUpsDue12Months'];
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { employmentKpis {
    registeredJobSeekers hires stillEmployedAt6Months stillEmployedAt12Months followUpsDue6Months followUpsDue12Months suppressed
  } } } }`;

  /** `times` people registered in the programme, each hired there on `startDate`; their hire ids. */
  async function hiresOf(programmeId: string, times: number, startDate: string): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < times; n++) {
      const personId = await registeredPerson(h, programmeId);
      const input = await hireInput({ personId, programmeId, startDate, endDate: null, contractType: 'PERMANENT' });
      ids.push((await h.ok(operator, RECORD_HIRE, { i: input })).recordHire.id);
    }
    return ids;
  }

  const followUp = (hireId: string, monthsAfter: number, startDate: string, stillEmployed: boolean) =>
    h.ok(operator, FOLLOW_UP, { i: { hireId, monthsAfter, checkedOn: addMonths(startDate, monthsAfter), stillEmployed } });

  it('counts job seekers, hires and follow-ups for every programme asked, in one statement, withholding counts below 5', async () => {
    const a = newId();
    const b = newId();
    const empty = newId();
    const now = today();

    // Kept at 6 and 12 months: five people.
    const kept = addMonths(now, -14);
    for (const id of await hiresOf(a, 5, kept)) {
      await followUp(id, 6, kept, true);
      await followUp(id, 12, kept, true);
    }
    // Out of work at 6 months, so no 12-month check is due: five people.
    const lost = addMonths(now, -13);
    for (const id of await hiresOf(a, 5, lost)) await followUp(id, 6, lost, false);
    // Old enough for both checks, none recorded: four people, too few to disclose.
    await hiresOf(a, 4, addMonths(now, -12));
    // Kept at 6 months, the 12-month check not yet due: five people.
    const recent = addMonths(now, -7);
    for (const id of await hiresOf(a, 5, recent)) await followUp(id, 6, recent, true);

    // Four job seekers and one hire too recent for any check.
    for (let n = 0; n < 3; n++) await register(h, newId(), b);
    await hiresOf(b, 1, addMonths(now, -2));

    const before = h.running.counter.count;
    const data = await h.ok(coordinator, query, { r: [a, b, empty, 'not-a-uuid'].map((id) => ({ __typename: 'Programme', id })) });
    expect(h.running.counter.count - before).toBe(1);
    expect(data._entities).toEqual([
      {
        employmentKpis: {
          registeredJobSeekers: 19, hires: 19, stillEmployedAt6Months: 10, stillEmployedAt12Months: 5, followUpsDue6Months: null, followUpsDue12Months: null,
          suppressed: ['followUpsDue6Months', 'followUpsDue12Months'],
        },
      },
      {
        employmentKpis: {
          registeredJobSeekers: null, hires: null, stillEmployedAt6Months: null, stillEmployedAt12Months: null, followUpsDue6Months: null, followUpsDue12Months: null,
          suppressed: ALL_KPIS,
        },
      },
      {
        employmentKpis: {
          registeredJobSeekers: null, hires: null, stillEmployedAt6Months: null, stillEmployedAt12Months: null, followUpsDue6Months: null, followUpsDue12Months: null,
          suppressed: ALL_KPIS,
        },
      },
      null,
    ]);
  });

  it('discloses a count of exactly 5', async () => {
    const p = newId();
    await hiresOf(p, 5, addMonths(today(), -2));
    const data = await h.ok(coordinator, query, { r: [{ __typename: 'Programme', id: p }] });
    expect(data._entities[0].employmentKpis).toMatchObject({ registeredJobSeekers: 5, hires: 5, stillEmployedAt6Months: null });
    expect(data._entities[0].employmentKpis.suppressed).not.toContain('hires');
  });
});
