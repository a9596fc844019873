import { outcome, race, refusals, releasedTogether, type SubgraphHarness } from '@intreccio/shared/testing';
import { operator, personId, PROGRAMME, SKILL, startTraining, TrainingBuilder } from './training-builder';

/**
 * Concurrent writes and retries on one record: each race starts every request before awaiting any,
 * so they run in their own transactions at once. Each is run a few times so that a lost update or an
 * extra seat has its chance to show, and the database is read afterwards.
 */

const ROUNDS = 4;

const ENROL = 'mutation($i: EnrollPersonInput!, $k: String) { enrollPerson(input: $i, idempotencyKey: $k) { id status } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!, $k: String) { recordAttendance(input: $i, idempotencyKey: $k) { id status attendedHours version } }';
const COMPLETE = 'mutation($i: CompleteEnrollmentInput!, $k: String) { completeEnrollment(input: $i, idempotencyKey: $k) { id status } }';
const WITHDRAW = 'mutation($i: WithdrawEnrollmentInput!, $k: String) { withdrawEnrollment(input: $i, idempotencyKey: $k) { id status } }';
const EDITION_STATUS = 'mutation($i: ChangeEditionStatusInput!, $k: String) { changeEditionStatus(input: $i, idempotencyKey: $k) { id status } }';
const UPDATE_COURSE = 'mutation($i: UpdateCourseInput!, $k: String) { updateCourse(input: $i, idempotencyKey: $k) { id hours } }';
const CERTIFY = 'mutation($i: IssueCertificationInput!, $k: String) { issueCertification(input: $i, idempotencyKey: $k) { id } }';

let h: SubgraphHarness;
let build: TrainingBuilder;
let provider: string;
let course: string;
let people = 0;
const nextPerson = () => personId(++people);

function enrolment(editionId: string, person = nextPerson()): Record<string, unknown> {
  return { personId: person, programmeId: PROGRAMME, editionId, enrolledOn: '2025-02-20' };
}

async function row<T = Record<string, any>>(sql: string, params: unknown[]): Promise<T> {
  const [found] = await h.db.query(sql, params);
  return found as T;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await row<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;
}

/** An enrolment in a running edition of the 12-hour course, with no hours yet (version 1). */
async function runningEnrolment(): Promise<string> {
  const edition = await build.edition(course);
  const id = await build.enrol(edition, nextPerson());
  await build.setEditionStatus(edition, 'RUNNING');
  return id;
}

beforeAll(async () => {
  h = await startTraining('concurrency');
  build = new TrainingBuilder(h);
  provider = await build.provider();
  course = await build.course(provider, { title: 'HACCP for food handlers', hours: 12, skillsTaught: [SKILL.foodHygiene] });
});
afterAll(() => h?.stop());

