import { isUuid } from '../rules';

/**
 * The network map of one or more programmes (README, "Network map"). Social services own it and the
 * edges their records make (case teams, referrals); the company network adds the edges its internships
 * make between itself and host companies, as counts per pair, through `@requires` on the map's grant.
 */

/** The map's entity key: the programmes it covers, sorted; opaque to clients. */
export function networkMapId(programmeIds: readonly string[]): string {
  return `map/${[...new Set(programmeIds)].sort().join(',')}`;
}

/** The programmes back from an id, or null when it is not one `networkMapId` makes. */
export function parseNetworkMapId(id: unknown): string[] | null {
  if (typeof id !== 'string' || !id.startsWith('map/')) return null;
  const list = id.slice(4);
  const ids = list === '' ? [] : list.split(',');
  return ids.every((p) => isUuid(p)) && networkMapId(ids) === id ? ids : null;
}

export const networkMapGrantSubject = (id: string): string => `network-map:${id}`;

/** What the company network tells social services: people placed per promoter and host company, and the companies' names. */
export interface CompanyLinks {
  links: { promoterOrganisationId: string; companyId: string; people: number }[];
  companies: { id: string; name: string; organisationId: string | null }[];
}
