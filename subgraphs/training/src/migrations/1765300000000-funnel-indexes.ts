import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outcome funnel looks up, for each person of a cohort, the days their courses ended and their certificates were issued in the programme. */
export class FunnelIndexes1765300000000 implements MigrationInterface {
  name = 'FunnelIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX enrollment_person_completed ON enrollment (person_id, programme_id, completed_on) WHERE status = 'COMPLETED'");
    await q.query('CREATE INDEX certification_person_issued ON certification (person_id, programme_id, issued_on)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX certification_person_issued');
    await q.query('DROP INDEX enrollment_person_completed');
  }
}
