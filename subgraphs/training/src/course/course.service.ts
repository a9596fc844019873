import { badInput, conflict, ProblemList } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { checkEscoSkills, checkVersion, referenced, unlessDuplicate } from '../common/rules';
import { Enrollment } from '../enrollment/enrollment.type';
import { CourseEdition } from '../edition/edition.type';
import { TrainingProvider } from '../provider/provider.type';
import type { CreateCourseInput, UpdateCourseInput } from './course.input';
import { Course } from './course.type';

export function checkCourseSkills(skillsTaught: readonly string[] | null | undefined): void {
  if (!skillsTaught) return;
  const problems = new ProblemList();
  checkEscoSkills(problems, 'input.skillsTaught', skillsTaught);
  problems.throwIfAny();
}

async function assertTitleFree(m: EntityManager, providerId: string, title: string, exceptId?: string): Promise<void> {
  const existing = await m.getRepository(Course).findOne({ where: { providerId, title }, select: { id: true } });
  if (existing && existing.id !== exceptId) throw conflict('The provider already has a course with this title', 'input.title');
}

export async function createCourse(m: EntityManager, input: CreateCourseInput): Promise<string> {
  await referenced(m, TrainingProvider, input.providerId, 'input.providerId', 'training provider');
  await assertTitleFree(m, input.providerId, input.title);
  const repo = m.getRepository(Course);
  const { skillsTaught, ...rest } = input;
  const saved = await unlessDuplicate(
    () => repo.save(repo.create({ ...rest, skillsTaughtUris: skillsTaught })),
    'The provider already has a course with this title',
    'input.title',
  );
  return saved.id;
}

export async function updateCourse(m: EntityManager, input: UpdateCourseInput): Promise<string> {
  const course = await referenced(m, Course, input.id, 'input.id', 'course', true);
  checkVersion(course, input.expectedVersion, 'The course');
  if (input.title != null && input.title !== course.title) await assertTitleFree(m, course.providerId, input.title, course.id);
  if (input.hours != null && input.hours < course.hours) {
    // Attendance already recorded must stay within the course's hours.
    const [{ most }] = (await m.getRepository(Enrollment).createQueryBuilder('e')
      .select('coalesce(max(e.attended_hours), 0)::int', 'most')
      .innerJoin(CourseEdition, 'ed', 'ed.id = e.edition_id')
      .where('ed.course_id = :courseId', { courseId: course.id })
      .getRawMany()) as { most: number }[];
    if (most > input.hours) throw badInput({ field: 'input.hours', message: `someone has already attended ${most} h of this course` });
  }
  if (input.title != null) course.title = input.title;
  if (input.kind != null) course.kind = input.kind;
  if (input.hours != null) course.hours = input.hours;
  if (input.description != null) course.description = input.description;
  if (input.skillsTaught != null) course.skillsTaughtUris = input.skillsTaught;
  if (input.costPerHourCents != null) course.costPerHourCents = input.costPerHourCents;
  await unlessDuplicate(() => m.getRepository(Course).save(course), 'The provider already has a course with this title', 'input.title');
  return course.id;
}
