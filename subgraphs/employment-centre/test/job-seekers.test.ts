import { ESCO_SKILL_PREFIX } from '@intreccio/shared';
import { postGraphQL, type SubgraphHarness } from '@intreccio/shared/testing';
import {
  caseManager, essentialSkills, HOME_CARE_AIDE, KITCHEN_ASSISTANT, newId, operator, RECORD_SKILL, recordSkill, register, REGISTER, registeredPerson,
  registration, startEmploymentCentre, UNKNOWN_OCCUPATION, UNKNOWN_SKILL, WAREHOUSE_WORKER,
} from './fixtures';

let h: SubgraphHarness;
const programme = newId();
const otherProgramme = newId();

beforeAll(async () => {
  h = await startEmploymentCentre('job_seekers');
});
afterAll(() => h?.stop());

const UPDATE = `mutation($i: UpdateJobSeekerProfileInput!, $k: String) {
  updateJobSeekerProfile(input: $i, idempotencyKey: $k) { id version weeklyHours mobilityRadiusKm languages { language level } desiredOccupations { uri } }
}`;

describe('the subgraph answers only the gateway', () => {
  it('refuses a call without the gateway token', async () => {
    const res = await postGraphQL(h.url, '{ skill(uri: "x") { uri } }');
    expect(res.status).toBe(401);
  });
});

