import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outcome funnel looks up, for each person of a cohort, the days their internships in the programme started. */
export class FunnelIndexes1765300000000 implements MigrationInterface {
  name = 'FunnelIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX internship_person_started ON internship (person_id, programme_id, started_on) WHERE started_on IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX internship_person_started');
  }
}
