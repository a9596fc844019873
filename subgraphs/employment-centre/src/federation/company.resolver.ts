import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@intreccio/shared';
import { VacancyStatus } from '../common/enums';
import { hiresOfCompany, vacanciesOfCompany } from '../common/loaders';
import { Hire } from '../hire/hire.type';
import { Vacancy } from '../vacancy/vacancy.type';
import { CompanyRef } from './references';

@Resolver(() => CompanyRef)
export class CompanyExtensionResolver {
  @FieldResolver(() => [Vacancy], { description: "The company's vacancies, latest opening first." })
  async vacancies(
    @Root() company: CompanyRef,
    @Ctx() ctx: RequestContext,
    @Arg('status', () => VacancyStatus, { nullable: true }) status?: VacancyStatus | null,
  ): Promise<Vacancy[]> {
    const all = await vacanciesOfCompany(ctx).load(company.id);
    return status ? all.filter((v) => v.status === status) : all;
  }

  @FieldResolver(() => [Hire], { description: 'People the company hired, latest first.' })
  async hires(@Root() company: CompanyRef, @Ctx() ctx: RequestContext): Promise<Hire[]> {
    return hiresOfCompany(ctx).load(company.id);
  }
}
