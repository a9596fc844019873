import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outcome funnel looks up, for each person of a cohort, their hires in the programme (and then each hire's follow-ups). */
export class FunnelIndexes1765300000000 implements MigrationInterface {
  name = 'FunnelIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX hire_person_programme ON hire (person_id, programme_id) INCLUDE (start_date, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX hire_person_programme');
  }
}
