import type { Principal } from '@intreccio/shared';
import type { SubgraphHarness } from '@intreccio/shared/testing';
import {
  caseManager, createVacancy, CPI_POGGIBONSI, otherCentreOperator, essentialSkills, HOME_CARE_AIDE, newId, operator, optionalSkills, recordSkill, register, startEmploymentCentre,
  WAREHOUSE_WORKER,
} from './fixtures';

let h: SubgraphHarness;
const programme = newId();
const logistics = newId();
const required = essentialSkills(WAREHOUSE_WORKER).slice(0, 4);
const optional = optionalSkills(WAREHOUSE_WORKER).slice(0, 2);

const skilled = newId();
const unskilled = newId();
const unregistered = newId();
let nearby: string;
let inFlorence: string;
let needsLicence: string;
let closed: string;

const MATCHES = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Person { matches(first: $first) {
  score person { id } vacancy { id title }
  explanation { coveredSkills { uri label } missingSkills { uri } optionalSkillsCovered { uri } distanceKm withinMobilityRadius hoursFit missingLicences desiredOccupation summary }
} } } }`;

async function matchesOf(personId: string, first = 10): Promise<any[]> {
  return (await h.ok(operator, MATCHES, { r: [{ __typename: 'Person', id: personId }], first }))._entities[0].matches;
}

beforeAll(async () => {
  h = await startEmploymentCentre('matching');
  await register(h, skilled, programme, { domicileMunicipalityCode: 'G752', mobilityRadiusKm: 20, weeklyHours: 30, drivingLicences: ['B'] });
  await register(h, unskilled, programme, { domicileMunicipalityCode: 'G752', mobilityRadiusKm: 20, weeklyHours: 30, drivingLicences: ['B'] });
  await recordSkill(h, skilled, programme, required[0]!);
  await recordSkill(h, skilled, programme, required[1]!);
  await recordSkill(h, skilled, programme, optional[0]!);
  nearby = await createVacancy(h, logistics, { title: 'Magazziniere Poggibonsi', requiredSkills: required, optionalSkills: optional, municipalityCode: 'G752', weeklyHours: 30 });
  inFlorence = await createVacancy(h, logistics, { title: 'Magazziniere Firenze', requiredSkills: required, optionalSkills: optional, municipalityCode: 'D612', weeklyHours: 40 });
  needsLicence = await createVacancy(h, logistics, { title: 'Autista magazziniere', requiredSkills: required, optionalSkills: [], municipalityCode: 'C847', requiredLicences: ['B', 'C'] });
  closed = await createVacancy(h, logistics, { title: 'Chiusa', requiredSkills: required.slice(0, 2), municipalityCode: 'G752', openedOn: '2025-01-02' });
  await h.ok(operator, 'mutation($i: CloseVacancyInput!) { closeVacancy(input: $i) { id } }', { i: { id: closed, closedOn: '2025-02-01' } });
});
afterAll(() => h?.stop());

describe('Person.matches', () => {
  it('scores a person with some required skills above one with none', async () => {
    const mine = (await matchesOf(skilled)).find((m) => m.vacancy.id === nearby);
    const theirs = (await matchesOf(unskilled)).find((m) => m.vacancy.id === nearby);
    expect(mine.score).toBeGreaterThan(theirs.score);
    expect(mine.score).toBeGreaterThan(0);
    expect(mine.score).toBeLessThanOrEqual(1);
    expect(theirs.explanation.coveredSkills).toEqual([]);
    expect(theirs.explanation.missingSkills.map((s: any) => s.uri)).toEqual(required);
  });

  it('explains covered and missing skills, distance, hours and licences', async () => {
    const matches = await matchesOf(skilled);
    expect(matches.map((m) => m.vacancy.id)).not.toContain(closed);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
    const near = matches.find((m) => m.vacancy.id === nearby);
    expect(near.explanation).toMatchObject({
      coveredSkills: [{ uri: required[0], label: 'operate warehouse record systems' }, { uri: required[1] }],
      missingSkills: [{ uri: required[2] }, { uri: required[3] }],
      optionalSkillsCovered: [{ uri: optional[0] }],
      distanceKm: 0,
      withinMobilityRadius: true,
      hoursFit: true,
      missingLicences: [],
      desiredOccupation: true,
    });
    expect(near.explanation.summary).toMatch(/^Has 2 of 4 required skills \(missing: .+\); 1 of 2 optional skills; 0 km from home, within the 20 km/);
    expect(near.person).toEqual({ id: skilled });

    const far = matches.find((m) => m.vacancy.id === inFlorence);
    expect(far.explanation.distanceKm).toBeGreaterThan(30);
    expect(far.explanation.distanceKm).toBeLessThan(40);
    expect(far.explanation.withinMobilityRadius).toBe(false);
    expect(far.explanation.hoursFit).toBe(false);
    expect(far.explanation.summary).toMatch(/beyond the 20 km the person can travel; 40 h\/week exceeds the 30 h available/);
    expect(far.score).toBeLessThan(near.score);

    const driver = matches.find((m) => m.vacancy.id === needsLicence);
    expect(driver.explanation.missingLicences).toEqual(['C']);
    expect(driver.explanation.withinMobilityRadius).toBe(true);
  });

  it('has no matches for a person not registered as a job seeker, whom the centre sees through the case team', async () => {
    // The centre holds nothing about the person: it reads them with social services' grant.
    const rid = h.newRequestId();
    const grant = await h.grant('social-services', 'person', unregistered, operator, rid);
    const res = await h.call(operator, MATCHES, { r: [{ __typename: 'Person', id: unregistered, accessGrant: grant }], first: 10 }, rid);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ matches: [] }]);
  });

  it('honours first', async () => {
    expect(await matchesOf(skilled, 1)).toHaveLength(1);
    const res = await h.call(operator, MATCHES, { r: [{ __typename: 'Person', id: skilled }], first: 1000 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('Vacancy.candidates', () => {
  const CANDIDATES = `query($id: ID!) { vacancy(id: $id) { candidates(first: 5) { score person { id } vacancy { id } explanation { coveredSkills { uri } missingSkills { uri } } } } }`;

  it('ranks job seekers with the skills first, with the same explanation as Person.matches', async () => {
    const candidates = (await h.ok(operator, CANDIDATES, { id: nearby })).vacancy.candidates;
    expect(candidates.map((c: any) => c.person.id)).toEqual([skilled, unskilled]);
    const fromPerson = (await matchesOf(skilled)).find((m) => m.vacancy.id === nearby);
    expect(candidates[0].score).toBe(fromPerson.score);
    expect(candidates[0].explanation.missingSkills).toEqual([{ uri: required[2] }, { uri: required[3] }]);
  });

  it('has none for a closed vacancy, and leaves out people with nothing in common with it', async () => {
    expect((await h.ok(operator, CANDIDATES, { id: closed })).vacancy.candidates).toEqual([]);
    const carer = newId();
    await register(h, carer, programme, { desiredOccupations: [HOME_CARE_AIDE] });
    const ids = (await h.ok(operator, CANDIDATES, { id: nearby })).vacancy.candidates.map((c: any) => c.person.id);
    expect(ids).not.toContain(carer);
  });
});

describe('the cost of a batch of people', () => {
  const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { skills { skill { label } } matches { score } } } }`;
  const people = Array.from({ length: 300 }, () => newId());

  beforeAll(async () => {
    await h.db.query(
      `INSERT INTO job_seeker_profile (person_id, programme_id, employment_centre_id, registered_on, profiling_class, education_level,
         weekly_hours, mobility_radius_km, domicile_municipality_code, desired_occupations)
       SELECT p, $2, $3, '2025-01-10', 'MEDIUM', 'UPPER_SECONDARY', 30, 25, 'C847', ARRAY[$4] FROM unnest($1::uuid[]) AS p`,
      [people, programme, CPI_POGGIBONSI, WAREHOUSE_WORKER],
    );
    await h.db.query(
      `INSERT INTO skill_record (person_id, programme_id, skill_uri, level, source, recorded_on, organisation_id)
       SELECT p, $2, s, 'BASIC', 'SELF_DECLARED', '2025-01-10', $4
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(p, n), unnest($3::text[]) WITH ORDINALITY AS y(s, m) WHERE (n + m) % 3 = 0`,
      [people, programme, [...required, ...optional], CPI_POGGIBONSI],
    );
  });

  /** Statements one `_entities` call costs `who`, with social services' grants for each person when `granted`. */
  async function cost(who: Principal, ids: string[], granted: boolean): Promise<{ statements: number; entities: any[] }> {
    const rid = h.newRequestId();
    const representations = await Promise.all(ids.map(async (id) => ({
      __typename: 'Person', id, ...(granted ? { accessGrant: await h.grant('social-services', 'person', id, who, rid) } : {}),
    })));
    const before = h.running.counter.count;
    const res = await h.call(who, QUERY, { r: representations }, rid);
    const statements = h.running.counter.count - before;
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(ids.length);
    return { statements, entities: res.data!._entities };
  }

  const complete = (entities: any[]) => entities.every((e) => e.matches.length === 3 && e.skills.length > 0);

  it('reads its own job seekers for 300 people with as many statements as for 30', async () => {
    const small = await cost(operator, people.slice(0, 30), false);
    const large = await cost(operator, people, false);
    expect(large.statements).toBe(small.statements);
    // Holders, profiles, skill records and open vacancies: one statement each; own records write no access log.
    expect(large.statements).toBe(4);
    expect(complete(large.entities)).toBe(true);
  });

  it("reads another centre's job seekers through grants for 300 people with as many statements as for 30", async () => {
    const small = await cost(otherCentreOperator, people.slice(0, 30), true);
    const large = await cost(otherCentreOperator, people, true);
    expect(large.statements).toBe(small.statements);
    // Holders, profiles, skill records, open vacancies, and one access-log insert for every person read.
    expect(large.statements).toBe(5);
    expect(complete(large.entities)).toBe(true);
  });

  it('writes one access-log row per person read through a grant', async () => {
    const ids = people.slice(0, 40);
    const before = await h.count('access_log');
    await cost(otherCentreOperator, ids, true);
    expect(await h.count('access_log')).toBe(before + ids.length);
  });

  it('reads through grants without holding anything for 300 people with as many statements as for 30', async () => {
    const small = await cost(caseManager, people.slice(0, 30), true);
    const large = await cost(caseManager, people, true);
    expect(large.statements).toBe(small.statements);
    // No holders lookup for a case manager (who holds no employment-centre records): profiles, skills, vacancies, the access log.
    expect(large.statements).toBe(4);
    expect(complete(large.entities)).toBe(true);
  });
});
