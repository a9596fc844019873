import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, byId, connectionType, escoOccupationProblem, keysetPage, PageArgs, ProblemList, PUBLIC, runMutation,
  type Connection, type RequestContext,
} from '@intreccio/shared';
import { hiresOfVacancy, proposalsOfVacancy } from '../common/loaders';
import { checkForeignId, checkVersion, isUuid, referenced, reloaded } from '../common/rules';
import { Occupation, occupationOrPlaceholder, Skill, skillsOf } from '../esco/esco.type';
import { CompanyRef, ProgrammeRef, ref, refOrNull } from '../federation/references';
import { Hire } from '../hire/hire.type';
import { Match } from '../matching/match.type';
import { candidatesForVacancy, checkMatchPage } from '../matching/matching.service';
import { withdrawWaitingProposals } from '../proposal/proposal.service';
import { VacancyProposal } from '../proposal/proposal.type';
import { CloseVacancyInput, CreateVacancyInput, UpdateVacancyInput, VacanciesFilter } from './vacancy.input';
import { applyStatus, checkNewVacancy, checkVacancyFacts } from './vacancy.service';
import { Vacancy } from './vacancy.type';
import { assertHolds } from '../access/holders';

export const VacancyConnection = connectionType(Vacancy, 'Vacancy');

@Resolver(() => Vacancy)
export class VacancyResolver {
  @Query(() => Vacancy, { nullable: true })
  @Directive(PUBLIC)
  async vacancy(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Vacancy | null> {
    return isUuid(id) ? byId(ctx, Vacancy).load(id) : null;
  }

  @Query(() => VacancyConnection, { description: 'Vacancies, oldest opening first. The public contract lists open vacancies only.' })
  @Directive(PUBLIC)
  async vacancies(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => VacanciesFilter, { nullable: true }) filter?: VacanciesFilter | null,
  ): Promise<Connection<Vacancy>> {
    const qb = ctx.db.getRepository(Vacancy).createQueryBuilder('v');
    if (ctx.access.anonymous) qb.andWhere("v.status = 'OPEN'");
    for (const [key, column] of [['companyId', 'company_id'], ['programmeId', 'programme_id']] as const) {
      const value = filter?.[key];
      if (!value) continue;
      if (!isUuid(value)) throw badInput({ field: `filter.${key}`, message: 'not a valid id' });
      qb.andWhere(`v.${column} = :${key}`, { [key]: value });
    }
    if (filter?.status) qb.andWhere('v.status = :status', { status: filter.status });
    if (filter?.occupationUri) {
      const problem = escoOccupationProblem(filter.occupationUri);
      if (problem) throw badInput({ field: 'filter.occupationUri', message: problem });
      qb.andWhere('v.occupation_uri = :occupationUri', { occupationUri: filter.occupationUri });
    }
    if (filter?.municipalityCode) qb.andWhere('v.municipality_code = :municipalityCode', { municipalityCode: filter.municipalityCode.toUpperCase() });
    return keysetPage(ctx, qb, [
      { column: 'v.opened_on', property: 'openedOn' },
      { column: 'v.id', property: 'id' },
    ], page, info);
  }

  // Nullable: the public contract names only the companies that chose to be listed.
  @FieldResolver(() => CompanyRef, { nullable: true, description: 'The company offering the job; in the public contract, only companies listed in the directory.' })
  @Directive(PUBLIC)
  company(@Root() v: Vacancy): CompanyRef {
    return ref(v.companyId);
  }

  @FieldResolver(() => ProgrammeRef, { nullable: true })
  @Directive(PUBLIC)
  programme(@Root() v: Vacancy): ProgrammeRef | null {
    return refOrNull(v.programmeId);
  }

  @FieldResolver(() => Occupation)
  @Directive(PUBLIC)
  occupation(@Root() v: Vacancy): Occupation {
    return occupationOrPlaceholder(v.occupationUri);
  }

  @FieldResolver(() => [Skill])
  @Directive(PUBLIC)
  requiredSkills(@Root() v: Vacancy): Skill[] {
    return skillsOf(v.requiredSkillUris);
  }

  @FieldResolver(() => [Skill])
  @Directive(PUBLIC)
  optionalSkills(@Root() v: Vacancy): Skill[] {
    return skillsOf(v.optionalSkillUris);
  }

  @FieldResolver(() => [Hire], { nullable: true, description: 'People hired through this vacancy.' })
  async hires(@Root() v: Vacancy, @Ctx() ctx: RequestContext): Promise<Hire[]> {
    return hiresOfVacancy(ctx).load(v.id);
  }

  @FieldResolver(() => [Match], {
    nullable: true,
    description:
      "Job seekers ranked for this vacancy, best first: people with at least one of its skills or who want its occupation; empty once closed. " +
      "An employment centre sees its own job seekers; the company network and the vacancy's company see every candidate, pseudonymised (`Match.candidate`).",
  })
  // The company network tells whether the caller is the vacancy's company.
  @Directive('@requires(fields: "company { accessGrant }")')
  async candidates(@Root() v: Vacancy, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first?: number | null): Promise<Match[]> {
    const size = first ?? 10;
    checkMatchPage(size);
    return candidatesForVacancy(ctx, v, size);
  }

