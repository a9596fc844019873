import { Arg, Args, Ctx, Directive, FieldResolver, Float, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import {
  badInput, byId, conflict, forbidden, isUuid, PageArgs, ProblemList, runMutation, type RequestContext, type Visibility,
} from '@intreccio/shared';
import { BenefitKind } from '../common/enums';
import { conflictsAsErrors, referenced, reloaded, today } from '../common/rules';
import { Organisation } from '../organisation/organisation.type';
import { Person } from '../person/person.type';
import { Programme } from '../programme/programme.type';
import { BASIS_POINTS, type LedgerLine } from './compute';
import {
  LEDGER_FACTS, LedgerCompanyFactsRef, LedgerEmploymentFactsRef, LedgerTrainingFactsRef, type ProgrammeFacts,
} from './facts.type';
import { heldPeople, outcomesOf, programmeLedger, programmeTotals, unitCostVersionsOf, versionInForce } from './ledger.service';
import { ProgrammeSavings, SavingsLedger, SavingsLine } from './savings.type';
import { DefineProgrammeOutcomeInput, SetProgrammeUnitCostsInput } from './settings.input';
import { AvoidanceRate, fromBasisPoints, OutcomeDefinition, ProgrammeUnitCosts } from './settings.type';

const REQUIRES_FACTS = `@requires(fields: "${LEDGER_FACTS}")`;

/** A ledger line as it is returned, with how the caller may see it. */
export type ShownLine = SavingsLine & { visibility: Visibility };

/** A programme is governed by its lead body: only its coordinators set its ledger. */
function assertLeads(ctx: RequestContext, programme: Programme): void {
  if (programme.leadOrganisationId !== ctx.principal.organisationId) {
    throw forbidden("Only the coordinators of the programme's lead body may set its savings ledger");
  }
}

/** A rate from 0 to 1, with at most 4 decimals (kept in basis points). */
function checkRate(problems: ProblemList, field: string, rate: number): void {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) problems.add(field, 'must be from 0 to 1');
  else if (Math.abs(rate * BASIS_POINTS - Math.round(rate * BASIS_POINTS)) > 1e-6) problems.add(field, 'must have at most 4 decimals');
}

const basisPoints = (rate: number) => Math.round(rate * BASIS_POINTS);

function shownLine(line: LedgerLine, unitCosts: ProgrammeUnitCosts, visibility: Visibility): ShownLine {
  return {
    personId: line.personId,
    visibility,
    unitCostVersion: unitCosts.version,
    hired: line.hireDate !== null,
    hireDate: line.hireDate,
    horizonEnd: line.horizonEnd,
    monthsEmployed: line.monthsEmployed,
    hires: line.hires.map((h) => ({
      hireId: h.hire.hireId,
      startDate: h.hire.startDate,
      plannedEndDate: h.hire.plannedEndDate,
      grossMonthlyWageCents: h.hire.grossMonthlyWageCents,
      followUpIds: h.hire.followUps.map((f) => f.followUpId),
      countedThrough: h.countedThrough,
      countEndedBy: h.endedBy,
      monthsCounted: h.monthsCounted,
      fiscalReturnCents: h.fiscalReturnCents,
    })),
    benefits: line.benefits.map((b) => ({
      benefitId: b.benefit.id,
      kind: b.benefit.kind as BenefitKind,
      monthlyAmountCents: b.benefit.monthlyAmountCents,
      startDate: b.benefit.startDate,
      entitlementEndDate: b.benefit.entitlementEndDate,
      avoidanceRate: fromBasisPoints(b.avoidanceRateBp),
      months: b.months,
      avoidedCents: b.avoidedCents,
    })),
    avoidedBenefitsCents: line.avoidedBenefitsCents,
    fiscalReturnCents: line.fiscalReturnCents,
    grossSavingsCents: line.grossSavingsCents,
    deadweightCents: line.deadweightCents,
    grossSavingsAfterDeadweightCents: line.grossAfterDeadweightCents,
    training: { ...line.training, enrollmentIds: [...line.training.enrollmentIds], hourCostCents: unitCosts.trainingHourCents },
    allowances: { paidCents: line.allowances.paidCents, paymentIds: [...line.allowances.paymentIds] },
    tutoring: { ...line.tutoring, visitIds: [...line.tutoring.visitIds], hourCostCents: unitCosts.tutoringHourCents },
    caseManagement: { ...line.caseManagement, monthCostCents: unitCosts.caseManagementMonthCents },
    programmeCostCents: line.programmeCostCents,
    netSavingsCents: line.netSavingsCents,
    outcomes: line.outcomes.map((o) => ({
      outcome: o.outcome as OutcomeDefinition,
      planId: o.plan?.id ?? null,
      planStartDate: o.plan?.startDate ?? null,
      weeksEmployed: o.weeksEmployed,
      verified: o.verified,
      paymentDueCents: o.paymentDueCents,
    })),
  };
}

