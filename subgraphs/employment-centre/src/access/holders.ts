import {
  assertNotErased, forbidden, holdersOf, partnerPersonVisibility, type PersonReference, type RequestContext, type Visibility,
} from '@intreccio/shared';
import type { EntityManager } from 'typeorm';

const HOLDER_ROLES = ['cpi_operator'] as const;

/** The employment centres holding records about each person: registrations and every record since. */
const HOLDERS_SQL = `
  SELECT person_id, employment_centre_id AS organisation_id FROM job_seeker_profile WHERE person_id = ANY($1::uuid[])
  UNION SELECT person_id, organisation_id FROM skill_record WHERE person_id = ANY($1::uuid[])
  UNION SELECT person_id, organisation_id FROM work_experience WHERE person_id = ANY($1::uuid[])
  UNION SELECT person_id, organisation_id FROM orientation_session WHERE person_id = ANY($1::uuid[])
  UNION SELECT person_id, organisation_id FROM skills_assessment WHERE person_id = ANY($1::uuid[])
  UNION SELECT person_id, organisation_id FROM hire WHERE person_id = ANY($1::uuid[])
  UNION SELECT person_id, organisation_id FROM vacancy_proposal WHERE person_id = ANY($1::uuid[])`;

/** How the caller may see the employment centre's records about a person (see `partnerPersonVisibility`). */
export function personVisibility(ctx: RequestContext, person: PersonReference): Promise<Visibility> {
  return partnerPersonVisibility(ctx, person, holdersOf(ctx, HOLDERS_SQL), HOLDER_ROLES);
}

export { HOLDER_ROLES };

/**
 * A centre records data about the people registered with it: the registration (DID) is what makes
 * the person its job seeker. Writes about a person whose data was erased are refused.
 */
export async function assertRegisteredHere(ctx: RequestContext, m: EntityManager, personId: string, field: string): Promise<void> {
  await assertNotErased(m, personId, field);
  const [row] = (await m.query('SELECT 1 FROM job_seeker_profile WHERE person_id = $1 AND employment_centre_id = $2 LIMIT 1', [
    personId, ctx.principal.organisationId,
  ])) as unknown[];
  if (!row) throw forbidden(`${field}: the person is not registered as a job seeker at your employment centre`, field);
}

/** A record is changed by the centre that holds it; one no centre holds (kept from before) by none. */
export function assertHolds(ctx: RequestContext, holder: string | null, what: string): void {
  if (holder === null) throw forbidden(`${what} is held by no employment centre and cannot be changed`);
  if (holder !== ctx.principal.organisationId) throw forbidden(`${what} is held by another employment centre`);
}
