import type { Principal } from '@intreccio/shared';
import { gatewayToken, postGraphQL, testRequestId } from '@intreccio/shared/testing';
import { DEMO_PROGRAMMES, DEMO_WRITERS } from '@intreccio/scripts';
import { TestNetwork } from './support/network';
import { asRole, castOf } from './support/pathway';
import { eventsDelivered, LedgerProgramme, SAVINGS, SAVINGS_LEDGER, type PersonStory, type UnitCosts, type WalkedPerson } from './support/ledger';

/**
 * The savings ledger (DESIGN §6, README "Savings ledger") through the real gateway, on records each
 * partner writes through the graph: the worked example of the design brief to the cent, a second case
 * computed by hand below, who sees what, the seals on the partners' facts, and unit-cost versions.
 */

let net: TestNetwork;
const progressive = DEMO_PROGRAMMES.find((p) => p.code === 'PROGRESSIVE2')!;
const cast = castOf(progressive);
const elsewhere = castOf(DEMO_PROGRAMMES.find((p) => p.code === 'FLORWORK')!);

beforeAll(async () => {
  // The demo network's organisations, catalogue and companies, and no people: each test programme has its own.
  net = await TestNetwork.start('savings-ledger', {
    seed: async (subgraphs) => {
      for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: 0 });
    },
  });
}, 300_000);
afterAll(() => net?.stop());

/** Sends `document` as `who`, expecting `field` of the answer null and refused with `code`. */
async function refused(who: Principal, document: string, variables: Record<string, unknown>, code: string, field?: string) {
  const res = await net.call(who, document, variables);
  expect(res.errors?.[0]?.extensions).toMatchObject(field ? { code, field } : { code });
  return res;
}

const savingsOf = async (who: Principal, programme: LedgerProgramme, version?: number) =>
  (await net.ok(who, SAVINGS, { id: programme.id, version })).programme.savings;
/** The caller's ledger lines, the page flattened: `lines` are the nodes. */
const ledgerOf = async (who: Principal, programme: LedgerProgramme, person?: string, version?: number, page: { first?: number; after?: string } = {}) => {
  const ledger = (await net.ok(who, SAVINGS_LEDGER, { id: programme.id, person, version, ...page })).programme.savingsLedger;
  return { ...ledger, page: { totalCount: ledger.lines.totalCount, ...ledger.lines.pageInfo }, lines: ledger.lines.edges.map((e: any) => e.node) };
};

// ------------------------------------------------------------------------------------------------
// The worked example: hired with €1,400 gross a month and employed all 12 months; income support
// €500 a month (rate 1.0) and housing support €200 (rate 0.5) active at the hire; combined rate 0.33;
// deadweight 0.20; 80 training hours at €15, 6 allowance months of €500, 20 tutoring hours at €30,
// 12 months of case management at €50.

const WORKED_EXAMPLE_COSTS: UnitCosts = {
  validFrom: '2024-01-01', trainingHourCents: 1_500, tutoringHourCents: 3_000, caseManagementMonthCents: 5_000,
  fiscalRate: 0.33, deadweight: 0.2, horizonMonths: 12,
  avoidanceRates: [{ kind: 'INCOME_SUPPORT', rate: 1 }, { kind: 'HOUSING_SUPPORT', rate: 0.5 }],
};

const workedExample = (givenName: string, birthDate: string): PersonStory => ({
  givenName, familyName: 'Esempio', birthDate, sex: 'FEMALE',
  // Taken in charge on 10 January of a programme that ends on 31 December: 12 months of case management begun.
  openedOn: '2024-01-10',
  planStart: '2024-01-15',
  benefits: [
    { kind: 'INCOME_SUPPORT', monthlyAmountCents: 50_000, startDate: '2023-06-01' },
    { kind: 'HOUSING_SUPPORT', monthlyAmountCents: 20_000, startDate: '2023-09-01' },
  ],
  trainingHours: [40, 40],
  internship: {
    startDate: '2024-02-01', endDate: '2024-07-31', monthlyAllowanceCents: 50_000,
    payments: ['02', '03', '04', '05', '06', '07'].map((m) => [`2024-${m}`, 50_000, `2024-${String(Number(m) + 1).padStart(2, '0')}-05`]),
    visits: [['2024-03-05', 5], ['2024-04-09', 5], ['2024-05-07', 5], ['2024-06-11', 5]],
  },
  // Employed all 12 months: both follow-up checks found the person at work.
  hire: { startDate: '2024-08-01', grossMonthlyWageCents: 140_000, followUps: [[6, '2025-02-03', true], [12, '2025-08-04', true]] },
});

