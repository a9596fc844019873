import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAccountabilityTables, dropAccountabilityTables } from '@intreccio/shared';

const PERSON_TABLES = ['skill_record', 'work_experience', 'orientation_session', 'skills_assessment', 'hire'] as const;

/**
 * Access control: every record about a person names the employment centre that holds it (until now
 * only the registration did), so a centre sees its own records and another partner's only through the
 * case team; vacancies name the centre that published them; plus the access log and erasure tombstones.
 */
export class AccessControl1764600000000 implements MigrationInterface {
  name = 'AccessControl1764600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of PERSON_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN organisation_id uuid`);
      // Records kept before: held by the centre of the person's registration in the same programme,
      // else by the centre of their latest registration.
      await q.query(`
        UPDATE ${table} t SET organisation_id = coalesce(
          (SELECT p.employment_centre_id FROM job_seeker_profile p WHERE p.person_id = t.person_id AND p.programme_id = t.programme_id),
          (SELECT p.employment_centre_id FROM job_seeker_profile p WHERE p.person_id = t.person_id ORDER BY p.registered_on DESC, p.id LIMIT 1))`);
      await q.query(`CREATE INDEX ${table}_holder ON ${table} (person_id, organisation_id)`);
    }
    await q.query('CREATE INDEX job_seeker_holder ON job_seeker_profile (employment_centre_id, person_id)');
    await q.query('ALTER TABLE vacancy ADD COLUMN organisation_id uuid');
    // Vacancies published before: by the centre with the most registrations in the vacancy's programme.
    await q.query(`
      UPDATE vacancy v SET organisation_id = (
        SELECT p.employment_centre_id FROM job_seeker_profile p WHERE p.programme_id = v.programme_id
         GROUP BY p.employment_centre_id ORDER BY count(*) DESC, p.employment_centre_id LIMIT 1)`);
    await createAccountabilityTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAccountabilityTables(q);
    await q.query('ALTER TABLE vacancy DROP COLUMN organisation_id');
    await q.query('DROP INDEX job_seeker_holder');
    for (const table of PERSON_TABLES) await q.query(`ALTER TABLE ${table} DROP COLUMN organisation_id`);
  }
}
