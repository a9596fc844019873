import { Directive, Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PUBLIC, byId, forbidden, groupedBy, runMutation, type RequestContext } from '@intreccio/shared';
import { isUuid, reloaded } from '../common/rules';
import { organisationRef, OrganisationRef } from '../common/references';
import { Course } from '../course/course.type';
import { CreateTrainingProviderInput } from './provider.input';
import { checkProviderInput, createProvider } from './provider.service';
import { TrainingProvider } from './provider.type';

@Resolver(() => TrainingProvider)
export class TrainingProviderResolver {
  @Query(() => [TrainingProvider], { description: 'Every training provider, by name.' })
  @Directive(PUBLIC)
  async trainingProviders(@Ctx() ctx: RequestContext): Promise<TrainingProvider[]> {
    return ctx.db.getRepository(TrainingProvider).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  @Query(() => TrainingProvider, { nullable: true })
  @Directive(PUBLIC)
  async trainingProvider(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<TrainingProvider | null> {
    return isUuid(id) ? byId(ctx, TrainingProvider).load(id) : null;
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: "The provider's organisation in the network registry." })
  organisation(@Root() provider: TrainingProvider): OrganisationRef {
    return organisationRef(provider.organisationId);
  }

  @FieldResolver(() => [Course], { description: "The provider's catalogue, by title." })
  @Directive(PUBLIC)
  async courses(@Root() provider: TrainingProvider, @Ctx() ctx: RequestContext): Promise<Course[]> {
    return groupedBy(ctx, Course, 'providerId', { orderBy: { title: 'ASC', id: 'ASC' } }).load(provider.id);
  }

  @Mutation(() => TrainingProvider, { description: 'Registers an accredited training body of the network.' })
  async createTrainingProvider(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateTrainingProviderInput) input: CreateTrainingProviderInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<TrainingProvider> {
    checkProviderInput(input);
    const { id } = await runMutation(ctx, { operation: 'createTrainingProvider', idempotencyKey, input }, (m) => {
      // A training body registers itself: its own organisation of the registry.
      if (input.organisationId !== ctx.principal.organisationId) throw forbidden('input.organisationId: a training body registers its own organisation', 'input.organisationId');
      return createProvider(m, input);
    });
    return reloaded(ctx, TrainingProvider, id, 'training provider');
  }
}
