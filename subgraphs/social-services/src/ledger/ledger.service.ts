import type DataLoader from 'dataloader';
import { badInput, forbidden, groupedBy, requestLoader, today, unsealLedgerFacts, withholdSmallCounts, type RequestContext } from '@intreccio/shared';
import { standingSql } from '../access/standing';
import type { Programme } from '../programme/programme.type';
import { ledgerLine, ratio, type BenefitRecord, type CaseRecord, type LedgerLine, type LedgerSettings, type PlanRecord } from './compute';
import type { ProgrammeFacts } from './facts.type';
import { OutcomeDefinition, ProgrammeUnitCosts } from './settings.type';
import type { ProgrammeOutcomeTotal, ProgrammeSavings } from './savings.type';

/** One loader batch holds every person of a programme: one statement however many there are. */
const WHOLE_PROGRAMME = { maxBatchSize: 1_000_000 };

interface CaseRow {
  id: string;
  person_id: string;
  programme_id: string;
  opened_on: string;
  closed_on: string | null;
  plan_id: string | null;
  plan_start: string | null;
}

/** The cases of each asked programme, each with its first signed personal plan: one statement per request. */
function casesOf(ctx: RequestContext): DataLoader<string, CaseRow[]> {
  return ctx.loaders.get('Programme#ledgerCases', () =>
    requestLoader<string, CaseRow[]>(ctx.loaders, async (ids) => {
      const rows: CaseRow[] = await ctx.db.query(
        `SELECT c.id, c.person_id, c.programme_id, c.opened_on::text AS opened_on, c.closed_on::text AS closed_on,
                pl.id AS plan_id, pl.start_date::text AS plan_start
           FROM case_file c
           LEFT JOIN LATERAL (
             SELECT p.id, p.start_date FROM personal_plan p
              WHERE p.case_id = c.id AND p.signed_on IS NOT NULL ORDER BY p.start_date, p.id LIMIT 1) pl ON true
          WHERE c.programme_id = ANY($1::uuid[])
          ORDER BY c.opened_on, c.id`,
        [[...ids]],
      );
      const byProgramme = new Map<string, CaseRow[]>(ids.map((id) => [id, []]));
      for (const r of rows) byProgramme.get(r.programme_id)?.push(r);
      return ids.map((id) => byProgramme.get(id)!);
    }),
  );
}

interface BenefitRow {
  id: string;
  person_id: string;
  kind: string;
  monthly_amount_cents: number;
  start_date: string;
  end_date: string | null;
  entitlement_end_date: string | null;
}

/** The benefits of each asked person: one statement per request. */
function benefitsOf(ctx: RequestContext): DataLoader<string, BenefitRecord[]> {
  return ctx.loaders.get('Person#ledgerBenefits', () =>
    requestLoader<string, BenefitRecord[]>(ctx.loaders, async (ids) => {
      const rows: BenefitRow[] = await ctx.db.query(
        `SELECT id, person_id, kind, monthly_amount_cents, start_date::text AS start_date, end_date::text AS end_date,
                entitlement_end_date::text AS entitlement_end_date
           FROM benefit WHERE person_id = ANY($1::uuid[])`,
        [[...ids]],
      );
      const byPerson = new Map<string, BenefitRecord[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        byPerson.get(r.person_id)?.push({
          id: r.id, kind: r.kind, monthlyAmountCents: r.monthly_amount_cents, startDate: r.start_date, endDate: r.end_date, entitlementEndDate: r.entitlement_end_date,
        });
      }
      return ids.map((id) => byPerson.get(id)!);
    }, WHOLE_PROGRAMME),
  );
}

/** Of each asked person, whether the caller's organisation holds them and, if so, whether their data is shared with it now. */
function heldOf(ctx: RequestContext): DataLoader<string, { held: boolean; shared: boolean }> {
  return ctx.loaders.get('Person#ledgerHeld', () =>
    requestLoader<string, { held: boolean; shared: boolean }>(ctx.loaders, async (ids) => {
      const sql = standingSql('p', '$2');
      const rows: { id: string; shared: boolean }[] = await ctx.db.query(
        `SELECT p.id, ${sql.shared} AS shared FROM person p WHERE p.id = ANY($1::uuid[]) AND ${sql.own}`,
        [[...ids], ctx.principal.organisationId],
      );
      const found = new Map(rows.map((r) => [r.id, r.shared]));
      return ids.map((id) => ({ held: found.has(id), shared: found.get(id) ?? false }));
    }, WHOLE_PROGRAMME),
  );
}

