import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { escoSkillProblem, ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { checkForeignId, checkNotFuture, reloaded } from '../common/rules';
import { Skill, skillOrPlaceholder } from '../esco/esco.type';
import { PersonRef, ProgrammeRef, ref } from '../federation/references';
import { RecordSkillInput } from './skill-record.input';
import { recordSkills } from './skill-record.service';
import { SkillRecord } from './skill-record.type';
import { assertRegisteredHere } from '../access/holders';

@Resolver(() => SkillRecord)
export class SkillRecordResolver {
  @FieldResolver(() => Skill)
  skill(@Root() r: SkillRecord): Skill {
    return skillOrPlaceholder(r.skillUri);
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  person(@Root() r: SkillRecord): PersonRef {
    return ref(r.personId);
  }

  @FieldResolver(() => ProgrammeRef, { nullable: true })
  programme(@Root() r: SkillRecord): ProgrammeRef {
    return ref(r.programmeId);
  }

  @Mutation(() => SkillRecord, {
    description: 'Records a skill of a person. If the person already has it, the record is raised when the new level is higher and otherwise left as it is.',
  })
  async recordSkill(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordSkillInput) input: RecordSkillInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<SkillRecord> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId, 'person');
    checkForeignId(problems, 'input.programmeId', input.programmeId, 'programme');
    const uriProblem = escoSkillProblem(input.skillUri);
    if (uriProblem) problems.add('input.skillUri', uriProblem);
    checkNotFuture(problems, 'input.recordedOn', input.recordedOn);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'recordSkill', idempotencyKey, input }, async (m) => {
      await assertRegisteredHere(ctx, m, input.personId, 'input.personId');
      const [recordId] = await recordSkills(m, [{ ...input, organisationId: ctx.principal.organisationId }]);
      return recordId!;
    });
    return reloaded(ctx, SkillRecord, id, 'skill record');
  }
}