@Resolver(() => Programme)
export class ProgrammeLedgerResolver {
  // The partners' facts, declared for @requires: the gateway brings them, this subgraph never resolves them.

  @FieldResolver(() => LedgerEmploymentFactsRef, { nullable: true })
  @Directive('@external')
  ledgerEmploymentFacts(@Root() p: Programme & ProgrammeFacts): unknown {
    return p.ledgerEmploymentFacts ?? null;
  }

  @FieldResolver(() => LedgerTrainingFactsRef, { nullable: true })
  @Directive('@external')
  ledgerTrainingFacts(@Root() p: Programme & ProgrammeFacts): unknown {
    return p.ledgerTrainingFacts ?? null;
  }

  @FieldResolver(() => LedgerCompanyFactsRef, { nullable: true })
  @Directive('@external')
  ledgerCompanyFacts(@Root() p: Programme & ProgrammeFacts): unknown {
    return p.ledgerCompanyFacts ?? null;
  }

  @FieldResolver(() => ProgrammeUnitCosts, {
    nullable: true,
    description: "The unit costs in force today: the latest version valid from today or before; null until the lead body's coordinator sets them.",
  })
  async unitCosts(@Root() p: Programme, @Ctx() ctx: RequestContext): Promise<ProgrammeUnitCosts | null> {
    return versionInForce(await unitCostVersionsOf(ctx).load(p.id), today());
  }

  @FieldResolver(() => [ProgrammeUnitCosts], { nullable: true, description: 'Every version of the unit costs, newest first; none is ever changed.' })
  async unitCostHistory(@Root() p: Programme, @Ctx() ctx: RequestContext): Promise<ProgrammeUnitCosts[]> {
    return unitCostVersionsOf(ctx).load(p.id);
  }

  @FieldResolver(() => [OutcomeDefinition], { nullable: true, description: 'The outcomes the programme pays for (impact finance), by code.' })
  async outcomeDefinitions(@Root() p: Programme, @Ctx() ctx: RequestContext): Promise<OutcomeDefinition[]> {
    return outcomesOf(ctx).load(p.id);
  }

  @FieldResolver(() => ProgrammeSavings, {
    nullable: true,
    description:
      "The savings ledger's totals (contabilizzazione del risparmio), from the four partners' records, for the coordinators of the lead body. " +
      'Small counts, and sums over fewer than 5 people, are withheld.',
  })
  @Directive(REQUIRES_FACTS)
  async savings(
    @Root() p: Programme & ProgrammeFacts,
    @Ctx() ctx: RequestContext,
    @Arg('unitCostVersion', () => Int, { nullable: true, description: 'Compute with this version of the unit costs instead of the one in force.' })
    unitCostVersion?: number | null,
  ): Promise<ProgrammeSavings> {
    return programmeTotals(await programmeLedger(ctx, p, unitCostVersion));
  }

