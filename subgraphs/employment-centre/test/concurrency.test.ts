import { outcome, race, refusals, type SubgraphHarness } from '@intreccio/shared/testing';
import {
  createVacancy, essentialSkills, HOME_CARE_AIDE, KITCHEN_ASSISTANT, newId, operator, optionalSkills, RECORD_SKILL, REGISTER, registeredPerson,
  registration, startEmploymentCentre, WAREHOUSE_WORKER,
} from './fixtures';

/**
 * Concurrent writes and retries on one record: each race starts every request before awaiting any,
 * so they run in their own transactions at once. Each is run a few times so that a lost update or a
 * duplicate has its chance to show, and the database is read afterwards.
 */

const ROUNDS = 4;

let h: SubgraphHarness;
const programme = newId();
const company = newId();

const UPDATE_PROFILE = 'mutation($i: UpdateJobSeekerProfileInput!, $k: String) { updateJobSeekerProfile(input: $i, idempotencyKey: $k) { id version weeklyHours mobilityRadiusKm } }';
const RECORD_HIRE = 'mutation($i: RecordHireInput!, $k: String) { recordHire(input: $i, idempotencyKey: $k) { id } }';
const FOLLOW_UP = 'mutation($i: RecordFollowUpInput!, $k: String) { recordFollowUp(input: $i, idempotencyKey: $k) { id followUps { monthsAfter stillEmployed } } }';
const UPDATE_VACANCY = 'mutation($i: UpdateVacancyInput!, $k: String) { updateVacancy(input: $i, idempotencyKey: $k) { id status version positions } }';
const CLOSE_VACANCY = 'mutation($i: CloseVacancyInput!, $k: String) { closeVacancy(input: $i, idempotencyKey: $k) { id status version } }';
const START_ASSESSMENT = 'mutation($i: StartSkillsAssessmentInput!, $k: String) { startSkillsAssessment(input: $i, idempotencyKey: $k) { id } }';
const COMPLETE_ASSESSMENT = 'mutation($i: CompleteSkillsAssessmentInput!, $k: String) { completeSkillsAssessment(input: $i, idempotencyKey: $k) { id status version } }';

async function row<T = Record<string, any>>(sql: string, params: unknown[]): Promise<T> {
  const [found] = await h.db.query(sql, params);
  return found as T;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await row<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;
}

function hireInput(personId: string): Record<string, unknown> {
  return {
    personId, programmeId: programme, companyId: company, startDate: '2025-01-31', contractType: 'FIXED_TERM', endDate: '2026-01-30',
    weeklyHours: 30, grossMonthlyWageCents: 120_000, occupationUri: WAREHOUSE_WORKER,
  };
}

async function hire(): Promise<string> {
  return (await h.ok(operator, RECORD_HIRE, { i: hireInput(await registeredPerson(h, programme)) })).recordHire.id;
}

async function startAssessment(personId: string, programmeId = programme): Promise<string> {
  return (await h.ok(operator, START_ASSESSMENT, { i: { personId, programmeId, startedOn: '2025-03-12', operatorName: 'Sara Pieri' } })).startSkillsAssessment.id;
}

beforeAll(async () => {
  h = await startEmploymentCentre('concurrency');
});
afterAll(() => h?.stop());

describe('registrations', () => {
  it('registers a person once per programme when the registration is sent several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = newId();
      const answers = await race(3, () => h.call(operator, REGISTER, { i: registration(personId, programme) }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({
        code: 'CONFLICT', field: 'input.personId', message: 'The person is already registered as a job seeker in this programme',
      })));
      expect(await count('job_seeker_profile WHERE person_id = $1', [personId])).toBe(1);
    }
  });

  it('registers once for one key sent several times at once, and answers each with the one profile', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = newId();
      const answers = await race(3, () => h.call(operator, REGISTER, { i: registration(personId, programme), k: `register-${personId}` }));
      expect(refusals(answers)).toEqual([]);
      expect(new Set(answers.map((a) => a.data!.registerJobSeeker.id)).size).toBe(1);
      expect(await count('job_seeker_profile WHERE person_id = $1', [personId])).toBe(1);
    }
  });

  it('refuses the second of two profile updates made over one expectedVersion', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const { id } = await row<{ id: string }>('SELECT id FROM job_seeker_profile WHERE person_id = $1', [personId]);
      const answers = await race(2, (i) => h.call(operator, UPDATE_PROFILE, {
        i: i === 0 ? { id, expectedVersion: 1, weeklyHours: 20 } : { id, expectedVersion: 1, mobilityRadiusKm: 50 },
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{
        code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/^The job seeker profile was changed by someone else \(version 2, expected 1\)/),
      }]);
      expect(await row('SELECT weekly_hours, mobility_radius_km, version FROM job_seeker_profile WHERE id = $1', [id])).toEqual({
        weekly_hours: winners[0] === 0 ? 20 : 30, mobility_radius_km: winners[0] === 1 ? 50 : 20, version: 2,
      });
    }
  });

  it('keeps both of two profile updates of different fields made without expectedVersion', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const { id } = await row<{ id: string }>('SELECT id FROM job_seeker_profile WHERE person_id = $1', [personId]);
      const answers = await race(2, (i) => h.call(operator, UPDATE_PROFILE, { i: i === 0 ? { id, weeklyHours: 20 } : { id, mobilityRadiusKm: 50 } }));
      expect(refusals(answers)).toEqual([]);
      expect(await row('SELECT weekly_hours, mobility_radius_km, version FROM job_seeker_profile WHERE id = $1', [id])).toEqual({
        weekly_hours: 20, mobility_radius_km: 50, version: 3,
      });
    }
  });
});

