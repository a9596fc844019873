import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  PUBLIC,
  atecoCode, byId, connectionType, groupedBy, keysetPage, municipalityByCadastralCode, PageArgs, ProblemList, runMutation,
  type Connection, type RequestContext,
} from '@intreccio/shared';
import { isUserOf } from '../access/holders';
import { organisationRef, OrganisationRef } from '../common/references';
import { checkVersion, conflictsAsErrors, isUuid, referenced, reloaded } from '../common/rules';
import { Internship } from '../internship/internship.type';
import { Opportunity, ScoutingVisit } from '../scouting/scouting.type';
import { CompanyTutor } from '../tutor/tutor.type';
import { CompaniesFilter, CreateCompanyInput, UpdateCompanyInput } from './company.input';
import { assertCompanyUnique, checkCompanyFacts, COMPANY_CONSTRAINTS, normaliseCode, normaliseVatNumber } from './company.service';
import { Company } from './company.type';

export const CompanyConnection = connectionType(Company, 'Company');

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Resolver(() => Company)
export class CompanyResolver {
  @Query(() => Company, { nullable: true })
  @Directive(PUBLIC)
  async company(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Company | null> {
    return isUuid(id) ? byId(ctx, Company).load(id) : null;
  }

  @Query(() => CompanyConnection, { description: 'Companies of the network, by name; the public contract lists those that chose to be in the directory.' })
  @Directive(PUBLIC)
  async companies(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CompaniesFilter, { nullable: true }) filter?: CompaniesFilter | null,
  ): Promise<Connection<Company>> {
    const qb = ctx.db.getRepository(Company).createQueryBuilder('c');
    if (ctx.access.anonymous) qb.andWhere('c.listed_in_directory');
    if (filter?.municipalityCode) qb.andWhere('c.municipality_code = :municipality', { municipality: normaliseCode(filter.municipalityCode) });
    if (filter?.atecoPrefix) qb.andWhere('c.ateco_code LIKE :ateco', { ateco: `${likePattern(normaliseCode(filter.atecoPrefix))}%` });
    if (filter?.listedInDirectory != null) qb.andWhere('c.listed_in_directory = :listed', { listed: filter.listedInDirectory });
    if (filter?.socialCooperativeTypeB != null) qb.andWhere('c.social_cooperative_type_b = :typeB', { typeB: filter.socialCooperativeTypeB });
    if (filter?.search) {
      const text = filter.search.trim();
      qb.andWhere('(c.name ILIKE :name OR c.vat_number = :vat)', { name: `%${likePattern(text)}%`, vat: normaliseVatNumber(text) });
    }
    return keysetPage(ctx, qb, [
      { column: 'c.name', property: 'name' },
      { column: 'c.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Title of the ATECO code, in Italian as ISTAT publishes it.' })
  @Directive(PUBLIC)
  atecoTitle(@Root() c: Company): string | null {
    return atecoCode(c.atecoCode)?.title ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: "The ATECO edition the code comes from: '2025', or '2007' for codes declared before it." })
  @Directive(PUBLIC)
  atecoEdition(@Root() c: Company): string | null {
    return atecoCode(c.atecoCode)?.edition ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the municipality.' })
  @Directive(PUBLIC)
  municipalityName(@Root() c: Company): string | null {
    return municipalityByCadastralCode(c.municipalityCode)?.name ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: "For the gateway: tells the other partners that the caller is this company's own user." })
  @Directive('@inaccessible')
  accessGrant(@Root() c: Company, @Ctx() ctx: RequestContext): string | null {
    return isUserOf(ctx, c) ? ctx.access.grant('company', c.id) : null;
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: "The company's organisation in the network registry, for host companies whose staff sign in." })
  organisation(@Root() c: Company): OrganisationRef | null {
    return organisationRef(c.organisationId);
  }

  @FieldResolver(() => [CompanyTutor], { nullable: true, description: 'Company tutors, active ones first.' })
  async tutors(@Root() c: Company, @Ctx() ctx: RequestContext): Promise<CompanyTutor[]> {
    const tutors = await groupedBy(ctx, CompanyTutor, 'companyId', { orderBy: { name: 'ASC', id: 'ASC' } }).load(c.id);
    return [...tutors].sort((a, b) => Number(b.active) - Number(a.active));
  }