describe('seats', () => {
  it('gives the last seat of an edition to exactly one of several people enrolled at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const edition = await build.edition(course, { seats: 3 });
      await build.enrol(edition, nextPerson());
      await build.enrol(edition, nextPerson());
      const answers = await race(6, () => h.call(operator, ENROL, { i: enrolment(edition) }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2, 3, 4, 5].map(() => ({
        code: 'BAD_USER_INPUT', field: 'input.editionId', message: 'input.editionId: no seats left (3 of 3 taken)',
      })));
      expect(await count("enrollment WHERE edition_id = $1 AND status <> 'WITHDRAWN'", [edition])).toBe(3);
    }
  });

  it('never seats more people than the edition has seats, with more requests at once than the service has connections', async () => {
    const seats = 5;
    const edition = await build.edition(course, { seats });
    const answers = await race(h.poolSize + 4, () => h.call(operator, ENROL, { i: enrolment(edition) }));
    expect(outcome(answers).won).toHaveLength(seats);
    expect(new Set(refusals(answers).map((r) => `${r.code} ${r.field} ${r.message}`))).toEqual(new Set([
      `BAD_USER_INPUT input.editionId input.editionId: no seats left (${seats} of ${seats} taken)`,
    ]));
    expect(await count("enrollment WHERE edition_id = $1 AND status <> 'WITHDRAWN'", [edition])).toBe(seats);
  });

  it('enrols a person once in an edition when the enrolment is sent several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const edition = await build.edition(course);
      const person = nextPerson();
      const answers = await race(3, () => h.call(operator, ENROL, { i: enrolment(edition, person) }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({ code: 'CONFLICT', field: 'input.personId', message: 'The person already has a live enrollment in this edition' })));
      expect(await count('enrollment WHERE edition_id = $1 AND person_id = $2', [edition, person])).toBe(1);
    }
  });

  it('enrols once for one key sent several times at once, and answers each with the one enrolment', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const edition = await build.edition(course);
      const input = enrolment(edition);
      const answers = await race(3, () => h.call(operator, ENROL, { i: input, k: `enrol-${input.personId}` }));
      expect(refusals(answers)).toEqual([]);
      const ids = new Set(answers.map((a) => a.data!.enrollPerson.id));
      expect(ids.size).toBe(1);
      expect(await h.db.query('SELECT id FROM enrollment WHERE edition_id = $1', [edition])).toEqual([{ id: [...ids][0] }]);
    }
  });

  it('leaves no live enrolment in an edition cancelled while people were being enrolled', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const edition = await build.edition(course);
      const answers = await race(4, (i) => (i === 0
        ? h.call(operator, EDITION_STATUS, { i: { editionId: edition, status: 'CANCELLED' } })
        : h.call(operator, ENROL, { i: enrolment(edition) })));
      expect(answers[0]!.errors).toBeUndefined();
      // An enrolment before the cancellation is withdrawn by it; one after is refused.
      const enrolled = outcome(answers.slice(1)).won.length;
      expect(refusals(answers)).toEqual(Array.from({ length: 3 - enrolled }, () => ({
        code: 'BAD_USER_INPUT', field: 'input.editionId', message: 'input.editionId: the edition is CANCELLED; enrolments are closed',
      })));
      expect(await count("enrollment WHERE edition_id = $1 AND status <> 'WITHDRAWN'", [edition])).toBe(0);
      expect(await count("enrollment WHERE edition_id = $1 AND status = 'WITHDRAWN'", [edition])).toBe(enrolled);
    }
  });
});

describe('attendance', () => {
  it('adds every one of several attendances recorded at once: no hours are lost', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const enrollmentId = await runningEnrolment();
      const answers = await race(4, (i) => h.call(operator, ATTEND, { i: { enrollmentId, hours: i + 1 } }));
      expect(refusals(answers)).toEqual([]);
      expect(answers.map((a) => a.data!.recordAttendance.version).sort()).toEqual([2, 3, 4, 5]);
      expect(await row('SELECT status, attended_hours, version FROM enrollment WHERE id = $1', [enrollmentId])).toEqual({
        status: 'ATTENDING', attended_hours: 1 + 2 + 3 + 4, version: 5,
      });
    }
  });

  it('refuses what would go past the course hours, counting what the others added first', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const enrollmentId = await runningEnrolment();
      const answers = await race(4, () => h.call(operator, ATTEND, { i: { enrollmentId, hours: 4 } }));
      expect(outcome(answers).won).toHaveLength(3);
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.hours', message: "input.hours: would bring attendance to 16 h, more than the course's 12 h" }]);
      expect(await row('SELECT attended_hours, version FROM enrollment WHERE id = $1', [enrollmentId])).toEqual({ attended_hours: 12, version: 4 });
    }
  });

  it('refuses the second of two attendances recorded over one expectedVersion', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const enrollmentId = await runningEnrolment();
      const answers = await race(2, (i) => h.call(operator, ATTEND, { i: { enrollmentId, hours: i + 2, expectedVersion: 1 } }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/^The enrollment was changed by someone else \(version 2, expected 1\)/) }]);
      expect(await row('SELECT attended_hours, version FROM enrollment WHERE id = $1', [enrollmentId])).toEqual({ attended_hours: winners[0]! + 2, version: 2 });
    }
  });

  it('counts the hours of one key sent several times at once once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const enrollmentId = await runningEnrolment();
      const answers = await race(3, () => h.call(operator, ATTEND, { i: { enrollmentId, hours: 3 }, k: `attend-${enrollmentId}` }));
      expect(refusals(answers)).toEqual([]);
      expect(answers.map((a) => a.data!.recordAttendance.id)).toEqual([enrollmentId, enrollmentId, enrollmentId]);
      expect(await row('SELECT attended_hours, version FROM enrollment WHERE id = $1', [enrollmentId])).toEqual({ attended_hours: 3, version: 2 });
    }
  });

  it('records one of two different attendances sent at once with one key, and refuses the other', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const enrollmentId = await runningEnrolment();
      const answers = await race(2, (i) => h.call(operator, ATTEND, { i: { enrollmentId, hours: i + 2 }, k: `attend-one-${enrollmentId}` }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: 'idempotencyKey: this key was already used for a different request' }]);
      expect(await row('SELECT attended_hours, version FROM enrollment WHERE id = $1', [enrollmentId])).toEqual({ attended_hours: winners[0]! + 2, version: 2 });
    }
  });
});

