import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PUBLIC, type RequestContext } from '@intreccio/shared';
import { VacancyStatus } from '../common/enums';
import { hiresOfCompany, vacanciesOfCompany } from '../common/loaders';
import { Hire } from '../hire/hire.type';
import { Vacancy } from '../vacancy/vacancy.type';
import { CompanyRef } from './references';

@Resolver(() => CompanyRef)
export class CompanyExtensionResolver {
  @FieldResolver(() => [Vacancy], { description: "The company's vacancies, latest opening first; the public contract lists open ones only." })
  @Directive(PUBLIC)
  async vacancies(
    @Root() company: CompanyRef,
    @Ctx() ctx: RequestContext,
    @Arg('status', () => VacancyStatus, { nullable: true }) status?: VacancyStatus | null,
  ): Promise<Vacancy[]> {
    const all = await vacanciesOfCompany(ctx).load(company.id);
    const seen = ctx.access.anonymous ? all.filter((v) => v.status === 'OPEN') : all;
    return status ? seen.filter((v) => v.status === status) : seen;
  }

  @FieldResolver(() => [Hire], {
    nullable: true,
    description: "People the company hired, latest first: for the company's own users, and for each employment centre the hires it recorded.",
  })
  @Directive('@requires(fields: "accessGrant")')
  async hires(@Root() company: CompanyRef, @Ctx() ctx: RequestContext): Promise<Hire[]> {
    return hiresOfCompany(ctx).load(company.id);
  }
}
