import type { SubgraphHarness } from '@intreccio/shared/testing';
import type { Principal } from '@intreccio/shared';
import {
  caseManager, operator, OTHER_PROGRAMME, personId, PROGRAMME, PROVIDER_ORGANISATION, SKILL, startTraining, TrainingBuilder,
} from './training-builder';

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
    `INSERT INTO enrollment (person_id, programme_id, edition_id, status, enrolled_on, attended_hours, completed_on, organisation_id)
     SELECT ('7e570000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, $2::uuid, $1::uuid, $3::text, '2025-02-20', $4::int,
            CASE WHEN $3::text = 'COMPLETED' THEN DATE '2025-03-14' END, $7::uuid
       FROM generate_series($5::int, $5::int + $6::int - 1) AS n`,
    [editionId, programmeId, status, hours, from, count, PROVIDER_ORGANISATION],
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
    `INSERT INTO enrollment (person_id, programme_id, edition_id, status, enrolled_on, attended_hours, withdrawn_on, withdrawal_reason, organisation_id)
     SELECT ('7e570000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, $2, $1, 'WITHDRAWN', '2025-02-20', 2, '2025-03-05', 'Found a job', $3
       FROM generate_series(101, 150) AS n`,
    [haccpEdition, PROGRAMME, PROVIDER_ORGANISATION],
  );
  await enrolMany(otherEdition, OTHER_PROGRAMME, 401, 10, 'COMPLETED', 9);
  await h.db.query(
    `INSERT INTO certification (person_id, programme_id, enrollment_id, provider_id, kind, title, issued_on, certified_skills, organisation_id)
     SELECT e.person_id, e.programme_id, e.id, $2, 'COMPETENCE_CERTIFICATION', 'Workplace safety', '2025-03-20', ARRAY[$3]::varchar[], e.organisation_id
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

  /** People 1..n as the gateway hands them to `who` in request `rid`, with social services' grant for each when `granted`. */
  async function people(who: Principal, n: number, rid: string, granted: boolean): Promise<Record<string, unknown>[]> {
    return Promise.all(Array.from({ length: n }, async (_, i) => ({
      __typename: 'Person',
      id: personId(i + 1),
      ...(granted ? { accessGrant: await h.grant('social-services', 'person', personId(i + 1), who, rid) } : {}),
    })));
  }

  async function read(who: Principal, n: number, granted: boolean) {
    const rid = h.newRequestId();
    const representations = await people(who, n, rid, granted);
    return statements(() => h.entities(who, representations, selection, rid));
  }

  function expectFirstAndLast(entities: any[]): void {
    expect(entities).toHaveLength(PEOPLE);
    const first = entities[0];
    expect(first.certifications).toEqual([{ kind: 'COMPETENCE_CERTIFICATION', certifiedSkills: [{ uri: SKILL.safetyStandards }] }]);
    expect([...first.enrollments].sort((a: any, b: any) => a.course.title.localeCompare(b.course.title))).toEqual([
      { status: 'ATTENDING', attendedHours: 6, course: { title: 'HACCP for food handlers' } },
      { status: 'COMPLETED', attendedHours: 4, course: { title: 'Workplace safety, general training' } },
    ]);
    expect(entities[299].certifications).toEqual([]);
  }

  it("costs a case manager reading through grants the same statements for 300 people as for 20", async () => {
    const small = await read(caseManager, 20, true);
    const large = await read(caseManager, PEOPLE, true);
    expect(large.result.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    // Enrolments, certifications, editions, courses, and one access-log insert for all of them.
    expect(large.statements).toBe(5);
    expectFirstAndLast(large.result.data!._entities as any[]);
  });

  it('costs the training body reading its own records the same statements for 300 people as for 20', async () => {
    const small = await read(operator, 20, false);
    const large = await read(operator, PEOPLE, false);
    expect(large.result.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    // Holders, enrolments, certifications, editions, courses; its own records write no access log.
    expect(large.statements).toBe(5);
    expectFirstAndLast(large.result.data!._entities as any[]);
  });

  it('answers nothing for a representation whose id is not a UUID, without SQL', async () => {
    const res = await statements(() => h.entities(caseManager, [{ __typename: 'Person', id: 'PRSMRA80A01H501U' }], selection));
    expect(res.result.data?._entities).toEqual([null]);
    expect(res.statements).toBe(0);
  });
});

describe('Programme.trainingKpis', () => {
  it('counts people, hours and cost per programme in one statement', async () => {
    const selection = `... on Programme { id trainingKpis { enrolled attending completed withdrawn certified trainingHours trainingCostCents suppressed } }`;
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
          suppressed: [],
        },
      },
      // Counts below 5 (none attending, withdrawn or certified) are withheld; the hours of 10 attendees are not.
      {
        id: OTHER_PROGRAMME,
        trainingKpis: {
          enrolled: 10, attending: null, completed: 10, withdrawn: null, certified: null, trainingHours: 90, trainingCostCents: 90 * 1500,
          suppressed: ['attending', 'withdrawn', 'certified'],
        },
      },
      {
        id: '99999999-9999-4999-8999-999999999999',
        trainingKpis: {
          enrolled: null, attending: null, completed: null, withdrawn: null, certified: null, trainingHours: null, trainingCostCents: null,
          suppressed: ['enrolled', 'attending', 'completed', 'withdrawn', 'certified', 'trainingHours', 'trainingCostCents'],
        },
      },
    ]);
  });
});

describe('Programme.trainingKpis for a small group', () => {
  it('withholds the hours and cost attended by fewer than 5 people, however many enrolled', async () => {
    const small = '8f3b9a52-1c4d-4e8a-9b2f-6d5e4c3b2a12';
    const edition = await build.edition(haccp, { seats: 20, programmeId: small });
    // Six enrolled, four of whom attended.
    await enrolMany(edition, small, 601, 4, 'ATTENDING', 3);
    await enrolMany(edition, small, 605, 2, 'ENROLLED', 0);
    const res = await h.entities(operator, [{ __typename: 'Programme', id: small }],
      '... on Programme { trainingKpis { enrolled attending trainingHours trainingCostCents suppressed } }');
    expect(res.data!._entities).toEqual([{
      trainingKpis: { enrolled: 6, attending: null, trainingHours: null, trainingCostCents: null, suppressed: ['attending', 'completed', 'withdrawn', 'certified', 'trainingHours', 'trainingCostCents'] },
    }]);
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
