import { erasureTombstone, isUuid, partnerRecipient, publishEvent, type PartnerEvent } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { standingSql } from '../access/standing';
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
  // The team as access itself defines it (`standingSql`), so an event reaches exactly whom the person's data is shared with.
  const { shared } = standingSql('p', 'o.id');
  const rows: { id: string; kind: string; shared: boolean }[] = await m.query(
    `SELECT o.id, o.kind, ${shared} AS shared
       FROM person p CROSS JOIN organisation o
      WHERE p.id = $1
        AND (o.id = p.registered_by_organisation_id
             OR EXISTS (SELECT 1 FROM case_file c WHERE c.person_id = p.id AND c.status <> 'CLOSED' AND c.owner_organisation_id = o.id)
             OR ${shared})`,
    [event.personId],
  );
  const host = kind === 'internship.' ? text(event.facts?.hostOrganisationId) : undefined;
  const team = rows.filter((r) => r.kind !== 'COMPANY' || (r.shared && r.id === host));
  const already = new Set((event.notified ?? []).filter(isUuid));
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
    ...(isUuid(event.programmeId) ? { programmeId: event.programmeId } : {}),
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