  @FieldResolver(() => [VacancyProposal], {
    nullable: true,
    description:
      'Candidates proposed to this vacancy, earliest first, and what came of each. An employment centre sees its own proposals; ' +
      "the vacancy's company sees them all, the candidates pseudonymised (`VacancyProposal.candidate`).",
  })
  // The company network tells whether the caller is the vacancy's company.
  @Directive('@requires(fields: "company { accessGrant }")')
  async proposals(@Root() v: Vacancy, @Ctx() ctx: RequestContext): Promise<VacancyProposal[]> {
    return proposalsOfVacancy(ctx).load(v.id);
  }

  @Mutation(() => Vacancy, { description: 'Publishes a vacancy of a company; it opens as OPEN.' })
  async createVacancy(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateVacancyInput) input: CreateVacancyInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Vacancy> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.companyId', input.companyId, 'company');
    checkForeignId(problems, 'input.programmeId', input.programmeId, 'programme');
    checkNewVacancy(problems, input.occupationUri, input.openedOn);
    const facts = {
      requiredSkillUris: input.requiredSkills,
      optionalSkillUris: input.optionalSkills,
      municipalityCode: input.municipalityCode,
      weeklyHours: input.weeklyHours,
      positions: input.positions,
    };
    checkVacancyFacts(problems, facts, { requiredSkills: true, optionalSkills: true });
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'createVacancy', idempotencyKey, input }, async (m) => {
      const repo = m.getRepository(Vacancy);
      const saved = await repo.save(repo.create({
        ...facts,
        companyId: input.companyId,
        organisationId: ctx.principal.organisationId,
        programmeId: input.programmeId ?? null,
        title: input.title,
        description: input.description,
        occupationUri: input.occupationUri,
        municipalityCode: input.municipalityCode.toUpperCase(),
        contractType: input.contractType,
        requiredLicences: input.requiredLicences,
        status: 'OPEN',
        openedOn: input.openedOn,
        closedOn: null,
      }));
      return saved.id;
    });
    return reloaded(ctx, Vacancy, id, 'vacancy');
  }

  @Mutation(() => Vacancy, {
    description:
      'Changes an open vacancy, or closes it with status CLOSED (as closeVacancy does, proposals included). A closed vacancy cannot be changed or reopened.',
  })
  async updateVacancy(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateVacancyInput) input: UpdateVacancyInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Vacancy> {
    const { id } = await runMutation(ctx, { operation: 'updateVacancy', idempotencyKey, input }, async (m) => {
      const v = await referenced(m, Vacancy, input.id, 'input.id', 'vacancy', true);
      assertHolds(ctx, v.organisationId, 'The vacancy');
      checkVersion(v, input.expectedVersion, 'The vacancy');
      const wasOpen = v.status === 'OPEN';
      applyStatus(v, input.status, input.closedOn);
      if (wasOpen) {
        for (const key of ['title', 'description', 'weeklyHours', 'contractType', 'requiredLicences', 'positions'] as const) {
          if (input[key] != null) (v as unknown as Record<string, unknown>)[key] = input[key];
        }
        if (input.municipalityCode != null) v.municipalityCode = input.municipalityCode.toUpperCase();
        if (input.requiredSkills != null) v.requiredSkillUris = input.requiredSkills;
        if (input.optionalSkills != null) v.optionalSkillUris = input.optionalSkills;
        const problems = new ProblemList();
        checkVacancyFacts(problems, v, { requiredSkills: input.requiredSkills != null, optionalSkills: input.optionalSkills != null });
        problems.throwIfAny();
      }
      await m.getRepository(Vacancy).save(v);
      if (wasOpen && v.status === 'CLOSED') await withdrawWaitingProposals(m, v.id);
      return v.id;
    });
    return reloaded(ctx, Vacancy, id, 'vacancy');
  }

  @Mutation(() => Vacancy, {
    description:
      'Closes an open vacancy: filled or withdrawn. It cannot reopen. Proposals still waiting for an answer (PROPOSED, INTERVIEW) are withdrawn ' +
      'with the reason "vacancy closed"; ACCEPTED ones stay, for the hire.',
  })
  async closeVacancy(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CloseVacancyInput) input: CloseVacancyInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Vacancy> {
    const { id } = await runMutation(ctx, { operation: 'closeVacancy', idempotencyKey, input }, async (m) => {
      const v = await referenced(m, Vacancy, input.id, 'input.id', 'vacancy', true);
      assertHolds(ctx, v.organisationId, 'The vacancy');
      checkVersion(v, input.expectedVersion, 'The vacancy');
      applyStatus(v, 'CLOSED', input.closedOn, 'input.id');
      await m.getRepository(Vacancy).save(v);
      await withdrawWaitingProposals(m, v.id);
      return v.id;
    });
    return reloaded(ctx, Vacancy, id, 'vacancy');
  }
}
