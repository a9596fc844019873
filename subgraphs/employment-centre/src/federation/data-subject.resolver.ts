import { deleteRows, partnerDataSubjectPart, type RequestContext } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';

const PARTNER = 'employment-centre';
const PERSON_TABLES = [
  ['jobSeekerProfiles', 'job_seeker_profile'],
  ['skillRecords', 'skill_record'],
  ['workHistory', 'work_experience'],
  ['orientationSessions', 'orientation_session'],
  ['skillsAssessments', 'skills_assessment'],
  ['hires', 'hire'],
  // After the hires: a proposal names the hire it ended in, and erasure goes through the list backwards.
  ['proposals', 'vacancy_proposal'],
] as const;

/** Every row the employment centre holds about the person, as stored (GDPR art. 15 and 20). */
async function exportRecords(ctx: RequestContext, personId: string): Promise<Record<string, unknown>> {
  const m = ctx.db.manager;
  const records: Record<string, unknown> = {};
  for (const [name, table] of PERSON_TABLES) {
    records[name] = await m.query(`SELECT to_jsonb(t) - 'person_id' AS row FROM ${table} t WHERE t.person_id = $1 ORDER BY t.created_at, t.id`, [personId])
      .then((rows: { row: unknown }[]) => rows.map((r) => r.row));
  }
  records.followUps = (await m.query(
    'SELECT to_jsonb(f) AS row FROM follow_up_check f JOIN hire h ON h.id = f.hire_id WHERE h.person_id = $1 ORDER BY f.created_at, f.id', [personId],
  ) as { row: unknown }[]).map((r) => r.row);
  return records;
}

async function eraseRecords(m: EntityManager, personId: string): Promise<Record<string, number>> {
  const records: Record<string, number> = {};
  records.followUps = await deleteRows(m, 'follow_up_check', 'hire_id IN (SELECT id FROM hire WHERE person_id = $1)', [personId]);
  for (const [name, table] of [...PERSON_TABLES].reverse()) records[name] = await deleteRows(m, table, 'person_id = $1', [personId]);
  return records;
}

/** The employment centre's part of data-subject requests: its records, their access log, their erasure. */
export const DataSubjectPart = partnerDataSubjectPart({
  partner: PARTNER,
  field: 'employmentCentre',
  mutation: 'eraseEmploymentCentreData',
  holder: 'the employment centres',
  exportRecords,
  eraseRecords,
});
