import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { byId, runMutation, type RequestContext } from '@intreccio/shared';
import { isUuid, reloaded } from '../common/rules';
import { personRef, PersonRef, programmeRef, ProgrammeRef, skillRef, SkillRef } from '../common/references';
import { Enrollment } from '../enrollment/enrollment.type';
import { TrainingProvider } from '../provider/provider.type';
import { IssueCertificationInput } from './certification.input';
import { checkCertificationInput, issueCertification } from './certification.service';
import { Certification } from './certification.type';
import { assertNotErased, assertRunsProvider } from '../access/providers';

@Resolver(() => Certification)
export class CertificationResolver {
  @Query(() => Certification, { nullable: true })
  async certification(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Certification | null> {
    return isUuid(id) ? byId(ctx, Certification).load(id) : null;
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  person(@Root() c: Certification): PersonRef {
    return personRef(c.personId);
  }

  @FieldResolver(() => ProgrammeRef, { nullable: true })
  programme(@Root() c: Certification): ProgrammeRef {
    return programmeRef(c.programmeId);
  }

  @FieldResolver(() => Enrollment, { nullable: true })
  async enrollment(@Root() c: Certification, @Ctx() ctx: RequestContext): Promise<Enrollment | null> {
    return c.enrollmentId ? byId(ctx, Enrollment).load(c.enrollmentId) : null;
  }

  @FieldResolver(() => [SkillRef], { description: 'ESCO skills certified.' })
  certifiedSkills(@Root() c: Certification): SkillRef[] {
    return c.certifiedSkillUris.map(skillRef);
  }

  @FieldResolver(() => TrainingProvider, { description: 'The provider that issued the certificate.' })
  async issuer(@Root() c: Certification, @Ctx() ctx: RequestContext): Promise<TrainingProvider | null> {
    return byId(ctx, TrainingProvider).load(c.providerId);
  }

  @Mutation(() => Certification, { description: 'Issues a certificate: for a completed enrolment, or for competences validated outside a course.' })
  async issueCertification(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => IssueCertificationInput) input: IssueCertificationInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Certification> {
    checkCertificationInput(input);
    const { id } = await runMutation(ctx, { operation: 'issueCertification', idempotencyKey, input }, async (m) => {
      await assertNotErased(m, input.personId, 'input.personId');
      await assertRunsProvider(ctx, m, 'enrollment', input.enrollmentId, 'input.enrollmentId');
      await assertRunsProvider(ctx, m, 'provider', input.providerId, 'input.providerId');
      return issueCertification(m, input, ctx.principal.organisationId);
    });
    return reloaded(ctx, Certification, id, 'certification');
  }
}
