import type { SubgraphHarness } from '@intreccio/shared/testing';
import {
  errorOf, operator, OTHER_PROGRAMME, personId, PROGRAMME, SKILL, startTraining, TrainingBuilder,
} from './training-builder';

const ENROL = 'mutation($i: EnrollPersonInput!, $k: String) { enrollPerson(input: $i, idempotencyKey: $k) { id status enrolledOn edition { enrolledCount seatsLeft } } }';
const EDITION_STATUS = 'mutation($i: ChangeEditionStatusInput!) { changeEditionStatus(input: $i) { status version enrollments { status withdrawnOn withdrawalReason } } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { status attendedHours } }';
const COMPLETE = 'mutation($i: CompleteEnrollmentInput!) { completeEnrollment(input: $i) { status completedOn } }';
const WITHDRAW = 'mutation($i: WithdrawEnrollmentInput!) { withdrawEnrollment(input: $i) { status withdrawnOn withdrawalReason } }';
const CERTIFY = `mutation($i: IssueCertificationInput!) { issueCertification(input: $i) {
  id kind title issuedOn programme { id } issuer { name } enrollment { id } certifiedSkills { uri }
} }`;

let h: SubgraphHarness;
let build: TrainingBuilder;
let providerId: string;
let haccp: string;
let people = 0;
const nextPerson = () => personId(++people);

beforeAll(async () => {
  h = await startTraining('enrolment');
  build = new TrainingBuilder(h);
  providerId = await build.provider();
  haccp = await build.course(providerId, { title: 'HACCP for food handlers', hours: 12, skillsTaught: [SKILL.foodHygiene, SKILL.teamwork] });
});
afterAll(() => h?.stop());

