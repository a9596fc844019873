import { addDays, addMonths, type LedgerCompanyFact, type LedgerHireFact, type LedgerTrainingFact } from '@intreccio/shared';

/**
 * The savings ledger's arithmetic (README, "Savings ledger"), on one person's records at a time: pure,
 * in integer euro cents, every rounding explicit.
 *
 * Months. Savings are counted in whole months from the hire date: month k of the horizon runs from
 * the hire date plus k calendar months to the day before the hire date plus k + 1 (15 March to
 * 14 April; 31 January to 27 February, then 28 February to 30 March). A month counts for the person
 * when one hire covers all of it; for a benefit when, in addition, the benefit would have run all of
 * it. Case management costs each month begun, counted the same way from the day the case opened.
 *
 * Rounding. Each figure that is not a whole number of cents is rounded once, half away from zero: a
 * benefit's avoided amount, a hire's fiscal return, the person's deadweight and tutoring cost. The
 * rest are sums and products of whole cents, and programme totals are sums of the people's lines.
 */

export const BASIS_POINTS = 10_000;
/** The follow-up checks the employment centre makes, in months after the hire. */
export const FOLLOW_UP_MONTHS = [6, 12] as const;

/** n / d rounded half away from zero, exactly (d > 0). */
export function divideRounded(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0) throw new RangeError(`cannot divide ${n} by ${d} in whole cents`);
  const big = BigInt(n);
  const by = BigInt(d);
  const quotient = big / by;
  const remainder = big % by;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  return Number(twice >= by ? quotient + (big < 0n ? -1n : 1n) : quotient);
}

/** The benefit–cost ratio to two decimals, half away from zero; null without a cost. */
export function ratio(benefitCents: number, costCents: number): number | null {
  if (costCents <= 0) return null;
  return divideRounded(benefitCents * 100, costCents) / 100;
}

const DAY_MS = 86_400_000;
const earliest = (a: string, b: string): string => (a < b ? a : b);

// A programme's people share a few thousand dates: calendar arithmetic is kept, not redone per person.
const MAX_REMEMBERED = 100_000;
const sums = new Map<number, Map<string, string>>();
const ends = new Map<number, Map<string, string>>();
const days = new Map<string, number>();
function remembered<V>(table: Map<string, V>, key: string, compute: () => V): V {
  let value = table.get(key);
  if (value === undefined) {
    if (table.size > MAX_REMEMBERED) table.clear();
    value = compute();
    table.set(key, value);
  }
  return value;
}
const byMonths = (tables: Map<number, Map<string, string>>, months: number): Map<string, string> => {
  let table = tables.get(months);
  if (!table) tables.set(months, (table = new Map()));
  return table;
};
const plusMonths = (iso: string, months: number): string => remembered(byMonths(sums, months), iso, () => addMonths(iso, months));
/** The last day of `months` months from `iso`: the day before `iso` plus `months`. */
const monthsEnd = (iso: string, months: number): string => remembered(byMonths(ends, months), iso, () => addDays(addMonths(iso, months), -1));
const dayNumber = (iso: string): number =>
  remembered(days, iso, () => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);

export interface LedgerSettings {
  version: number;
  trainingHourCents: number;
  tutoringHourCents: number;
  caseManagementMonthCents: number;
  fiscalRateBp: number;
  deadweightBp: number;
  horizonMonths: number;
  avoidanceRatesBp: Partial<Record<string, number>>;
}

export interface BenefitRecord {
  id: string;
  kind: string;
  monthlyAmountCents: number;
  startDate: string;
  endDate: string | null;
  entitlementEndDate: string | null;
}

export interface CaseRecord {
  id: string;
  openedOn: string;
  closedOn: string | null;
}

export interface PlanRecord {
  id: string;
  startDate: string;
}

export interface OutcomeRule {
  id: string;
  minWeeksEmployed: number;
  withinMonthsOfPlanStart: number;
  priceCents: number;
}

/** Everything the ledger reads about one person of the programme. */
export interface PersonRecords {
  personId: string;
  hires: readonly LedgerHireFact[];
  training: LedgerTrainingFact | null;
  company: LedgerCompanyFact | null;
  benefits: readonly BenefitRecord[];
  cases: readonly CaseRecord[];
  /** The person's first signed personal plan under the programme. */
  plan: PlanRecord | null;
}

export interface LedgerCalendar {
  /** The day the ledger is computed on: nothing after it counts. */
  asOf: string;
  /** Case management is the programme's cost up to its end. */
  programmeEndDate: string;
}

/** What ends the months counted for a hire. */
export type EmploymentCountEnd = 'NOT_EMPLOYED_AT_FOLLOW_UP' | 'NEXT_FOLLOW_UP_DUE' | 'CONTRACT_END' | 'AS_OF';