describe('skills', () => {
  it('keeps one record of a skill recorded several times at once, at the highest level given', async () => {
    const skillUri = essentialSkills(WAREHOUSE_WORKER)[0]!;
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const levels = ['BASIC', 'ADVANCED', 'INTERMEDIATE', 'BASIC'];
      const answers = await race(levels.length, (i) => h.call(operator, RECORD_SKILL, {
        i: { personId, programmeId: programme, skillUri, level: levels[i], source: 'SELF_DECLARED', recordedOn: '2025-03-12' },
      }));
      expect(refusals(answers)).toEqual([]);
      expect(await h.db.query('SELECT level FROM skill_record WHERE person_id = $1', [personId])).toEqual([{ level: 'ADVANCED' }]);
    }
  });

  it('starts one skills assessment per person and programme when several are started at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const answers = await race(3, () => h.call(operator, START_ASSESSMENT, { i: { personId, programmeId: programme, startedOn: '2025-03-12', operatorName: 'Sara Pieri' } }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({
        code: 'CONFLICT', field: 'input.personId', message: 'The person already has a skills assessment in progress in this programme',
      })));
      expect(await count("skills_assessment WHERE person_id = $1 AND status = 'IN_PROGRESS'", [personId])).toBe(1);
    }
  });

  it('completes an assessment once when it is completed twice at once, recording the skills of the one that won', async () => {
    const skills = essentialSkills(KITCHEN_ASSISTANT);
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const assessmentId = await startAssessment(personId);
      const found = [skills.slice(0, 3), skills.slice(3, 5)];
      const answers = await race(2, (i) => h.call(operator, COMPLETE_ASSESSMENT, {
        i: { assessmentId, completedOn: '2025-04-10', summary: `Summary ${i}`, skills: found[i]!.map((uri) => ({ uri, level: 'INTERMEDIATE' })) },
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.assessmentId', message: 'input.assessmentId: a COMPLETED skills assessment cannot be completed again' }]);
      expect(await row('SELECT status, summary, version FROM skills_assessment WHERE id = $1', [assessmentId])).toEqual({
        status: 'COMPLETED', summary: `Summary ${winners[0]}`, version: 2,
      });
      const recorded = (await h.db.query('SELECT skill_uri FROM skill_record WHERE person_id = $1', [personId])).map((r: { skill_uri: string }) => r.skill_uri);
      expect(recorded.sort()).toEqual([...found[winners[0]!]!].sort());
    }
  });

  it('completes two assessments of one person at once that find the same skills in opposite orders', async () => {
    // Each completion writes its skills in one statement; two such statements over the same rows
    // must not take the rows' locks in opposite orders, or the database ends one of them.
    const skills = [...new Set([WAREHOUSE_WORKER, KITCHEN_ASSISTANT, HOME_CARE_AIDE].flatMap((o) => [...essentialSkills(o), ...optionalSkills(o)]))].slice(0, 120);
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const otherProgramme = newId();
      await h.ok(operator, REGISTER, { i: registration(personId, otherProgramme) });
      const assessments = [await startAssessment(personId), await startAssessment(personId, otherProgramme)];
      const orders = [skills, [...skills].reverse()];
      const answers = await race(2, (i) => h.call(operator, COMPLETE_ASSESSMENT, {
        i: { assessmentId: assessments[i], completedOn: '2025-04-10', summary: 'Found', skills: orders[i]!.map((uri) => ({ uri, level: i === 0 ? 'BASIC' : 'ADVANCED' })) },
      }));
      expect(refusals(answers)).toEqual([]);
      expect(await h.db.query('SELECT DISTINCT level FROM skill_record WHERE person_id = $1', [personId])).toEqual([{ level: 'ADVANCED' }]);
      expect(await count('skill_record WHERE person_id = $1', [personId])).toBe(skills.length);
    }
  });
});

