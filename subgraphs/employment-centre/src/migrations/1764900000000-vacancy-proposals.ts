import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PROPOSAL_STATUSES } from '../common/enums';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * Proposals: the hand-off after matching, a job seeker the centre sends to a vacancy, with the match
 * score and explanation of the moment and what the company made of it.
 */
export class VacancyProposals1764900000000 implements MigrationInterface {
  name = 'VacancyProposals1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Times to the millisecond, as clients and page cursors carry them.
    await q.query(`
      CREATE TABLE vacancy_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vacancy_id uuid NOT NULL REFERENCES vacancy(id),
        person_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        company_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN (${list(PROPOSAL_STATUSES)})),
        score double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
        explanation jsonb NOT NULL CHECK (jsonb_typeof(explanation) = 'object'),
        note text NOT NULL DEFAULT '',
        reason text,
        hire_id uuid REFERENCES hire(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        status_changed_at timestamptz(3) NOT NULL DEFAULT now(),
        ended_at timestamptz(3),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK ((status IN ('REJECTED','WITHDRAWN')) = (reason IS NOT NULL)),
        CHECK ((status = 'HIRED') = (hire_id IS NOT NULL)),
        CHECK ((status IN ('REJECTED','WITHDRAWN','HIRED')) = (ended_at IS NOT NULL))
      )`);
    // One proposal of a person to a vacancy at a time: again only once it was rejected or withdrawn.
    await q.query(`CREATE UNIQUE INDEX vacancy_proposal_once ON vacancy_proposal (vacancy_id, person_id)
      WHERE status IN ('PROPOSED','INTERVIEW','ACCEPTED','HIRED')`);
    // A hire ends one proposal.
    await q.query('CREATE UNIQUE INDEX vacancy_proposal_hire ON vacancy_proposal (hire_id) WHERE hire_id IS NOT NULL');
    await q.query('CREATE INDEX vacancy_proposal_vacancy ON vacancy_proposal (vacancy_id, created_at, id)');
    await q.query('CREATE INDEX vacancy_proposal_holder ON vacancy_proposal (person_id, organisation_id)');
    await q.query('CREATE INDEX vacancy_proposal_order ON vacancy_proposal (organisation_id, created_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vacancy_proposal');
  }
}