export interface HireCount {
  hire: LedgerHireFact;
  /** The last day the hire counts as employment; null when no day does. */
  countedThrough: string | null;
  endedBy: EmploymentCountEnd;
  /** The last day a follow-up check found the person employed (before any check that did not). */
  verifiedThrough: string | null;
  monthsCounted: number;
  fiscalReturnCents: number;
}

export interface BenefitCount {
  benefit: BenefitRecord;
  avoidanceRateBp: number;
  months: number;
  avoidedCents: number;
}

export interface OutcomeCount {
  outcome: OutcomeRule;
  plan: PlanRecord | null;
  weeksEmployed: number;
  verified: boolean;
  paymentDueCents: number;
}

export interface LedgerLine {
  personId: string;
  hireDate: string | null;
  horizonEnd: string | null;
  monthsEmployed: number;
  hires: HireCount[];
  benefits: BenefitCount[];
  avoidedBenefitsCents: number;
  fiscalReturnCents: number;
  grossSavingsCents: number;
  deadweightCents: number;
  grossAfterDeadweightCents: number;
  training: { attendedHours: number; costCents: number; enrollmentIds: readonly string[] };
  allowances: { paidCents: number; paymentIds: readonly string[] };
  tutoring: { hours: number; costCents: number; visitIds: readonly string[] };
  caseManagement: { months: number; costCents: number; caseIds: string[] };
  programmeCostCents: number;
  netSavingsCents: number;
  outcomes: OutcomeCount[];
}

/**
 * How far a hire counts as employment, from its follow-up checks (6 and 12 months after the start):
 *
 * - a check that found the person no longer employed ends the count at the last check before it
 *   that found them employed (its date), or before the first day when there was none; a later check
 *   does not resume it (a new job is a new hire);
 * - otherwise the hire counts through the last check that found the person employed, and beyond it
 *   while the next check is not yet due (until the day before it is), nor the fixed-term contract's
 *   planned end passed (a check after the planned end shows it was extended), nor the ledger's day.
 */
export function employmentOf(h: LedgerHireFact, asOf: string): Pick<HireCount, 'countedThrough' | 'endedBy' | 'verifiedThrough'> {
  const checks = [...h.followUps].sort((a, b) => a.monthsAfter - b.monthsAfter);
  const negative = checks.find((c) => !c.stillEmployed);
  const positive = checks.filter((c) => c.stillEmployed && (!negative || c.monthsAfter < negative.monthsAfter)).at(-1) ?? null;
  const verifiedThrough = positive ? positive.checkedOn : null;
  if (negative) return { countedThrough: verifiedThrough, endedBy: 'NOT_EMPLOYED_AT_FOLLOW_UP', verifiedThrough };
  const limits: [string, EmploymentCountEnd][] = [[asOf, 'AS_OF']];
  const next = FOLLOW_UP_MONTHS.find((m) => m > (positive?.monthsAfter ?? 0));
  if (next) limits.push([monthsEnd(h.startDate, next), 'NEXT_FOLLOW_UP_DUE']);
  if (h.plannedEndDate && (!verifiedThrough || h.plannedEndDate >= verifiedThrough)) limits.push([h.plannedEndDate, 'CONTRACT_END']);
  const [presumed, endedBy] = limits.reduce((a, b) => (b[0] < a[0] ? b : a));
  const through = verifiedThrough && verifiedThrough > presumed ? verifiedThrough : presumed;
  return { countedThrough: through < h.startDate ? null : through, endedBy, verifiedThrough };
}

interface Period {
  start: string;
  end: string;
}

/** The horizon's months from a hire date. */
function periodsFrom(hireDate: string, months: number): Period[] {
  const periods: Period[] = [];
  for (let k = 0; k < months; k++) periods.push({ start: k === 0 ? hireDate : plusMonths(hireDate, k), end: monthsEnd(hireDate, k + 1) });
  return periods;
}

/** Months begun from `from` through `to`, each month running from `from` plus k calendar months. */
export function monthsBegun(from: string, to: string): number {
  if (to < from) return 0;
  let months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  if (plusMonths(from, months) > to) months--;
  return months + 1;
}

/** Days in the union of closed day intervals, within [from, to]. */
function daysCovered(intervals: [number, number][], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  let days = 0;
  let reached = -Infinity;
  for (const [a, b] of clipped) {
    const start = Math.max(a, reached + 1);
    if (b >= start) days += b - start + 1;
    reached = Math.max(reached, b);
  }
  return days;
}

const byStart = (a: LedgerHireFact, b: LedgerHireFact) =>
  (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.hireId < b.hireId ? -1 : a.hireId > b.hireId ? 1 : 0);

