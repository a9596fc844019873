import type { GraphQLResolveInfo } from 'graphql';
import { Directive, Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  PUBLIC,
  byId, connectionType, groupedBy, keysetPage, PageArgs, runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import { invalidId, isUuid, reloaded } from '../common/rules';
import { skillRef, SkillRef } from '../common/references';
import { CourseEdition } from '../edition/edition.type';
import { TrainingProvider } from '../provider/provider.type';
import { CoursesFilter, CreateCourseInput, UpdateCourseInput } from './course.input';
import { coursesTeaching } from './course.loaders';
import { checkCourseSkills, createCourse, updateCourse } from './course.service';
import { Course } from './course.type';
import { assertRunsProvider } from '../access/providers';

export const CourseConnection = connectionType(Course, 'Course');

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => Course, { nullable: true })
  @Directive(PUBLIC)
  async course(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Course | null> {
    return isUuid(id) ? byId(ctx, Course).load(id) : null;
  }

  @Query(() => CourseConnection, { description: 'The course catalogue, by title.' })
  @Directive(PUBLIC)
  async courses(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CoursesFilter, { nullable: true }) filter?: CoursesFilter | null,
  ): Promise<Connection<Course>> {
    const qb = ctx.db.getRepository(Course).createQueryBuilder('c');
    if (filter?.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter?.providerId) {
      if (!isUuid(filter.providerId)) invalidId('filter.providerId');
      qb.andWhere('c.provider_id = :providerId', { providerId: filter.providerId });
    }
    if (filter?.skillUri) qb.andWhere('c.skills_taught @> ARRAY[CAST(:skillUri AS varchar)]', { skillUri: filter.skillUri });
    if (filter?.municipalityCode) {
      qb.andWhere('EXISTS (SELECT 1 FROM course_edition ed WHERE ed.course_id = c.id AND ed.municipality_code = :municipalityCode)', {
        municipalityCode: filter.municipalityCode,
      });
    }
    if (filter?.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere('lower(c.title) LIKE :pattern', { pattern });
    }
    return keysetPage(ctx, qb, [
      { column: 'c.title', property: 'title' },
      { column: 'c.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => TrainingProvider)
  @Directive(PUBLIC)
  async provider(@Root() course: Course, @Ctx() ctx: RequestContext): Promise<TrainingProvider | null> {
    return byId(ctx, TrainingProvider).load(course.providerId);
  }

  @FieldResolver(() => [SkillRef], { description: 'ESCO skills the course teaches.' })
  @Directive(PUBLIC)
  skillsTaught(@Root() course: Course): SkillRef[] {
    return course.skillsTaughtUris.map(skillRef);
  }

  @FieldResolver(() => [CourseEdition], { description: 'Every edition, earliest first.' })
  @Directive(PUBLIC)
  async editions(@Root() course: Course, @Ctx() ctx: RequestContext): Promise<CourseEdition[]> {
    return groupedBy(ctx, CourseEdition, 'courseId', { orderBy: { startDate: 'ASC', id: 'ASC' } }).load(course.id);
  }

  @Mutation(() => Course, { description: "Adds a course to a provider's catalogue." })
  async createCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateCourseInput) input: CreateCourseInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Course> {
    checkCourseSkills(input.skillsTaught);
    const { id } = await runMutation(ctx, { operation: 'createCourse', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'provider', input.providerId, 'input.providerId');
      return createCourse(m, input);
    });
    return reloaded(ctx, Course, id, 'course');
  }

  @Mutation(() => Course)
  async updateCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateCourseInput) input: UpdateCourseInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Course> {
    checkCourseSkills(input.skillsTaught);
    const { id } = await runMutation(ctx, { operation: 'updateCourse', idempotencyKey, input }, async (m) => {
      await assertRunsProvider(ctx, m, 'course', input.id, 'input.id');
      return updateCourse(m, input);
    });
    return reloaded(ctx, Course, id, 'course');
  }
}

@Resolver(() => SkillRef)
export class SkillResolver {
  @FieldResolver(() => [Course], { description: 'Courses that teach the skill, by title.' })
  @Directive(PUBLIC)
  async courses(@Root() skill: SkillRef, @Ctx() ctx: RequestContext): Promise<Course[]> {
    return coursesTeaching(ctx).load(skill.uri);
  }
}
