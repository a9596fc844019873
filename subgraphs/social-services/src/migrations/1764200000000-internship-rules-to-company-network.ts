import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Internship bounds (allowance, weekly hours) are enforced where internships are activated, in the
 * company network's subgraph, which now keeps them per programme; one copy, one source of truth.
 */
export class InternshipRulesToCompanyNetwork1764200000000 implements MigrationInterface {
  name = 'InternshipRulesToCompanyNetwork1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE programme DROP COLUMN allowance_min_cents, DROP COLUMN allowance_max_cents, DROP COLUMN internship_max_weekly_hours');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme
      ADD COLUMN allowance_min_cents int NOT NULL DEFAULT 0,
      ADD COLUMN allowance_max_cents int NOT NULL DEFAULT 0,
      ADD COLUMN internship_max_weekly_hours int NOT NULL DEFAULT 40`);
  }
}
