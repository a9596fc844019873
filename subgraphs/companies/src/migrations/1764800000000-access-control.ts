import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAccountabilityTables, dropAccountabilityTables } from '@intreccio/shared';

/** Access control: the indexes the holder checks read, the access log and the erasure tombstones. */
export class AccessControl1764800000000 implements MigrationInterface {
  name = 'AccessControl1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX internship_promoter ON internship (promoter_organisation_id, start_date, id)');
    await createAccountabilityTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAccountabilityTables(q);
    await q.query('DROP INDEX internship_promoter');
  }
}
