import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outcome funnel reads a cohort from the index alone: a programme's cases by the day they opened
 * (with the person and the case), each member's cases in the programme, and the day each plan was signed.
 */
export class FunnelIndexes1765300000000 implements MigrationInterface {
  name = 'FunnelIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX case_programme_opened ON case_file (programme_id, opened_on) INCLUDE (person_id, id)');
    await q.query('CREATE INDEX case_person_programme ON case_file (person_id, programme_id) INCLUDE (id)');
    await q.query('CREATE INDEX plan_case_signed ON personal_plan (case_id, signed_on)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['plan_case_signed', 'case_person_programme', 'case_programme_opened']) await q.query(`DROP INDEX ${index}`);
  }
}
