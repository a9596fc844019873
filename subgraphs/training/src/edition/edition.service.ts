import { badInput, ProblemList } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import type { CourseEditionStatus } from '../common/enums';
import { checkDateOrder, checkForeignId, checkMunicipality, checkNotFuture, checkVersion, referenced, today } from '../common/rules';
import { Course } from '../course/course.type';
import type { ChangeEditionStatusInput, ScheduleCourseEditionInput } from './edition.input';
import { CourseEdition } from './edition.type';

/** An edition runs once: a completed or cancelled edition is not reopened, a new one is scheduled. */
const EDITION_TRANSITIONS: Record<CourseEditionStatus, readonly CourseEditionStatus[]> = {
  SCHEDULED: ['RUNNING', 'CANCELLED'],
  RUNNING: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

export const CANCELLATION_REASON = 'The course edition was cancelled';

export function checkEditionInput(input: ScheduleCourseEditionInput): void {
  const problems = new ProblemList();
  checkForeignId(problems, 'input.programmeId', input.programmeId);
  // Programme dates live with social services; an edition can only be checked against itself here.
  checkDateOrder(problems, 'startDate', input.startDate, 'input.endDate', input.endDate);
  checkMunicipality(problems, 'input.municipalityCode', input.municipalityCode);
  problems.throwIfAny();
}

export async function scheduleEdition(m: EntityManager, input: ScheduleCourseEditionInput): Promise<string> {
  await referenced(m, Course, input.courseId, 'input.courseId', 'course');
  const repo = m.getRepository(CourseEdition);
  const saved = await repo.save(repo.create({ ...input, programmeId: input.programmeId ?? null, status: 'SCHEDULED' }));
  return saved.id;
}

/** Moves an edition along; cancelling it withdraws everyone still enrolled or attending, in the same transaction. */
export async function changeEditionStatus(m: EntityManager, input: ChangeEditionStatusInput): Promise<string> {
  const edition = await referenced(m, CourseEdition, input.editionId, 'input.editionId', 'course edition', true);
  checkVersion(edition, input.expectedVersion, 'The course edition');
  if (!EDITION_TRANSITIONS[edition.status].includes(input.status)) {
    throw badInput({ field: 'input.status', message: `a ${edition.status} edition cannot become ${input.status}` });
  }
  const problems = new ProblemList();
  checkNotFuture(problems, 'input.effectiveOn', input.effectiveOn);
  problems.throwIfAny();
  edition.status = input.status;
  await m.getRepository(CourseEdition).save(edition);
  if (input.status === 'CANCELLED') {
    await m.query(
      `UPDATE enrollment
          SET status = 'WITHDRAWN', withdrawn_on = greatest(enrolled_on, $2::date), withdrawal_reason = $3, version = version + 1
        WHERE edition_id = $1 AND status IN ('ENROLLED', 'ATTENDING')`,
      [edition.id, input.effectiveOn ?? today(), CANCELLATION_REASON],
    );
  }
  return edition.id;
}
