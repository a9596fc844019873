import type { SubgraphHarness } from '@intreccio/shared/testing';
import { caseManager, operator, OTHER_PROGRAMME, personId, PROGRAMME, SKILL, startTraining, TrainingBuilder } from './training-builder';

const PEOPLE = 300;

let h: SubgraphHarness;
let build: TrainingBuilder;
let safety: string;
let haccp: string;

/**
 * Enrolments for many people are written straight to the tables: the API's rules are tested
 * elsewhere, and here only the cost of reading them matters.
 */
async function enrolMany(editionId: string, programmeId: string, from: number, count: number, status: string, hours: number): Promise<void> {
  await h.db.query(
    `INSERT INTO enrollment (person_id, programme_id, edition_id, status, enrolled_on, attended_hours, completed_on)
     SELECT ('7e570000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, $2::uuid, $1::uuid, $3::text, '2025-02-20', $4::int,
            CASE WHEN $3::text = 'COMPLETED' THEN DATE '2025-03-14' END
       FROM generate_series($5::int, $5::int + $6::int - 1) AS n`,
    [editionId, programmeId, status, hours, from, count],
  );
}

beforeAll(async () => {
  h = await startTraining('federation');
  build = new TrainingBuilder(h);
  const provider = await build.provider();
  safety = await build.course(provider, { title: 'Workplace safety, general training', kind: 'WORKPLACE_SAFETY', hours: 4, costPerHourCents: 1000, skillsTaught: [SKILL.safetyStandards] });
  haccp = await build.course(provider, { title: 'HACCP for food handlers', hours: 12, costPerHourCents: 1500, skillsTaught: [SKILL.foodHygiene, SKILL.teamwork] });
  const safetyEdition = await build.edition(safety, { seats: 500 });
  const haccpEdition = await build.edition(haccp, { seats: 500 });
  const otherEdition = await build.edition(haccp, { seats: 500, programmeId: OTHER_PROGRAMME });
  // People 1–300 completed safety; 1–100 also attend HACCP (6 h), 101–150 withdrew from it; 401–410 are in another programme.
  await enrolMany(safetyEdition, PROGRAMME, 1, PEOPLE, 'COMPLETED', 4);
  await enrolMany(haccpEdition, PROGRAMME, 1, 100, 'ATTENDING', 6);
  await h.db.query(
    `INSERT INTO enrollment (person_id, programme_id, edition_id, status, enrolled_on, attended_hours, withdrawn_on, withdrawal_reason)
     SELECT ('7e570000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, $2, $1, 'WITHDRAWN', '2025-02-20', 2, '2025-03-05', 'Found a job'
       FROM generate_series(101, 150) AS n`,
    [haccpEdition, PROGRAMME],
  );
  await enrolMany(otherEdition, OTHER_PROGRAMME, 401, 10, 'COMPLETED', 9);
  await h.db.query(
    `INSERT INTO certification (person_id, programme_id, enrollment_id, provider_id, kind, title, issued_on, certified_skills)
     SELECT e.person_id, e.programme_id, e.id, $2, 'COMPETENCE_CERTIFICATION', 'Workplace safety', '2025-03-20', ARRAY[$3]::varchar[]
       FROM enrollment e WHERE e.edition_id = $1 AND e.person_id <= '7e570000-0000-4000-8000-000000000200'`,
    [safetyEdition, provider, SKILL.safetyStandards],
  );
});
afterAll(() => h?.stop());

async function statements<T>(work: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const before = h.running.counter.count;
  const result = await work();
  return { statements: h.running.counter.count - before, result };
}