/** Every unit-cost version of each asked programme, newest first. */
export const unitCostVersionsOf = (ctx: RequestContext) => groupedBy(ctx, ProgrammeUnitCosts, 'programmeId', { orderBy: { version: 'DESC' } });
/** The outcomes each asked programme pays for, by code. */
export const outcomesOf = (ctx: RequestContext) => groupedBy(ctx, OutcomeDefinition, 'programmeId', { orderBy: { code: 'ASC', id: 'ASC' } });

const NO_COSTS: LedgerSettings = {
  version: 0, trainingHourCents: 0, tutoringHourCents: 0, caseManagementMonthCents: 0, fiscalRateBp: 0, deadweightBp: 0, horizonMonths: 12, avoidanceRatesBp: {},
};

/** The version in force on `day`: the latest one valid from then or before. */
export function versionInForce(versions: readonly ProgrammeUnitCosts[], day: string): ProgrammeUnitCosts | null {
  return versions.find((v) => v.validFrom <= day) ?? null;
}

export function settingsOf(v: ProgrammeUnitCosts): LedgerSettings {
  return {
    version: v.version,
    trainingHourCents: v.trainingHourCents,
    tutoringHourCents: v.tutoringHourCents,
    caseManagementMonthCents: v.caseManagementMonthCents,
    fiscalRateBp: v.fiscalRateBp,
    deadweightBp: v.deadweightBp,
    horizonMonths: v.horizonMonths,
    avoidanceRatesBp: v.avoidanceRatesBp,
  };
}

/** The partners' facts a representation carried, each checked against its partner's seal for this request. */
function factsOf(ctx: RequestContext, p: Programme & ProgrammeFacts) {
  const hires = unsealLedgerFacts(ctx, 'employment', p.id, p.ledgerEmploymentFacts?.seal, p.ledgerEmploymentFacts?.hires);
  const training = unsealLedgerFacts(ctx, 'training', p.id, p.ledgerTrainingFacts?.seal, p.ledgerTrainingFacts?.people);
  const companies = unsealLedgerFacts(ctx, 'companies', p.id, p.ledgerCompanyFacts?.seal, p.ledgerCompanyFacts?.people);
  if (!hires || !training || !companies) {
    throw forbidden("The savings ledger needs the partners' records of the programme, sealed by each partner for this request; they did not arrive");
  }
  return { hires, training, companies };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(item);
  }
  return groups;
}

export interface ProgrammeLedger {
  asOf: string;
  unitCosts: ProgrammeUnitCosts | null;
  outcomes: OutcomeDefinition[];
  /** Everyone in the programme, in a stable order (their ids). */
  personIds: string[];
  hiredIds: Set<string>;
  /** One line per person asked for (without unit costs, their money is not meaningful). */
  lines: LedgerLine[];
}

/**
 * The programme's ledger from the partners' sealed facts and social services' own records: the people
 * in the programme (taken in charge under it, or with a partner's record under it) and, with the unit
 * costs in force (or the version asked), the lines of those `only` keeps (everyone by default).
 */
