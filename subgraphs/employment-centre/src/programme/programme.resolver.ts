import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PUBLIC, type RequestContext } from '@intreccio/shared';
import { isUuid } from '../common/rules';
import { ProgrammeRef } from '../federation/references';
import { EmploymentKpis, employmentKpisOf, NO_EMPLOYMENT_KPIS } from './employment-kpis';

@Resolver(() => ProgrammeRef)
export class ProgrammeExtensionResolver {
  @FieldResolver(() => EmploymentKpis, { description: 'Job seekers, hires and follow-up at 6 and 12 months.' })
  @Directive(PUBLIC)
  async employmentKpis(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<EmploymentKpis> {
    return isUuid(programme.id) ? employmentKpisOf(ctx).load(programme.id) : NO_EMPLOYMENT_KPIS;
  }
}
