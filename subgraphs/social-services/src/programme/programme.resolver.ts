import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { byId, conflict, forbidden, groupedBy, ProblemList, PUBLIC, runMutation, type RequestContext } from '@intreccio/shared';
import { checkDateOrder, checkMunicipality, checkVersion, conflictsAsErrors, isUuid, referenced, reloaded } from '../common/rules';
import { Organisation } from '../organisation/organisation.type';
import { AddProgrammePartnerInput, CreateProgrammeInput, UpdateProgrammeInput } from './programme.input';
import { CaseKpis, caseKpisOf } from './programme-kpis';
import { Programme, ProgrammePartner } from './programme.type';

/** What the registry's unique constraints refuse, said as the checks before them say it. */
const codeTaken = (code: string) => ({ field: 'input.code', message: `A programme with code ${code} exists` });
const PARTNER_ONCE = { field: 'input.organisationId', message: 'The organisation is already a partner of this programme' };

/** A programme is governed by its lead body: only its coordinators change it. */
function assertLeads(ctx: RequestContext, leadOrganisationId: string): void {
  if (leadOrganisationId !== ctx.principal.organisationId) throw forbidden("Only the lead body's coordinators may change a programme");
}

function checkProgrammeRules(
  problems: ProblemList,
  p: Pick<Programme, 'territory' | 'startDate' | 'endDate'>,
): void {
  p.territory.forEach((code, i) => checkMunicipality(problems, `input.territory.${i}`, code));
  checkDateOrder(problems, 'startDate', p.startDate, 'input.endDate', p.endDate);
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => [Programme], { description: 'Every programme of the network.' })
  @Directive(PUBLIC)
  async programmes(@Ctx() ctx: RequestContext): Promise<Programme[]> {
    return ctx.db.getRepository(Programme).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  @Query(() => Programme, { nullable: true })
  @Directive(PUBLIC)
  async programme(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Programme | null> {
    return isUuid(id) ? byId(ctx, Programme).load(id) : null;
  }

  @FieldResolver(() => Organisation, { description: 'The lead body (ente capofila).' })
  @Directive(PUBLIC)
  async leadOrganisation(@Root() p: Programme, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(p.leadOrganisationId);
  }

  @FieldResolver(() => [ProgrammePartner], { description: 'The partners of the temporary association (ATS).' })
  @Directive(PUBLIC)
  async partners(@Root() p: Programme, @Ctx() ctx: RequestContext): Promise<ProgrammePartner[]> {
    return groupedBy(ctx, ProgrammePartner, 'programmeId', { orderBy: { joinedOn: 'ASC', id: 'ASC' } }).load(p.id);
  }

  @FieldResolver(() => CaseKpis, { description: 'Taking in charge, evaluation, plans and referral timeliness.' })
  @Directive(PUBLIC)
  async caseKpis(@Root() p: Programme, @Ctx() ctx: RequestContext): Promise<CaseKpis> {
    return caseKpisOf(ctx).load(p.id);
  }

  @Mutation(() => Programme)
  async createProgramme(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateProgrammeInput) input: CreateProgrammeInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Programme> {
    assertLeads(ctx, input.leadOrganisationId);
    const problems = new ProblemList();
    checkProgrammeRules(problems, input);
    problems.throwIfAny();
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'createProgramme', idempotencyKey, input }, async (m) => {
      await referenced(m, Organisation, input.leadOrganisationId, 'input.leadOrganisationId', 'organisation');
      if (await m.getRepository(Programme).existsBy({ code: input.code })) throw conflict(codeTaken(input.code).message, 'input.code');
      const programme = await m.getRepository(Programme).save(m.getRepository(Programme).create({ ...input, description: input.description ?? '' }));
      await m.getRepository(ProgrammePartner).save({ programmeId: programme.id, organisationId: input.leadOrganisationId, role: 'Lead body', joinedOn: input.startDate });
      return programme.id;
    }), { programme_code_key: codeTaken(input.code) });
    return reloaded(ctx, Programme, id, 'programme');
  }

  @Mutation(() => Programme)
  async updateProgramme(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateProgrammeInput) input: UpdateProgrammeInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Programme> {
    const { id } = await runMutation(ctx, { operation: 'updateProgramme', idempotencyKey, input }, async (m) => {
      const p = await referenced(m, Programme, input.id, 'input.id', 'programme', true);
      assertLeads(ctx, p.leadOrganisationId);
      checkVersion(p, input.expectedVersion, 'The programme');
      for (const key of ['name', 'description', 'territory', 'endDate', 'budgetCents', 'referralResponseDays'] as const) {
        if (input[key] != null) (p as unknown as Record<string, unknown>)[key] = input[key];
      }
      const problems = new ProblemList();
      checkProgrammeRules(problems, p);
      problems.throwIfAny();
      await m.getRepository(Programme).save(p);
      return p.id;
    });
    return reloaded(ctx, Programme, id, 'programme');
  }

  @Mutation(() => Programme, { description: 'Adds an organisation to a programme’s partnership.' })
  async addProgrammePartner(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddProgrammePartnerInput) input: AddProgrammePartnerInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Programme> {
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'addProgrammePartner', idempotencyKey, input }, async (m) => {
      const programme = await referenced(m, Programme, input.programmeId, 'input.programmeId', 'programme');
      assertLeads(ctx, programme.leadOrganisationId);
      await referenced(m, Organisation, input.organisationId, 'input.organisationId', 'organisation');
      const repo = m.getRepository(ProgrammePartner);
      if (await repo.existsBy({ programmeId: programme.id, organisationId: input.organisationId })) {
        throw conflict(PARTNER_ONCE.message, PARTNER_ONCE.field);
      }
      await repo.save(repo.create(input));
      return programme.id;
    }), { programme_partner_programme_id_organisation_id_key: PARTNER_ONCE });
    return reloaded(ctx, Programme, id, 'programme');
  }
}

@Resolver(() => ProgrammePartner)
export class ProgrammePartnerResolver {
  @FieldResolver(() => Organisation)
  @Directive(PUBLIC)
  async organisation(@Root() partner: ProgrammePartner, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(partner.organisationId);
  }
}
