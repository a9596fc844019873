import { badInput, conflict, ProblemList } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import type { EnrollmentStatus } from '../common/enums';
import { checkForeignId, checkNotFuture, checkVersion, referenced, today, unlessDuplicate } from '../common/rules';
import { Course } from '../course/course.type';
import { CourseEdition } from '../edition/edition.type';
import type { CompleteEnrollmentInput, EnrollPersonInput, RecordAttendanceInput, WithdrawEnrollmentInput } from './enrollment.input';
import { Enrollment } from './enrollment.type';

/**
 * Regional training rules (e.g. Regione Toscana's rules on accredited training) let a participant
 * complete a course, and receive its certificate, only after attending at least 70 % of its hours.
 */
export const MINIMUM_ATTENDANCE_PERCENT = 70;

export function minimumHours(courseHours: number): number {
  return Math.ceil((courseHours * MINIMUM_ATTENDANCE_PERCENT) / 100);
}

/** Enrolments that hold a seat: only a withdrawal gives it back. */
const HOLDS_SEAT = "status <> 'WITHDRAWN'";

function isLive(status: EnrollmentStatus): boolean {
  return status === 'ENROLLED' || status === 'ATTENDING';
}

function illegal(from: EnrollmentStatus, to: EnrollmentStatus, hint = ''): never {
  const article = /^[AEIOU]/.test(from) ? 'an' : 'a';
  throw badInput({ field: 'input.enrollmentId', message: `${article} ${from} enrollment cannot become ${to}${hint}` });
}

function hasStarted(edition: CourseEdition): boolean {
  return edition.status === 'RUNNING' || edition.status === 'COMPLETED';
}

export function checkEnrollInput(input: EnrollPersonInput): void {
  const problems = new ProblemList();
  checkForeignId(problems, 'input.personId', input.personId);
  checkForeignId(problems, 'input.programmeId', input.programmeId);
  checkNotFuture(problems, 'input.enrolledOn', input.enrolledOn);
  problems.throwIfAny();
}

/**
 * Takes a seat in an edition. The edition row is locked first, so concurrent enrolments for one
 * edition queue up and each counts the seats after the previous one committed: two requests for
 * the last seat cannot both get it.
 */
export async function enrollPerson(m: EntityManager, input: EnrollPersonInput, organisationId: string): Promise<string> {
  const edition = await referenced(m, CourseEdition, input.editionId, 'input.editionId', 'course edition', true);
  if (edition.status !== 'SCHEDULED' && edition.status !== 'RUNNING') {
    throw badInput({ field: 'input.editionId', message: `the edition is ${edition.status}; enrolments are closed` });
  }
  if (edition.programmeId && edition.programmeId !== input.programmeId) {
    throw badInput({ field: 'input.programmeId', message: `the edition is funded by programme ${edition.programmeId}` });
  }
  const repo = m.getRepository(Enrollment);
  const seated = await repo.createQueryBuilder('e')
    .where('e.edition_id = :editionId', { editionId: edition.id })
    .andWhere('e.person_id = :personId', { personId: input.personId })
    .andWhere(`e.${HOLDS_SEAT}`)
    .getExists();
  if (seated) throw conflict('The person already has a live enrollment in this edition', 'input.personId');
  const taken = await repo.createQueryBuilder('e')
    .where('e.edition_id = :editionId', { editionId: edition.id })
    .andWhere(`e.${HOLDS_SEAT}`)
    .getCount();
  if (taken >= edition.seats) {
    throw badInput({ field: 'input.editionId', message: `no seats left (${taken} of ${edition.seats} taken)` });
  }
  const saved = await unlessDuplicate(() => repo.save(repo.create({
    personId: input.personId,
    programmeId: input.programmeId,
    organisationId,
    editionId: edition.id,
    status: 'ENROLLED',
    enrolledOn: input.enrolledOn ?? today(),
    attendedHours: 0,
    completedOn: null,
    withdrawnOn: null,
    withdrawalReason: null,
  })), 'The person already has a live enrollment in this edition', 'input.personId');
  return saved.id;
}

