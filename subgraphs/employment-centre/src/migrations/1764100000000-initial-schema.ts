import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable } from '@intreccio/shared';
import {
  CONTRACT_TYPES, DRIVING_LICENCES, ISCED_LEVELS, ORIENTATION_SESSION_KINDS, PROFILING_CLASSES, SKILL_LEVELS, SKILL_SOURCES, WORK_SHIFTS,
} from '../common/enums';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await createIdempotencyTable(q);
    await q.query(`
      CREATE TABLE job_seeker_profile (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        employment_centre_id uuid NOT NULL,
        registered_on date NOT NULL,
        profiling_class varchar(20) NOT NULL CHECK (profiling_class IN (${list(PROFILING_CLASSES)})),
        education_level varchar(40) NOT NULL CHECK (education_level IN (${list(ISCED_LEVELS)})),
        languages jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
        driving_licences varchar(10)[] NOT NULL DEFAULT '{}' CHECK (driving_licences <@ ARRAY[${list(DRIVING_LICENCES)}]::varchar(10)[]),
        weekly_hours int NOT NULL CHECK (weekly_hours BETWEEN 1 AND 48),
        shifts varchar(20)[] NOT NULL DEFAULT '{}' CHECK (shifts <@ ARRAY[${list(WORK_SHIFTS)}]::varchar(20)[]),
        mobility_radius_km int NOT NULL CHECK (mobility_radius_km BETWEEN 0 AND 200),
        domicile_municipality_code char(4) NOT NULL,
        desired_occupations text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT job_seeker_per_programme UNIQUE (person_id, programme_id)
      )`);
    await q.query('CREATE INDEX job_seeker_order ON job_seeker_profile (registered_on, id)');
    await q.query('CREATE INDEX job_seeker_programme ON job_seeker_profile (programme_id, registered_on, id)');
    await q.query('CREATE INDEX job_seeker_desired_occupations ON job_seeker_profile USING gin (desired_occupations)');

    // One record per person and skill: stronger evidence raises the level of the same record.
    await q.query(`
      CREATE TABLE skill_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        skill_uri text NOT NULL CHECK (skill_uri LIKE 'http://data.europa.eu/esco/skill/%'),
        level varchar(20) NOT NULL CHECK (level IN (${list(SKILL_LEVELS)})),
        source varchar(30) NOT NULL CHECK (source IN (${list(SKILL_SOURCES)})),
        recorded_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT skill_record_per_person UNIQUE (person_id, skill_uri)
      )`);
    // Candidates for a vacancy are found from its skills.
    await q.query('CREATE INDEX skill_record_skill ON skill_record (skill_uri, person_id)');
    await q.query('CREATE INDEX skill_record_programme ON skill_record (programme_id)');

    await q.query(`
      CREATE TABLE work_experience (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        employer_name varchar(200) NOT NULL,
        occupation_uri text CHECK (occupation_uri LIKE 'http://data.europa.eu/esco/occupation/%'),
        start_date date NOT NULL,
        end_date date,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query('CREATE INDEX work_experience_person ON work_experience (person_id)');
    await q.query('CREATE INDEX work_experience_programme ON work_experience (programme_id)');

    await q.query(`
      CREATE TABLE orientation_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        held_on date NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN (${list(ORIENTATION_SESSION_KINDS)})),
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
        operator_name varchar(200) NOT NULL,
        summary text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX orientation_session_person ON orientation_session (person_id)');
    await q.query('CREATE INDEX orientation_session_programme ON orientation_session (programme_id)');

    await q.query(`
      CREATE TABLE skills_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        started_on date NOT NULL,
        completed_on date,
        status varchar(20) NOT NULL CHECK (status IN ('IN_PROGRESS','COMPLETED')),
        operator_name varchar(200) NOT NULL,
        summary text,
        assessed_skills jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(assessed_skills) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL)),
        CHECK (completed_on IS NULL OR completed_on >= started_on)
      )`);
    // A person has one assessment under way per programme at a time.
    await q.query("CREATE UNIQUE INDEX skills_assessment_in_progress ON skills_assessment (person_id, programme_id) WHERE status = 'IN_PROGRESS'");
    await q.query('CREATE INDEX skills_assessment_person ON skills_assessment (person_id)');
    await q.query('CREATE INDEX skills_assessment_programme ON skills_assessment (programme_id)');

    await q.query(`
      CREATE TABLE vacancy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        programme_id uuid,
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        occupation_uri text NOT NULL CHECK (occupation_uri LIKE 'http://data.europa.eu/esco/occupation/%'),
        required_skills text[] NOT NULL DEFAULT '{}',
        optional_skills text[] NOT NULL DEFAULT '{}',
        municipality_code char(4) NOT NULL,
        weekly_hours int NOT NULL CHECK (weekly_hours BETWEEN 1 AND 48),
        contract_type varchar(30) NOT NULL CHECK (contract_type IN (${list(CONTRACT_TYPES)})),
        required_licences varchar(10)[] NOT NULL DEFAULT '{}' CHECK (required_licences <@ ARRAY[${list(DRIVING_LICENCES)}]::varchar(10)[]),
        status varchar(20) NOT NULL CHECK (status IN ('OPEN','CLOSED')),
        opened_on date NOT NULL,
        closed_on date,
        positions int NOT NULL CHECK (positions >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL)),
        CHECK (closed_on IS NULL OR closed_on >= opened_on),
        CHECK (NOT (required_skills && optional_skills))
      )`);
    await q.query('CREATE INDEX vacancy_order ON vacancy (opened_on, id)');
    // Matching reads every open vacancy.
    await q.query('CREATE INDEX vacancy_status ON vacancy (status, opened_on, id)');
    await q.query('CREATE INDEX vacancy_company ON vacancy (company_id)');
    await q.query('CREATE INDEX vacancy_programme ON vacancy (programme_id)');
    await q.query('CREATE INDEX vacancy_occupation ON vacancy (occupation_uri)');
    await q.query('CREATE INDEX vacancy_municipality ON vacancy (municipality_code)');

    await q.query(`
      CREATE TABLE hire (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        company_id uuid NOT NULL,
        vacancy_id uuid REFERENCES vacancy(id),
        start_date date NOT NULL,
        end_date date,
        contract_type varchar(30) NOT NULL CHECK (contract_type IN (${list(CONTRACT_TYPES)})),
        weekly_hours int NOT NULL CHECK (weekly_hours BETWEEN 1 AND 48),
        gross_monthly_wage_cents int NOT NULL CHECK (gross_monthly_wage_cents > 0),
        occupation_uri text NOT NULL CHECK (occupation_uri LIKE 'http://data.europa.eu/esco/occupation/%'),
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (end_date IS NULL OR end_date >= start_date),
        -- The same notice twice (a resend, a second partner system) is one hire.
        CONSTRAINT hire_once UNIQUE (person_id, company_id, start_date)
      )`);
    await q.query('CREATE INDEX hire_order ON hire (start_date, id)');
    await q.query('CREATE INDEX hire_company ON hire (company_id)');
    await q.query('CREATE INDEX hire_programme ON hire (programme_id)');
    await q.query('CREATE INDEX hire_vacancy ON hire (vacancy_id)');

    await q.query(`
      CREATE TABLE follow_up_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hire_id uuid NOT NULL REFERENCES hire(id),
        months_after int NOT NULL CHECK (months_after IN (6, 12)),
        checked_on date NOT NULL,
        still_employed boolean NOT NULL,
        note text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT follow_up_once UNIQUE (hire_id, months_after)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'follow_up_check', 'hire', 'vacancy', 'skills_assessment', 'orientation_session', 'work_experience', 'skill_record', 'job_seeker_profile', 'idempotency_key',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
