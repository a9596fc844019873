import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable } from '@intreccio/shared';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await createIdempotencyTable(q);
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        kind varchar(40) NOT NULL CHECK (kind IN ('SOCIAL_SERVICES','EMPLOYMENT_CENTRE','TRAINING_PROVIDER','COMPANY_NETWORK','COMPANY')),
        municipality_code char(4) NOT NULL,
        tax_code varchar(16),
        email varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE programme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        lead_organisation_id uuid NOT NULL REFERENCES organisation(id),
        territory char(4)[] NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
        allowance_min_cents int NOT NULL CHECK (allowance_min_cents >= 0),
        allowance_max_cents int NOT NULL,
        internship_max_weekly_hours int NOT NULL CHECK (internship_max_weekly_hours BETWEEN 1 AND 48),
        referral_response_days int NOT NULL CHECK (referral_response_days > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (end_date >= start_date),
        CHECK (allowance_max_cents >= allowance_min_cents)
      )`);
    await q.query(`
      CREATE TABLE programme_partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programme(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        role varchar(200) NOT NULL DEFAULT '',
        joined_on date NOT NULL,
        UNIQUE (programme_id, organisation_id)
      )`);
    await q.query('CREATE INDEX programme_partner_organisation ON programme_partner (organisation_id)');
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fiscal_code varchar(16),
        given_name varchar(100) NOT NULL,
        family_name varchar(100) NOT NULL,
        birth_date date NOT NULL,
        sex varchar(6) NOT NULL CHECK (sex IN ('FEMALE','MALE')),
        birth_place_code char(4) NOT NULL,
        residence_municipality_code char(4) NOT NULL,
        email varchar(200),
        phone varchar(40),
        target_groups varchar(40)[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // A fiscal code identifies one person, but it is data and may be missing (not yet assigned).
    await q.query('CREATE UNIQUE INDEX person_fiscal_code ON person (fiscal_code) WHERE fiscal_code IS NOT NULL');
    await q.query('CREATE INDEX person_name_order ON person (family_name, given_name, id)');
    await q.query('CREATE INDEX person_residence ON person (residence_municipality_code)');
    await q.query('CREATE INDEX person_target_groups ON person USING gin (target_groups)');
    await q.query(`
      CREATE TABLE case_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        programme_id uuid NOT NULL REFERENCES programme(id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation(id),
        status varchar(20) NOT NULL CHECK (status IN ('OPEN','SUSPENDED','CLOSED')),
        opened_on date NOT NULL,
        closed_on date,
        closure_reason varchar(30),
        case_manager_name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL)),
        CHECK (closed_on IS NULL OR closed_on >= opened_on)
      )`);
    // One case per person and programme may be live at a time.
    await q.query("CREATE UNIQUE INDEX case_live_per_programme ON case_file (person_id, programme_id) WHERE status <> 'CLOSED'");
    await q.query('CREATE INDEX case_person ON case_file (person_id)');
    await q.query('CREATE INDEX case_programme ON case_file (programme_id, status)');
    await q.query(`
      CREATE TABLE case_team_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        role varchar(40) NOT NULL,
        operator_name varchar(200) NOT NULL,
        joined_on date NOT NULL,
        left_on date,
        CHECK (left_on IS NULL OR left_on >= joined_on)
      )`);
    await q.query('CREATE INDEX case_team_case ON case_team_member (case_id)');
    await q.query('CREATE INDEX case_team_organisation ON case_team_member (organisation_id)');
    await q.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        purpose varchar(30) NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('ACTIVE','REVOKED')),
        given_on date NOT NULL,
        revoked_on date,
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'REVOKED') = (revoked_on IS NOT NULL))
      )`);
    await q.query("CREATE UNIQUE INDEX consent_active ON consent (person_id, organisation_id, purpose) WHERE status = 'ACTIVE'");
    await q.query('CREATE INDEX consent_person ON consent (person_id)');
    await q.query(`
      CREATE TABLE assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file(id),
        assessed_on date NOT NULL,
        scores jsonb NOT NULL,
        employability_level varchar(20) NOT NULL,
        notes text NOT NULL DEFAULT '',
        author_ids uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX assessment_case ON assessment (case_id, assessed_on)');
    await q.query(`
      CREATE TABLE personal_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file(id),
        assessment_id uuid REFERENCES assessment(id),
        status varchar(20) NOT NULL CHECK (status IN ('DRAFT','SIGNED','COMPLETED','CANCELLED')),
        goals text NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        signed_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (end_date >= start_date),
        CHECK (status = 'DRAFT' OR status = 'CANCELLED' OR signed_on IS NOT NULL)
      )`);
    await q.query("CREATE UNIQUE INDEX plan_live_per_case ON personal_plan (case_id) WHERE status IN ('DRAFT','SIGNED')");
    await q.query('CREATE INDEX plan_case ON personal_plan (case_id)');
    await q.query(`
      CREATE TABLE plan_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES personal_plan(id),
        position int NOT NULL,
        kind varchar(30) NOT NULL,
        owner_organisation_id uuid NOT NULL REFERENCES organisation(id),
        description text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL CHECK (status IN ('PLANNED','IN_PROGRESS','DONE','CANCELLED')),
        planned_start date,
        planned_end date,
        version int NOT NULL DEFAULT 1,
        UNIQUE (plan_id, position),
        CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
      )`);
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file(id),
        person_id uuid NOT NULL REFERENCES person(id),
        programme_id uuid NOT NULL REFERENCES programme(id),
        from_organisation_id uuid NOT NULL REFERENCES organisation(id),
        to_organisation_id uuid NOT NULL REFERENCES organisation(id),
        plan_step_id uuid REFERENCES plan_step(id),
        reason text NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('SENT','ACCEPTED','DECLINED','COMPLETED','CANCELLED')),
        sent_at timestamptz NOT NULL,
        responded_at timestamptz,
        decline_reason text,
        first_contact_at timestamptz,
        completed_at timestamptz,
        outcome text,
        version int NOT NULL DEFAULT 1,
        CHECK (from_organisation_id <> to_organisation_id)
      )`);
    await q.query('CREATE INDEX referral_person ON referral (person_id)');
    await q.query('CREATE INDEX referral_case ON referral (case_id)');
    await q.query('CREATE INDEX referral_to ON referral (to_organisation_id, status)');
    await q.query('CREATE INDEX referral_programme ON referral (programme_id, status)');
    await q.query(`
      CREATE TABLE benefit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        paying_organisation_id uuid NOT NULL REFERENCES organisation(id),
        kind varchar(30) NOT NULL,
        monthly_amount_cents int NOT NULL CHECK (monthly_amount_cents > 0),
        start_date date NOT NULL,
        end_date date,
        version int NOT NULL DEFAULT 1,
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query('CREATE INDEX benefit_person ON benefit (person_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['benefit', 'referral', 'plan_step', 'personal_plan', 'assessment', 'consent', 'case_team_member', 'case_file', 'person', 'programme_partner', 'programme', 'organisation', 'idempotency_key']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
