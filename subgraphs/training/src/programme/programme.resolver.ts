import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PUBLIC, type RequestContext } from '@intreccio/shared';
import { isUuid } from '../common/rules';
import { ProgrammeRef } from '../common/references';
import { NO_TRAINING_KPIS, TrainingKpis, trainingKpisOf } from './training-kpis';

@Resolver(() => ProgrammeRef)
export class ProgrammeTrainingResolver {
  @FieldResolver(() => TrainingKpis, { description: 'Enrolments, completions, certificates, hours and cost of training in the programme.' })
  @Directive(PUBLIC)
  async trainingKpis(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<TrainingKpis> {
    return isUuid(programme.id) ? trainingKpisOf(ctx).load(programme.id) : NO_TRAINING_KPIS;
  }
}
