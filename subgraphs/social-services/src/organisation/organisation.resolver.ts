import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { byId, forbidden, groupedBy, ProblemList, runMutation, validatePartitaIva, validateFiscalCode, type RequestContext } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { OrganisationKind } from '../common/enums';
import { checkMunicipality, checkVersion, isUuid, referenced, reloaded } from '../common/rules';
import { Programme, ProgrammePartner } from '../programme/programme.type';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input';
import { Organisation } from './organisation.type';

/** An organisation's entry is kept by the organisation itself, or by the coordinators of a programme it takes part in. */
async function assertMayUpdate(ctx: RequestContext, m: EntityManager, organisationId: string): Promise<void> {
  if (organisationId === ctx.principal.organisationId) return;
  if (ctx.access.hasRole('coordinator')) {
    const [led] = (await m.query(
      `SELECT 1 FROM programme_partner pp JOIN programme p ON p.id = pp.programme_id
        WHERE pp.organisation_id = $1 AND p.lead_organisation_id = $2 LIMIT 1`,
      [organisationId, ctx.principal.organisationId],
    )) as unknown[];
    if (led) return;
  }
  throw forbidden("An organisation's entry is changed by the organisation itself, or by the coordinators of a programme it takes part in");
}

function checkTaxCode(problems: ProblemList, taxCode: string | null | undefined): void {
  if (!taxCode) return;
  problems.addAll('input.taxCode', taxCode.length === 11 ? validatePartitaIva(taxCode) : validateFiscalCode(taxCode));
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => [Organisation], { nullable: true, description: "The network's partner registry, optionally of one kind." })
  async organisations(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => OrganisationKind, { nullable: true }) kind?: OrganisationKind | null,
  ): Promise<Organisation[]> {
    return ctx.db.getRepository(Organisation).find({ where: kind ? { kind } : {}, order: { name: 'ASC', id: 'ASC' } });
  }

  @Query(() => Organisation, { nullable: true })
  async organisation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Organisation | null> {
    return isUuid(id) ? byId(ctx, Organisation).load(id) : null;
  }

  @FieldResolver(() => [Programme], { description: 'Programmes the organisation takes part in.' })
  async programmes(@Root() org: Organisation, @Ctx() ctx: RequestContext): Promise<Programme[]> {
    const memberships = await groupedBy(ctx, ProgrammePartner, 'organisationId').load(org.id);
    const programmes = await byId(ctx, Programme).loadMany(memberships.map((m) => m.programmeId));
    return programmes.filter((p): p is Programme => p instanceof Programme);
  }

  @Mutation(() => Organisation, { description: 'Adds a partner to the registry.' })
  async createOrganisation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Organisation> {
    const problems = new ProblemList();
    checkMunicipality(problems, 'input.municipalityCode', input.municipalityCode);
    checkTaxCode(problems, input.taxCode);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'createOrganisation', idempotencyKey, input }, async (m) => {
      const saved = await m.getRepository(Organisation).save(m.getRepository(Organisation).create({ ...input, taxCode: input.taxCode ?? null, email: input.email ?? null }));
      return saved.id;
    });
    return reloaded(ctx, Organisation, id, 'organisation');
  }

  @Mutation(() => Organisation)
  async updateOrganisation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateOrganisationInput) input: UpdateOrganisationInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Organisation> {
    const problems = new ProblemList();
    checkMunicipality(problems, 'input.municipalityCode', input.municipalityCode);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'updateOrganisation', idempotencyKey, input }, async (m) => {
      const org = await referenced(m, Organisation, input.id, 'input.id', 'organisation', true);
      await assertMayUpdate(ctx, m, org.id);
      checkVersion(org, input.expectedVersion, 'The organisation');
      if (input.name != null) org.name = input.name;
      if (input.municipalityCode != null) org.municipalityCode = input.municipalityCode;
      if (input.email !== undefined) org.email = input.email;
      await m.getRepository(Organisation).save(org);
      return org.id;
    });
    return reloaded(ctx, Organisation, id, 'organisation');
  }
}