  @FieldResolver(() => SavingsLedger, {
    nullable: true,
    description:
      "The savings ledger's lines of the people of the programme your social services hold, for its case managers: each with its inputs and the " +
      "records behind them, while the person's data is shared with you (a live case, with their consent).",
  })
  @Directive(REQUIRES_FACTS)
  async savingsLedger(
    @Root() p: Programme & ProgrammeFacts,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('personId', () => ID, { nullable: true, description: "Only this person's line." }) personId?: string | null,
    @Arg('unitCostVersion', () => Int, { nullable: true, description: 'Compute with this version of the unit costs instead of the one in force.' })
    unitCostVersion?: number | null,
  ): Promise<SavingsLedger> {
    if (personId != null && !isUuid(personId)) throw badInput({ field: 'personId', message: 'is not a valid person id' });
    let after = '';
    if (page.after) {
      const [last] = ctx.access.cursors.open(page.after) ?? [];
      if (typeof last !== 'string') throw badInput({ field: 'after', message: 'not a cursor returned by this query' });
      after = last;
    }
    let notShared = 0;
    let totalCount = 0;
    let hasNextPage = false;
    // Lines are computed for the page only, from the programme's facts.
    const ledger = await programmeLedger(ctx, p, unitCostVersion, async (everyone) => {
      const held = await heldPeople(ctx, personId ? everyone.filter((id) => id === personId) : everyone);
      notShared = held.notShared;
      totalCount = held.shared.length;
      const next = held.shared.filter((id) => id > after);
      hasNextPage = next.length > page.first;
      return next.slice(0, page.first);
    });
    const { unitCosts } = ledger;
    const edges = unitCosts
      ? ledger.lines.map((line) => ({ node: shownLine(line, unitCosts, 'shared'), cursor: ctx.access.cursors.seal([line.personId]) }))
      : [];
    return {
      asOf: ledger.asOf,
      unitCostVersion: unitCosts?.version ?? null,
      unitCosts,
      lines: { edges, pageInfo: { hasNextPage: unitCosts ? hasNextPage : false, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: unitCosts ? totalCount : 0 },
      notShared,
    };
  }

  @Mutation(() => ProgrammeUnitCosts, {
    description:
      "Sets a new version of a programme's unit costs and savings-ledger settings, in force from validFrom; earlier versions stay as they were. " +
      "For the coordinators of the programme's lead body.",
  })
  async setProgrammeUnitCosts(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetProgrammeUnitCostsInput) input: SetProgrammeUnitCostsInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<ProgrammeUnitCosts> {
    const problems = new ProblemList();
    if (!isUuid(input.programmeId)) problems.add('input.programmeId', 'is not a valid programme id');
    checkRate(problems, 'input.fiscalRate', input.fiscalRate);
    checkRate(problems, 'input.deadweight', input.deadweight);
    const seen = new Set<string>();
    input.avoidanceRates.forEach((r, i) => {
      if (seen.has(r.kind)) problems.add(`input.avoidanceRates.${i}.kind`, `${r.kind} is given twice`);
      seen.add(r.kind);
      checkRate(problems, `input.avoidanceRates.${i}.rate`, r.rate);
    });
    problems.throwIfAny();
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'setProgrammeUnitCosts', idempotencyKey, input }, async (m) => {
      // The programme's row is locked: versions are numbered one after the other, in the order they are set.
      const programme = await referenced(m, Programme, input.programmeId, 'input.programmeId', 'programme', true);
      assertLeads(ctx, programme);
      const [latest] = (await m.query(
        'SELECT version, valid_from::text AS valid_from FROM programme_unit_costs WHERE programme_id = $1 ORDER BY version DESC LIMIT 1',
        [programme.id],
      )) as { version: number; valid_from: string }[];
      const current = latest?.version ?? 0;
      if (input.expectedVersion != null && input.expectedVersion !== current) {
        throw conflict(`The unit costs were set again meanwhile (version ${current}, expected ${input.expectedVersion}); read them and retry`, 'input.expectedVersion');
      }
      if (latest && input.validFrom < latest.valid_from) {
        throw badInput({ field: 'input.validFrom', message: `must not be before the valid-from date of version ${current} (${latest.valid_from})` });
      }
      const repo = m.getRepository(ProgrammeUnitCosts);
      const saved = await repo.save(repo.create({
        programmeId: programme.id,
        version: current + 1,
        validFrom: input.validFrom,
        trainingHourCents: input.trainingHourCents,
        tutoringHourCents: input.tutoringHourCents,
        caseManagementMonthCents: input.caseManagementMonthCents,
        fiscalRateBp: basisPoints(input.fiscalRate),
        deadweightBp: basisPoints(input.deadweight),
        horizonMonths: input.horizonMonths,
        avoidanceRatesBp: Object.fromEntries(input.avoidanceRates.map((r) => [r.kind, basisPoints(r.rate)])),
        setBy: ctx.principal.subject,
        setByOrganisationId: ctx.principal.organisationId,
      }));
      return saved.id;
    }), {
      programme_unit_costs_programme_id_version_key: { field: 'input.expectedVersion', message: 'The unit costs were set again meanwhile; read them and retry' },
    });
    return reloaded(ctx, ProgrammeUnitCosts, id, 'unit costs');
  }

  @Mutation(() => OutcomeDefinition, {
    description: "Defines an outcome the programme pays for. Outcomes are never changed: define another. For the coordinators of the programme's lead body.",
  })
  async defineProgrammeOutcome(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DefineProgrammeOutcomeInput) input: DefineProgrammeOutcomeInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<OutcomeDefinition> {
    const taken = { field: 'input.code', message: `The programme already has an outcome ${input.code}` };
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'defineProgrammeOutcome', idempotencyKey, input }, async (m) => {
      const programme = await referenced(m, Programme, input.programmeId, 'input.programmeId', 'programme');
      assertLeads(ctx, programme);
      const repo = m.getRepository(OutcomeDefinition);
      if (await repo.existsBy({ programmeId: programme.id, code: input.code })) throw conflict(taken.message, taken.field);
      const saved = await repo.save(repo.create({
        ...input, programmeId: programme.id, definedBy: ctx.principal.subject, definedByOrganisationId: ctx.principal.organisationId,
      }));
      return saved.id;
    }), { programme_outcome_programme_id_code_key: taken });
    return reloaded(ctx, OutcomeDefinition, id, 'outcome');
  }
}

