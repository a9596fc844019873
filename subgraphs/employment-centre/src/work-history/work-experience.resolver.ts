import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { checkDateOrder, checkForeignId, checkNotFuture, checkOccupationUri, reloaded } from '../common/rules';
import { Occupation, occupationOrPlaceholder } from '../esco/esco.type';
import { PersonRef, ProgrammeRef, ref } from '../federation/references';
import { RecordWorkExperienceInput } from './work-experience.input';
import { WorkExperience } from './work-experience.type';
import { assertRegisteredHere } from '../access/holders';

@Resolver(() => WorkExperience)
export class WorkExperienceResolver {
  @FieldResolver(() => PersonRef)
  person(@Root() w: WorkExperience): PersonRef {
    return ref(w.personId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() w: WorkExperience): ProgrammeRef {
    return ref(w.programmeId);
  }

  @FieldResolver(() => Occupation, { nullable: true })
  occupation(@Root() w: WorkExperience): Occupation | null {
    return w.occupationUri ? occupationOrPlaceholder(w.occupationUri) : null;
  }

  @Mutation(() => WorkExperience, { description: "Adds a past or current job to a person's work history." })
  async recordWorkExperience(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordWorkExperienceInput) input: RecordWorkExperienceInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<WorkExperience> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId, 'person');
    checkForeignId(problems, 'input.programmeId', input.programmeId, 'programme');
    checkOccupationUri(problems, 'input.occupationUri', input.occupationUri);
    checkNotFuture(problems, 'input.startDate', input.startDate);
    checkDateOrder(problems, 'startDate', input.startDate, 'input.endDate', input.endDate);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'recordWorkExperience', idempotencyKey, input }, async (m) => {
      await assertRegisteredHere(ctx, m, input.personId, 'input.personId');
      const repo = m.getRepository(WorkExperience);
      const saved = await repo.save(repo.create({ ...input, organisationId: ctx.principal.organisationId, occupationUri: input.occupationUri ?? null, endDate: input.endDate ?? null }));
      return saved.id;
    });
    return reloaded(ctx, WorkExperience, id, 'work experience');
  }
}