export async function programmeLedger(
  ctx: RequestContext,
  programme: Programme & ProgrammeFacts,
  requestedVersion: number | null | undefined,
  only?: (personIds: string[]) => Promise<string[]>,
): Promise<ProgrammeLedger> {
  const facts = factsOf(ctx, programme);
  const asOf = today();
  const [cases, versions, outcomes] = await Promise.all([
    casesOf(ctx).load(programme.id), unitCostVersionsOf(ctx).load(programme.id), outcomesOf(ctx).load(programme.id),
  ]);
  let unitCosts: ProgrammeUnitCosts | null;
  if (requestedVersion != null) {
    unitCosts = versions.find((v) => v.version === requestedVersion) ?? null;
    if (!unitCosts) throw badInput({ field: 'unitCostVersion', message: `the programme has no unit-cost version ${requestedVersion}` });
  } else {
    unitCosts = versionInForce(versions, asOf);
  }
  const hiresOf = groupBy(facts.hires, (h) => h.personId);
  const trainingOf = new Map(facts.training.map((t) => [t.personId, t]));
  const companyOf = new Map(facts.companies.map((c) => [c.personId, c]));
  const casesByPerson = groupBy(cases, (c) => c.person_id);
  const personIds = [...new Set([...casesByPerson.keys(), ...hiresOf.keys(), ...trainingOf.keys(), ...companyOf.keys()])].sort();
  const ledger: ProgrammeLedger = { asOf, unitCosts, outcomes, personIds, hiredIds: new Set(hiresOf.keys()), lines: [] };

  const lineIds = only ? await only(personIds) : personIds;
  const benefits = await benefitsOf(ctx).loadMany(lineIds);
  // Without unit costs no money is shown, but the months and outcomes stand.
  const settings = unitCosts ? settingsOf(unitCosts) : NO_COSTS;
  const calendar = { asOf, programmeEndDate: programme.endDate };
  ledger.lines = lineIds.map((personId, i) => {
    const own = casesByPerson.get(personId) ?? [];
    const caseRecords: CaseRecord[] = own.map((c) => ({ id: c.id, openedOn: c.opened_on, closedOn: c.closed_on }));
    const plan = own.filter((c) => c.plan_id).map((c): PlanRecord => ({ id: c.plan_id!, startDate: c.plan_start! }))
      .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1))[0] ?? null;
    const found = benefits[i];
    if (found instanceof Error) throw found;
    return ledgerLine({
      personId,
      hires: hiresOf.get(personId) ?? [],
      training: trainingOf.get(personId) ?? null,
      company: companyOf.get(personId) ?? null,
      benefits: found!,
      cases: caseRecords,
      plan,
    }, settings, outcomes, calendar);
  });
  return ledger;
}

/** The people of the programme the caller's social services hold: those whose data is shared with it now, and the rest. */
export async function heldPeople(ctx: RequestContext, personIds: string[]): Promise<{ shared: string[]; notShared: number }> {
  const standing = await heldOf(ctx).loadMany(personIds);
  const shared: string[] = [];
  let notShared = 0;
  standing.forEach((s, i) => {
    if (s instanceof Error) throw s;
    if (!s.held) return;
    if (s.shared) shared.push(personIds[i]!);
    else notShared++;
  });
  return { shared, notShared };
}

const sum = (lines: readonly LedgerLine[], figure: (l: LedgerLine) => number) => lines.reduce((total, l) => total + figure(l), 0);
const countOf = (lines: readonly LedgerLine[], test: (l: LedgerLine) => boolean) => lines.reduce((n, l) => n + (test(l) ? 1 : 0), 0);

/**
 * The programme's totals: sums of the lines, each withheld when built from fewer than 5 people (or a
 * count below 5), and when a total it is built with is withheld, so that no subtraction gives one away.
 */