describe('course editions', () => {
  it('checks dates, seats, municipality and the programme id', async () => {
    const schedule = 'mutation($i: ScheduleCourseEditionInput!) { scheduleCourseEdition(input: $i) { id } }';
    const base = { courseId: haccp, startDate: '2025-03-03', endDate: '2025-03-14', seats: 12, municipalityCode: 'C847', venue: 'Aula 1' };
    const backwards = await h.call(operator, schedule, { i: { ...base, endDate: '2025-03-01', municipalityCode: 'Z999', programmeId: 'PROGRESSIVE2' } });
    expect(errorOf(backwards).problems.map((p) => p.field)).toEqual(['input.programmeId', 'input.endDate', 'input.municipalityCode']);
    const noSeats = await h.call(operator, schedule, { i: { ...base, seats: 0 } });
    expect(errorOf(noSeats)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seats' });
    const unknownCourse = await h.call(operator, schedule, { i: { ...base, courseId: '11111111-1111-4111-8111-111111111111' } });
    expect(errorOf(unknownCourse)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.courseId' });
    expect(await h.count('course_edition')).toBe(0);
  });

  it('moves SCHEDULED → RUNNING → COMPLETED and refuses anything else', async () => {
    const edition = await build.edition(haccp);
    const skip = await h.call(operator, EDITION_STATUS, { i: { editionId: edition, status: 'COMPLETED' } });
    expect(errorOf(skip)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status', message: expect.stringMatching(/a SCHEDULED edition cannot become COMPLETED/) });
    expect((await h.ok(operator, EDITION_STATUS, { i: { editionId: edition, status: 'RUNNING', expectedVersion: 1 } })).changeEditionStatus).toMatchObject({ status: 'RUNNING', version: 2 });
    const stale = await h.call(operator, EDITION_STATUS, { i: { editionId: edition, status: 'COMPLETED', expectedVersion: 1 } });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect((await h.ok(operator, EDITION_STATUS, { i: { editionId: edition, status: 'COMPLETED' } })).changeEditionStatus.status).toBe('COMPLETED');
    for (const status of ['RUNNING', 'CANCELLED', 'SCHEDULED']) {
      const back = await h.call(operator, EDITION_STATUS, { i: { editionId: edition, status } });
      expect(errorOf(back)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status', message: expect.stringMatching(`a COMPLETED edition cannot become ${status}`) });
    }
    const late = await h.call(operator, ENROL, { i: { personId: nextPerson(), programmeId: PROGRAMME, editionId: edition } });
    expect(errorOf(late)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.editionId', message: expect.stringMatching(/COMPLETED; enrolments are closed/) });
  });

  it('withdraws the live enrolments when an edition is cancelled, in the same transaction', async () => {
    const edition = await build.edition(haccp);
    await build.setEditionStatus(edition, 'RUNNING');
    const enrolled = await build.enrol(edition, nextPerson());
    const attending = await build.enrol(edition, nextPerson());
    await build.attend(attending, 4);
    const finished = await build.enrol(edition, nextPerson());
    await build.attend(finished, 12);
    await h.ok(operator, COMPLETE, { i: { enrollmentId: finished, completedOn: '2025-03-10' } });
    const left = await build.enrol(edition, nextPerson());
    await h.ok(operator, WITHDRAW, { i: { enrollmentId: left, withdrawnOn: '2025-03-05', reason: 'Found a job' } });

    // A failure while withdrawing must leave the edition as it was.
    await h.db.query(`CREATE FUNCTION refuse_withdrawal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'WITHDRAWN' AND OLD.status <> 'WITHDRAWN' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await h.db.query('CREATE TRIGGER refuse_withdrawal BEFORE UPDATE ON enrollment FOR EACH ROW EXECUTE FUNCTION refuse_withdrawal()');
    const failed = await h.call(operator, EDITION_STATUS, { i: { editionId: edition, status: 'CANCELLED', effectiveOn: '2025-03-07' } });
    expect(errorOf(failed).code).toBe('INTERNAL_SERVER_ERROR');
    await h.db.query('DROP TRIGGER refuse_withdrawal ON enrollment');
    await h.db.query('DROP FUNCTION refuse_withdrawal()');
    const unchanged = (await h.ok(operator, 'query($id: ID!) { courseEdition(id: $id) { status enrollments { status } } }', { id: edition })).courseEdition;
    expect(unchanged.status).toBe('RUNNING');
    expect(unchanged.enrollments.map((e: any) => e.status).sort()).toEqual(['ATTENDING', 'COMPLETED', 'ENROLLED', 'WITHDRAWN']);

    const cancelled = (await h.ok(operator, EDITION_STATUS, { i: { editionId: edition, status: 'CANCELLED', effectiveOn: '2025-03-07' } })).changeEditionStatus;
    expect(cancelled.status).toBe('CANCELLED');
    const byId = Object.fromEntries((await h.db.query('SELECT id, status, withdrawn_on, withdrawal_reason FROM enrollment WHERE edition_id = $1', [edition]))
      .map((r: any) => [r.id, [r.status, r.withdrawn_on, r.withdrawal_reason]]));
    expect(byId[enrolled]).toEqual(['WITHDRAWN', '2025-03-07', 'The course edition was cancelled']);
    expect(byId[attending]).toEqual(['WITHDRAWN', '2025-03-07', 'The course edition was cancelled']);
    expect(byId[finished]).toEqual(['COMPLETED', null, null]);
    expect(byId[left]).toEqual(['WITHDRAWN', '2025-03-05', 'Found a job']);
  });
});

describe('seats', () => {
  it('keeps within the seats, frees a seat on withdrawal and refuses a second live enrolment', async () => {
    const edition = await build.edition(haccp, { seats: 2 });
    const [a, b, c] = [nextPerson(), nextPerson(), nextPerson()];
    await build.enrol(edition, a);
    const second = await build.enrol(edition, b);
    const twice = await h.call(operator, ENROL, { i: { personId: a, programmeId: PROGRAMME, editionId: edition } });
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', field: 'input.personId' });
    const full = await h.call(operator, ENROL, { i: { personId: c, programmeId: PROGRAMME, editionId: edition } });
    expect(errorOf(full)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.editionId', message: expect.stringMatching(/no seats left/) });
    await h.ok(operator, WITHDRAW, { i: { enrollmentId: second, withdrawnOn: '2025-02-25', reason: 'Moved away' } });
    const data = await h.ok(operator, ENROL, { i: { personId: c, programmeId: PROGRAMME, editionId: edition, enrolledOn: '2025-02-26' } });
    expect(data.enrollPerson).toMatchObject({ status: 'ENROLLED', enrolledOn: '2025-02-26', edition: { enrolledCount: 2, seatsLeft: 0 } });
    // A withdrawn enrolment is not a live one: the person is refused for want of a seat, not as a duplicate.
    const back = await h.call(operator, ENROL, { i: { personId: b, programmeId: PROGRAMME, editionId: edition } });
    expect(errorOf(back).message).toMatch(/no seats left/);
  });

  it('gives the last seat to exactly one of two concurrent requests', async () => {
    for (let round = 0; round < 5; round++) {
      const edition = await build.edition(haccp, { seats: 3 });
      await build.enrol(edition, nextPerson());
      await build.enrol(edition, nextPerson());
      const results = await Promise.all([nextPerson(), nextPerson()].map((p) => h.call(operator, ENROL, { i: { personId: p, programmeId: PROGRAMME, editionId: edition } })));
      expect(results.filter((r) => !r.errors).length).toBe(1);
      expect(errorOf(results.find((r) => r.errors)!)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.editionId' });
      const [{ n }] = await h.db.query("SELECT count(*)::int AS n FROM enrollment WHERE edition_id = $1 AND status <> 'WITHDRAWN'", [edition]);
      expect(n).toBe(3);
    }
  });

  it('checks ids, the funding programme and dates, and replays a retried enrolment', async () => {
    const edition = await build.edition(haccp);
    const badIds = await h.call(operator, ENROL, { i: { personId: 'mario-rossi', programmeId: 'x', editionId: edition } });
    expect(errorOf(badIds).problems.map((p) => p.field)).toEqual(['input.personId', 'input.programmeId']);
    const otherProgramme = await h.call(operator, ENROL, { i: { personId: nextPerson(), programmeId: OTHER_PROGRAMME, editionId: edition } });
    expect(errorOf(otherProgramme)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeId' });
    const future = await h.call(operator, ENROL, { i: { personId: nextPerson(), programmeId: PROGRAMME, editionId: edition, enrolledOn: '2999-01-01' } });
    expect(errorOf(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.enrolledOn' });
    const unknown = await h.call(operator, ENROL, { i: { personId: nextPerson(), programmeId: PROGRAMME, editionId: '11111111-1111-4111-8111-111111111111' } });
    expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.editionId' });
    const person = nextPerson();
    const first = await h.ok(operator, ENROL, { i: { personId: person, programmeId: PROGRAMME, editionId: edition }, k: 'sigma-enrol-1' });
    const retry = await h.ok(operator, ENROL, { i: { personId: person, programmeId: PROGRAMME, editionId: edition }, k: 'sigma-enrol-1' });
    expect(retry.enrollPerson.id).toBe(first.enrollPerson.id);
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM enrollment WHERE person_id = $1', [person]);
    expect(n).toBe(1);
  });

  it('lets an edition without a funding programme take people from any programme', async () => {
    const edition = await build.edition(haccp, { programmeId: null });
    await build.enrol(edition, nextPerson(), OTHER_PROGRAMME);
    await build.enrol(edition, nextPerson(), PROGRAMME);
  });
});

describe('attendance and completion', () => {
  let edition: string;

  beforeAll(async () => {
    edition = await build.edition(haccp);
  });

  it('records attendance only once the edition started, within the course hours', async () => {
    const enrollmentId = await build.enrol(edition, nextPerson());
    const early = await h.call(operator, ATTEND, { i: { enrollmentId, hours: 2 } });
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.enrollmentId', message: expect.stringMatching(/not started/) });
    await build.setEditionStatus(edition, 'RUNNING');
    const none = await h.call(operator, ATTEND, { i: { enrollmentId, hours: 0 } });
    expect(errorOf(none)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    expect((await h.ok(operator, ATTEND, { i: { enrollmentId, hours: 10 } })).recordAttendance).toEqual({ status: 'ATTENDING', attendedHours: 10 });
    const over = await h.call(operator, ATTEND, { i: { enrollmentId, hours: 3 } });
    expect(errorOf(over)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours', message: expect.stringMatching(/13 h, more than the course's 12 h/) });
    expect((await h.ok(operator, ATTEND, { i: { enrollmentId, hours: 2 } })).recordAttendance.attendedHours).toBe(12);
    const shorter = await h.call(operator, 'mutation($i: UpdateCourseInput!) { updateCourse(input: $i) { hours } }', { i: { id: haccp, hours: 10 } });
    expect(errorOf(shorter)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
  });

  it('completes only with 70 % of the hours attended, once the edition started', async () => {
    const enrollmentId = await build.enrol(edition, nextPerson());
    const notAttending = await h.call(operator, COMPLETE, { i: { enrollmentId, completedOn: '2025-03-14' } });
    expect(errorOf(notAttending)).toMatchObject({ field: 'input.enrollmentId', message: expect.stringMatching(/an ENROLLED enrollment cannot become COMPLETED/) });
    await build.attend(enrollmentId, 8);
    const short = await h.call(operator, COMPLETE, { i: { enrollmentId, completedOn: '2025-03-14' } });
    expect(errorOf(short)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.enrollmentId', message: expect.stringMatching(/attended 8 h of 12 h; completion needs at least 70 % \(9 h\)/) });
    await build.attend(enrollmentId, 1);
    const beforeStart = await h.call(operator, COMPLETE, { i: { enrollmentId, completedOn: '2025-03-01' } });
    expect(errorOf(beforeStart)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.completedOn' });
    expect((await h.ok(operator, COMPLETE, { i: { enrollmentId, completedOn: '2025-03-14' } })).completeEnrollment).toEqual({ status: 'COMPLETED', completedOn: '2025-03-14' });
    const withdraw = await h.call(operator, WITHDRAW, { i: { enrollmentId, withdrawnOn: '2025-03-15', reason: 'x' } });
    expect(errorOf(withdraw)).toMatchObject({ field: 'input.enrollmentId', message: expect.stringMatching(/a COMPLETED enrollment cannot become WITHDRAWN/) });
    const more = await h.call(operator, ATTEND, { i: { enrollmentId, hours: 1 } });
    expect(errorOf(more)).toMatchObject({ field: 'input.enrollmentId' });
  });

  it('withdraws a live enrolment with a reason and a date not before the enrolment', async () => {
    const enrollmentId = await build.enrol(edition, nextPerson());
    const early = await h.call(operator, WITHDRAW, { i: { enrollmentId, withdrawnOn: '2025-01-01', reason: 'Illness' } });
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.withdrawnOn' });
    const noReason = await h.call(operator, WITHDRAW, { i: { enrollmentId, withdrawnOn: '2025-03-04', reason: '' } });
    expect(errorOf(noReason)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect((await h.ok(operator, WITHDRAW, { i: { enrollmentId, withdrawnOn: '2025-03-04', reason: 'Illness' } })).withdrawEnrollment)
      .toEqual({ status: 'WITHDRAWN', withdrawnOn: '2025-03-04', withdrawalReason: 'Illness' });
  });
});

describe('certifications', () => {
  let completed: string;
  let attending: string;
  let person: string;

  beforeAll(async () => {
    const edition = await build.edition(haccp);
    await build.setEditionStatus(edition, 'RUNNING');
    person = nextPerson();
    completed = await build.enrol(edition, person);
    await build.attend(completed, 11);
    await h.ok(operator, COMPLETE, { i: { enrollmentId: completed, completedOn: '2025-03-14' } });
    attending = await build.enrol(edition, nextPerson());
    await build.attend(attending, 3);
  });

  const competence = (overrides: Record<string, unknown> = {}) => ({
    personId: person, enrollmentId: completed, kind: 'COMPETENCE_CERTIFICATION', title: 'Food handler: hygiene and safety', issuedOn: '2025-03-20',
    certifiedSkills: [SKILL.foodHygiene], ...overrides,
  });

  it('certifies a completed enrolment of the same person with skills the course teaches', async () => {
    const notCompleted = await h.call(operator, CERTIFY, { i: competence({ enrollmentId: attending }) });
    expect(errorOf(notCompleted).problems.map((p) => p.field)).toEqual(['input.personId', 'input.enrollmentId']);
    const notTaught = await h.call(operator, CERTIFY, { i: competence({ certifiedSkills: [SKILL.foodHygiene, SKILL.computerLiteracy] }) });
    expect(errorOf(notTaught)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.certifiedSkills.1', message: expect.stringMatching(/not among the skills the course teaches/) });
    const notEsco = await h.call(operator, CERTIFY, { i: competence({ certifiedSkills: ['hygiene'] }) });
    expect(errorOf(notEsco)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.certifiedSkills.0' });
    const early = await h.call(operator, CERTIFY, { i: competence({ issuedOn: '2025-03-13' }) });
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.issuedOn' });
    const wrongProgramme = await h.call(operator, CERTIFY, { i: competence({ programmeId: OTHER_PROGRAMME }) });
    expect(errorOf(wrongProgramme)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeId' });
    expect(await h.count('certification')).toBe(0);

    const data = await h.ok(operator, CERTIFY, { i: competence() });
    expect(data.issueCertification).toMatchObject({
      kind: 'COMPETENCE_CERTIFICATION', programme: { id: PROGRAMME }, issuer: { name: 'Agenzia Formativa Valdelsa Lavoro' },
      enrollment: { id: completed }, certifiedSkills: [{ uri: SKILL.foodHygiene }],
    });
    const twice = await h.call(operator, CERTIFY, { i: competence() });
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', field: 'input.enrollmentId' });
  });

  it('keeps attendance certificates free of skills and competence certifications full of them', async () => {
    const attendanceWithSkills = await h.call(operator, CERTIFY, { i: competence({ kind: 'ATTENDANCE' }) });
    expect(errorOf(attendanceWithSkills)).toMatchObject({ field: 'input.certifiedSkills', message: expect.stringMatching(/certifies no skills/) });
    const empty = await h.call(operator, CERTIFY, { i: competence({ certifiedSkills: [] }) });
    expect(errorOf(empty)).toMatchObject({ field: 'input.certifiedSkills' });
    const attendance = await h.ok(operator, CERTIFY, { i: competence({ kind: 'ATTENDANCE', title: 'Certificate of attendance', certifiedSkills: [] }) });
    expect(attendance.issueCertification.certifiedSkills).toEqual([]);
  });

  it('certifies competences validated outside a course when the issuer and programme are named', async () => {
    const standalone = { personId: nextPerson(), kind: 'COMPETENCE_CERTIFICATION', title: 'Validated: teamwork', issuedOn: '2025-04-02', certifiedSkills: [SKILL.teamwork] };
    const missing = await h.call(operator, CERTIFY, { i: standalone });
    expect(errorOf(missing).problems.map((p) => p.field)).toEqual(['input.programmeId', 'input.providerId']);
    const data = await h.ok(operator, CERTIFY, { i: { ...standalone, programmeId: PROGRAMME, providerId } });
    expect(data.issueCertification).toMatchObject({ enrollment: null, issuer: { name: 'Agenzia Formativa Valdelsa Lavoro' } });
  });
});
