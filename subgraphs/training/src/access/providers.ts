import {
  assertNotErased, forbidden, holdersOf, isUuid, partnerPersonVisibility, type PersonReference, type RequestContext, type Visibility,
} from '@intreccio/shared';
import type { EntityManager } from 'typeorm';

export const HOLDER_ROLES = ['training_operator'] as const;

/** The training bodies holding records about each person: enrolments and certificates. */
const HOLDERS_SQL = `
  SELECT person_id, organisation_id FROM enrollment WHERE person_id = ANY($1::uuid[])
  UNION SELECT person_id, organisation_id FROM certification WHERE person_id = ANY($1::uuid[])`;

export function personVisibility(ctx: RequestContext, person: PersonReference): Promise<Visibility> {
  return partnerPersonVisibility(ctx, person, holdersOf(ctx, HOLDERS_SQL), HOLDER_ROLES);
}

const PROVIDER_OF = {
  provider: 'SELECT p.organisation_id FROM training_provider p WHERE p.id = $1',
  course: 'SELECT p.organisation_id FROM course c JOIN training_provider p ON p.id = c.provider_id WHERE c.id = $1',
  edition: `SELECT p.organisation_id FROM course_edition e JOIN course c ON c.id = e.course_id
              JOIN training_provider p ON p.id = c.provider_id WHERE e.id = $1`,
  enrollment: 'SELECT organisation_id FROM enrollment WHERE id = $1',
} as const;

/**
 * A training body writes in its own catalogue and registers only: the provider behind a course, an
 * edition or an enrolment must be the caller's organisation. An id that matches nothing is left for
 * the write itself to report on its field.
 */
export async function assertRunsProvider(
  ctx: RequestContext, m: EntityManager, of: keyof typeof PROVIDER_OF, id: string | null | undefined, field: string,
): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = (await m.query(PROVIDER_OF[of], [id])) as { organisation_id: string }[];
  if (row && row.organisation_id !== ctx.principal.organisationId) throw forbidden(`${field}: belongs to another training body`, field);
  return row?.organisation_id ?? null;
}

export { assertNotErased };
