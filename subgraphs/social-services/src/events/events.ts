import { partnerRecipient, publishEvent, type PartnerEvent } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import type { Referral } from '../referral/referral.type';

export const SOURCE = 'social-services';

/** Tells the two organisations of a hand-off that the referral moved (`referral.sent`, `.accepted`, …). */
export async function referralChanged(m: EntityManager, r: Referral, change: string): Promise<void> {
  await publishEvent(m, {
    source: SOURCE,
    type: `referral.${change}`,
    subject: { type: 'Referral', id: r.id, version: r.version, status: r.status },
    personId: r.personId,
    programmeId: r.programmeId,
  }, [r.fromOrganisationId, r.toOrganisationId]);
}

/** The events about a person that the employment centre acts on itself, with the organisations concerned. */
const FOR_THE_EMPLOYMENT_CENTRE = new Set(['certification.issued']);

/**
 * Another partner's event about a person reaches the rest of the person's case team through social
 * services, who alone know the team and the consents: the organisations holding the person, and the
 * team members of a live case whose consent is active. Host companies are left out: they learn only
 * of their own internships, from the company network. The organisations the source notified itself
 * are not notified twice.
 *
 * A certificate also goes on to the employment centre, with the employment centres the person's data
 * is shared with, which add the certified skills to the person's profile there.
 */
export async function passOnToTeam(m: EntityManager, event: PartnerEvent): Promise<void> {
  if (!event.personId) return;
  const rows: { id: string; kind: string; shared: boolean }[] = await m.query(
    `SELECT o.id, o.kind, bool_or(t.shared) AS shared
       FROM (SELECT p.registered_by_organisation_id AS id, false AS shared FROM person p WHERE p.id = $1
             UNION ALL
             SELECT c.owner_organisation_id, false FROM case_file c WHERE c.person_id = $1 AND c.status <> 'CLOSED'
             UNION ALL
             SELECT tm.organisation_id, true
               FROM case_file c JOIN case_team_member tm ON tm.case_id = c.id
               JOIN consent sc ON sc.person_id = c.person_id AND sc.organisation_id = tm.organisation_id
                              AND sc.purpose = 'DATA_SHARING' AND sc.status = 'ACTIVE'
              WHERE c.person_id = $1 AND c.status <> 'CLOSED' AND (tm.left_on IS NULL OR tm.left_on > current_date)) t
       JOIN organisation o ON o.id = t.id
      WHERE o.kind <> 'COMPANY'
      GROUP BY o.id, o.kind`,
    [event.personId],
  );
  const already = new Set(event.notified ?? []);
  const relayed = { ...event, relayedBy: SOURCE };
  await publishEvent(m, relayed, rows.map((r) => r.id).filter((id) => !already.has(id)));
  const centres = rows.filter((r) => r.kind === 'EMPLOYMENT_CENTRE' && r.shared).map((r) => r.id);
  if (FOR_THE_EMPLOYMENT_CENTRE.has(event.type) && centres.length) {
    await publishEvent(m, { ...relayed, facts: { ...event.facts, employmentCentres: centres } }, [partnerRecipient('employment-centre')]);
  }
}