describe('the worked example of the design brief, through the gateway', () => {
  let programme: LedgerProgramme;
  const people: WalkedPerson[] = [];
  let statementsForOne: Record<string, Record<string, number>>;

  beforeAll(async () => {
    programme = await LedgerProgramme.create(net, cast, 'LEDGER-WORKED', '2024-01-01', '2024-12-31');
    await programme.setUnitCosts(WORKED_EXAMPLE_COSTS, 'costs-v1');
    // The design's outcome (26 weeks within 12 months of the plan start) and a longer window.
    await programme.defineOutcome('EMPLOYED_26W_12M', 26, 12, 200_000);
    await programme.defineOutcome('EMPLOYED_26W_18M', 26, 18, 250_000);
  }, 120_000);

  /** The line of one worked-example person, to the cent, with the records behind every figure. */
  const expectedLine = (p: WalkedPerson, asOf: string) => ({
    person: { id: p.personId, givenName: expect.any(String) },
    unitCostVersion: 1, hired: true, hireDate: '2024-08-01', horizonEnd: '2025-07-31', monthsEmployed: 12,
    hires: [{
      hireId: p.hireId, startDate: '2024-08-01', plannedEndDate: null, grossMonthlyWageCents: 140_000, followUpIds: p.followUpIds,
      // Both checks found the person employed: the hire counts to the ledger's day, the horizon takes 12 months of it.
      countedThrough: asOf, countEndedBy: 'AS_OF', monthsCounted: 12,
      fiscalReturnCents: 554_400, // 1,400.00 × 12 × 0.33 = 5,544.00
    }],
    benefits: [
      // 500.00 × 12 × 1.0 = 6,000.00
      { benefitId: p.benefitIds[0], kind: 'INCOME_SUPPORT', monthlyAmountCents: 50_000, startDate: '2023-06-01', entitlementEndDate: null, avoidanceRate: 1, months: 12, avoidedCents: 600_000 },
      // 200.00 × 12 × 0.5 = 1,200.00
      { benefitId: p.benefitIds[1], kind: 'HOUSING_SUPPORT', monthlyAmountCents: 20_000, startDate: '2023-09-01', entitlementEndDate: null, avoidanceRate: 0.5, months: 12, avoidedCents: 120_000 },
    ],
    avoidedBenefitsCents: 720_000, // 7,200.00
    fiscalReturnCents: 554_400, // 5,544.00
    grossSavingsCents: 1_274_400, // 12,744.00
    deadweightCents: 254_880, // × 0.20
    grossSavingsAfterDeadweightCents: 1_019_520, // 10,195.20
    training: { attendedHours: 80, hourCostCents: 1_500, costCents: 120_000, enrollmentIds: p.enrollmentIds },
    allowances: { paidCents: 300_000, paymentIds: p.paymentIds },
    tutoring: { hours: 20, hourCostCents: 3_000, costCents: 60_000, visitIds: p.visitIds },
    caseManagement: { months: 12, monthCostCents: 5_000, costCents: 60_000, caseIds: [p.caseId] },
    programmeCostCents: 540_000, // 1,200 + 3,000 + 600 + 600 = 5,400.00
    netSavingsCents: 479_520, // 4,795.20
    outcomes: [
      // Verified employment from 1 August 2024 within 15 January 2024 – 14 January 2025: 167 days, 23 weeks.
      { outcome: { code: 'EMPLOYED_26W_12M' }, planId: p.planId, planStartDate: '2024-01-15', weeksEmployed: 23, verified: false, paymentDueCents: 0 },
      // Within 18 months (to 14 July 2025): 348 days, 49 weeks.
      { outcome: { code: 'EMPLOYED_26W_18M' }, planId: p.planId, planStartDate: '2024-01-15', weeksEmployed: 49, verified: true, paymentDueCents: 250_000 },
    ],
  });

  it('gives the holding case manager the worked example’s line to the cent, every figure with its records', async () => {
    people.push(await programme.walk(workedExample('Agnese', '1990-03-04')));
    const ledger = await ledgerOf(cast.caseManager, programme);
    expect(ledger).toMatchObject({ unitCostVersion: 1, notShared: 0 });
    expect(ledger.lines).toEqual([expectedLine(people[0]!, ledger.asOf)]);
    await eventsDelivered(net);
    statementsForOne = {
      totals: await net.statements(() => savingsOf(cast.coordinator, programme)),
      lines: await net.statements(() => ledgerOf(cast.caseManager, programme)),
    };
  }, 120_000);

  it('withholds the coordinator’s totals while fewer than 5 people are in the programme', async () => {
    for (const [name, born] of [['Bianca', '1988-07-21'], ['Carla', '1993-11-02'], ['Dalia', '1985-01-30']] as const) {
      people.push(await programme.walk(workedExample(name, born)));
    }
    const totals = await savingsOf(cast.coordinator, programme);
    expect(totals).toMatchObject({
      unitCostVersion: 1, peopleInProgramme: null, peopleHired: null, monthsEmployed: null, avoidedBenefitsCents: null, fiscalReturnCents: null,
      grossSavingsCents: null, grossSavingsAfterDeadweightCents: null, programmeCostCents: null, netSavingsCents: null, benefitCostRatio: null,
      outcomesVerified: null, outcomePaymentsDueCents: null,
      records: { cases: null, benefits: 8, hires: null, followUps: 8, enrollments: null, allowancePayments: 24, tutoringVisits: 16 },
    });
    expect(totals.suppressed).toEqual(expect.arrayContaining([
      'peopleInProgramme', 'peopleHired', 'monthsEmployed', 'avoidedBenefitsCents', 'fiscalReturnCents', 'grossSavingsCents', 'deadweightCents',
      'grossSavingsAfterDeadweightCents', 'trainingCostCents', 'allowancesCents', 'tutoringCostCents', 'caseManagementCostCents', 'programmeCostCents',
      'netSavingsCents', 'benefitCostRatio', 'outcomesVerified', 'records.cases', 'records.hires', 'records.enrollments',
    ]));
    expect(totals.outcomes.map((o: any) => [o.outcome.code, o.verified, o.paymentsDueCents])).toEqual([['EMPLOYED_26W_12M', null, null], ['EMPLOYED_26W_18M', null, null]]);
    // The case manager, who holds the four, sees each line in full (lines come in the order of the people's ids).
    const ledger = await ledgerOf(cast.caseManager, programme);
    const byId = [...people].sort((a, b) => (a.personId < b.personId ? -1 : 1));
    expect(ledger.lines).toEqual(byId.map((p) => expectedLine(p, ledger.asOf)));
  }, 180_000);

  it('shows the coordinator the totals of five, the unit-cost version and the records they sum', async () => {
    people.push(await programme.walk(workedExample('Elisa', '1991-05-17')));
    const totals = await savingsOf(cast.coordinator, programme);
    expect(totals).toEqual({
      asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), unitCostVersion: 1, unitCosts: { version: 1, validFrom: '2024-01-01' },
      peopleInProgramme: 5, peopleHired: 5, monthsEmployed: 60,
      avoidedBenefitsCents: 3_600_000, fiscalReturnCents: 2_772_000, grossSavingsCents: 6_372_000, deadweightCents: 1_274_400,
      grossSavingsAfterDeadweightCents: 5_097_600, trainingCostCents: 600_000, allowancesCents: 1_500_000, tutoringCostCents: 300_000,
      caseManagementCostCents: 300_000, programmeCostCents: 2_700_000, netSavingsCents: 2_397_600,
      benefitCostRatio: 1.89, // 50,976.00 / 27,000.00 = 1.888…
      outcomes: [
        // Nobody achieved it: a count of 0 is withheld like any count below 5.
        { outcome: { code: 'EMPLOYED_26W_12M', priceCents: 200_000 }, verified: null, paymentsDueCents: null, suppressed: ['verified', 'paymentsDueCents'] },
        { outcome: { code: 'EMPLOYED_26W_18M', priceCents: 250_000 }, verified: 5, paymentsDueCents: 1_250_000, suppressed: [] },
      ],
      // The sum over both outcomes, less the one shown, would give the withheld one away.
      outcomesVerified: null, outcomePaymentsDueCents: null,
      records: { cases: 5, benefits: 10, hires: 5, followUps: 10, enrollments: 5, allowancePayments: 30, tutoringVisits: 20 },
      suppressed: ['outcomesVerified', 'outcomePaymentsDueCents'],
    });
  }, 120_000);

  it('costs each subgraph the same statements for five people as for one', async () => {
    await eventsDelivered(net);
    const five = {
      totals: await net.statements(() => savingsOf(cast.coordinator, programme)),
      lines: await net.statements(() => ledgerOf(cast.caseManager, programme)),
    };
    expect(five).toEqual(statementsForOne);
    for (const name of ['social-services', 'employment-centre', 'training', 'companies']) expect(five.totals[name]).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------------------------------------
// A second case, by hand. Programme 1 January – 31 December 2024. Unit costs:
//   v1 (from 2024-01-01): training €12.50/h, tutoring €33.33/h, case management €45/month, combined rate 0.30, deadweight 0.15,
//                         income support 1.0, housing support 0.5, 12 months;
//   v2 (from 2024-06-01, set afterwards): training €14/h, tutoring €30/h, case management €50/month, combined rate 0.33,
//                         deadweight 0.25, income support 0.8, housing support 0.5, 12 months. v2 is the one in force.
//
// Anna, taken in charge on 20 February 2024 (case management: months begun from 20 Feb to 31 Dec, the programme's end = 11);
// plan from 26 February; 30 training hours; an internship 1 March – 10 May with allowances 450.00 + 450.00 + 135.00 (a part
// month) = 1,035.00 and tutoring 1.0 + 0.5 = 1.5 hours; hired on 15 May 2024 at €1,234.57 a month. The 6-month check (18 Nov)
// found her employed, the 12-month one (20 May 2025) did not: the count ends at the 6-month check. Her months run 15 May–14 Jun,
// …, 15 Oct–14 Nov (6 months, each ending by 18 Nov); 15 Nov–14 Dec is not covered in full.
//   Benefits active on 15 May: income support €450 whose entitlement ends on 30 Sep 2024 (mid-horizon: it would have run the
//   months ending 14 Jun, 14 Jul, 14 Aug, 14 Sep = 4) and housing support €183.33, open (6 months). Not counted: housing
//   support €200 that stopped on 30 Apr (before the hire) and child support from 1 Jun (after it).
//   v2: avoided 450.00 × 4 × 0.8 = 1,440.00 + 183.33 × 6 × 0.5 = 549.99 → 1,989.99; fiscal 1,234.57 × 6 × 0.33 = 2,444.4486
//       → 2,444.45; gross 4,434.44; deadweight × 0.25 = 1,108.61; after 3,325.83. Cost: 30 × 14.00 = 420.00 + 1,035.00
//       + 1.5 × 30.00 = 45.00 + 11 × 50.00 = 550.00 → 2,050.00. Net 1,275.83.
//   v1: avoided 450.00 × 4 × 1.0 = 1,800.00 + 549.99 = 2,349.99; fiscal 1,234.57 × 6 × 0.30 = 2,222.226 → 2,222.23 (half
//       away from zero); gross 4,572.22; deadweight × 0.15 = 685.833 → 685.83; after 3,886.39. Cost: 30 × 12.50 = 375.00
//       + 1,035.00 + 1.5 × 33.33 = 49.995 → 50.00 + 11 × 45.00 = 495.00 → 1,955.00. Net 1,931.39.
//   Outcome 26 weeks within 12 months of the plan start: verified employment 15 May – 18 Nov = 188 days, 26 weeks: achieved.
// Bruno, taken in charge on 3 April 2024 (months begun to 31 Dec = 9), 12 training hours, never hired, no plan: costs only.
//   v2: 12 × 14.00 = 168.00 + 9 × 50.00 = 450.00 → cost 618.00, net −618.00. v1: 150.00 + 405.00 = 555.00, net −555.00.

const SECOND_V1: UnitCosts = {
  validFrom: '2024-01-01', trainingHourCents: 1_250, tutoringHourCents: 3_333, caseManagementMonthCents: 4_500, fiscalRate: 0.3, deadweight: 0.15,
  avoidanceRates: [{ kind: 'INCOME_SUPPORT', rate: 1 }, { kind: 'HOUSING_SUPPORT', rate: 0.5 }],
};
const SECOND_V2: UnitCosts = {
  validFrom: '2024-06-01', trainingHourCents: 1_400, tutoringHourCents: 3_000, caseManagementMonthCents: 5_000, fiscalRate: 0.33, deadweight: 0.25,
  avoidanceRates: [{ kind: 'INCOME_SUPPORT', rate: 0.8 }, { kind: 'HOUSING_SUPPORT', rate: 0.5 }],
};

const ANNA: PersonStory = {
  givenName: 'Anna', familyName: 'Calcolata', birthDate: '1987-09-12', sex: 'FEMALE', openedOn: '2024-02-20', planStart: '2024-02-26',
  benefits: [
    { kind: 'INCOME_SUPPORT', monthlyAmountCents: 45_000, startDate: '2023-11-01', entitlementEndDate: '2024-09-30' },
    { kind: 'HOUSING_SUPPORT', monthlyAmountCents: 18_333, startDate: '2024-03-01' },
    { kind: 'HOUSING_SUPPORT', monthlyAmountCents: 20_000, startDate: '2024-01-01', endDate: '2024-04-30' },
    { kind: 'CHILD_SUPPORT', monthlyAmountCents: 12_000, startDate: '2024-06-01' },
  ],
  trainingHours: [30],
  internship: {
    startDate: '2024-03-01', endDate: '2024-05-10', monthlyAllowanceCents: 45_000,
    payments: [['2024-03', 45_000, '2024-04-05'], ['2024-04', 45_000, '2024-05-06'], ['2024-05', 13_500, '2024-06-05']],
    visits: [['2024-03-20', 1], ['2024-04-24', 0.5]],
  },
  hire: { startDate: '2024-05-15', grossMonthlyWageCents: 123_457, followUps: [[6, '2024-11-18', true], [12, '2025-05-20', false]] },
};
const BRUNO: PersonStory = {
  givenName: 'Bruno', familyName: 'Calcolato', birthDate: '1979-02-08', sex: 'MALE', openedOn: '2024-04-03',
  benefits: [{ kind: 'INCOME_SUPPORT', monthlyAmountCents: 40_000, startDate: '2024-01-01' }],
  trainingHours: [12],
};

describe('a second case, computed by hand', () => {
  let programme: LedgerProgramme;
  let anna: WalkedPerson;
  let bruno: WalkedPerson;
  let v1: any;

  beforeAll(async () => {
    programme = await LedgerProgramme.create(net, cast, 'LEDGER-HAND', '2024-01-01', '2024-12-31');
    v1 = await programme.setUnitCosts(SECOND_V1, 'costs-v1');
    await programme.defineOutcome('EMPLOYED_26W_12M', 26, 12, 200_000);
    anna = await programme.walk(ANNA);
    bruno = await programme.walk(BRUNO);
  }, 180_000);

  const annaLine = (version: 1 | 2) => ({
    person: { id: anna.personId, givenName: 'Anna' }, unitCostVersion: version, hired: true, hireDate: '2024-05-15', horizonEnd: '2025-05-14', monthsEmployed: 6,
    hires: [{
      hireId: anna.hireId, startDate: '2024-05-15', plannedEndDate: null, grossMonthlyWageCents: 123_457, followUpIds: anna.followUpIds,
      countedThrough: '2024-11-18', countEndedBy: 'NOT_EMPLOYED_AT_FOLLOW_UP', monthsCounted: 6, fiscalReturnCents: version === 2 ? 244_445 : 222_223,
    }],
    benefits: [
      { benefitId: anna.benefitIds[0], kind: 'INCOME_SUPPORT', monthlyAmountCents: 45_000, startDate: '2023-11-01', entitlementEndDate: '2024-09-30', avoidanceRate: version === 2 ? 0.8 : 1, months: 4, avoidedCents: version === 2 ? 144_000 : 180_000 },
      { benefitId: anna.benefitIds[1], kind: 'HOUSING_SUPPORT', monthlyAmountCents: 18_333, startDate: '2024-03-01', entitlementEndDate: null, avoidanceRate: 0.5, months: 6, avoidedCents: 54_999 },
    ],
    avoidedBenefitsCents: version === 2 ? 198_999 : 234_999,
    fiscalReturnCents: version === 2 ? 244_445 : 222_223,
    grossSavingsCents: version === 2 ? 443_444 : 457_222,
    deadweightCents: version === 2 ? 110_861 : 68_583,
    grossSavingsAfterDeadweightCents: version === 2 ? 332_583 : 388_639,
    training: { attendedHours: 30, hourCostCents: version === 2 ? 1_400 : 1_250, costCents: version === 2 ? 42_000 : 37_500, enrollmentIds: anna.enrollmentIds },
    allowances: { paidCents: 103_500, paymentIds: anna.paymentIds },
    tutoring: { hours: 1.5, hourCostCents: version === 2 ? 3_000 : 3_333, costCents: version === 2 ? 4_500 : 5_000, visitIds: anna.visitIds },
    caseManagement: { months: 11, monthCostCents: version === 2 ? 5_000 : 4_500, costCents: version === 2 ? 55_000 : 49_500, caseIds: [anna.caseId] },
    programmeCostCents: version === 2 ? 205_000 : 195_500,
    netSavingsCents: version === 2 ? 127_583 : 193_139,
    outcomes: [{ outcome: { code: 'EMPLOYED_26W_12M' }, planId: anna.planId, planStartDate: '2024-02-26', weeksEmployed: 26, verified: true, paymentDueCents: 200_000 }],
  });
  const brunoLine = (version: 1 | 2) => ({
    person: { id: bruno.personId, givenName: 'Bruno' }, unitCostVersion: version, hired: false, hireDate: null, horizonEnd: null, monthsEmployed: 0,
    hires: [], benefits: [], avoidedBenefitsCents: 0, fiscalReturnCents: 0, grossSavingsCents: 0, deadweightCents: 0, grossSavingsAfterDeadweightCents: 0,
    training: { attendedHours: 12, hourCostCents: version === 2 ? 1_400 : 1_250, costCents: version === 2 ? 16_800 : 15_000, enrollmentIds: bruno.enrollmentIds },
    allowances: { paidCents: 0, paymentIds: [] },
    tutoring: { hours: 0, hourCostCents: version === 2 ? 3_000 : 3_333, costCents: 0, visitIds: [] },
    caseManagement: { months: 9, monthCostCents: version === 2 ? 5_000 : 4_500, costCents: version === 2 ? 45_000 : 40_500, caseIds: [bruno.caseId] },
    programmeCostCents: version === 2 ? 61_800 : 55_500,
    netSavingsCents: version === 2 ? -61_800 : -55_500,
    outcomes: [{ outcome: { code: 'EMPLOYED_26W_12M' }, planId: null, planStartDate: null, weeksEmployed: 0, verified: false, paymentDueCents: 0 }],
  });
  const byName = (lines: any[]) => [...lines].sort((a, b) => a.person.givenName.localeCompare(b.person.givenName));

  it('computes both lines under version 1', async () => {
    const ledger = await ledgerOf(cast.caseManager, programme);
    expect(ledger.unitCostVersion).toBe(1);
    expect(byName(ledger.lines)).toEqual([annaLine(1), brunoLine(1)]);
  });

  it('supersedes the unit costs with version 2 without rewriting version 1, and names the version each ledger used', async () => {
    const v2 = await programme.setUnitCosts({ ...SECOND_V2 }, 'costs-v2');
    expect(v2).toMatchObject({ version: 2, validFrom: '2024-06-01', fiscalRate: 0.33, deadweight: 0.25, setByOrganisation: { id: cast.socialServices.id } });
    const history = (await net.ok(cast.caseManager, `query($id: ID!) { programme(id: $id) {
      unitCosts { version } unitCostHistory { version validFrom trainingHourCents tutoringHourCents caseManagementMonthCents fiscalRate deadweight horizonMonths
        avoidanceRates { kind rate } setBy setByOrganisation { id } setAt } } }`, { id: programme.id })).programme;
    expect(history.unitCosts).toEqual({ version: 2 });
    expect(history.unitCostHistory).toEqual([v2, v1]);
    // The database itself refuses to change or remove a version.
    const ss = net.network.subgraph('social-services').database.dataSource;
    await expect(ss.query('UPDATE programme_unit_costs SET fiscal_rate_bp = 0 WHERE programme_id = $1', [programme.id])).rejects.toThrow(/append-only/);
    await expect(ss.query('DELETE FROM programme_unit_costs WHERE programme_id = $1', [programme.id])).rejects.toThrow(/append-only/);

    const ledger = await ledgerOf(cast.caseManager, programme);
    expect(ledger.unitCostVersion).toBe(2);
    expect(byName(ledger.lines)).toEqual([annaLine(2), brunoLine(2)]);
    // The earlier version still computes as it did.
    const again = await ledgerOf(cast.caseManager, programme, undefined, 1);
    expect(byName(again.lines)).toEqual([annaLine(1), brunoLine(1)]);
    expect((await ledgerOf(cast.caseManager, programme, anna.personId)).lines).toEqual([annaLine(2)]);
    // A page at a time, in the order of the people's ids.
    const first = await ledgerOf(cast.caseManager, programme, undefined, undefined, { first: 1 });
    expect(first.page).toMatchObject({ totalCount: 2, hasNextPage: true });
    const second = await ledgerOf(cast.caseManager, programme, undefined, undefined, { first: 1, after: first.page.endCursor });
    expect(second.page).toMatchObject({ totalCount: 2, hasNextPage: false });
    expect(byName([...first.lines, ...second.lines])).toEqual([annaLine(2), brunoLine(2)]);
    await refused(cast.caseManager, SAVINGS_LEDGER, { id: programme.id, after: 'not-a-cursor' }, 'BAD_USER_INPUT', 'after');
    await refused(cast.coordinator, SAVINGS, { id: programme.id, version: 9 }, 'BAD_USER_INPUT', 'unitCostVersion');
  });

  it('withholds the coordinator’s totals of two people, and says which version they used', async () => {
    const totals = await savingsOf(cast.coordinator, programme);
    expect(totals).toMatchObject({
      unitCostVersion: 2, peopleInProgramme: null, peopleHired: null, avoidedBenefitsCents: null, fiscalReturnCents: null, grossSavingsCents: null,
      programmeCostCents: null, netSavingsCents: null, benefitCostRatio: null, outcomesVerified: null, outcomePaymentsDueCents: null,
    });
    expect(totals.outcomes).toEqual([{ outcome: { code: 'EMPLOYED_26W_12M', priceCents: 200_000 }, verified: null, paymentsDueCents: null, suppressed: ['verified', 'paymentsDueCents'] }]);
    expect(totals.suppressed).toEqual(expect.arrayContaining(['peopleInProgramme', 'peopleHired', 'netSavingsCents', 'benefitCostRatio', 'outcomesVerified']));
    expect((await savingsOf(cast.coordinator, programme, 1)).unitCostVersion).toBe(1);
  });

  it('writes the case manager’s reads of lines to the access log, as reads of other partners’ records and of benefits', async () => {
    const ss = net.network.subgraph('social-services').database.dataSource;
    await ledgerOf(cast.caseManager, programme, anna.personId);
    const [entry] = await ss.query(
      `SELECT fields, reasons, organisation_id FROM access_log WHERE person_id = $1 AND 'SavingsLine.fiscalReturnCents' = ANY(fields) ORDER BY id DESC LIMIT 1`,
      [anna.personId],
    );
    expect(entry.organisation_id).toBe(cast.socialServices.id);
    expect(entry.fields).toEqual(expect.arrayContaining(['SavingsLine.benefits', 'SavingsLine.hires', 'SavingsLine.avoidedBenefitsCents']));
    expect(entry.reasons.sort()).toEqual(['CROSS_ORGANISATION', 'SENSITIVE']);
  });

  it('refuses lines to everyone but the case managers of the social services holding the person', async () => {
    for (const who of [cast.coordinator, cast.cpiOperator, cast.trainingOperator, cast.networkOperator, cast.companyTutor, asRole('data_protection_officer', cast.socialServices)]) {
      const res = await refused(who, SAVINGS_LEDGER, { id: programme.id }, 'FORBIDDEN');
      expect(res.data?.programme?.savingsLedger ?? null).toBeNull();
      expect(res.errors!.map((e) => e.path?.join('.'))).toEqual(['programme.savingsLedger']);
    }
    // Another social services' case manager holds neither person.
    expect(await ledgerOf(elsewhere.caseManager, programme)).toMatchObject({ lines: [], notShared: 0 });
    // The totals are for the lead body's coordinators only.
    for (const who of [elsewhere.coordinator, cast.caseManager, cast.cpiOperator]) {
      const res = await refused(who, SAVINGS, { id: programme.id }, 'FORBIDDEN');
      expect(res.errors!.map((e) => e.path?.join('.'))).toEqual(['programme.savings']);
    }
    expect((await net.call(null, SAVINGS, { id: programme.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops showing a line once the person’s consent for the lead body is revoked, as the partners’ records it is built from', async () => {
    const consents = (await net.ok(cast.caseManager, 'query($id: ID!) { person(id: $id) { consents { id status organisation { id } } } }', { id: bruno.personId })).person.consents;
    const own = consents.find((c: any) => c.organisation.id === cast.socialServices.id && c.status === 'ACTIVE');
    await net.ok(cast.caseManager, 'mutation($i: RevokeConsentInput!) { revokeConsent(input: $i) { status } }', { i: { consentId: own.id, revokedOn: '2024-12-01' } });
    const ledger = await ledgerOf(cast.caseManager, programme);
    expect(ledger.lines.map((l: any) => l.person.givenName)).toEqual(['Anna']);
    expect(ledger.notShared).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------------

describe('the partners’ facts', () => {
  let programme: LedgerProgramme;

  beforeAll(async () => {
    programme = await LedgerProgramme.create(net, cast, 'LEDGER-FACTS', '2024-01-01', '2024-12-31');
    await programme.setUnitCosts(WORKED_EXAMPLE_COSTS, 'costs-v1');
    await programme.walk(workedExample('Fiamma', '1992-08-08'));
  }, 120_000);

  const FACTS = {
    'employment-centre': 'ledgerEmploymentFacts { seal hires }',
    training: 'ledgerTrainingFacts { seal people }',
    companies: 'ledgerCompanyFacts { seal people }',
  } as const;

  it('cannot be selected by any client, nor seen in the schema', async () => {
    for (const selection of Object.values(FACTS)) {
      const res = await net.call(cast.coordinator, `query($id: ID!) { programme(id: $id) { ${selection} } }`, { id: programme.id });
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const schema = await net.ok(cast.coordinator, `{ programme: __type(name: "Programme") { fields { name } }
      employment: __type(name: "LedgerEmploymentFacts") { name } training: __type(name: "LedgerTrainingFacts") { name } companies: __type(name: "LedgerCompanyFacts") { name } }`);
    expect(schema.programme.fields.map((f: any) => f.name)).toEqual(expect.arrayContaining(['savings', 'savingsLedger', 'unitCosts']));
    expect(schema.programme.fields.map((f: any) => f.name).filter((n: string) => n.startsWith('ledger'))).toEqual([]);
    expect([schema.employment, schema.training, schema.companies]).toEqual([null, null, null]);
  });

  it('are refused to a direct call that does not carry the gateway’s token', async () => {
    const token = await net.token(cast.coordinator);
    for (const [subgraph, selection] of Object.entries(FACTS)) {
      const url = net.network.subgraph(subgraph).server.url;
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { ${selection} } } }`;
      const variables = { r: [{ __typename: 'Programme', id: programme.id }] };
      for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
        const res = await postGraphQL(url, query, variables, headers);
        expect({ subgraph, status: res.status, data: res.data ?? null }).toEqual({ subgraph, status: 401, data: null });
      }
    }
  });

  it('compute nothing in social services when a representation’s facts are forged, altered or replayed', async () => {
    const who = cast.coordinator;
    const requestId = testRequestId();
    // What the gateway does: each partner's facts, for this caller and request…
    const facts: Record<string, unknown> = {};
    for (const [subgraph, selection] of Object.entries(FACTS)) {
      const token = await gatewayToken(net.env.dataDir, who, subgraph, requestId);
      const res = await postGraphQL<any>(net.network.subgraph(subgraph).server.url, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { ${selection} } } }`,
        { r: [{ __typename: 'Programme', id: programme.id }] }, { authorization: `Bearer ${token}` });
      Object.assign(facts, res.data!._entities[0]);
    }
    const social = async (representation: Record<string, unknown>, rid: string) => postGraphQL<any>(
      net.network.subgraph('social-services').server.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { savings { unitCostVersion programmeCostCents suppressed } } } }`,
      { r: [{ __typename: 'Programme', id: programme.id, ...representation }] },
      { authorization: `Bearer ${await gatewayToken(net.env.dataDir, who, 'social-services', rid)}` },
    );
    // …then social services with them: the facts as sealed compute (one person: the money is withheld, not refused).
    const genuine = await social(facts, requestId);
    expect(genuine.errors).toBeUndefined();
    expect(genuine.data._entities[0].savings).toMatchObject({ unitCostVersion: 1, programmeCostCents: null });

    // Each partner's facts travel packed, one JSON row per hire or person, under its seal.
    const employment = facts.ledgerEmploymentFacts as { seal: string; hires: string };
    const training = facts.ledgerTrainingFacts as { seal: string; people: string };
    const hires = JSON.parse(employment.hires) as unknown[][];
    expect(hires).toEqual([[expect.any(String), expect.any(String), '2024-08-01', null, 140_000, [[expect.any(String), 6, '2025-02-03', true], [expect.any(String), 12, '2025-08-04', true]]]]);
    const forged = [
      // No seal at all.
      { ...facts, ledgerEmploymentFacts: { ...employment, seal: null } },
      // The seal of other facts: a higher wage.
      { ...facts, ledgerEmploymentFacts: { ...employment, hires: JSON.stringify(hires.map(([id, person, start, end, wage, checks]) => [id, person, start, end, (wage as number) * 10, checks])) } },
      // A person added.
      { ...facts, ledgerTrainingFacts: { ...training, people: JSON.stringify([...JSON.parse(training.people), [hires[0]![1], 1, []]]) } },
      // Another partner's seal.
      { ...facts, ledgerTrainingFacts: { ...training, seal: employment.seal } },
      // One partner's facts missing.
      { ledgerEmploymentFacts: employment, ledgerTrainingFacts: training },
    ];
    for (const representation of forged) {
      const res = await social(representation, requestId);
      expect(res.data?._entities?.[0]?.savings ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // The genuine facts, replayed in another request.
    const replayed = await social(facts, testRequestId());
    expect(replayed.data?._entities?.[0]?.savings ?? null).toBeNull();
    expect(replayed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('are given by no partner to callers social services would not show the ledger', async () => {
    const requestId = testRequestId();
    for (const [subgraph, selection] of Object.entries(FACTS)) {
      const token = await gatewayToken(net.env.dataDir, cast.cpiOperator, subgraph, requestId);
      const res = await postGraphQL<any>(net.network.subgraph(subgraph).server.url, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { ${selection} } } }`,
        { r: [{ __typename: 'Programme', id: programme.id }] }, { authorization: `Bearer ${token}` });
      expect({ subgraph, facts: Object.values(res.data!._entities[0])[0] }).toEqual({ subgraph, facts: null });
    }
    // Through the gateway the caller learns only that the ledger is not theirs.
    const res = await net.call(cast.cpiOperator, SAVINGS, { id: programme.id });
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['programme.savings', 'FORBIDDEN']]);
  });
});

// ------------------------------------------------------------------------------------------------

describe('setting the unit costs and outcomes', () => {
  let programme: LedgerProgramme;
  const ss = () => net.network.subgraph('social-services').database.dataSource;
  const versions = async () => Number((await ss().query('SELECT count(*) AS n FROM programme_unit_costs WHERE programme_id = $1', [programme.id]))[0].n);

  beforeAll(async () => {
    programme = await LedgerProgramme.create(net, cast, 'LEDGER-SETTINGS', '2024-01-01', '2024-12-31');
  }, 60_000);

  const set = (costs: Partial<UnitCosts>, extra: Record<string, unknown> = {}) => ({ i: { programmeId: programme.id, ...WORKED_EXAMPLE_COSTS, ...costs, ...extra } });
  const SET = 'mutation($i: SetProgrammeUnitCostsInput!, $key: String) { setProgrammeUnitCosts(input: $i, idempotencyKey: $key) { version } }';

  it('checks every setting, on its field, and writes nothing it refuses', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ fiscalRate: 1.2 }, 'input.fiscalRate'],
      [{ deadweight: -0.1 }, 'input.deadweight'],
      [{ deadweight: 0.123_45 }, 'input.deadweight'],
      [{ avoidanceRates: [{ kind: 'INCOME_SUPPORT', rate: 1 }, { kind: 'INCOME_SUPPORT', rate: 0.5 }] }, 'input.avoidanceRates.1.kind'],
      [{ avoidanceRates: [{ kind: 'HOUSING_SUPPORT', rate: 2 }] }, 'input.avoidanceRates.0.rate'],
      [{ trainingHourCents: -1 }, 'input.trainingHourCents'],
      [{ horizonMonths: 0 }, 'input.horizonMonths'],
    ];
    for (const [bad, field] of cases) await refused(cast.coordinator, SET, set(bad), 'BAD_USER_INPUT', field);
    expect(await versions()).toBe(0);
  });

  it('is for the coordinators of the programme’s lead body', async () => {
    await refused(elsewhere.coordinator, SET, set({}), 'FORBIDDEN');
    await refused(cast.caseManager, SET, set({}), 'FORBIDDEN');
    expect(await versions()).toBe(0);
  });

  it('numbers versions in order, refuses a stale expectedVersion and an earlier validFrom, and answers a retry with the first version', async () => {
    expect((await net.ok(cast.coordinator, SET, { ...set({}, { expectedVersion: 0 }), key: 'settings-v1' })).setProgrammeUnitCosts.version).toBe(1);
    expect((await net.ok(cast.coordinator, SET, { ...set({}, { expectedVersion: 0 }), key: 'settings-v1' })).setProgrammeUnitCosts.version).toBe(1);
    await refused(cast.coordinator, SET, { ...set({ fiscalRate: 0.3 }), key: 'settings-v1' }, 'IDEMPOTENCY_KEY_REUSED');
    await refused(cast.coordinator, SET, set({ fiscalRate: 0.3 }, { expectedVersion: 0 }), 'CONFLICT', 'input.expectedVersion');
    await refused(cast.coordinator, SET, set({ validFrom: '2023-12-31' }), 'BAD_USER_INPUT', 'input.validFrom');
    expect((await net.ok(cast.coordinator, SET, set({ fiscalRate: 0.3, validFrom: '2024-03-01' }, { expectedVersion: 1 }))).setProgrammeUnitCosts.version).toBe(2);
    expect(await versions()).toBe(2);
  });

  it('defines an outcome once per code', async () => {
    const outcome = await programme.defineOutcome('EMPLOYED_26W_12M', 26, 12, 200_000);
    expect(outcome).toMatchObject({ code: 'EMPLOYED_26W_12M', minWeeksEmployed: 26, withinMonthsOfPlanStart: 12, priceCents: 200_000 });
    const DEFINE = 'mutation($i: DefineProgrammeOutcomeInput!) { defineProgrammeOutcome(input: $i) { id } }';
    const input = { programmeId: programme.id, code: 'EMPLOYED_26W_12M', name: 'Again', minWeeksEmployed: 10, withinMonthsOfPlanStart: 6, priceCents: 1 };
    await refused(cast.coordinator, DEFINE, { i: input }, 'CONFLICT', 'input.code');
    await refused(cast.coordinator, DEFINE, { i: { ...input, code: 'lower case' } }, 'BAD_USER_INPUT', 'input.code');
    await refused(elsewhere.coordinator, DEFINE, { i: { ...input, code: 'OTHER' } }, 'FORBIDDEN');
    // Partners read the settings; who set them, their own organisation only.
    const SETTINGS = 'query($id: ID!) { programme(id: $id) { outcomeDefinitions { code definedBy } unitCosts { version fiscalRate setBy setByOrganisation { id } } } }';
    const read = await net.call(cast.cpiOperator, SETTINGS, { id: programme.id });
    expect(read.data!.programme).toEqual({
      outcomeDefinitions: [{ code: 'EMPLOYED_26W_12M', definedBy: null }], unitCosts: { version: 2, fiscalRate: 0.3, setBy: null, setByOrganisation: { id: cast.socialServices.id } },
    });
    expect(read.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['programme.outcomeDefinitions.0.definedBy', 'FORBIDDEN'], ['programme.unitCosts.setBy', 'FORBIDDEN'],
    ]);
    const own = (await net.ok(cast.coordinator, SETTINGS, { id: programme.id })).programme;
    expect([own.outcomeDefinitions[0].definedBy, own.unitCosts.setBy]).toEqual([cast.coordinator.subject, cast.coordinator.subject]);
  });
});