@Resolver(() => ProgrammeUnitCosts)
export class ProgrammeUnitCostsResolver {
  @FieldResolver(() => Float, { description: 'Combined rate of social contributions and income tax on the gross wage, 0 to 1.' })
  fiscalRate(@Root() v: ProgrammeUnitCosts): number {
    return fromBasisPoints(v.fiscalRateBp);
  }

  @FieldResolver(() => Float, { description: 'Share of the outcomes that would have happened anyway, 0 to 1.' })
  deadweight(@Root() v: ProgrammeUnitCosts): number {
    return fromBasisPoints(v.deadweightBp);
  }

  @FieldResolver(() => [AvoidanceRate], { description: 'The avoidance rate of every kind of benefit (0 for a kind the version does not name).' })
  avoidanceRates(@Root() v: ProgrammeUnitCosts): AvoidanceRate[] {
    return Object.values(BenefitKind).map((kind) => ({ kind, rate: fromBasisPoints(v.avoidanceRatesBp[kind] ?? 0) }));
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation of who set this version.' })
  async setByOrganisation(@Root() v: ProgrammeUnitCosts, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(v.setByOrganisationId);
  }
}

@Resolver(() => SavingsLine)
export class SavingsLineResolver {
  @FieldResolver(() => Person, { nullable: true })
  async person(@Root() line: SavingsLine, @Ctx() ctx: RequestContext): Promise<Person | null> {
    return byId(ctx, Person).load(line.personId);
  }
}
