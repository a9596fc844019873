import type { LedgerHireFact } from '@intreccio/shared';
import { divideRounded, employmentOf, ledgerLine, monthsBegun, ratio, type LedgerSettings, type PersonRecords } from '../src/ledger/compute';

/** The savings ledger's arithmetic on one person at a time, without a database. */

const WORKED_EXAMPLE: LedgerSettings = {
  version: 1, trainingHourCents: 1_500, tutoringHourCents: 3_000, caseManagementMonthCents: 5_000,
  fiscalRateBp: 3_300, deadweightBp: 2_000, horizonMonths: 12, avoidanceRatesBp: { INCOME_SUPPORT: 10_000, HOUSING_SUPPORT: 5_000 },
};
const CALENDAR = { asOf: '2026-12-01', programmeEndDate: '2024-12-31' };

const hire = (startDate: string, followUps: [number, string, boolean][], extra: Partial<LedgerHireFact> = {}): LedgerHireFact => ({
  hireId: `hire-${startDate}`, personId: 'p', startDate, plannedEndDate: null, grossMonthlyWageCents: 140_000,
  followUps: followUps.map(([monthsAfter, checkedOn, stillEmployed], i) => ({ followUpId: `f${i}`, monthsAfter, checkedOn, stillEmployed })),
  ...extra,
});

const person = (over: Partial<PersonRecords>): PersonRecords => ({
  personId: 'p', hires: [], training: null, company: null, benefits: [], cases: [], plan: null, ...over,
});

describe('rounding', () => {
  it('rounds half away from zero, exactly, in whole cents', () => {
    expect(divideRounded(49_995, 10)).toBe(5_000);
    expect(divideRounded(49_994, 10)).toBe(4_999);
    expect(divideRounded(-49_995, 10)).toBe(-5_000);
    expect(divideRounded(-49_994, 10)).toBe(-4_999);
    // 123,457 × 6 × 0.3 = 222,222.6
    expect(divideRounded(123_457 * 6 * 3_000, 10_000)).toBe(222_223);
    expect(() => divideRounded(0.5, 1)).toThrow(RangeError);
  });

  it('gives the benefit–cost ratio to two decimals, and none without a cost', () => {
    expect(ratio(1_019_520, 540_000)).toBe(1.89); // 1.888…
    expect(ratio(1_125, 1_000)).toBe(1.13); // 1.125, half away from zero
    expect(ratio(1_000, 0)).toBeNull();
  });
});

describe('months', () => {
  it('counts months begun from the first day, each a calendar month long', () => {
    expect(monthsBegun('2024-01-10', '2024-12-31')).toBe(12);
    expect(monthsBegun('2024-01-10', '2025-01-09')).toBe(12);
    expect(monthsBegun('2024-01-10', '2025-01-10')).toBe(13);
    expect(monthsBegun('2024-01-31', '2024-02-28')).toBe(1); // the second month starts on 29 February
    expect(monthsBegun('2024-01-31', '2024-02-29')).toBe(2);
    expect(monthsBegun('2024-05-01', '2024-04-30')).toBe(0);
  });

  it('counts a month of savings only when a hire covers all of it, from the hire date', () => {
    // Hired on 31 January 2024: the months end on 28 February (the day before 29 February), 30 March, 29 April, …
    const fixedTerm = (plannedEndDate: string) => ledgerLine(person({ hires: [hire('2024-01-31', [], { plannedEndDate })] }), WORKED_EXAMPLE, [], CALENDAR);
    expect(fixedTerm('2024-04-29')).toMatchObject({ monthsEmployed: 3, horizonEnd: '2025-01-30', hires: [{ countedThrough: '2024-04-29', endedBy: 'CONTRACT_END' }] });
    expect(fixedTerm('2024-04-28').monthsEmployed).toBe(2);
    // A check at six months that found the person employed shows the contract was extended: the count waits for the 12-month check.
    const extended = ledgerLine(person({ hires: [hire('2024-01-31', [[6, '2024-08-05', true]], { plannedEndDate: '2024-04-29' })] }), WORKED_EXAMPLE, [], CALENDAR);
    expect(extended).toMatchObject({ monthsEmployed: 12, hires: [{ countedThrough: '2025-01-30', endedBy: 'NEXT_FOLLOW_UP_DUE', verifiedThrough: '2024-08-05' }] });
  });
});

