import { ESCO_SKILL_PREFIX } from '@intreccio/shared';
import { principal, type SubgraphHarness } from '@intreccio/shared/testing';
import { caseManager, errorOf, operator, PROVIDER_ORGANISATION, SKILL, startTraining, TrainingBuilder } from './training-builder';

const CREATE_COURSE = `mutation($i: CreateCourseInput!, $k: String) {
  createCourse(input: $i, idempotencyKey: $k) { id title kind hours costPerHourCents version skillsTaught { uri } provider { name } }
}`;
const UPDATE_COURSE = 'mutation($i: UpdateCourseInput!) { updateCourse(input: $i) { id title hours version skillsTaught { uri } } }';

let h: SubgraphHarness;
let build: TrainingBuilder;
let providerId: string;

beforeAll(async () => {
  h = await startTraining('catalogue');
  build = new TrainingBuilder(h);
  providerId = await build.provider();
});
afterAll(() => h?.stop());

function courseInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    providerId,
    title: 'Workplace safety: specific training, medium risk',
    kind: 'WORKPLACE_SAFETY',
    hours: 8,
    description: 'Specific risk training under D.Lgs. 81/08 and the 2011 State-Regions agreement.',
    skillsTaught: [SKILL.safetyStandards],
    costPerHourCents: 1200,
    ...overrides,
  };
}

describe('training providers', () => {
  it('registers a provider that points at its organisation in the registry', async () => {
    const data = await h.ok(operator, `{ trainingProviders { name accreditationCode municipalityCode organisation { id } courses { id } } }`);
    expect(data.trainingProviders).toEqual([
      { name: 'Agenzia Formativa Valdelsa Lavoro', accreditationCode: 'SI0412', municipalityCode: 'C847', organisation: { id: PROVIDER_ORGANISATION }, courses: [] },
    ]);
  });

  it('names every bad field and refuses duplicates', async () => {
    const create = 'mutation($i: CreateTrainingProviderInput!) { createTrainingProvider(input: $i) { id } }';
    const bad = await h.call(operator, create, { i: { name: 'Formazione Sud', organisationId: 'not-a-uuid', accreditationCode: 'SI0999', municipalityCode: 'Z404' } });
    expect(errorOf(bad).problems.map((p) => p.field)).toEqual(['input.organisationId', 'input.municipalityCode']);
    const badCode = await h.call(operator, create, { i: { name: 'Formazione Sud', organisationId: PROVIDER_ORGANISATION, accreditationCode: 'accreditata', municipalityCode: 'D612' } });
    expect(errorOf(badCode)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accreditationCode' });
    const again = await h.call(operator, create, { i: { name: 'Altro nome', organisationId: PROVIDER_ORGANISATION, accreditationCode: 'SI0999', municipalityCode: 'C847' } });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', field: 'input.organisationId' });
    expect(await h.count('training_provider')).toBe(1);
  });
});

describe('createCourse', () => {
  it('creates a course whose skills are ESCO skills', async () => {
    const data = await h.ok(operator, CREATE_COURSE, { i: courseInput() });
    expect(data.createCourse).toMatchObject({
      kind: 'WORKPLACE_SAFETY', hours: 8, version: 1, skillsTaught: [{ uri: SKILL.safetyStandards }], provider: { name: 'Agenzia Formativa Valdelsa Lavoro' },
    });
  });

  it('refuses a wrong prefix and an unknown ESCO id, naming each position, and writes nothing', async () => {
    const before = await h.count('course');
    const res = await h.call(operator, CREATE_COURSE, {
      i: courseInput({
        title: 'HACCP for kitchen staff',
        skillsTaught: [SKILL.foodHygiene, 'http://data.europa.eu/esco/occupation/e1cf6897-158d-4b48-a39e-2a3a8cac216c', `${ESCO_SKILL_PREFIX}00000000-0000-0000-0000-000000000000`],
      }),
    });
    const error = errorOf(res);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skillsTaught.1' });
    expect(error.problems).toEqual([
      { field: 'input.skillsTaught.1', message: expect.stringMatching(/must be an ESCO skill URI/) },
      { field: 'input.skillsTaught.2', message: expect.stringMatching(/is not a skill in ESCO/) },
    ]);
    expect(res.data?.createCourse ?? null).toBeNull();
    expect(await h.count('course')).toBe(before);
  });

  it.each([
    ['no hours', { hours: 0 }, 'input.hours'],
    ['too many hours', { hours: 2001 }, 'input.hours'],
    ['a negative cost', { costPerHourCents: -1 }, 'input.costPerHourCents'],
    ['an unknown provider', { providerId: '11111111-1111-4111-8111-111111111111' }, 'input.providerId'],
    ['a skill listed twice', { skillsTaught: [SKILL.teamwork, SKILL.teamwork] }, 'input.skillsTaught.1'],
  ])('refuses %s with BAD_USER_INPUT on the field', async (_label, overrides, field) => {
    const before = await h.count('course');
    const res = await h.call(operator, CREATE_COURSE, { i: courseInput({ title: `Bad course ${field}`, ...overrides }) });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await h.count('course')).toBe(before);
  });

  it('refuses a second course with the same title at one provider', async () => {
    const res = await h.call(operator, CREATE_COURSE, { i: courseInput() });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', field: 'input.title' });
  });

  it('is kept to training operators', async () => {
    const res = await h.call(caseManager, CREATE_COURSE, { i: courseInput({ title: 'Soft skills' }) });
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });
});