describe('vacancies', () => {
  it('refuses the second of two changes made over one expectedVersion, and any change once the vacancy closed', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await createVacancy(h, company);
      const versioned = await race(2, (i) => h.call(operator, i === 0 ? CLOSE_VACANCY : UPDATE_VACANCY, {
        i: i === 0 ? { id, expectedVersion: 1, closedOn: '2025-05-01' } : { id, expectedVersion: 1, positions: 3 },
      }));
      const { won, winners } = outcome(versioned);
      expect(won).toHaveLength(1);
      expect(refusals(versioned)).toEqual([{ code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/^The vacancy was changed by someone else \(version 2, expected 1\)/) }]);
      expect(await row('SELECT status, positions, version FROM vacancy WHERE id = $1', [id])).toEqual({
        status: winners[0] === 0 ? 'CLOSED' : 'OPEN', positions: winners[0] === 1 ? 3 : 2, version: 2,
      });

      // Without expectedVersion the change sees the closure if it comes second, and is refused.
      const other = await createVacancy(h, company);
      const unversioned = await race(2, (i) => h.call(operator, i === 0 ? CLOSE_VACANCY : UPDATE_VACANCY, {
        i: i === 0 ? { id: other, closedOn: '2025-05-01' } : { id: other, positions: 3 },
      }));
      const second = outcome(unversioned);
      const state = await row('SELECT status, positions, version FROM vacancy WHERE id = $1', [other]);
      if (second.won.length === 2) {
        expect(state).toEqual({ status: 'CLOSED', positions: 3, version: 3 });
      } else {
        expect(second.winners).toEqual([0]);
        expect(refusals(unversioned)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.id', message: 'input.id: a CLOSED vacancy cannot be changed' }]);
        expect(state).toEqual({ status: 'CLOSED', positions: 2, version: 2 });
      }
    }
  });
});

describe('hires and their follow-ups', () => {
  it('records a hire once when the notice is recorded several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const answers = await race(3, () => h.call(operator, RECORD_HIRE, { i: hireInput(personId) }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({
        code: 'CONFLICT', field: 'input.personId', message: 'This hire is already recorded: the same person, company and start date',
      })));
      expect(await count('hire WHERE person_id = $1', [personId])).toBe(1);
    }
  });

  it('records a hire once for one key sent several times at once, and answers each with it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const personId = await registeredPerson(h, programme);
      const answers = await race(3, () => h.call(operator, RECORD_HIRE, { i: hireInput(personId), k: `hire-${personId}` }));
      expect(refusals(answers)).toEqual([]);
      const ids = new Set(answers.map((a) => a.data!.recordHire.id));
      expect(ids.size).toBe(1);
      expect(await h.db.query('SELECT id FROM hire WHERE person_id = $1', [personId])).toEqual([{ id: [...ids][0] }]);
    }
  });

  it('records the follow-up of one hire and month once when it is recorded several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const hireId = await hire();
      const answers = await race(3, (i) => h.call(operator, FOLLOW_UP, {
        i: { hireId, monthsAfter: 6, checkedOn: '2025-08-01', stillEmployed: i !== 1, note: `Call ${i}` },
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({ code: 'CONFLICT', field: 'input.monthsAfter', message: 'The 6-month follow-up of this hire is already recorded' })));
      expect(await h.db.query('SELECT months_after, still_employed, note FROM follow_up_check WHERE hire_id = $1', [hireId])).toEqual([
        { months_after: 6, still_employed: winners[0] !== 1, note: `Call ${winners[0]}` },
      ]);
    }
  });

  it('records the 6- and 12-month follow-ups of one hire when both arrive at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const hireId = await hire();
      const answers = await race(2, (i) => h.call(operator, FOLLOW_UP, {
        i: { hireId, monthsAfter: i === 0 ? 6 : 12, checkedOn: '2026-02-02', stillEmployed: true },
      }));
      expect(refusals(answers)).toEqual([]);
      expect((await h.db.query('SELECT months_after FROM follow_up_check WHERE hire_id = $1 ORDER BY months_after', [hireId])).map((r: { months_after: number }) => r.months_after)).toEqual([6, 12]);
    }
  });

  it('writes one of two different follow-ups sent at once with one key, and refuses the other', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const hireId = await hire();
      const answers = await race(2, (i) => h.call(operator, FOLLOW_UP, {
        i: { hireId, monthsAfter: 6, checkedOn: '2025-08-01', stillEmployed: i === 0 }, k: `follow-up-${hireId}`,
      }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: 'idempotencyKey: this key was already used for a different request' }]);
      expect(await h.db.query('SELECT still_employed FROM follow_up_check WHERE hire_id = $1', [hireId])).toEqual([{ still_employed: winners[0] === 0 }]);
    }
  });
});
