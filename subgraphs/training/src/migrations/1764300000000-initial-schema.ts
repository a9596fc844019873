import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable } from '@intreccio/shared';

export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createIdempotencyTable(q);
    await q.query(`
      CREATE TABLE training_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        organisation_id uuid NOT NULL UNIQUE,
        accreditation_code varchar(30) NOT NULL UNIQUE,
        municipality_code char(4) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query('CREATE INDEX training_provider_name ON training_provider (name, id)');
    await q.query(`
      CREATE TABLE course (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES training_provider(id),
        title varchar(200) NOT NULL,
        kind varchar(30) NOT NULL CHECK (kind IN ('WORKPLACE_SAFETY','HACCP','PROFESSIONAL','LANGUAGE','DIGITAL','SOFT_SKILLS','SELF_EMPLOYMENT_LAB')),
        hours int NOT NULL CHECK (hours BETWEEN 1 AND 2000),
        description text NOT NULL DEFAULT '',
        skills_taught varchar(200)[] NOT NULL DEFAULT '{}',
        cost_per_hour_cents int NOT NULL CHECK (cost_per_hour_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        UNIQUE (provider_id, title)
      )`);
    await q.query('CREATE INDEX course_title_order ON course (title, id)');
    await q.query('CREATE INDEX course_kind ON course (kind)');
    // Skill.courses looks courses up by any of the skills they teach.
    await q.query('CREATE INDEX course_skills_taught ON course USING gin (skills_taught)');
    await q.query(`
      CREATE TABLE course_edition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES course(id),
        programme_id uuid,
        start_date date NOT NULL,
        end_date date NOT NULL,
        seats int NOT NULL CHECK (seats BETWEEN 1 AND 500),
        municipality_code char(4) NOT NULL,
        venue varchar(200) NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('SCHEDULED','RUNNING','COMPLETED','CANCELLED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (end_date >= start_date)
      )`);
    await q.query('CREATE INDEX course_edition_course ON course_edition (course_id, start_date)');
    await q.query('CREATE INDEX course_edition_programme ON course_edition (programme_id)');
    await q.query('CREATE INDEX course_edition_start ON course_edition (start_date, id)');
    await q.query('CREATE INDEX course_edition_municipality ON course_edition (municipality_code)');
    await q.query(`
      CREATE TABLE enrollment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        edition_id uuid NOT NULL REFERENCES course_edition(id),
        status varchar(20) NOT NULL CHECK (status IN ('ENROLLED','ATTENDING','COMPLETED','WITHDRAWN')),
        enrolled_on date NOT NULL,
        attended_hours int NOT NULL DEFAULT 0 CHECK (attended_hours >= 0),
        completed_on date,
        withdrawn_on date,
        withdrawal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL)),
        CHECK ((status = 'WITHDRAWN') = (withdrawn_on IS NOT NULL AND withdrawal_reason IS NOT NULL)),
        CHECK (completed_on IS NULL OR completed_on >= enrolled_on),
        CHECK (withdrawn_on IS NULL OR withdrawn_on >= enrolled_on),
        CHECK (status <> 'ENROLLED' OR attended_hours = 0),
        CHECK (status <> 'ATTENDING' OR attended_hours > 0)
      )`);
    // A person holds at most one seat in an edition; a withdrawal frees it.
    await q.query("CREATE UNIQUE INDEX enrollment_live_per_edition ON enrollment (person_id, edition_id) WHERE status <> 'WITHDRAWN'");
    await q.query('CREATE INDEX enrollment_person ON enrollment (person_id)');
    await q.query('CREATE INDEX enrollment_edition ON enrollment (edition_id, status)');
    await q.query('CREATE INDEX enrollment_programme ON enrollment (programme_id, status)');
    await q.query('CREATE INDEX enrollment_order ON enrollment (enrolled_on, id)');
    await q.query(`
      CREATE TABLE certification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        enrollment_id uuid REFERENCES enrollment(id),
        provider_id uuid NOT NULL REFERENCES training_provider(id),
        kind varchar(30) NOT NULL CHECK (kind IN ('ATTENDANCE','COMPETENCE_CERTIFICATION','QUALIFICATION')),
        title varchar(300) NOT NULL,
        issued_on date NOT NULL,
        certified_skills varchar(200)[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // One certificate of each kind per completed enrolment.
    await q.query('CREATE UNIQUE INDEX certification_per_enrollment ON certification (enrollment_id, kind) WHERE enrollment_id IS NOT NULL');
    await q.query('CREATE INDEX certification_person ON certification (person_id)');
    await q.query('CREATE INDEX certification_programme ON certification (programme_id)');
    await q.query('CREATE INDEX certification_provider ON certification (provider_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['certification', 'enrollment', 'course_edition', 'course', 'training_provider', 'idempotency_key']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
