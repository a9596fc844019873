import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, byId, connectionType, escoOccupationProblem, groupedBy, keysetPage, PageArgs, ProblemList, runMutation,
  type Connection, type RequestContext,
} from '@intreccio/shared';
import type { SelectQueryBuilder } from 'typeorm';
import type { OpportunityStatus } from '../common/enums';
import { OccupationRef, occupationRef, ProgrammeRef, programmeRef } from '../common/references';
import { checkForeignId, checkVersion, referenced, reloaded, today, withArticle } from '../common/rules';
import { Company } from '../company/company.type';
import { Internship } from '../internship/internship.type';
import {
  ChangeOpportunityStatusInput, OpportunitiesFilter, RecordScoutingVisitInput, ScoutingVisitsFilter,
} from './scouting.input';
import { Opportunity, ScoutingVisit } from './scouting.type';

export const ScoutingVisitConnection = connectionType(ScoutingVisit, 'ScoutingVisit');
export const OpportunityConnection = connectionType(Opportunity, 'Opportunity');

/** A filled position can open again (the person left); a closed opportunity stays closed. */
const OPPORTUNITY_TRANSITIONS: Record<OpportunityStatus, readonly OpportunityStatus[]> = {
  OPEN: ['FILLED', 'CLOSED'],
  FILLED: ['OPEN', 'CLOSED'],
  CLOSED: [],
};

/** Filters on ids from other subgraphs or this one: a malformed id names the filter field rather than reaching SQL. */
function idFilter<T extends object>(qb: SelectQueryBuilder<T>, column: string, field: string, value: string | null | undefined): void {
  if (!value) return;
  const problems = new ProblemList();
  checkForeignId(problems, `filter.${field}`, value);
  problems.throwIfAny();
  qb.andWhere(`${column} = :${field}`, { [field]: value });
}