export function programmeTotals(ledger: ProgrammeLedger): ProgrammeSavings {
  const { lines, unitCosts } = ledger;
  const money = (value: number) => (unitCosts ? value : null);
  const people = {
    employed: countOf(lines, (l) => l.monthsEmployed > 0),
    avoided: countOf(lines, (l) => l.avoidedBenefitsCents > 0),
    fiscal: countOf(lines, (l) => l.fiscalReturnCents > 0),
    training: countOf(lines, (l) => l.training.costCents > 0),
    allowances: countOf(lines, (l) => l.allowances.paidCents > 0),
    tutoring: countOf(lines, (l) => l.tutoring.costCents > 0),
    caseManagement: countOf(lines, (l) => l.caseManagement.costCents > 0),
  };
  const savingsFrom = [people.avoided, people.fiscal];
  const costFrom = [people.training, people.allowances, people.tutoring, people.caseManagement];
  const gross = sum(lines, (l) => l.grossSavingsCents);
  const afterDeadweight = sum(lines, (l) => l.grossAfterDeadweightCents);
  const cost = sum(lines, (l) => l.programmeCostCents);
  const outcomeTotals = ledger.outcomes.map((outcome, i) => {
    const verified = countOf(lines, (l) => l.outcomes[i]!.verified);
    return { outcome, verified, paymentsDue: sum(lines, (l) => l.outcomes[i]!.paymentDueCents) };
  });
  const verifiedAll = outcomeTotals.reduce((n, o) => n + o.verified, 0);
  const figures = withholdSmallCounts(
    { peopleInProgramme: ledger.personIds.length, peopleHired: ledger.hiredIds.size, outcomesVerified: verifiedAll },
    {
      monthsEmployed: { value: sum(lines, (l) => l.monthsEmployed), from: [people.employed] },
      avoidedBenefitsCents: { value: money(sum(lines, (l) => l.avoidedBenefitsCents)), from: [people.avoided] },
      fiscalReturnCents: { value: money(sum(lines, (l) => l.fiscalReturnCents)), from: [people.fiscal] },
      grossSavingsCents: { value: money(gross), from: savingsFrom },
      deadweightCents: { value: money(sum(lines, (l) => l.deadweightCents)), from: savingsFrom },
      grossSavingsAfterDeadweightCents: { value: money(afterDeadweight), from: savingsFrom },
      trainingCostCents: { value: money(sum(lines, (l) => l.training.costCents)), from: [people.training] },
      allowancesCents: { value: money(sum(lines, (l) => l.allowances.paidCents)), from: [people.allowances] },
      tutoringCostCents: { value: money(sum(lines, (l) => l.tutoring.costCents)), from: [people.tutoring] },
      caseManagementCostCents: { value: money(sum(lines, (l) => l.caseManagement.costCents)), from: [people.caseManagement] },
      programmeCostCents: { value: money(cost), from: costFrom },
      netSavingsCents: { value: money(afterDeadweight - cost), from: [...savingsFrom, ...costFrom] },
      benefitCostRatio: { value: unitCosts ? ratio(afterDeadweight, cost) : null, from: [...savingsFrom, ...costFrom] },
      outcomePaymentsDueCents: { value: outcomeTotals.reduce((n, o) => n + o.paymentsDue, 0), from: [verifiedAll] },
    },
    { nested: [['peopleInProgramme', 'peopleHired']] },
  );
  const outcomes: ProgrammeOutcomeTotal[] = outcomeTotals.map((o) => {
    // Achieved is a part of the hired: withheld too when the difference would give a small count away.
    const shown = withholdSmallCounts(
      { hired: ledger.hiredIds.size, verified: o.verified },
      { paymentsDueCents: { value: o.paymentsDue, from: [o.verified] } },
      { nested: [['hired', 'verified']] },
    );
    const withheld = shown.verified === null;
    return {
      outcome: o.outcome,
      verified: shown.verified,
      paymentsDueCents: withheld ? null : shown.paymentsDueCents,
      suppressed: withheld ? ['verified', 'paymentsDueCents'] : [],
    };
  });
  // The sum over the outcomes, less those shown, would give away one withheld.
  if (outcomes.some((o) => o.verified === null)) {
    for (const name of ['outcomesVerified', 'outcomePaymentsDueCents'] as const) {
      if (figures[name] !== null) figures.suppressed.push(name);
      figures[name] = null;
    }
  }
  const records = withholdSmallCounts({
    cases: sum(lines, (l) => l.caseManagement.caseIds.length),
    benefits: sum(lines, (l) => l.benefits.length),
    hires: sum(lines, (l) => l.hires.length),
    followUps: sum(lines, (l) => l.hires.reduce((n, h) => n + h.hire.followUps.length, 0)),
    enrollments: sum(lines, (l) => l.training.enrollmentIds.length),
    allowancePayments: sum(lines, (l) => l.allowances.paymentIds.length),
    tutoringVisits: sum(lines, (l) => l.tutoring.visitIds.length),
  });
  const { suppressed: recordsWithheld, ...recordCounts } = records;
  return {
    asOf: ledger.asOf,
    unitCostVersion: unitCosts?.version ?? null,
    unitCosts,
    peopleInProgramme: figures.peopleInProgramme,
    peopleHired: figures.peopleHired,
    monthsEmployed: figures.monthsEmployed,
    avoidedBenefitsCents: figures.avoidedBenefitsCents,
    fiscalReturnCents: figures.fiscalReturnCents,
    grossSavingsCents: figures.grossSavingsCents,
    deadweightCents: figures.deadweightCents,
    grossSavingsAfterDeadweightCents: figures.grossSavingsAfterDeadweightCents,
    trainingCostCents: figures.trainingCostCents,
    allowancesCents: figures.allowancesCents,
    tutoringCostCents: figures.tutoringCostCents,
    caseManagementCostCents: figures.caseManagementCostCents,
    programmeCostCents: figures.programmeCostCents,
    netSavingsCents: figures.netSavingsCents,
    benefitCostRatio: figures.benefitCostRatio,
    outcomes,
    outcomesVerified: figures.outcomesVerified,
    outcomePaymentsDueCents: figures.outcomePaymentsDueCents,
    records: recordCounts,
    suppressed: [...figures.suppressed, ...recordsWithheld.map((r) => `records.${r}`)],
  };
}