describe('registerJobSeeker', () => {
  it('registers a person in a programme with the employment centre of the caller', async () => {
    const person = newId();
    const data = await h.ok(operator, REGISTER, { i: registration(person, programme) });
    expect(data.registerJobSeeker).toMatchObject({
      version: 1,
      registeredOn: '2025-03-10',
      profilingClass: 'HIGH',
      languages: [{ language: 'it', level: 'B1' }, { language: 'ar', level: 'C2' }],
      desiredOccupations: [{ uri: WAREHOUSE_WORKER, label: 'warehouse worker' }],
      person: { id: person },
      programme: { id: programme },
      employmentCentre: { id: operator.organisationId },
    });
  });

  it('normalises language codes and CEFR levels', async () => {
    const data = await h.ok(operator, REGISTER, { i: registration(newId(), programme, { languages: [{ language: 'EN', level: 'a2' }, { language: 'wo', level: 'C2' }] }) });
    expect(data.registerJobSeeker.languages).toEqual([{ language: 'en', level: 'A2' }, { language: 'wo', level: 'C2' }]);
    const read = await h.ok(operator, 'query($id: ID!) { jobSeeker(id: $id) { languages { name } } }', { id: data.registerJobSeeker.id });
    expect(read.jobSeeker.languages).toEqual([{ name: 'English' }, { name: 'Wolof' }]);
  });

  it('refuses a second registration of the same person in the same programme with CONFLICT', async () => {
    const person = newId();
    await register(h, person, programme);
    const res = await h.call(operator, REGISTER, { i: registration(person, programme, { registeredOn: '2025-04-01' }) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.personId' });
    // Another programme is another registration.
    await register(h, person, otherProgramme);
    const both = await h.ok(operator, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { jobSeeker { programme { id } } jobSeekerProfiles { id } } } }`, {
      r: [{ __typename: 'Person', id: person }],
    });
    expect(both._entities[0].jobSeekerProfiles).toHaveLength(2);
  });

  it('writes once when retried with the same idempotency key, even when the retries race', async () => {
    const before = await h.count('job_seeker_profile');
    const input = registration(newId(), programme);
    const [a, b] = await Promise.all([
      h.ok(operator, REGISTER, { i: input, k: 'cpi-crm-1001' }),
      h.ok(operator, REGISTER, { i: input, k: 'cpi-crm-1001' }),
    ]);
    const c = await h.ok(operator, REGISTER, { i: input, k: 'cpi-crm-1001' });
    expect(a.registerJobSeeker.id).toBe(b.registerJobSeeker.id);
    expect(c.registerJobSeeker.id).toBe(a.registerJobSeeker.id);
    expect(await h.count('job_seeker_profile')).toBe(before + 1);
    const reused = await h.call(operator, REGISTER, { i: registration(newId(), programme), k: 'cpi-crm-1001' });
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['an occupation URI with the wrong prefix', { desiredOccupations: [WAREHOUSE_WORKER, 'http://example.org/occupation/cook'] }, 'input.desiredOccupations.1', /ESCO occupation URI/],
    ['an unknown ESCO occupation', { desiredOccupations: [UNKNOWN_OCCUPATION] }, 'input.desiredOccupations.0', /not an occupation in ESCO/],
    ['a municipality that does not exist', { domicileMunicipalityCode: 'Z999' }, 'input.domicileMunicipalityCode', /cadastral code/],
    ['a CEFR level that does not exist', { languages: [{ language: 'it', level: 'B1' }, { language: 'fr', level: 'B3' }] }, 'input.languages.1.level', /CEFR/],
    ['a language code that is not ISO 639-1', { languages: [{ language: 'ita', level: 'B1' }] }, 'input.languages.0.language', /ISO 639-1/],
    ['a registration date in the future', { registeredOn: '2999-01-01' }, 'input.registeredOn', /future/],
    ['more than 48 weekly hours', { weeklyHours: 60 }, 'input.weeklyHours', /1 to 48/],
    ['a person id that is not a UUID', { personId: 'person-17' }, 'input.personId', /valid person id/],
    ['a licence listed twice', { drivingLicences: ['B', 'B'] }, 'input.drivingLicences', /unique/],
  ])('refuses %s with BAD_USER_INPUT naming the field and writes nothing', async (_label, overrides, field, message) => {
    const before = await h.count('job_seeker_profile');
    const res = await h.call(operator, REGISTER, { i: registration(newId(), programme, overrides) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await h.count('job_seeker_profile')).toBe(before);
  });

  it('lists every problem at once', async () => {
    const res = await h.call(operator, REGISTER, {
      i: registration(newId(), programme, { domicileMunicipalityCode: 'Q000', weeklyHours: 0, desiredOccupations: ['nonsense'] }),
    });
    const fields = (res.errors?.[0]?.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.domicileMunicipalityCode', 'input.weeklyHours', 'input.desiredOccupations.0']));
  });

  it('is kept to employment-centre operators', async () => {
    const res = await h.call(caseManager, REGISTER, { i: registration(newId(), programme) });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('updateJobSeekerProfile', () => {
  it('applies an update on the version read and refuses a stale one', async () => {
    const id = await register(h, newId(), programme);
    const first = await h.ok(operator, UPDATE, { i: { id, expectedVersion: 1, weeklyHours: 36, desiredOccupations: [KITCHEN_ASSISTANT, HOME_CARE_AIDE] } });
    expect(first.updateJobSeekerProfile).toMatchObject({ version: 2, weeklyHours: 36, desiredOccupations: [{ uri: KITCHEN_ASSISTANT }, { uri: HOME_CARE_AIDE }] });
    const stale = await h.call(operator, UPDATE, { i: { id, expectedVersion: 1, weeklyHours: 20 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const [row] = await h.db.query('SELECT weekly_hours FROM job_seeker_profile WHERE id = $1', [id]);
    expect(row.weekly_hours).toBe(36);
  });

  it('validates what it changes, naming the field', async () => {
    const id = await register(h, newId(), programme);
    const res = await h.call(operator, UPDATE, { i: { id, languages: [{ language: 'it', level: 'D1' }] } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.languages.0.level' });
    const missing = await h.call(operator, UPDATE, { i: { id: newId(), weeklyHours: 20 } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
  });
});

describe('recordSkill', () => {
  const skill = essentialSkills(WAREHOUSE_WORKER)[0]!;

  it('keeps one record per person and skill, raised only by a higher level', async () => {
    const person = await registeredPerson(h, programme);
    const base = { personId: person, programmeId: programme, skillUri: skill, source: 'SELF_DECLARED', recordedOn: '2025-03-12' };
    const first = await h.ok(operator, RECORD_SKILL, { i: { ...base, level: 'BASIC' } });
    expect(first.recordSkill).toMatchObject({ level: 'BASIC', version: 1, skill: { uri: skill, label: 'operate warehouse record systems', kind: 'SKILL' } });
    const raised = await h.ok(operator, RECORD_SKILL, { i: { ...base, level: 'ADVANCED', source: 'CERTIFICATION', recordedOn: '2025-05-02' } });
    expect(raised.recordSkill).toMatchObject({ id: first.recordSkill.id, level: 'ADVANCED', source: 'CERTIFICATION', recordedOn: '2025-05-02', version: 2 });
    const weaker = await h.ok(operator, RECORD_SKILL, { i: { ...base, level: 'INTERMEDIATE', recordedOn: '2025-06-01' } });
    expect(weaker.recordSkill).toMatchObject({ id: first.recordSkill.id, level: 'ADVANCED', source: 'CERTIFICATION', version: 2 });
    expect((await h.db.query('SELECT count(*)::int AS n FROM skill_record WHERE person_id = $1', [person]))[0].n).toBe(1);
  });

  it.each([
    ['a URI outside ESCO skills', 'http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f', /ESCO skill URI/],
    ['an unknown ESCO skill', UNKNOWN_SKILL, /not a skill in ESCO/],
  ])('refuses %s on input.skillUri', async (_label, skillUri, message) => {
    const res = await h.call(operator, RECORD_SKILL, {
      i: { personId: newId(), programmeId: programme, skillUri, level: 'BASIC', source: 'SELF_DECLARED', recordedOn: '2025-03-12' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skillUri' });
    expect(res.errors?.[0]?.message).toMatch(message);
  });
});

describe('work history and orientation', () => {
  it('records a job and refuses one that ends before it starts', async () => {
    const person = await registeredPerson(h, programme);
    const mutation = `mutation($i: RecordWorkExperienceInput!) { recordWorkExperience(input: $i) { id employerName endDate occupation { label } } }`;
    const input = { personId: person, programmeId: programme, employerName: 'Coop Valdelsa', occupationUri: WAREHOUSE_WORKER, startDate: '2019-02-01', endDate: '2021-06-30' };
    const ok = await h.ok(operator, mutation, { i: input });
    expect(ok.recordWorkExperience).toMatchObject({ employerName: 'Coop Valdelsa', occupation: { label: 'warehouse worker' } });
    const backwards = await h.call(operator, mutation, { i: { ...input, endDate: '2018-12-31' } });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endDate' });
    const badOccupation = await h.call(operator, mutation, { i: { ...input, occupationUri: UNKNOWN_OCCUPATION } });
    expect(badOccupation.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.occupationUri' });
  });

  it('records orientation sessions and lists them on the person, latest first', async () => {
    const person = await registeredPerson(h, programme);
    const mutation = `mutation($i: RecordOrientationSessionInput!) { recordOrientationSession(input: $i) { id } }`;
    for (const heldOn of ['2025-03-11', '2025-03-25']) {
      await h.ok(operator, mutation, {
        i: { personId: person, programmeId: programme, heldOn, kind: 'INDIVIDUAL', durationMinutes: 60, operatorName: 'Paolo Verdi', summary: 'Professional goals discussed' },
      });
    }
    const tooLong = await h.call(operator, mutation, {
      i: { personId: person, programmeId: programme, heldOn: '2025-03-26', kind: 'GROUP', durationMinutes: 0, operatorName: 'Paolo Verdi' },
    });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.durationMinutes' });
    const data = await h.ok(operator, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { orientationSessions { heldOn kind programme { id } } } } }`, {
      r: [{ __typename: 'Person', id: person }],
    });
    expect(data._entities[0].orientationSessions.map((s: any) => s.heldOn)).toEqual(['2025-03-25', '2025-03-11']);
  });
});