describe('months employed, from the follow-up checks', () => {
  const asOf = '2026-12-01';

  it('counts to the next check while it is not due, and through a check that found the person employed', () => {
    expect(employmentOf(hire('2024-08-01', []), asOf)).toEqual({ countedThrough: '2025-01-31', endedBy: 'NEXT_FOLLOW_UP_DUE', verifiedThrough: null });
    expect(employmentOf(hire('2024-08-01', [[6, '2025-02-03', true]]), asOf))
      .toEqual({ countedThrough: '2025-07-31', endedBy: 'NEXT_FOLLOW_UP_DUE', verifiedThrough: '2025-02-03' });
    expect(employmentOf(hire('2024-08-01', [[6, '2025-02-03', true], [12, '2025-08-04', true]]), asOf))
      .toEqual({ countedThrough: asOf, endedBy: 'AS_OF', verifiedThrough: '2025-08-04' });
    // Not yet six months old: counted to the ledger's day.
    expect(employmentOf(hire('2026-10-15', []), asOf)).toEqual({ countedThrough: asOf, endedBy: 'AS_OF', verifiedThrough: null });
    // Starting after the ledger's day: nothing counts yet.
    expect(employmentOf(hire('2026-12-20', []), asOf).countedThrough).toBeNull();
  });

  it('ends the count at the last check that found the person employed when a later one did not', () => {
    expect(employmentOf(hire('2024-05-15', [[6, '2024-11-18', true], [12, '2025-05-20', false]]), asOf))
      .toEqual({ countedThrough: '2024-11-18', endedBy: 'NOT_EMPLOYED_AT_FOLLOW_UP', verifiedThrough: '2024-11-18' });
    expect(employmentOf(hire('2024-05-15', [[6, '2024-11-18', false]]), asOf))
      .toEqual({ countedThrough: null, endedBy: 'NOT_EMPLOYED_AT_FOLLOW_UP', verifiedThrough: null });
    // A later check that finds the person employed again does not resume the count: a new job is a new hire.
    expect(employmentOf(hire('2024-05-15', [[6, '2024-11-18', false], [12, '2025-05-20', true]]), asOf).countedThrough).toBeNull();
  });

  it('stops a presumed count at the planned end of a fixed-term contract', () => {
    expect(employmentOf(hire('2024-05-15', [], { plannedEndDate: '2024-09-30' }), asOf))
      .toEqual({ countedThrough: '2024-09-30', endedBy: 'CONTRACT_END', verifiedThrough: null });
  });
});

describe('one line', () => {
  it('reproduces the worked example of the design brief to the cent', () => {
    const line = ledgerLine(person({
      hires: [hire('2024-08-01', [[6, '2025-02-03', true], [12, '2025-08-04', true]])],
      benefits: [
        { id: 'b1', kind: 'INCOME_SUPPORT', monthlyAmountCents: 50_000, startDate: '2023-06-01', endDate: null, entitlementEndDate: null },
        { id: 'b2', kind: 'HOUSING_SUPPORT', monthlyAmountCents: 20_000, startDate: '2023-09-01', endDate: '2024-09-15', entitlementEndDate: null },
      ],
      training: { personId: 'p', attendedHours: 80, enrollmentIds: ['e1'] },
      company: { personId: 'p', allowancesPaidCents: 300_000, allowancePaymentIds: ['a1'], tutoringHours: 20, tutoringVisitIds: ['v1'] },
      cases: [{ id: 'c1', openedOn: '2024-01-10', closedOn: null }],
    }), WORKED_EXAMPLE, [], CALENDAR);
    expect(line).toMatchObject({
      monthsEmployed: 12, avoidedBenefitsCents: 720_000, fiscalReturnCents: 554_400, grossSavingsCents: 1_274_400, deadweightCents: 254_880,
      grossAfterDeadweightCents: 1_019_520, programmeCostCents: 540_000, netSavingsCents: 479_520,
    });
    // Housing support stopped after the hire: work replaced it, so it counts as avoided while it would have run.
    expect(line.benefits.map((b) => [b.benefit.id, b.months, b.avoidedCents])).toEqual([['b1', 12, 600_000], ['b2', 12, 120_000]]);
    expect(ratio(line.grossAfterDeadweightCents, line.programmeCostCents)).toBe(1.89);
  });

  it('verifies an outcome from the checks alone, in whole weeks within the window', () => {
    const outcome = (months: number) => ({ id: `o${months}`, minWeeksEmployed: 26, withinMonthsOfPlanStart: months, priceCents: 250_000 });
    const line = ledgerLine(person({
      hires: [hire('2024-05-15', [[6, '2024-11-18', true], [12, '2025-05-20', false]])],
      plan: { id: 'plan', startDate: '2024-02-26' },
    }), WORKED_EXAMPLE, [outcome(12), outcome(6)], CALENDAR);
    // 15 May to 18 November: 188 days, 26 whole weeks; within six months of the plan start, 15 May to 25 August: 103 days.
    expect(line.outcomes.map((o) => [o.weeksEmployed, o.verified, o.paymentDueCents])).toEqual([[26, true, 250_000], [14, false, 0]]);
  });
});
