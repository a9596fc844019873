import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An internship names the step of the person's personal plan it carries out, as social services
 * vouched for it when the internship was planned. Internships recorded before then have none.
 */
export class InternshipPlanStep1764900000000 implements MigrationInterface {
  name = 'InternshipPlanStep1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE internship ADD COLUMN plan_step_id uuid');
    await q.query('CREATE INDEX internship_plan_step ON internship (plan_step_id) WHERE plan_step_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX internship_plan_step');
    await q.query('ALTER TABLE internship DROP COLUMN plan_step_id');
  }
}
