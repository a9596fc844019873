import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { badInput, conflict, escoSkillProblem, ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { SkillLevel } from '../common/enums';
import {
  checkDateOrder, checkForeignId, checkNotFuture, checkVersion, isUniqueViolation, referenced, reloaded,
} from '../common/rules';
import { Skill, skillOrPlaceholder } from '../esco/esco.type';
import { PersonRef, ProgrammeRef, ref } from '../federation/references';
import { recordSkills } from '../skill-record/skill-record.service';
import { CompleteSkillsAssessmentInput, StartSkillsAssessmentInput } from './skills-assessment.input';
import { SkillsAssessment } from './skills-assessment.type';
import { assertHolds, assertRegisteredHere } from '../access/holders';

@ObjectType({ description: 'A skill a skills assessment found, with the level.' })
export class AssessedSkill {
  @Field(() => Skill)
  skill: Skill;

  @Field(() => SkillLevel)
  level: SkillLevel;
}

const alreadyUnderWay = () => conflict('The person already has a skills assessment in progress in this programme', 'input.personId');

@Resolver(() => SkillsAssessment)
export class SkillsAssessmentResolver {
  @FieldResolver(() => PersonRef)
  person(@Root() a: SkillsAssessment): PersonRef {
    return ref(a.personId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() a: SkillsAssessment): ProgrammeRef {
    return ref(a.programmeId);
  }

  @FieldResolver(() => [AssessedSkill], { description: 'Skills the assessment found; empty until it is completed.' })
  assessedSkills(@Root() a: SkillsAssessment): AssessedSkill[] {
    return a.assessedSkillRows.map((s) => ({ skill: skillOrPlaceholder(s.uri), level: s.level }));
  }

  @Mutation(() => SkillsAssessment, { description: 'Starts a skills assessment (bilancio di competenze); one may be in progress per person and programme.' })
  async startSkillsAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => StartSkillsAssessmentInput) input: StartSkillsAssessmentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<SkillsAssessment> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId, 'person');
    checkForeignId(problems, 'input.programmeId', input.programmeId, 'programme');
    checkNotFuture(problems, 'input.startedOn', input.startedOn);
    problems.throwIfAny();
    let id: string;
    try {
      ({ id } = await runMutation(ctx, { operation: 'startSkillsAssessment', idempotencyKey, input }, async (m) => {
        await assertRegisteredHere(ctx, m, input.personId, 'input.personId');
        const repo = m.getRepository(SkillsAssessment);
        if (await repo.existsBy({ personId: input.personId, programmeId: input.programmeId, status: 'IN_PROGRESS' })) throw alreadyUnderWay();
        const saved = await repo.save(repo.create({
          ...input, organisationId: ctx.principal.organisationId, status: 'IN_PROGRESS', completedOn: null, summary: null, assessedSkillRows: [],
        }));
        return saved.id;
      }));
    } catch (err) {
      if (isUniqueViolation(err, 'skills_assessment_in_progress')) throw alreadyUnderWay();
      throw err;
    }
    return reloaded(ctx, SkillsAssessment, id, 'skills assessment');
  }

  @Mutation(() => SkillsAssessment, {
    description: "Completes a skills assessment and, in the same transaction, records every skill it found on the person (raising levels already recorded when higher).",
  })
  async completeSkillsAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CompleteSkillsAssessmentInput) input: CompleteSkillsAssessmentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<SkillsAssessment> {
    const problems = new ProblemList();
    input.skills.forEach((s, i) => {
      const problem = escoSkillProblem(s.uri);
      if (problem) problems.add(`input.skills.${i}.uri`, problem);
      else if (input.skills.findIndex((o) => o.uri === s.uri) !== i) problems.add(`input.skills.${i}.uri`, 'is listed twice');
    });
    checkNotFuture(problems, 'input.completedOn', input.completedOn);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'completeSkillsAssessment', idempotencyKey, input }, async (m) => {
      const assessment = await referenced(m, SkillsAssessment, input.assessmentId, 'input.assessmentId', 'skills assessment', true);
      assertHolds(ctx, assessment.organisationId, 'The skills assessment');
      checkVersion(assessment, input.expectedVersion, 'The skills assessment');
      if (assessment.status !== 'IN_PROGRESS') {
        throw badInput({ field: 'input.assessmentId', message: `a ${assessment.status} skills assessment cannot be completed again` });
      }
      const dates = new ProblemList();
      checkDateOrder(dates, 'startedOn', assessment.startedOn, 'input.completedOn', input.completedOn);
      dates.throwIfAny();
      assessment.status = 'COMPLETED';
      assessment.completedOn = input.completedOn;
      assessment.summary = input.summary;
      assessment.assessedSkillRows = input.skills.map((s) => ({ uri: s.uri, level: s.level }));
      await m.getRepository(SkillsAssessment).save(assessment);
      await recordSkills(m, input.skills.map((s) => ({
        personId: assessment.personId,
        organisationId: ctx.principal.organisationId,
        programmeId: assessment.programmeId,
        skillUri: s.uri,
        level: s.level,
        source: 'SKILLS_ASSESSMENT' as const,
        recordedOn: input.completedOn,
      })));
      return assessment.id;
    });
    return reloaded(ctx, SkillsAssessment, id, 'skills assessment');
  }
}

