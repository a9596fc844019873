import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@intreccio/shared';
import { isUuid } from '../common/rules';
import { ProgrammeRef } from '../federation/references';
import { EmploymentKpis, employmentKpisOf } from './employment-kpis';

const NO_KPIS: EmploymentKpis = {
  registeredJobSeekers: 0, hires: 0, stillEmployedAt6Months: 0, stillEmployedAt12Months: 0, followUpsDue6Months: 0, followUpsDue12Months: 0,
};

@Resolver(() => ProgrammeRef)
export class ProgrammeExtensionResolver {
  @FieldResolver(() => EmploymentKpis, { description: 'Job seekers, hires and follow-up at 6 and 12 months.' })
  async employmentKpis(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<EmploymentKpis> {
    return isUuid(programme.id) ? employmentKpisOf(ctx).load(programme.id) : NO_KPIS;
  }
}
