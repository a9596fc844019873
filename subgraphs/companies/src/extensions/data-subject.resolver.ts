import { deleteRows, partnerDataSubjectPart, type RequestContext } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';

const PARTNER = 'companies';
const OF_INTERNSHIPS = 'internship_id IN (SELECT id FROM internship WHERE person_id = $1)';

/** The person's internships with their allowances and tutoring visits, as stored (GDPR art. 15 and 20). */
async function exportRecords(ctx: RequestContext, personId: string): Promise<Record<string, unknown>> {
  const rows = async (sql: string) => ((await ctx.db.query(sql, [personId])) as { row: unknown }[]).map((r) => r.row);
  return {
    internships: await rows("SELECT to_jsonb(i) - 'person_id' AS row FROM internship i WHERE i.person_id = $1 ORDER BY i.start_date, i.id"),
    allowancePayments: await rows(`SELECT to_jsonb(p) AS row FROM allowance_payment p WHERE ${OF_INTERNSHIPS} ORDER BY p.month, p.id`),
    tutoringVisits: await rows(`SELECT to_jsonb(v) AS row FROM tutoring_visit v WHERE ${OF_INTERNSHIPS} ORDER BY v.visited_on, v.id`),
  };
}

async function eraseRecords(m: EntityManager, personId: string): Promise<Record<string, number>> {
  const tutoringVisits = await deleteRows(m, 'tutoring_visit', OF_INTERNSHIPS, [personId]);
  const allowancePayments = await deleteRows(m, 'allowance_payment', OF_INTERNSHIPS, [personId]);
  const internships = await deleteRows(m, 'internship', 'person_id = $1', [personId]);
  return { internships, allowancePayments, tutoringVisits };
}

/** The company network's part of data-subject requests: its records, their access log, their erasure. */
export const DataSubjectPart = partnerDataSubjectPart({
  partner: PARTNER,
  field: 'companyNetwork',
  mutation: 'eraseCompanyNetworkData',
  holder: 'the company networks',
  exportRecords,
  eraseRecords,
});
