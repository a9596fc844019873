import type { GraphQLResolveInfo } from 'graphql';
import { Directive, Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  PUBLIC,
  byId, connectionType, groupedBy, keysetPage, PageArgs, runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import { invalidId, isUuid, reloaded } from '../common/rules';
import { programmeRef, ProgrammeRef } from '../common/references';
import { Course } from '../course/course.type';
import { Enrollment } from '../enrollment/enrollment.type';
import { ChangeEditionStatusInput, CourseEditionsFilter, ScheduleCourseEditionInput } from './edition.input';
import { seatsTaken } from './edition.loaders';
import { changeEditionStatus, checkEditionInput, scheduleEdition } from './edition.service';
import { CourseEdition } from './edition.type';
import { assertRunsProvider } from '../access/providers';

export const CourseEditionConnection = connectionType(CourseEdition, 'CourseEdition');

@Resolver(() => CourseEdition)
export class CourseEditionResolver {
  @Query(() => CourseEdition, { nullable: true })
  @Directive(PUBLIC)
  async courseEdition(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<CourseEdition | null> {
    return isUuid(id) ? byId(ctx, CourseEdition).load(id) : null;
  }

  @Query(() => CourseEditionConnection, { description: 'Course editions, earliest start first.' })
  @Directive(PUBLIC)
  async courseEditions(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CourseEditionsFilter, { nullable: true }) filter?: CourseEditionsFilter | null,
  ): Promise<Connection<CourseEdition>> {
    const qb = ctx.db.getRepository(CourseEdition).createQueryBuilder('ed');
    for (const [key, column] of [['courseId', 'course_id'], ['programmeId', 'programme_id']] as const) {
      const value = filter?.[key];
      if (!value) continue;
      if (!isUuid(value)) invalidId(`filter.${key}`);
      qb.andWhere(`ed.${column} = :${key}`, { [key]: value });
    }
    if (filter?.status) qb.andWhere('ed.status = :status', { status: filter.status });
    if (filter?.startsAfter) qb.andWhere('ed.start_date >= :startsAfter', { startsAfter: filter.startsAfter });
    return keysetPage(ctx, qb, [
      { column: 'ed.start_date', property: 'startDate' },
      { column: 'ed.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => Course)
  @Directive(PUBLIC)
  async course(@Root() edition: CourseEdition, @Ctx() ctx: RequestContext): Promise<Course | null> {
    return byId(ctx, Course).load(edition.courseId);
  }

  @FieldResolver(() => ProgrammeRef, { nullable: true, description: 'The programme funding the edition, if any.' })
  @Directive(PUBLIC)
  programme(@Root() edition: CourseEdition): ProgrammeRef | null {
    return edition.programmeId ? programmeRef(edition.programmeId) : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'People holding a seat: enrolled, attending or completed.' })
  async enrolledCount(@Root() edition: CourseEdition, @Ctx() ctx: RequestContext): Promise<number> {
    return seatsTaken(ctx).load(edition.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free. With `seats` it gives the number enrolled, so only partners see it.' })
  async seatsLeft(@Root() edition: CourseEdition, @Ctx() ctx: RequestContext): Promise<number> {
    return Math.max(0, edition.seats - (await seatsTaken(ctx).load(edition.id)));
  }

  @FieldResolver(() => Boolean, { description: 'Whether a seat is still free: what the public sees of an edition\'s take-up.' })
  @Directive(PUBLIC)
  async hasSeatsLeft(@Root() edition: CourseEdition, @Ctx() ctx: RequestContext): Promise<boolean> {
    return edition.seats > (await seatsTaken(ctx).load(edition.id));
  }

  @FieldResolver(() => [Enrollment], { description: 'Enrolments, earliest first, withdrawn ones included.' })
  async enrollments(@Root() edition: CourseEdition, @Ctx() ctx: RequestContext): Promise<Enrollment[]> {
    return groupedBy(ctx, Enrollment, 'editionId', { orderBy: { enrolledOn: 'ASC', id: 'ASC' } }).load(edition.id);
  }

  @Mutation(() => CourseEdition, { description: 'Schedules an edition of a course.' })
  async scheduleCourseEdition(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ScheduleCourseEditionInput) input: ScheduleCourseEditionInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<CourseEdition> {
    checkEditionInput(input);
    const { id } = await runMutation(ctx, { operation: 'scheduleCourseEdition', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'course', input.courseId, 'input.courseId');
      return scheduleEdition(m, input);
    });
    return reloaded(ctx, CourseEdition, id, 'course edition');
  }

  @Mutation(() => CourseEdition, { description: 'Starts, completes or cancels an edition; cancelling withdraws its live enrolments.' })
  async changeEditionStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeEditionStatusInput) input: ChangeEditionStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<CourseEdition> {
    const { id } = await runMutation(ctx, { operation: 'changeEditionStatus', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'edition', input.editionId, 'input.editionId');
      return changeEditionStatus(m, input);
    });
    return reloaded(ctx, CourseEdition, id, 'course edition');
  }
}