/** `courseLock`: 'shared' to keep the course's hours from changing until the write commits. */
async function editionAndCourse(m: EntityManager, enrollment: Enrollment, courseLock: 'shared' | false = false): Promise<{ edition: CourseEdition; course: Course }> {
  const edition = await referenced(m, CourseEdition, enrollment.editionId, 'input.enrollmentId', 'course edition');
  const course = await referenced(m, Course, edition.courseId, 'input.enrollmentId', 'course', courseLock);
  return { edition, course };
}

/**
 * Adds attended hours; the first hours make the person ATTENDING. The course is share-locked: a
 * shorter course checks the hours already attended, and attendance checks the course's hours, so
 * one of the two must see what the other wrote.
 */
export async function recordAttendance(m: EntityManager, input: RecordAttendanceInput): Promise<string> {
  const enrollment = await referenced(m, Enrollment, input.enrollmentId, 'input.enrollmentId', 'enrollment', true);
  checkVersion(enrollment, input.expectedVersion, 'The enrollment');
  if (!isLive(enrollment.status)) {
    throw badInput({ field: 'input.enrollmentId', message: `attendance is recorded while ENROLLED or ATTENDING; this enrollment is ${enrollment.status}` });
  }
  const { edition, course } = await editionAndCourse(m, enrollment, 'shared');
  if (!hasStarted(edition)) throw badInput({ field: 'input.enrollmentId', message: `the edition has not started (${edition.status})` });
  const total = enrollment.attendedHours + input.hours;
  if (total > course.hours) {
    throw badInput({ field: 'input.hours', message: `would bring attendance to ${total} h, more than the course's ${course.hours} h` });
  }
  enrollment.attendedHours = total;
  enrollment.status = 'ATTENDING';
  await m.getRepository(Enrollment).save(enrollment);
  return enrollment.id;
}

export async function completeEnrollment(m: EntityManager, input: CompleteEnrollmentInput): Promise<string> {
  const enrollment = await referenced(m, Enrollment, input.enrollmentId, 'input.enrollmentId', 'enrollment', true);
  checkVersion(enrollment, input.expectedVersion, 'The enrollment');
  if (enrollment.status === 'ENROLLED') illegal('ENROLLED', 'COMPLETED', ' before any attendance is recorded');
  if (enrollment.status !== 'ATTENDING') illegal(enrollment.status, 'COMPLETED');
  const { edition, course } = await editionAndCourse(m, enrollment);
  if (!hasStarted(edition)) throw badInput({ field: 'input.enrollmentId', message: `the edition has not started (${edition.status})` });
  const problems = new ProblemList();
  if (input.completedOn < edition.startDate) problems.add('input.completedOn', `must not be before the edition starts (${edition.startDate})`);
  else if (input.completedOn < enrollment.enrolledOn) problems.add('input.completedOn', `must not be before the enrolment (${enrollment.enrolledOn})`);
  checkNotFuture(problems, 'input.completedOn', input.completedOn);
  const needed = minimumHours(course.hours);
  if (enrollment.attendedHours < needed) {
    problems.add('input.enrollmentId', `attended ${enrollment.attendedHours} h of ${course.hours} h; completion needs at least ${MINIMUM_ATTENDANCE_PERCENT} % (${needed} h)`);
  }
  problems.throwIfAny();
  enrollment.status = 'COMPLETED';
  enrollment.completedOn = input.completedOn;
  await m.getRepository(Enrollment).save(enrollment);
  return enrollment.id;
}

export async function withdrawEnrollment(m: EntityManager, input: WithdrawEnrollmentInput): Promise<string> {
  const enrollment = await referenced(m, Enrollment, input.enrollmentId, 'input.enrollmentId', 'enrollment', true);
  checkVersion(enrollment, input.expectedVersion, 'The enrollment');
  if (!isLive(enrollment.status)) illegal(enrollment.status, 'WITHDRAWN');
  const problems = new ProblemList();
  if (input.withdrawnOn < enrollment.enrolledOn) problems.add('input.withdrawnOn', `must not be before the enrolment (${enrollment.enrolledOn})`);
  checkNotFuture(problems, 'input.withdrawnOn', input.withdrawnOn);
  problems.throwIfAny();
  enrollment.status = 'WITHDRAWN';
  enrollment.withdrawnOn = input.withdrawnOn;
  enrollment.withdrawalReason = input.reason;
  await m.getRepository(Enrollment).save(enrollment);
  return enrollment.id;
}
