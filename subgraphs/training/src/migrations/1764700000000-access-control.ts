import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAccountabilityTables, dropAccountabilityTables } from '@intreccio/shared';

/**
 * Access control: enrolments and certificates name the training body holding them (the provider's
 * organisation in the registry), so each body sees its own and another's only through the person's
 * case team; plus the access log and erasure tombstones.
 */
export class AccessControl1764700000000 implements MigrationInterface {
  name = 'AccessControl1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE enrollment ADD COLUMN organisation_id uuid');
    await q.query(`
      UPDATE enrollment e SET organisation_id = p.organisation_id
        FROM course_edition ed JOIN course c ON c.id = ed.course_id JOIN training_provider p ON p.id = c.provider_id
       WHERE ed.id = e.edition_id`);
    await q.query('ALTER TABLE enrollment ALTER COLUMN organisation_id SET NOT NULL');
    await q.query('ALTER TABLE certification ADD COLUMN organisation_id uuid');
    await q.query('UPDATE certification c SET organisation_id = p.organisation_id FROM training_provider p WHERE p.id = c.provider_id');
    await q.query('ALTER TABLE certification ALTER COLUMN organisation_id SET NOT NULL');
    await q.query('CREATE INDEX enrollment_holder ON enrollment (person_id, organisation_id)');
    await q.query('CREATE INDEX enrollment_organisation ON enrollment (organisation_id, enrolled_on, id)');
    await q.query('CREATE INDEX certification_holder ON certification (person_id, organisation_id)');
    await createAccountabilityTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAccountabilityTables(q);
    await q.query('ALTER TABLE certification DROP COLUMN organisation_id');
    await q.query('ALTER TABLE enrollment DROP COLUMN organisation_id');
  }
}