describe('skills assessment', () => {
  const START = `mutation($i: StartSkillsAssessmentInput!) { startSkillsAssessment(input: $i) { id status version } }`;
  const COMPLETE = `mutation($i: CompleteSkillsAssessmentInput!, $k: String) {
    completeSkillsAssessment(input: $i, idempotencyKey: $k) { id status completedOn summary version assessedSkills { skill { uri } level } }
  }`;
  const skills = essentialSkills(KITCHEN_ASSISTANT);

  async function skillRows(person: string): Promise<{ skill_uri: string; level: string; source: string }[]> {
    return h.db.query('SELECT skill_uri, level, source FROM skill_record WHERE person_id = $1 ORDER BY skill_uri', [person]);
  }

  it('completes an assessment and records or raises its skills in the same transaction', async () => {
    const person = await registeredPerson(h, programme);
    await recordSkill(h, person, programme, skills[0]!, 'BASIC');
    await recordSkill(h, person, programme, skills[1]!, 'ADVANCED');
    const started = (await h.ok(operator, START, { i: { personId: person, programmeId: programme, startedOn: '2025-03-15', operatorName: 'Paolo Verdi' } })).startSkillsAssessment;
    expect(started).toMatchObject({ status: 'IN_PROGRESS', version: 1 });
    const second = await h.call(operator, START, { i: { personId: person, programmeId: programme, startedOn: '2025-03-16', operatorName: 'Paolo Verdi' } });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.personId' });

    const assessed = [
      { uri: skills[0], level: 'INTERMEDIATE' },
      { uri: skills[1], level: 'BASIC' },
      { uri: skills[2], level: 'ADVANCED' },
    ];
    const done = await h.ok(operator, COMPLETE, {
      i: { assessmentId: started.id, expectedVersion: 1, completedOn: '2025-04-10', summary: 'Ready for kitchen work', skills: assessed },
    });
    expect(done.completeSkillsAssessment).toMatchObject({ status: 'COMPLETED', completedOn: '2025-04-10', version: 2 });
    expect(done.completeSkillsAssessment.assessedSkills).toHaveLength(3);
    const rows = await skillRows(person);
    const byUri = Object.fromEntries(rows.map((r) => [r.skill_uri, r]));
    expect(byUri[skills[0]!]).toMatchObject({ level: 'INTERMEDIATE', source: 'SKILLS_ASSESSMENT' });
    // Weaker evidence does not lower what a self-declaration said.
    expect(byUri[skills[1]!]).toMatchObject({ level: 'ADVANCED', source: 'SELF_DECLARED' });
    expect(byUri[skills[2]!]).toMatchObject({ level: 'ADVANCED', source: 'SKILLS_ASSESSMENT' });

    const again = await h.call(operator, COMPLETE, { i: { assessmentId: started.id, completedOn: '2025-04-11', summary: 'x', skills: [] } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assessmentId' });
    expect(again.errors?.[0]?.message).toMatch(/COMPLETED skills assessment cannot be completed again/);
  });

  it('writes nothing when completion fails: a bad skill, a date before the start, a stale version', async () => {
    const person = await registeredPerson(h, programme);
    await recordSkill(h, person, programme, skills[0]!, 'BASIC');
    const started = (await h.ok(operator, START, { i: { personId: person, programmeId: programme, startedOn: '2025-03-15', operatorName: 'Paolo Verdi' } })).startSkillsAssessment;
    const before = await skillRows(person);
    const good = [{ uri: skills[0], level: 'ADVANCED' }, { uri: skills[3], level: 'BASIC' }];
    const attempts: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ skills: [...good, { uri: `${ESCO_SKILL_PREFIX}not-a-skill`, level: 'BASIC' }] }, { code: 'BAD_USER_INPUT', field: 'input.skills.2.uri' }],
      [{ skills: [...good, { uri: 'https://esco.ec.europa.eu/skill/1', level: 'BASIC' }] }, { code: 'BAD_USER_INPUT', field: 'input.skills.2.uri' }],
      [{ skills: good, completedOn: '2025-03-01' }, { code: 'BAD_USER_INPUT', field: 'input.completedOn' }],
      [{ skills: good, expectedVersion: 7 }, { code: 'CONFLICT', field: 'expectedVersion' }],
    ];
    for (const [overrides, expected] of attempts) {
      const res = await h.call(operator, COMPLETE, {
        i: { assessmentId: started.id, completedOn: '2025-04-10', summary: 'Report', ...overrides },
        k: `complete-${JSON.stringify(overrides).length}`,
      });
      expect(res.errors?.[0]?.extensions).toMatchObject(expected);
      expect(await skillRows(person)).toEqual(before);
      const [assessment] = await h.db.query('SELECT status, version, assessed_skills FROM skills_assessment WHERE id = $1', [started.id]);
      expect(assessment).toEqual({ status: 'IN_PROGRESS', version: 1, assessed_skills: [] });
    }
  });
});