@Resolver(() => ScoutingVisit)
export class ScoutingVisitResolver {
  @Query(() => ScoutingVisitConnection, { nullable: true, description: 'Scouting visits, oldest first.' })
  async scoutingVisits(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ScoutingVisitsFilter, { nullable: true }) filter?: ScoutingVisitsFilter | null,
  ): Promise<Connection<ScoutingVisit>> {
    const qb = ctx.db.getRepository(ScoutingVisit).createQueryBuilder('v');
    if (ctx.access.pseudonymised) qb.where('v.company_id IN (SELECT c.id FROM company c WHERE c.organisation_id = :caller)', { caller: ctx.principal.organisationId });
    idFilter(qb, 'v.programme_id', 'programmeId', filter?.programmeId);
    idFilter(qb, 'v.company_id', 'companyId', filter?.companyId);
    if (filter?.outcome) qb.andWhere('v.outcome = :outcome', { outcome: filter.outcome });
    if (filter?.visitedFrom) qb.andWhere('v.visited_on >= :from', { from: filter.visitedFrom });
    if (filter?.visitedTo) qb.andWhere('v.visited_on <= :to', { to: filter.visitedTo });
    return keysetPage(ctx, qb, [
      { column: 'v.visited_on', property: 'visitedOn' },
      { column: 'v.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => Company)
  async company(@Root() v: ScoutingVisit, @Ctx() ctx: RequestContext): Promise<Company | null> {
    return byId(ctx, Company).load(v.companyId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() v: ScoutingVisit): ProgrammeRef {
    return programmeRef(v.programmeId);
  }

  @FieldResolver(() => [Opportunity])
  async opportunities(@Root() v: ScoutingVisit, @Ctx() ctx: RequestContext): Promise<Opportunity[]> {
    return groupedBy(ctx, Opportunity, 'scoutingVisitId', { orderBy: { id: 'ASC' } }).load(v.id);
  }

  @Mutation(() => ScoutingVisit, { description: 'Records a scouting visit to a company with the opportunities it found, in one go.' })
  async recordScoutingVisit(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordScoutingVisitInput) input: RecordScoutingVisitInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<ScoutingVisit> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.programmeId', input.programmeId);
    if (input.visitedOn > today()) problems.add('input.visitedOn', 'must not be in the future');
    if (input.outcome === 'NOT_INTERESTED' && input.opportunities.length > 0) {
      problems.add('input.opportunities', 'a company that is not interested offers no opportunities; record the visit without them');
    }
    input.opportunities.forEach((o, i) => {
      const field = `input.opportunities.${i}.occupationUri`;
      if (o.occupationUri) {
        const problem = escoOccupationProblem(o.occupationUri);
        if (problem) problems.add(field, problem);
      } else if (o.kind !== 'INDIRECT') {
        problems.add(field, `is required for a ${o.kind} opportunity`);
      }
    });
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'recordScoutingVisit', idempotencyKey, input }, async (m) => {
      const company = await referenced(m, Company, input.companyId, 'input.companyId', 'company');
      const visits = m.getRepository(ScoutingVisit);
      const visit = await visits.save(visits.create({
        companyId: company.id,
        programmeId: input.programmeId,
        visitedOn: input.visitedOn,
        operatorName: input.operatorName.trim(),
        outcome: input.outcome,
        notes: input.notes,
      }));
      const opportunities = m.getRepository(Opportunity);
      await opportunities.save(input.opportunities.map((o) => opportunities.create({
        companyId: company.id,
        programmeId: input.programmeId,
        scoutingVisitId: visit.id,
        foundOn: input.visitedOn,
        kind: o.kind,
        occupationUri: o.occupationUri ?? null,
        positions: o.positions,
        status: 'OPEN',
        description: o.description,
      })));
      return visit.id;
    });
    return reloaded(ctx, ScoutingVisit, id, 'scouting visit');
  }
}

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => OpportunityConnection, { nullable: true, description: 'Opportunities found by scouting, oldest first.' })
  async opportunities(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => OpportunitiesFilter, { nullable: true }) filter?: OpportunitiesFilter | null,
  ): Promise<Connection<Opportunity>> {
    const qb = ctx.db.getRepository(Opportunity).createQueryBuilder('o');
    if (ctx.access.pseudonymised) qb.where('o.company_id IN (SELECT c.id FROM company c WHERE c.organisation_id = :caller)', { caller: ctx.principal.organisationId });
    idFilter(qb, 'o.programme_id', 'programmeId', filter?.programmeId);
    idFilter(qb, 'o.company_id', 'companyId', filter?.companyId);
    if (filter?.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter?.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    return keysetPage(ctx, qb, [
      { column: 'o.found_on', property: 'foundOn' },
      { column: 'o.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => Company)
  async company(@Root() o: Opportunity, @Ctx() ctx: RequestContext): Promise<Company | null> {
    return byId(ctx, Company).load(o.companyId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() o: Opportunity): ProgrammeRef {
    return programmeRef(o.programmeId);
  }

  @FieldResolver(() => ScoutingVisit, { description: 'The visit that found it.' })
  async visit(@Root() o: Opportunity, @Ctx() ctx: RequestContext): Promise<ScoutingVisit | null> {
    return byId(ctx, ScoutingVisit).load(o.scoutingVisitId);
  }

  @FieldResolver(() => OccupationRef, { nullable: true, description: 'The ESCO occupation; none for some indirect opportunities.' })
  occupation(@Root() o: Opportunity): OccupationRef | null {
    return occupationRef(o.occupationUri);
  }

  @FieldResolver(() => [Internship], { description: 'Internships started from this opportunity.' })
  async internships(@Root() o: Opportunity, @Ctx() ctx: RequestContext): Promise<Internship[]> {
    return groupedBy(ctx, Internship, 'opportunityId', { orderBy: { startDate: 'DESC', id: 'ASC' } }).load(o.id);
  }

  @Mutation(() => Opportunity, { description: 'Marks an opportunity filled, closed, or open again.' })
  async changeOpportunityStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeOpportunityStatusInput) input: ChangeOpportunityStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Opportunity> {
    const { id } = await runMutation(ctx, { operation: 'changeOpportunityStatus', idempotencyKey, input }, async (m) => {
      const o = await referenced(m, Opportunity, input.opportunityId, 'input.opportunityId', 'opportunity', true);
      checkVersion(o, input.expectedVersion, 'The opportunity');
      if (!OPPORTUNITY_TRANSITIONS[o.status].includes(input.status)) {
        throw badInput({ field: 'input.status', message: `${withArticle(o.status)} opportunity cannot become ${input.status}` });
      }
      o.status = input.status;
      await m.getRepository(Opportunity).save(o);
      return o.id;
    });
    return reloaded(ctx, Opportunity, id, 'opportunity');
  }
}