describe('Person through _entities', () => {
  const selection = `... on Person { id enrollments { status attendedHours course { title } } certifications { kind certifiedSkills { uri } } }`;
  const people = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Person', id: personId(i + 1) }));

  it('costs the same statements for 300 people as for 20', async () => {
    const small = await statements(() => h.entities(caseManager, people(20), selection));
    const large = await statements(() => h.entities(caseManager, people(PEOPLE), selection));
    expect(large.result.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    // Enrolments, certifications, editions, courses.
    expect(large.statements).toBe(4);
    const entities = large.result.data!._entities as any[];
    expect(entities).toHaveLength(PEOPLE);
    const first = entities[0];
    expect(first.certifications).toEqual([{ kind: 'COMPETENCE_CERTIFICATION', certifiedSkills: [{ uri: SKILL.safetyStandards }] }]);
    expect([...first.enrollments].sort((a: any, b: any) => a.course.title.localeCompare(b.course.title))).toEqual([
      { status: 'ATTENDING', attendedHours: 6, course: { title: 'HACCP for food handlers' } },
      { status: 'COMPLETED', attendedHours: 4, course: { title: 'Workplace safety, general training' } },
    ]);
    expect(entities[299].certifications).toEqual([]);
  });

  it('answers nothing for a representation whose id is not a UUID, without SQL', async () => {
    const res = await statements(() => h.entities(caseManager, [{ __typename: 'Person', id: 'PRSMRA80A01H501U' }], selection));
    expect(res.result.data?._entities).toEqual([{ id: 'PRSMRA80A01H501U', enrollments: [], certifications: [] }]);
    expect(res.statements).toBe(0);
  });
});

describe('Programme.trainingKpis', () => {
  it('counts people, hours and cost per programme in one statement', async () => {
    const selection = `... on Programme { id trainingKpis { enrolled attending completed withdrawn certified trainingHours trainingCostCents } }`;
    const { statements: count, result } = await statements(() => h.entities(operator, [
      { __typename: 'Programme', id: PROGRAMME },
      { __typename: 'Programme', id: OTHER_PROGRAMME },
      { __typename: 'Programme', id: '99999999-9999-4999-8999-999999999999' },
    ], selection));
    expect(count).toBe(1);
    expect(result.data!._entities).toEqual([
      {
        id: PROGRAMME,
        trainingKpis: {
          enrolled: 300, attending: 100, completed: 300, withdrawn: 50, certified: 200,
          trainingHours: 300 * 4 + 100 * 6 + 50 * 2,
          trainingCostCents: 300 * 4 * 1000 + (100 * 6 + 50 * 2) * 1500,
        },
      },
      { id: OTHER_PROGRAMME, trainingKpis: { enrolled: 10, attending: 0, completed: 10, withdrawn: 0, certified: 0, trainingHours: 90, trainingCostCents: 90 * 1500 } },
      { id: '99999999-9999-4999-8999-999999999999', trainingKpis: { enrolled: 0, attending: 0, completed: 0, withdrawn: 0, certified: 0, trainingHours: 0, trainingCostCents: 0 } },
    ]);
  });
});

describe('owned entities', () => {
  it('resolves Course and CourseEdition references in batches', async () => {
    const { statements: count, result } = await statements(() => h.entities(caseManager, [
      { __typename: 'Course', id: safety }, { __typename: 'Course', id: haccp }, { __typename: 'Course', id: 'nope' },
    ], '... on Course { title provider { name } editions { seats enrolledCount seatsLeft } }'));
    expect(result.data!._entities).toEqual([
      { title: 'Workplace safety, general training', provider: { name: 'Agenzia Formativa Valdelsa Lavoro' }, editions: [{ seats: 500, enrolledCount: 300, seatsLeft: 200 }] },
      {
        title: 'HACCP for food handlers', provider: { name: 'Agenzia Formativa Valdelsa Lavoro' },
        editions: expect.arrayContaining([{ seats: 500, enrolledCount: 100, seatsLeft: 400 }, { seats: 500, enrolledCount: 10, seatsLeft: 490 }]),
      },
      null,
    ]);
    expect(count).toBe(4); // courses, providers, editions, seats taken
  });
});