describe('queries', () => {
  it('pages through job seekers with filters', async () => {
    const p = newId();
    const ids: string[] = [];
    for (const [i, occupation] of [WAREHOUSE_WORKER, KITCHEN_ASSISTANT, WAREHOUSE_WORKER, HOME_CARE_AIDE, WAREHOUSE_WORKER].entries()) {
      ids.push(await register(h, newId(), p, { registeredOn: `2025-05-0${i + 1}`, desiredOccupations: [occupation], profilingClass: i % 2 ? 'LOW' : 'HIGH' }));
    }
    const page = `query($f: JobSeekersFilter, $after: String) {
      jobSeekers(first: 2, after: $after, filter: $f) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await h.ok(operator, page, { f: { programmeId: p }, after });
      expect(data.jobSeekers.totalCount).toBe(5);
      seen.push(...data.jobSeekers.edges.map((e: any) => e.node.id));
      if (!data.jobSeekers.pageInfo.hasNextPage) break;
      after = data.jobSeekers.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    const warehouse = await h.ok(operator, page, { f: { programmeId: p, occupationUri: WAREHOUSE_WORKER, profilingClass: 'HIGH' } });
    expect(warehouse.jobSeekers.totalCount).toBe(3);
    const bad = await h.call(operator, page, { f: { occupationUri: 'cook' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.occupationUri' });
    const one = await h.ok(operator, 'query($id: ID!) { jobSeeker(id: $id) { id } }', { id: ids[0] });
    expect(one.jobSeeker.id).toBe(ids[0]);
    expect((await h.ok(operator, '{ jobSeeker(id: "nope") { id } }')).jobSeeker).toBeNull();
  });

  it('reads ESCO skills and occupations by URI, by search and as entities', async () => {
    const skill = essentialSkills(WAREHOUSE_WORKER)[1]!;
    const data = await h.ok(operator, `query($s: String!, $o: String!) {
      skill(uri: $s) { uri label kind }
      occupation(uri: $o) { label iscoGroup essentialSkills { uri } optionalSkills { uri } }
      skills(search: "forklift", first: 3) { label }
      occupations(search: "warehouse", first: 5) { label }
      unknown: skill(uri: "http://data.europa.eu/esco/skill/unknown") { uri }
    }`, { s: skill, o: WAREHOUSE_WORKER });
    expect(data.skill).toEqual({ uri: skill, label: 'operate warehouse materials', kind: 'SKILL' });
    expect(data.occupation).toMatchObject({ label: 'warehouse worker', iscoGroup: '9333' });
    expect(data.occupation.essentialSkills).toHaveLength(essentialSkills(WAREHOUSE_WORKER).length);
    expect(data.skills.length).toBeGreaterThan(0);
    expect(data.skills.every((s: any) => /forklift/i.test(s.label))).toBe(true);
    expect(data.occupations.map((o: any) => o.label)).toContain('warehouse worker');
    expect(data.unknown).toBeNull();
    const entities = await h.ok(operator, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Skill { label } ... on Occupation { label } } }`, {
      r: [{ __typename: 'Skill', uri: skill }, { __typename: 'Occupation', uri: KITCHEN_ASSISTANT }, { __typename: 'Skill', uri: UNKNOWN_SKILL }],
    });
    expect(entities._entities).toEqual([{ label: 'operate warehouse materials' }, { label: 'kitchen assistant' }, null]);
    const tooMany = await h.call(operator, '{ skills(search: "a", first: 1000) { uri } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