  @FieldResolver(() => [ScoutingVisit], { nullable: true, description: 'Scouting visits, most recent first.' })
  async scoutingVisits(@Root() c: Company, @Ctx() ctx: RequestContext): Promise<ScoutingVisit[]> {
    return groupedBy(ctx, ScoutingVisit, 'companyId', { orderBy: { visitedOn: 'DESC', id: 'ASC' } }).load(c.id);
  }

  @FieldResolver(() => [Opportunity], { nullable: true, description: 'Opportunities found at the company, most recent first.' })
  async opportunities(@Root() c: Company, @Ctx() ctx: RequestContext): Promise<Opportunity[]> {
    return groupedBy(ctx, Opportunity, 'companyId', { orderBy: { foundOn: 'DESC', id: 'ASC' } }).load(c.id);
  }

  @FieldResolver(() => [Internship], { nullable: true, description: 'Internships hosted, most recent start first: those the caller may see.' })
  async internships(@Root() c: Company, @Ctx() ctx: RequestContext): Promise<Internship[]> {
    return groupedBy(ctx, Internship, 'companyId', { orderBy: { startDate: 'DESC', id: 'ASC' } }).load(c.id);
  }

  @Mutation(() => Company, { description: 'Registers a company met by the network. The VAT number, ATECO code and municipality are checked.' })
  async createCompany(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateCompanyInput) input: CreateCompanyInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Company> {
    const facts = {
      vatNumber: normaliseVatNumber(input.vatNumber),
      atecoCode: normaliseCode(input.atecoCode),
      municipalityCode: normaliseCode(input.municipalityCode),
      organisationId: input.organisationId ?? null,
    };
    const problems = new ProblemList();
    checkCompanyFacts(problems, facts);
    problems.throwIfAny();
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'createCompany', idempotencyKey, input }, async (m) => {
      await assertCompanyUnique(m, facts);
      const repo = m.getRepository(Company);
      const saved = await repo.save(repo.create({ ...input, ...facts, name: input.name.trim() }));
      return saved.id;
    }), COMPANY_CONSTRAINTS);
    return reloaded(ctx, Company, id, 'company');
  }

  @Mutation(() => Company)
  async updateCompany(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateCompanyInput) input: UpdateCompanyInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Company> {
    const facts = {
      vatNumber: input.vatNumber == null ? null : normaliseVatNumber(input.vatNumber),
      atecoCode: input.atecoCode == null ? null : normaliseCode(input.atecoCode),
      municipalityCode: input.municipalityCode == null ? null : normaliseCode(input.municipalityCode),
      organisationId: input.organisationId ?? null,
    };
    const problems = new ProblemList();
    checkCompanyFacts(problems, facts);
    problems.throwIfAny();
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'updateCompany', idempotencyKey, input }, async (m) => {
      const company = await referenced(m, Company, input.id, 'input.id', 'company', true);
      checkVersion(company, input.expectedVersion, 'The company');
      await assertCompanyUnique(m, facts, company.id);
      if (input.name != null) company.name = input.name.trim();
      if (facts.vatNumber != null) company.vatNumber = facts.vatNumber;
      if (facts.atecoCode != null) company.atecoCode = facts.atecoCode;
      if (facts.municipalityCode != null) company.municipalityCode = facts.municipalityCode;
      if (input.sizeClass != null) company.sizeClass = input.sizeClass;
      for (const flag of ['socialCooperativeTypeB', 'listedInDirectory', 'solidarityNetworkMember'] as const) {
        if (input[flag] != null) company[flag] = input[flag];
      }
      if (input.organisationId !== undefined) company.organisationId = input.organisationId;
      await m.getRepository(Company).save(company);
      return company.id;
    }), COMPANY_CONSTRAINTS);
    return reloaded(ctx, Company, id, 'company');
  }
}