describe('attendance and the course hours', () => {
  it('never leaves more hours attended than a course has when attendance and a shorter course are recorded at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const shortened = await build.course(provider, { hours: 12, skillsTaught: [SKILL.foodHygiene] });
      const edition = await build.edition(shortened);
      const enrollmentId = await build.enrol(edition, nextPerson());
      await build.setEditionStatus(edition, 'RUNNING');
      await build.attend(enrollmentId, 6);
      // Each alone is fine: 6 + 4 h of a 12-hour course, or a course of 8 h with 6 attended.
      // Held at the rows they change and let go together, so that both read before either writes.
      const answers = await releasedTogether(h.databaseUrl, 'SELECT 1 FROM course c, enrollment e WHERE c.id = $1 AND e.id = $2 FOR UPDATE', [shortened, enrollmentId], 2, () => race(2, (i) => (i === 0
        ? h.call(operator, ATTEND, { i: { enrollmentId, hours: 4 } })
        : h.call(operator, UPDATE_COURSE, { i: { id: shortened, hours: 8 } }))));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([winners[0] === 0
        ? { code: 'BAD_USER_INPUT', field: 'input.hours', message: 'input.hours: someone has already attended 10 h of this course' }
        : { code: 'BAD_USER_INPUT', field: 'input.hours', message: "input.hours: would bring attendance to 10 h, more than the course's 8 h" }]);
      expect(await row('SELECT e.attended_hours, c.hours FROM enrollment e JOIN course_edition ed ON ed.id = e.edition_id JOIN course c ON c.id = ed.course_id WHERE e.id = $1', [enrollmentId]))
        .toEqual(winners[0] === 0 ? { attended_hours: 10, hours: 12 } : { attended_hours: 6, hours: 8 });
    }
  });
});

describe('ending an enrolment', () => {
  it('lets a completion or a withdrawal stand, not both', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const enrollmentId = await runningEnrolment();
      await build.attend(enrollmentId, 10);
      const answers = await race(2, (i) => (i === 0
        ? h.call(operator, COMPLETE, { i: { enrollmentId, completedOn: '2025-03-14' } })
        : h.call(operator, WITHDRAW, { i: { enrollmentId, withdrawnOn: '2025-03-14', reason: 'Moved away' } })));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      const [status, other] = winners[0] === 0 ? ['COMPLETED', 'WITHDRAWN'] : ['WITHDRAWN', 'COMPLETED'];
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.enrollmentId', message: `input.enrollmentId: a ${status} enrollment cannot become ${other}` }]);
      expect(await row('SELECT status, completed_on, withdrawn_on, version FROM enrollment WHERE id = $1', [enrollmentId])).toEqual({
        status,
        completed_on: status === 'COMPLETED' ? '2025-03-14' : null,
        withdrawn_on: status === 'WITHDRAWN' ? '2025-03-14' : null,
        version: 3,
      });
    }
  });

  it('issues one certificate of a kind per completed enrolment when it is issued several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const enrollmentId = await runningEnrolment();
      await build.attend(enrollmentId, 10);
      await h.ok(operator, COMPLETE, { i: { enrollmentId, completedOn: '2025-03-14' } });
      const { person_id: person } = await row<{ person_id: string }>('SELECT person_id FROM enrollment WHERE id = $1', [enrollmentId]);
      const answers = await race(3, () => h.call(operator, CERTIFY, {
        i: { personId: person, enrollmentId, kind: 'ATTENDANCE', title: 'Attestato di frequenza', issuedOn: '2025-03-20' },
      }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({ code: 'CONFLICT', field: 'input.enrollmentId', message: 'The enrollment already has a ATTENDANCE certificate' })));
      expect(await count('certification WHERE enrollment_id = $1', [enrollmentId])).toBe(1);
    }
  });
});
