import { erasureTombstone, partnerRecipient, publishEvent, type PartnerEvent } from '@intreccio/shared';
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

/** What each partner may tell about a person: its own records' events only. */
const EVENTS_OF: Record<string, string> = { training: 'certification.', 'employment-centre': 'hire.', companies: 'internship.' };

/** The events about a person that the employment centre acts on itself. */
const FOR_THE_EMPLOYMENT_CENTRE = new Set(['certification.issued']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 100 ? v : undefined);

/**
 * Another partner's event about a person reaches the rest of the person's case team through social
 * services, who alone know the team and the consents: the organisations holding the person, and the
 * team members of a live case whose consent is active. Host companies learn only of their own
 * internships (the company network names the host), and only while they are on the team with the
 * person's consent. The organisations the source notified itself are not notified twice.
 *
 * What is passed on is rebuilt from the fields an event may have, so nothing else a sender put in it
 * travels further; a partner may only speak of its own kind of record, and not of a person erased here.
 * A certificate also goes on to the employment centre, with the employment centres the person's data
 * is shared with, which add the certified skills to the person's profile there.
 */
export async function passOnToTeam(m: EntityManager, event: PartnerEvent, sender: string): Promise<void> {
  const kind = EVENTS_OF[sender];
  if (!event.personId || !kind || event.source !== sender || !event.type.startsWith(kind)) return;
  if (await erasureTombstone(m, event.personId)) return;
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
      GROUP BY o.id, o.kind`,
    [event.personId],
  );
  const host = kind === 'internship.' ? text(event.facts?.hostOrganisationId) : undefined;
  const team = rows.filter((r) => r.kind !== 'COMPANY' || (r.shared && r.id === host));
  const already = new Set((event.notified ?? []).filter((id) => UUID.test(String(id))));
  const relayed: PartnerEvent = {
    id: event.id,
    type: event.type,
    occurredAt: text(event.occurredAt) ?? new Date().toISOString(),
    source: sender,
    subject: {
      type: text(event.subject.type) ?? 'Unknown',
      id: event.subject.id,
      ...(Number.isInteger(event.subject.version) ? { version: event.subject.version } : {}),
      ...(text(event.subject.status) ? { status: text(event.subject.status) } : {}),
    },
    personId: event.personId,
    ...(event.programmeId && UUID.test(event.programmeId) ? { programmeId: event.programmeId } : {}),
    notified: [...already],
    relayedBy: SOURCE,
  };
  await publishEvent(m, relayed, team.map((r) => r.id).filter((id) => !already.has(id)));
  const centres = team.filter((r) => r.kind === 'EMPLOYMENT_CENTRE' && r.shared).map((r) => r.id);
  if (FOR_THE_EMPLOYMENT_CENTRE.has(event.type) && centres.length) {
    const { kind: certificate, skills, issuedOn } = event.facts ?? {};
    await publishEvent(m, { ...relayed, facts: { kind: certificate, skills, issuedOn, employmentCentres: centres } }, [partnerRecipient('employment-centre')]);
  }
}
