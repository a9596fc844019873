import { partnerRecipient, publishEvent } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import type { InternshipStatus } from '../common/enums';
import type { Internship } from '../internship/internship.type';

/** What a status change is called in an event: `internship.started`, `.suspended`, `.resumed`, `.completed`, `.interrupted`. */
export function statusChange(from: InternshipStatus, to: InternshipStatus): string {
  if (to === 'ACTIVE') return from === 'PLANNED' ? 'started' : 'resumed';
  return to.toLowerCase();
}

/**
 * Tells the promoter that an internship changed and, through social services, the person's case team
 * (`internship.planned`, `.updated`, `.started`, …). The host company's organisation is named for
 * social services, who tell it only while it is on the person's team with consent: the company network
 * cannot vouch for whom a company's record links to.
 */
export async function internshipChanged(m: EntityManager, internship: Internship, change: string): Promise<void> {
  const [host] = (await m.query('SELECT organisation_id FROM company WHERE id = $1', [internship.companyId])) as { organisation_id: string | null }[];
  await publishEvent(m, {
    source: 'companies',
    type: `internship.${change}`,
    subject: { type: 'Internship', id: internship.id, version: internship.version, status: internship.status },
    personId: internship.personId,
    programmeId: internship.programmeId,
    ...(host?.organisation_id ? { facts: { hostOrganisationId: host.organisation_id } } : {}),
  }, [internship.promoterOrganisationId, partnerRecipient('social-services')]);
}
