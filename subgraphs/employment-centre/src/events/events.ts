import { erasureTombstone, escoSkillProblem, isUuid, partnerRecipient, publishEvent, type PartnerEvent } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import type { SkillLevel } from '../common/enums';
import type { Hire } from '../hire/hire.type';
import { recordSkills } from '../skill-record/skill-record.service';

export const SOURCE = 'employment-centre';

/**
 * Tells the employment centre holding the hire (its own systems) and, through social services, the
 * person's case team that a hire was recorded (`hire.recorded`, about the hire) or followed up
 * (`hire.followed_up`, about the check: `EMPLOYED` or `NOT_EMPLOYED`).
 */
export async function hireChanged(m: EntityManager, hire: Hire, change: string, subject?: PartnerEvent['subject']): Promise<void> {
  await publishEvent(m, {
    source: SOURCE,
    type: `hire.${change}`,
    subject: subject ?? { type: 'Hire', id: hire.id, version: hire.version },
    personId: hire.personId,
    programmeId: hire.programmeId,
  }, [hire.organisationId, partnerRecipient('social-services')]);
}

/** The level a certificate vouches for: a competence certification the working level, a qualification more. */
const CERTIFIED_LEVEL: Record<string, SkillLevel> = { COMPETENCE_CERTIFICATION: 'INTERMEDIATE', QUALIFICATION: 'ADVANCED' };

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * A certificate issued by a training body, passed on by social services with the employment centres
 * the person's data is shared with: the one holding the person's registration (a person has one
 * record per skill here, whichever centre holds it) gets the certified skills on the person's profile
 * (source CERTIFICATION), raised to the certificate's level where it finds less. Unknown skills, people
 * not registered with those centres and people erased here are left alone.
 */
export async function onPartnerEvent(m: EntityManager, event: PartnerEvent): Promise<void> {
  // Certificates are the training body's, passed on by social services (the inbox checked the relayer).
  if (event.type !== 'certification.issued' || event.source !== 'training' || event.relayedBy !== 'social-services') return;
  if (!event.personId || !isUuid(event.programmeId)) return;
  if (await erasureTombstone(m, event.personId)) return;
  const facts = event.facts ?? {};
  const level = CERTIFIED_LEVEL[String(facts.kind)];
  const skills = Array.isArray(facts.skills) ? facts.skills.filter((s): s is string => typeof s === 'string' && !escoSkillProblem(s)) : [];
  const centres = Array.isArray(facts.employmentCentres) ? facts.employmentCentres.filter(isUuid) : [];
  if (!level || skills.length === 0 || centres.length === 0 || !isDate(facts.issuedOn)) return;
  const holders: { organisation_id: string }[] = await m.query(
    `SELECT DISTINCT j.employment_centre_id AS organisation_id FROM job_seeker_profile j
      WHERE j.person_id = $1 AND j.employment_centre_id = ANY($2::uuid[])
      ORDER BY 1 LIMIT 1`,
    [event.personId, centres],
  );
  const holder = holders[0];
  if (!holder) return;
  await recordSkills(m, skills.map((skillUri) => ({
    personId: event.personId!,
    organisationId: holder.organisation_id,
    programmeId: event.programmeId!,
    skillUri,
    level,
    source: 'CERTIFICATION' as const,
    recordedOn: facts.issuedOn as string,
  })), { replacesEqual: true });
}
