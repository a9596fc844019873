import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { ProgrammeRef, programmeRef } from '../common/references';
import { checkForeignId, checkVersion, conflictsAsErrors } from '../common/rules';
import { InternshipRules } from './internship.type';

@InputType()
export class SetInternshipRulesInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => Int, { nullable: true, description: 'The version you read, when replacing rules; refused if they changed since.' })
  expectedVersion?: number | null;

  @Field(() => Int, { description: 'Lowest monthly allowance, in euro cents.' })
  @Min(0)
  @Max(1_000_000)
  allowanceMinCents: number;

  @Field(() => Int, { description: 'Highest monthly allowance, in euro cents.' })
  @Min(0)
  @Max(1_000_000)
  allowanceMaxCents: number;

  @Field(() => Int)
  @Min(1)
  @Max(48)
  minWeeklyHours: number;

  @Field(() => Int)
  @Min(1)
  @Max(48)
  maxWeeklyHours: number;

  @Field(() => Int, { description: 'Longest internship in months (regional rules allow up to 12, 24 for people with disabilities).' })
  @Min(1)
  @Max(36)
  maxMonths: number;
}

@Resolver(() => InternshipRules)
export class InternshipRulesResolver {
  @FieldResolver(() => ProgrammeRef)
  programme(@Root() rules: InternshipRules): ProgrammeRef {
    return programmeRef(rules.programmeId);
  }

  @Mutation(() => InternshipRules, {
    description: "Sets a programme's internship bounds. They apply to internships planned or started from now on; running ones keep their terms.",
  })
  async setInternshipRules(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetInternshipRulesInput) input: SetInternshipRulesInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<InternshipRules> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.programmeId', input.programmeId);
    if (input.allowanceMaxCents < input.allowanceMinCents) problems.add('input.allowanceMaxCents', `must not be below allowanceMinCents (${input.allowanceMinCents})`);
    if (input.maxWeeklyHours < input.minWeeklyHours) problems.add('input.maxWeeklyHours', `must not be below minWeeklyHours (${input.minWeeklyHours})`);
    problems.throwIfAny();
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'setInternshipRules', idempotencyKey, input }, async (m) => {
      const repo = m.getRepository(InternshipRules);
      // Locked so that two coordinators replacing the rules at once are ordered by expectedVersion.
      const current = await repo.findOne({ where: { programmeId: input.programmeId }, lock: { mode: 'pessimistic_write' } });
      if (current) checkVersion(current, input.expectedVersion, 'The internship rules');
      const { expectedVersion: _v, ...bounds } = input;
      if (current) {
        Object.assign(current, bounds);
        await repo.save(current);
      } else {
        // The row is keyed by programme: a concurrent first write for one programme fails on the key instead of doubling it.
        await repo.insert(repo.create(bounds));
      }
      return input.programmeId;
    }), { internship_rules_pkey: { field: 'input.programmeId', message: 'The rules of this programme were set by someone else meanwhile; read them and retry' } });
    return ctx.db.getRepository(InternshipRules).findOneByOrFail({ programmeId: id });
  }
}
