import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { ArrayMinSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { badInput, byId, ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { assertOwnsCase } from '../access/standing';
import { teamOf } from '../case/case.resolver';
import { Case, CaseTeamMember } from '../case/case.type';
import { AssessmentDimension, EmployabilityLevel } from '../common/enums';
import { LocalDate } from '../common/scalars';
import { referenced, reloaded, today } from '../common/rules';
import { Assessment } from './assessment.type';

@InputType()
export class DimensionScoreInput {
  @Field(() => AssessmentDimension)
  dimension: AssessmentDimension;

  @Field(() => Int, { description: '1 (great difficulty) to 5 (a strength).' })
  @Min(1)
  @Max(5)
  score: number;
}

@InputType()
export class RecordAssessmentInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => LocalDate)
  assessedOn: string;

  @Field(() => [DimensionScoreInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  scores: DimensionScoreInput[];

  @Field(() => EmployabilityLevel)
  employabilityLevel: EmployabilityLevel;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10_000)
  notes?: string | null;

  @Field(() => [ID], { description: 'Case team members who made the evaluation (the équipe).' })
  @ArrayMinSize(1)
  authorIds: string[];
}

@Resolver(() => Assessment)
export class AssessmentResolver {
  @FieldResolver(() => [CaseTeamMember], { description: 'The équipe members who made the evaluation.' })
  async authors(@Root() a: Assessment, @Ctx() ctx: RequestContext): Promise<CaseTeamMember[]> {
    const team = await teamOf(ctx).load(a.caseId);
    return team.filter((member) => a.authorIds.includes(member.id));
  }

  @FieldResolver(() => Case, { nullable: true })
  async case(@Root() a: Assessment, @Ctx() ctx: RequestContext): Promise<Case | null> {
    return byId(ctx, Case).load(a.caseId);
  }

  @Mutation(() => Assessment, { description: "Records the équipe's multidimensional evaluation." })
  async recordAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordAssessmentInput) input: RecordAssessmentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Assessment> {
    const { id } = await runMutation(ctx, { operation: 'recordAssessment', idempotencyKey, input }, async (m) => {
      const c = await referenced(m, Case, input.caseId, 'input.caseId', 'case');
      assertOwnsCase(ctx, c);
      if (c.status === 'CLOSED') throw badInput({ field: 'input.caseId', message: 'the case is closed' });
      const problems = new ProblemList();
      if (input.assessedOn < c.openedOn) problems.add('input.assessedOn', `must not be before the case was opened (${c.openedOn})`);
      if (input.assessedOn > today()) problems.add('input.assessedOn', 'must not be in the future');
      const seen = new Set<string>();
      input.scores.forEach((s, i) => {
        if (seen.has(s.dimension)) problems.add(`input.scores.${i}.dimension`, `${s.dimension} is scored twice`);
        seen.add(s.dimension);
      });
      const team = await m.getRepository(CaseTeamMember).findBy({ caseId: c.id });
      input.authorIds.forEach((authorId, i) => {
        const member = team.find((t) => t.id === authorId);
        if (!member) problems.add(`input.authorIds.${i}`, 'is not a member of this case team');
        else if (member.leftOn && member.leftOn < input.assessedOn) problems.add(`input.authorIds.${i}`, `left the team on ${member.leftOn}`);
      });
      problems.throwIfAny();
      const repo = m.getRepository(Assessment);
      const saved = await repo.save(repo.create({
        caseId: c.id,
        assessedOn: input.assessedOn,
        scores: input.scores.map((s) => ({ dimension: s.dimension, score: s.score })),
        employabilityLevel: input.employabilityLevel,
        notes: input.notes ?? '',
        authorIds: input.authorIds,
      }));
      return saved.id;
    });
    // The author's own record, about the case's person: reading its notes is logged as sensitive.
    const assessment = await reloaded(ctx, Assessment, id, 'assessment');
    return ctx.access.vouch(assessment, 'own', (await byId(ctx, Case).load(assessment.caseId))?.personId);
  }
}
