import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@intreccio/shared';
import { isUuid } from '../common/rules';
import { ProgrammeRef } from '../common/references';
import { TrainingKpis, trainingKpisOf } from './training-kpis';

const NO_TRAINING: TrainingKpis = { enrolled: 0, attending: 0, completed: 0, withdrawn: 0, certified: 0, trainingHours: 0, trainingCostCents: 0 };

@Resolver(() => ProgrammeRef)
export class ProgrammeTrainingResolver {
  @FieldResolver(() => TrainingKpis, { description: 'Enrolments, completions, certificates, hours and cost of training in the programme.' })
  async trainingKpis(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<TrainingKpis> {
    return isUuid(programme.id) ? trainingKpisOf(ctx).load(programme.id) : { ...NO_TRAINING };
  }
}