/** One person's line of the ledger. */
export function ledgerLine(p: PersonRecords, s: LedgerSettings, outcomes: readonly OutcomeRule[], calendar: LedgerCalendar): LedgerLine {
  const hires: HireCount[] = [...p.hires].sort(byStart).map((hire) => ({ hire, ...employmentOf(hire, calendar.asOf), monthsCounted: 0, fiscalReturnCents: 0 }));
  const hireDate = hires[0]?.hire.startDate ?? null;
  let monthsEmployed = 0;
  let benefits: BenefitCount[] = [];
  let horizonEnd: string | null = null;
  if (hireDate) {
    const periods = periodsFrom(hireDate, s.horizonMonths);
    horizonEnd = periods.at(-1)!.end;
    // The benefits active on the hire date, each running until its entitlement would have ended.
    benefits = p.benefits
      .filter((b) => b.startDate <= hireDate && (b.endDate === null || b.endDate >= hireDate) && (b.entitlementEndDate === null || b.entitlementEndDate >= hireDate))
      .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1))
      .map((benefit) => ({ benefit, avoidanceRateBp: s.avoidanceRatesBp[benefit.kind] ?? 0, months: 0, avoidedCents: 0 }));
    for (const period of periods) {
      const hire = hires.find((h) => h.countedThrough !== null && h.hire.startDate <= period.start && h.countedThrough >= period.end);
      if (!hire) continue;
      hire.monthsCounted++;
      monthsEmployed++;
      for (const b of benefits) if (b.benefit.entitlementEndDate === null || b.benefit.entitlementEndDate >= period.end) b.months++;
    }
    for (const h of hires) h.fiscalReturnCents = divideRounded(h.hire.grossMonthlyWageCents * h.monthsCounted * s.fiscalRateBp, BASIS_POINTS);
    for (const b of benefits) b.avoidedCents = divideRounded(b.benefit.monthlyAmountCents * b.months * b.avoidanceRateBp, BASIS_POINTS);
  }
  const avoidedBenefitsCents = benefits.reduce((sum, b) => sum + b.avoidedCents, 0);
  const fiscalReturnCents = hires.reduce((sum, h) => sum + h.fiscalReturnCents, 0);
  const grossSavingsCents = avoidedBenefitsCents + fiscalReturnCents;
  const deadweightCents = divideRounded(grossSavingsCents * s.deadweightBp, BASIS_POINTS);
  const grossAfterDeadweightCents = grossSavingsCents - deadweightCents;

  const attendedHours = p.training?.attendedHours ?? 0;
  const training = { attendedHours, costCents: attendedHours * s.trainingHourCents, enrollmentIds: p.training?.enrollmentIds ?? [] };
  const allowances = { paidCents: p.company?.allowancesPaidCents ?? 0, paymentIds: p.company?.allowancePaymentIds ?? [] };
  const tutoringHours = p.company?.tutoringHours ?? 0;
  const tutoring = {
    hours: tutoringHours,
    costCents: divideRounded(Math.round(tutoringHours * 100) * s.tutoringHourCents, 100),
    visitIds: p.company?.tutoringVisitIds ?? [],
  };
  const managed = p.cases.map((c) => monthsBegun(c.openedOn, earliest(earliest(c.closedOn ?? calendar.asOf, calendar.asOf), calendar.programmeEndDate)));
  const caseMonths = managed.reduce((sum, m) => sum + m, 0);
  const caseManagement = { months: caseMonths, costCents: caseMonths * s.caseManagementMonthCents, caseIds: p.cases.map((c) => c.id) };
  const programmeCostCents = training.costCents + allowances.paidCents + tutoring.costCents + caseManagement.costCents;

  // Outcomes count employment the follow-up checks verified, never what is presumed.
  const verified: [number, number][] = hires
    .filter((h) => h.verifiedThrough !== null && h.verifiedThrough >= h.hire.startDate)
    .map((h) => [dayNumber(h.hire.startDate), dayNumber(h.verifiedThrough!)]);
  const outcomeCounts = outcomes.map((outcome): OutcomeCount => {
    if (!p.plan) return { outcome, plan: null, weeksEmployed: 0, verified: false, paymentDueCents: 0 };
    const windowEnd = monthsEnd(p.plan.startDate, outcome.withinMonthsOfPlanStart);
    const weeksEmployed = Math.floor(daysCovered(verified, dayNumber(p.plan.startDate), dayNumber(windowEnd)) / 7);
    const achieved = weeksEmployed >= outcome.minWeeksEmployed;
    return { outcome, plan: p.plan, weeksEmployed, verified: achieved, paymentDueCents: achieved ? outcome.priceCents : 0 };
  });

  return {
    personId: p.personId,
    hireDate,
    horizonEnd,
    monthsEmployed,
    hires,
    benefits,
    avoidedBenefitsCents,
    fiscalReturnCents,
    grossSavingsCents,
    deadweightCents,
    grossAfterDeadweightCents,
    training,
    allowances,
    tutoring,
    caseManagement,
    programmeCostCents,
    netSavingsCents: grossAfterDeadweightCents - programmeCostCents,
    outcomes: outcomeCounts,
  };
}
