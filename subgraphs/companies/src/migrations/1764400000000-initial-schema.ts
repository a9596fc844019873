import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable } from '@intreccio/shared';

export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await createIdempotencyTable(q);
    // For the exclusion constraint that keeps one person's live internships apart (uuid equality in a GiST index).
    // A trusted extension since PostgreSQL 13: the database owner may create it.
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      CREATE TABLE company (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        vat_number char(11) NOT NULL CHECK (vat_number ~ '^[0-9]{11}$'),
        ateco_code varchar(8) NOT NULL,
        size_class varchar(10) NOT NULL CHECK (size_class IN ('MICRO','SMALL','MEDIUM','LARGE')),
        municipality_code char(4) NOT NULL,
        social_cooperative_type_b boolean NOT NULL DEFAULT false,
        listed_in_directory boolean NOT NULL DEFAULT false,
        solidarity_network_member boolean NOT NULL DEFAULT false,
        organisation_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query('CREATE UNIQUE INDEX company_vat_number ON company (vat_number)');
    // One company record per registry organisation, so its staff's sign-in points at one company.
    await q.query('CREATE UNIQUE INDEX company_organisation ON company (organisation_id) WHERE organisation_id IS NOT NULL');
    await q.query('CREATE INDEX company_name_order ON company (name, id)');
    await q.query('CREATE INDEX company_municipality ON company (municipality_code)');
    // Prefix searches on the ATECO code (a division, a group, a class) whatever the collation.
    await q.query('CREATE INDEX company_ateco ON company (ateco_code varchar_pattern_ops)');

    await q.query(`
      CREATE TABLE company_tutor (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES company(id),
        name varchar(200) NOT NULL,
        role varchar(200) NOT NULL,
        email varchar(200),
        phone varchar(40),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query('CREATE INDEX company_tutor_company ON company_tutor (company_id)');

    await q.query(`
      CREATE TABLE scouting_visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES company(id),
        programme_id uuid NOT NULL,
        visited_on date NOT NULL,
        operator_name varchar(200) NOT NULL,
        outcome varchar(20) NOT NULL CHECK (outcome IN ('INTERESTED','NOT_INTERESTED','FOLLOW_UP_NEEDED')),
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX scouting_visit_company ON scouting_visit (company_id)');
    await q.query('CREATE INDEX scouting_visit_order ON scouting_visit (visited_on, id)');
    await q.query('CREATE INDEX scouting_visit_programme ON scouting_visit (programme_id, visited_on)');

    await q.query(`
      CREATE TABLE opportunity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES company(id),
        programme_id uuid NOT NULL,
        scouting_visit_id uuid NOT NULL REFERENCES scouting_visit(id),
        found_on date NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('DIRECT_HIRE','INTERNSHIP','INDIRECT')),
        occupation_uri varchar(200),
        positions int NOT NULL CHECK (positions >= 1),
        status varchar(10) NOT NULL CHECK (status IN ('OPEN','FILLED','CLOSED')),
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (kind = 'INDIRECT' OR occupation_uri IS NOT NULL)
      )`);
    await q.query('CREATE INDEX opportunity_company ON opportunity (company_id)');
    await q.query('CREATE INDEX opportunity_visit ON opportunity (scouting_visit_id)');
    await q.query('CREATE INDEX opportunity_order ON opportunity (found_on, id)');
    await q.query('CREATE INDEX opportunity_programme ON opportunity (programme_id, status)');

    await q.query(`
      CREATE TABLE internship_rules (
        programme_id uuid PRIMARY KEY,
        allowance_min_cents int NOT NULL CHECK (allowance_min_cents >= 0),
        allowance_max_cents int NOT NULL,
        min_weekly_hours int NOT NULL CHECK (min_weekly_hours >= 1),
        max_weekly_hours int NOT NULL CHECK (max_weekly_hours <= 48),
        max_months int NOT NULL CHECK (max_months BETWEEN 1 AND 36),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (allowance_max_cents >= allowance_min_cents),
        CHECK (max_weekly_hours >= min_weekly_hours)
      )`);

    await q.query(`
      CREATE TABLE internship (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        promoter_organisation_id uuid NOT NULL,
        company_id uuid NOT NULL REFERENCES company(id),
        company_tutor_id uuid NOT NULL REFERENCES company_tutor(id),
        promoter_tutor_name varchar(200) NOT NULL,
        opportunity_id uuid REFERENCES opportunity(id),
        occupation_uri varchar(200),
        start_date date NOT NULL,
        end_date date NOT NULL,
        weekly_hours int NOT NULL CHECK (weekly_hours BETWEEN 1 AND 48),
        monthly_allowance_cents int NOT NULL CHECK (monthly_allowance_cents >= 0),
        status varchar(20) NOT NULL CHECK (status IN ('PLANNED','ACTIVE','SUSPENDED','COMPLETED','INTERRUPTED')),
        outcome varchar(20) CHECK (outcome IN ('HIRED','NOT_HIRED','ENDED_EARLY')),
        started_on date,
        interrupted_on date,
        interruption_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (end_date >= start_date),
        CHECK ((status IN ('COMPLETED','INTERRUPTED')) = (outcome IS NOT NULL)),
        CHECK ((status = 'INTERRUPTED') = (interrupted_on IS NOT NULL AND interruption_reason IS NOT NULL)),
        CHECK (status IN ('PLANNED','INTERRUPTED') OR started_on IS NOT NULL),
        CHECK (started_on IS NULL OR started_on BETWEEN start_date AND end_date),
        -- A person is in one internship at a time: live internships of one person never share a day.
        CONSTRAINT internship_no_overlap EXCLUDE USING gist (person_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
          WHERE (status IN ('PLANNED','ACTIVE','SUSPENDED'))
      )`);
    await q.query('CREATE INDEX internship_person ON internship (person_id)');
    await q.query('CREATE INDEX internship_company ON internship (company_id)');
    await q.query('CREATE INDEX internship_tutor ON internship (company_tutor_id, status)');
    await q.query('CREATE INDEX internship_opportunity ON internship (opportunity_id) WHERE opportunity_id IS NOT NULL');
    await q.query('CREATE INDEX internship_programme ON internship (programme_id, status)');
    await q.query('CREATE INDEX internship_order ON internship (start_date, id)');

    await q.query(`
      CREATE TABLE allowance_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        internship_id uuid NOT NULL REFERENCES internship(id),
        programme_id uuid NOT NULL,
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount_cents int NOT NULL CHECK (amount_cents > 0),
        paid_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- An allowance is paid once per month.
        CONSTRAINT allowance_payment_once_a_month UNIQUE (internship_id, month)
      )`);
    await q.query('CREATE INDEX allowance_payment_programme ON allowance_payment (programme_id)');

    await q.query(`
      CREATE TABLE tutoring_visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        internship_id uuid NOT NULL REFERENCES internship(id),
        programme_id uuid NOT NULL,
        visited_on date NOT NULL,
        tutor_kind varchar(20) NOT NULL CHECK (tutor_kind IN ('COMPANY_TUTOR','PROMOTER_TUTOR')),
        hours numeric(4,2) NOT NULL CHECK (hours > 0 AND hours <= 8),
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX tutoring_visit_internship ON tutoring_visit (internship_id, visited_on)');
    await q.query('CREATE INDEX tutoring_visit_programme ON tutoring_visit (programme_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['tutoring_visit', 'allowance_payment', 'internship', 'internship_rules', 'opportunity', 'scouting_visit', 'company_tutor', 'company', 'idempotency_key']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
