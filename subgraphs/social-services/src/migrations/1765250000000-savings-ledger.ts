import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The savings ledger's settings per programme: versioned unit costs (a new version supersedes the
 * last, none is changed or removed: the database refuses it) and the outcomes the programme pays
 * for; and, on benefits, the end of the entitlement, when the support would have stopped without work.
 */
export class SavingsLedger1765250000000 implements MigrationInterface {
  name = 'SavingsLedger1765250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_unit_costs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programme(id),
        version int NOT NULL CHECK (version >= 1),
        valid_from date NOT NULL,
        training_hour_cents int NOT NULL CHECK (training_hour_cents >= 0),
        tutoring_hour_cents int NOT NULL CHECK (tutoring_hour_cents >= 0),
        case_management_month_cents int NOT NULL CHECK (case_management_month_cents >= 0),
        fiscal_rate_bp int NOT NULL CHECK (fiscal_rate_bp BETWEEN 0 AND 10000),
        deadweight_bp int NOT NULL CHECK (deadweight_bp BETWEEN 0 AND 10000),
        horizon_months int NOT NULL CHECK (horizon_months BETWEEN 1 AND 60),
        avoidance_rates_bp jsonb NOT NULL,
        set_by_subject varchar(300) NOT NULL,
        set_by_organisation_id uuid NOT NULL REFERENCES organisation(id),
        set_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (programme_id, version)
      )`);
    await q.query(`
      CREATE TABLE programme_outcome (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programme(id),
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        min_weeks_employed int NOT NULL CHECK (min_weeks_employed BETWEEN 1 AND 520),
        within_months_of_plan_start int NOT NULL CHECK (within_months_of_plan_start BETWEEN 1 AND 120),
        price_cents int NOT NULL CHECK (price_cents >= 0),
        defined_by_subject varchar(300) NOT NULL,
        defined_by_organisation_id uuid NOT NULL REFERENCES organisation(id),
        defined_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (programme_id, code)
      )`);
    // What a ledger was computed with stays as it was: a change is a new version, or a new outcome.
    await q.query(`
      CREATE FUNCTION ledger_settings_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: set a new version instead', TG_TABLE_NAME;
      END $$`);
    for (const table of ['programme_unit_costs', 'programme_outcome']) {
      await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ledger_settings_are_append_only()`);
    }
    await q.query('ALTER TABLE benefit ADD COLUMN entitlement_end_date date, ADD CHECK (entitlement_end_date IS NULL OR entitlement_end_date >= start_date)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE benefit DROP COLUMN entitlement_end_date');
    await q.query('DROP TABLE programme_outcome');
    await q.query('DROP TABLE programme_unit_costs');
    await q.query('DROP FUNCTION ledger_settings_are_append_only');
  }
}
