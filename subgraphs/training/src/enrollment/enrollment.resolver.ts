import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  byId, connectionType, groupedBy, keysetPage, PageArgs, runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import { Certification } from '../certification/certification.type';
import { invalidId, isUuid, reloaded } from '../common/rules';
import { personRef, PersonRef, programmeRef, ProgrammeRef } from '../common/references';
import { Course } from '../course/course.type';
import { CourseEdition } from '../edition/edition.type';
import {
  CompleteEnrollmentInput, EnrollmentsFilter, EnrollPersonInput, RecordAttendanceInput, WithdrawEnrollmentInput,
} from './enrollment.input';
import { checkEnrollInput, completeEnrollment, enrollPerson, recordAttendance, withdrawEnrollment } from './enrollment.service';
import { Enrollment } from './enrollment.type';
import { assertNotErased, assertRunsProvider } from '../access/providers';

export const EnrollmentConnection = connectionType(Enrollment, 'Enrollment');

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @Query(() => Enrollment, { nullable: true })
  async enrollment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Enrollment | null> {
    return isUuid(id) ? byId(ctx, Enrollment).load(id) : null;
  }

  @Query(() => EnrollmentConnection, { nullable: true, description: "Your training body's enrolments, earliest first." })
  async enrollments(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => EnrollmentsFilter, { nullable: true }) filter?: EnrollmentsFilter | null,
  ): Promise<Connection<Enrollment>> {
    const qb = ctx.db.getRepository(Enrollment).createQueryBuilder('e');
    qb.where('e.organisation_id = :organisation', { organisation: ctx.principal.organisationId });
    for (const [key, column] of [['programmeId', 'programme_id'], ['editionId', 'edition_id']] as const) {
      const value = filter?.[key];
      if (!value) continue;
      if (!isUuid(value)) invalidId(`filter.${key}`);
      qb.andWhere(`e.${column} = :${key}`, { [key]: value });
    }
    if (filter?.status) qb.andWhere('e.status = :status', { status: filter.status });
    return keysetPage(ctx, qb, [
      { column: 'e.enrolled_on', property: 'enrolledOn' },
      { column: 'e.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => PersonRef)
  person(@Root() e: Enrollment): PersonRef {
    return personRef(e.personId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() e: Enrollment): ProgrammeRef {
    return programmeRef(e.programmeId);
  }

  @FieldResolver(() => CourseEdition)
  async edition(@Root() e: Enrollment, @Ctx() ctx: RequestContext): Promise<CourseEdition | null> {
    return byId(ctx, CourseEdition).load(e.editionId);
  }

  @FieldResolver(() => Course, { description: "The edition's course." })
  async course(@Root() e: Enrollment, @Ctx() ctx: RequestContext): Promise<Course | null> {
    const edition = await byId(ctx, CourseEdition).load(e.editionId);
    return edition ? byId(ctx, Course).load(edition.courseId) : null;
  }

  @FieldResolver(() => [Certification], { description: 'Certificates issued for this enrolment.' })
  async certifications(@Root() e: Enrollment, @Ctx() ctx: RequestContext): Promise<Certification[]> {
    return groupedBy(ctx, Certification, 'enrollmentId', { orderBy: { issuedOn: 'ASC', id: 'ASC' } }).load(e.id);
  }

  @Mutation(() => Enrollment, { description: 'Gives a person a seat in a scheduled or running edition, within its seats.' })
  async enrollPerson(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EnrollPersonInput) input: EnrollPersonInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Enrollment> {
    checkEnrollInput(input);
    const { id } = await runMutation(ctx, { operation: 'enrollPerson', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'edition', input.editionId, 'input.editionId');
      await assertNotErased(m, input.personId, 'input.personId');
      return enrollPerson(m, input, ctx.principal.organisationId);
    });
    return reloaded(ctx, Enrollment, id, 'enrollment');
  }

  @Mutation(() => Enrollment, { description: 'Adds attended hours; the first hours make the person ATTENDING.' })
  async recordAttendance(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordAttendanceInput) input: RecordAttendanceInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Enrollment> {
    const { id } = await runMutation(ctx, { operation: 'recordAttendance', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'enrollment', input.enrollmentId, 'input.enrollmentId');
      return recordAttendance(m, input);
    });
    return reloaded(ctx, Enrollment, id, 'enrollment');
  }

  @Mutation(() => Enrollment, { description: 'Records that the person finished the course: at least 70 % of its hours attended.' })
  async completeEnrollment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CompleteEnrollmentInput) input: CompleteEnrollmentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Enrollment> {
    const { id } = await runMutation(ctx, { operation: 'completeEnrollment', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'enrollment', input.enrollmentId, 'input.enrollmentId');
      return completeEnrollment(m, input);
    });
    return reloaded(ctx, Enrollment, id, 'enrollment');
  }

  @Mutation(() => Enrollment, { description: 'Records that the person left the course; the seat is freed.' })
  async withdrawEnrollment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => WithdrawEnrollmentInput) input: WithdrawEnrollmentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Enrollment> {
    const { id } = await runMutation(ctx, { operation: 'withdrawEnrollment', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'enrollment', input.enrollmentId, 'input.enrollmentId');
      return withdrawEnrollment(m, input);
    });
    return reloaded(ctx, Enrollment, id, 'enrollment');
  }
}