describe('idempotency keys', () => {
  const input = () => courseInput({ title: 'Digital skills lab', kind: 'DIGITAL', hours: 20, skillsTaught: [SKILL.computerLiteracy] });

  it('writes once when a creation is retried, even when the retries race', async () => {
    const before = await h.count('course');
    const first = await h.ok(operator, CREATE_COURSE, { i: input(), k: 'lms-course-7' });
    const retry = await h.ok(operator, CREATE_COURSE, { i: input(), k: 'lms-course-7' });
    expect(retry.createCourse.id).toBe(first.createCourse.id);
    const raced = await Promise.all([1, 2, 3].map(() => h.ok(operator, CREATE_COURSE, { i: { ...input(), title: 'Soft skills for work' }, k: 'lms-course-8' })));
    expect(new Set(raced.map((r) => r.createCourse.id)).size).toBe(1);
    expect(await h.count('course')).toBe(before + 2);
  });

  it('refuses a key reused for another request', async () => {
    const res = await h.call(operator, CREATE_COURSE, { i: { ...input(), hours: 24 }, k: 'lms-course-7' });
    expect(errorOf(res)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
  });
});

describe('updateCourse', () => {
  it('updates with optimistic locking and checks new skills', async () => {
    const id = await build.course(providerId, { title: 'HACCP base', hours: 8 });
    const updated = await h.ok(operator, UPDATE_COURSE, { i: { id, expectedVersion: 1, hours: 12, skillsTaught: [SKILL.foodHygiene, SKILL.teamwork] } });
    expect(updated.updateCourse).toMatchObject({ hours: 12, version: 2, skillsTaught: [{ uri: SKILL.foodHygiene }, { uri: SKILL.teamwork }] });
    const stale = await h.call(operator, UPDATE_COURSE, { i: { id, expectedVersion: 1, title: 'HACCP' } });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const badSkill = await h.call(operator, UPDATE_COURSE, { i: { id, skillsTaught: ['work in teams'] } });
    expect(errorOf(badSkill)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skillsTaught.0' });
    expect((await h.ok(operator, 'query($id: ID!) { course(id: $id) { title version } }', { id })).course).toEqual({ title: 'HACCP base', version: 2 });
  });
});

describe('the catalogue', () => {
  it('filters by kind, skill, text and municipality of an edition, page by page', async () => {
    const italian = await build.course(providerId, { title: 'Italian for work, level A2', kind: 'LANGUAGE', hours: 60, skillsTaught: [] });
    await build.edition(italian, { municipalityCode: 'G752', programmeId: null });
    const list = async (filter: Record<string, unknown>, first = 50, after?: string) =>
      (await h.ok(caseManager, 'query($f: CoursesFilter, $n: Int!, $a: String) { courses(filter: $f, first: $n, after: $a) { totalCount edges { node { title } } pageInfo { hasNextPage endCursor } } }', {
        f: filter, n: first, a: after,
      })).courses;
    expect((await list({ kind: 'LANGUAGE' })).edges.map((e: any) => e.node.title)).toEqual(['Italian for work, level A2']);
    expect((await list({ skillUri: SKILL.teamwork })).edges.map((e: any) => e.node.title)).toEqual(['HACCP base']);
    expect((await list({ search: 'ITALIAN' })).totalCount).toBe(1);
    expect((await list({ municipalityCode: 'G752' })).edges.map((e: any) => e.node.title)).toEqual(['Italian for work, level A2']);
    const page1 = await list({ providerId }, 2);
    const page2 = await list({ providerId }, 50, page1.pageInfo.endCursor);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect([...page1.edges, ...page2.edges].length).toBe(page1.totalCount);
    const stranger = await h.call(caseManager, '{ courses(filter: { providerId: "x" }) { totalCount } }');
    expect(errorOf(stranger)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.providerId' });
  });

  it('answers Skill.courses for 200 skills with as many statements as for 20', async () => {
    const skills = Array.from({ length: 200 }, (_, i) => ({ __typename: 'Skill', uri: i % 3 === 0 ? SKILL.foodHygiene : `${ESCO_SKILL_PREFIX}unknown-${i}` }));
    const ask = async (n: number) => {
      const before = h.running.counter.count;
      const res = await h.entities(caseManager, skills.slice(0, n), '... on Skill { uri courses { title provider { name } } }');
      expect(res.errors).toBeUndefined();
      return { statements: h.running.counter.count - before, entities: res.data!._entities as { uri: string; courses: { title: string }[] }[] };
    };
    const small = await ask(20);
    const large = await ask(200);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(2); // courses, then their providers
    expect(large.entities).toHaveLength(200);
    expect(large.entities[0].courses.map((c) => c.title)).toEqual(['HACCP base']);
    expect(large.entities[1].courses).toEqual([]);
  });

  it('lets anyone authenticated read, but only training operators write', async () => {
    const cpi = principal('cpi_operator', '00000000-0000-4000-8000-000000000002', 'EMPLOYMENT_CENTRE');
    expect((await h.ok(cpi, '{ trainingProviders { name } }')).trainingProviders).toHaveLength(1);
    const res = await h.call(cpi, UPDATE_COURSE, { i: { id: '11111111-1111-4111-8111-111111111111', title: 'x' } });
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });
});
