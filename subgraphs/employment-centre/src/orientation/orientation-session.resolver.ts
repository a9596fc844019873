import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { checkForeignId, checkNotFuture, checkRange, reloaded } from '../common/rules';
import { PersonRef, ProgrammeRef, ref } from '../federation/references';
import { RecordOrientationSessionInput } from './orientation-session.input';
import { OrientationSession } from './orientation-session.type';
import { assertRegisteredHere } from '../access/holders';

@Resolver(() => OrientationSession)
export class OrientationSessionResolver {
  @FieldResolver(() => PersonRef)
  person(@Root() s: OrientationSession): PersonRef {
    return ref(s.personId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() s: OrientationSession): ProgrammeRef {
    return ref(s.programmeId);
  }

  @Mutation(() => OrientationSession, { description: 'Records an orientation session a person attended.' })
  async recordOrientationSession(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordOrientationSessionInput) input: RecordOrientationSessionInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<OrientationSession> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId, 'person');
    checkForeignId(problems, 'input.programmeId', input.programmeId, 'programme');
    checkNotFuture(problems, 'input.heldOn', input.heldOn);
    checkRange(problems, 'input.durationMinutes', input.durationMinutes, 1, 600);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'recordOrientationSession', idempotencyKey, input }, async (m) => {
      await assertRegisteredHere(ctx, m, input.personId, 'input.personId');
      const repo = m.getRepository(OrientationSession);
      return (await repo.save(repo.create({ ...input, organisationId: ctx.principal.organisationId }))).id;
    });
    return reloaded(ctx, OrientationSession, id, 'orientation session');
  }
}
