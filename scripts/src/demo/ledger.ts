import type { LedgerSettings } from '@intreccio/social-services';
import type { QueryRunner } from 'typeorm';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES } from './demo-network';
import { deterministicUuid } from './ids';

/**
 * The savings ledger's first settings for each demo programme: unit costs (version 1, in force from
 * the programme's start) and the outcome it pays for, as the lead body's coordinator would set them
 * with `setProgrammeUnitCosts` and `defineProgrammeOutcome`. Rates in basis points (10,000 = 1).
 */
export type DemoLedgerSettings = Omit<LedgerSettings, 'version'> & {
  outcome: { code: string; name: string; minWeeksEmployed: number; withinMonthsOfPlanStart: number; priceCents: number };
};

export const DEMO_LEDGER: Readonly<Record<string, DemoLedgerSettings>> = {
  PROGRESSIVE2: {
    trainingHourCents: 1_500,
    tutoringHourCents: 3_000,
    caseManagementMonthCents: 5_000,
    fiscalRateBp: 3_300,
    deadweightBp: 2_000,
    horizonMonths: 12,
    // Work replaces income and emergency support; housing support halves; child and disability support stay.
    avoidanceRatesBp: { INCOME_SUPPORT: 10_000, HOUSING_SUPPORT: 5_000, EMERGENCY_SUPPORT: 10_000, OTHER: 5_000 },
    outcome: { code: 'EMPLOYED_26W_12M', name: 'Employed at least 26 weeks within 12 months of the plan start', minWeeksEmployed: 26, withinMonthsOfPlanStart: 12, priceCents: 250_000 },
  },
  FLORWORK: {
    trainingHourCents: 1_800,
    tutoringHourCents: 3_200,
    caseManagementMonthCents: 5_500,
    fiscalRateBp: 3_300,
    deadweightBp: 2_500,
    horizonMonths: 12,
    avoidanceRatesBp: { INCOME_SUPPORT: 10_000, HOUSING_SUPPORT: 5_000, EMERGENCY_SUPPORT: 10_000, CHILD_SUPPORT: 2_500 },
    outcome: { code: 'EMPLOYED_26W_24M', name: 'Employed at least 26 weeks within 24 months of the plan start', minWeeksEmployed: 26, withinMonthsOfPlanStart: 24, priceCents: 300_000 },
  },
};

/** Writes each demo programme's first unit costs and its outcome (social services' database). */
export async function insertDemoLedgerSettings(runner: QueryRunner): Promise<void> {
  for (const p of DEMO_PROGRAMMES) {
    const s = DEMO_LEDGER[p.code];
    if (!s) continue;
    const lead = DEMO_ORGANISATIONS.find((o) => o.key === p.leadOrganisationKey)!;
    const by = `coordinator@${lead.key}`;
    const at = `${p.startDate}T08:00:00.000Z`;
    await runner.query(
      `INSERT INTO programme_unit_costs (id, programme_id, version, valid_from, training_hour_cents, tutoring_hour_cents, case_management_month_cents,
         fiscal_rate_bp, deadweight_bp, horizon_months, avoidance_rates_bp, set_by_subject, set_by_organisation_id, set_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        deterministicUuid('unit-costs', `${p.code}/1`), p.id, p.startDate, s.trainingHourCents, s.tutoringHourCents, s.caseManagementMonthCents,
        s.fiscalRateBp, s.deadweightBp, s.horizonMonths, JSON.stringify(s.avoidanceRatesBp), by, lead.id, at,
      ],
    );
    await runner.query(
      `INSERT INTO programme_outcome (id, programme_id, code, name, min_weeks_employed, within_months_of_plan_start, price_cents,
         defined_by_subject, defined_by_organisation_id, defined_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        deterministicUuid('programme-outcome', `${p.code}/${s.outcome.code}`), p.id, s.outcome.code, s.outcome.name, s.outcome.minWeeksEmployed,
        s.outcome.withinMonthsOfPlanStart, s.outcome.priceCents, by, lead.id, at,
      ],
    );
  }
}
