import { deleteRows, partnerDataSubjectPart, type RequestContext } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';

const PARTNER = 'training';

/** Every enrolment and certificate about the person, as stored (GDPR art. 15 and 20). */
async function exportRecords(ctx: RequestContext, personId: string): Promise<Record<string, unknown>> {
  const rows = async (table: string) =>
    ((await ctx.db.query(`SELECT to_jsonb(t) - 'person_id' AS row FROM ${table} t WHERE t.person_id = $1 ORDER BY t.created_at, t.id`, [personId])) as { row: unknown }[])
      .map((r) => r.row);
  return { enrollments: await rows('enrollment'), certifications: await rows('certification') };
}

async function eraseRecords(m: EntityManager, personId: string): Promise<Record<string, number>> {
  const certifications = await deleteRows(m, 'certification', 'person_id = $1', [personId]);
  const enrollments = await deleteRows(m, 'enrollment', 'person_id = $1', [personId]);
  return { certifications, enrollments };
}

/** The training bodies' part of data-subject requests: its records, their access log, their erasure. */
export const DataSubjectPart = partnerDataSubjectPart({
  partner: PARTNER,
  field: 'training',
  mutation: 'eraseTrainingData',
  holder: 'the training bodies',
  exportRecords,
  eraseRecords,
});
