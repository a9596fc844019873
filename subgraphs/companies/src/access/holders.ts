import {
  byId, forbidden, holdersOf, partnerPersonVisibility, type PersonReference, type RequestContext, type Visibility,
} from '@intreccio/shared';
import { Company } from '../company/company.type';
import type { Internship } from '../internship/internship.type';

export const HOLDER_ROLES = ['company_network_operator', 'company_tutor'] as const;

/** The organisations holding internship records about each person: the promoter, and the host company's own organisation. */
const HOLDERS_SQL = `
  SELECT person_id, promoter_organisation_id AS organisation_id FROM internship WHERE person_id = ANY($1::uuid[])
  UNION SELECT i.person_id, c.organisation_id FROM internship i JOIN company c ON c.id = i.company_id WHERE i.person_id = ANY($1::uuid[])`;

export function personVisibility(ctx: RequestContext, person: PersonReference): Promise<Visibility> {
  return partnerPersonVisibility(ctx, person, holdersOf(ctx, HOLDERS_SQL), HOLDER_ROLES);
}

/** Whether the caller is a user of the company: its organisation in the registry is the caller's. */
export function isUserOf(ctx: RequestContext, company: Pick<Company, 'organisationId'> | null | undefined): boolean {
  return ctx.access.hasRole('company_tutor') && !!company?.organisationId && company.organisationId === ctx.principal.organisationId;
}

/** `isUserOf`, for a company known by its id. */
export async function isCompanyUser(ctx: RequestContext, companyId: string): Promise<boolean> {
  return ctx.access.hasRole('company_tutor') && isUserOf(ctx, await byId(ctx, Company).load(companyId));
}

/**
 * An internship: the promoting organisation's network operators hold it; the host company's users see
 * it (only their own company's, and as someone else's records about the intern); any other partner
 * sees it with social services' grant for the intern.
 */
export async function internshipVisibility(ctx: RequestContext, i: Internship): Promise<Visibility> {
  if (!ctx.access.worksWithPeople) return null;
  if (ctx.access.hasRole('company_network_operator') && i.promoterOrganisationId === ctx.principal.organisationId) return 'own';
  if (ctx.access.pseudonymised) return (await isCompanyUser(ctx, i.companyId)) ? 'shared' : null;
  return ctx.access.isGranted('person', i.personId) ? 'shared' : null;
}

/** An internship is run by the organisation that promotes it. */
export function assertPromotes(ctx: RequestContext, internship: Internship): void {
  if (internship.promoterOrganisationId !== ctx.principal.organisationId) {
    throw forbidden('The internship is promoted by another organisation: only its promoter may change it');
  }
}
