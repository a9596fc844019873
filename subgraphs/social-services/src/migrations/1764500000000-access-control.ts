import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAccountabilityTables, dropAccountabilityTables } from '@intreccio/shared';

/**
 * Access control: who registered each person (their records belong to that social services until a
 * case says otherwise), the indexes the standing checks read, the append-only access log and the
 * erasure tombstones.
 */
export class AccessControl1764500000000 implements MigrationInterface {
  name = 'AccessControl1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE person ADD COLUMN registered_by_organisation_id uuid REFERENCES organisation(id)');
    // People registered before this column: the social services of their first case registered them.
    await q.query(`
      UPDATE person p SET registered_by_organisation_id = first.owner_organisation_id
        FROM (SELECT DISTINCT ON (person_id) person_id, owner_organisation_id FROM case_file ORDER BY person_id, opened_on, id) first
       WHERE first.person_id = p.id`);
    await q.query('CREATE INDEX person_registered_by ON person (registered_by_organisation_id)');
    await q.query('CREATE INDEX case_owner ON case_file (owner_organisation_id, person_id)');
    await q.query('CREATE INDEX case_team_organisation_case ON case_team_member (organisation_id, case_id)');
    await q.query("CREATE INDEX consent_organisation_active ON consent (organisation_id, person_id) WHERE status = 'ACTIVE'");
    await q.query('CREATE INDEX referral_from ON referral (from_organisation_id)');
    await createAccountabilityTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAccountabilityTables(q);
    for (const index of ['referral_from', 'consent_organisation_active', 'case_team_organisation_case', 'case_owner', 'person_registered_by']) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query('ALTER TABLE person DROP COLUMN registered_by_organisation_id');
  }
}
