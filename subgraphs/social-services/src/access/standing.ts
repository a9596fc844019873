import type DataLoader from 'dataloader';
import { forbidden, requestLoader, type RequestContext, type Visibility } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';

/** Where the caller's organisation stands with a person, as the lead body's records say. */
export interface Standing {
  /** The organisation registered the person or took them in charge: the records are its own. */
  own: boolean;
  /**
   * The organisation is on the team of a live case of the person and the person's consent for it is
   * active: the person's data is shared with it, here and in every partner.
   */
  onTeamWithConsent: boolean;
}

const NONE: Standing = { own: false, onTeamWithConsent: false };

/**
 * The SQL of standing, for one organisation and many people; used by the loader, by lists (as a
 * filter) and by mutations (inside their transaction). `$org` is the organisation parameter.
 */
export function standingSql(person: string, org: string): { own: string; shared: string } {
  return {
    own: `(${person}.registered_by_organisation_id = ${org}
           OR EXISTS (SELECT 1 FROM case_file oc WHERE oc.person_id = ${person}.id AND oc.owner_organisation_id = ${org}))`,
    shared: `(EXISTS (SELECT 1 FROM case_file lc JOIN case_team_member tm ON tm.case_id = lc.id
                     WHERE lc.person_id = ${person}.id AND lc.status <> 'CLOSED' AND tm.organisation_id = ${org}
                       AND (tm.left_on IS NULL OR tm.left_on > current_date))
              AND EXISTS (SELECT 1 FROM consent sc WHERE sc.person_id = ${person}.id AND sc.organisation_id = ${org}
                            AND sc.purpose = 'DATA_SHARING' AND sc.status = 'ACTIVE'))`,
  };
}

/**
 * The people a list shows the caller, as SQL over `standingSql`'s parts: for a case manager those its
 * organisation holds and those shared with it; for any other partner those shared with it.
 */
export function listedSql(ctx: RequestContext, standing: { own: string; shared: string }): string {
  return ctx.access.hasRole('case_manager') ? `(${standing.own} OR ${standing.shared})` : standing.shared;
}

/** The caller's standing with each person asked in the request: one statement per wave. */
export function standingOf(ctx: RequestContext): DataLoader<string, Standing> {
  return ctx.loaders.get('Person#standing', () =>
    requestLoader<string, Standing>(ctx.loaders, async (ids) => {
      if (ctx.access.anonymous || !ctx.principal.organisationId) return ids.map(() => NONE);
      const sql = standingSql('p', '$2');
      const rows: { id: string; own: boolean; shared: boolean }[] = await ctx.db.query(
        `SELECT p.id, ${sql.own} AS own, ${sql.shared} AS shared FROM person p WHERE p.id = ANY($1::uuid[])`,
        [[...ids], ctx.principal.organisationId],
      );
      const found = new Map(rows.map((r) => [r.id, { own: r.own, onTeamWithConsent: r.shared }]));
      return ids.map((id) => found.get(id) ?? NONE);
    }),
  );
}

/**
 * How the caller may see a person's records here: its own social services' case managers as `own`;
 * a partner on the case team with the person's consent as `shared`; anyone else not at all.
 * Coordinators and data protection officers never see individual records this way.
 */
export async function personVisibility(ctx: RequestContext, personId: string): Promise<Visibility> {
  if (!ctx.access.worksWithPeople) return null;
  return visibilityOf(ctx, await standingOf(ctx).load(personId));
}

/**
 * `personVisibility` for a mutation, read inside its transaction on its own connection: a request
 * holding a pooled connection must not wait for a second one, or enough concurrent requests would
 * each hold one and wait for ever.
 */
export async function personVisibilityIn(ctx: RequestContext, m: EntityManager, personId: string): Promise<Visibility> {
  if (!ctx.access.worksWithPeople || ctx.access.anonymous || !ctx.principal.organisationId) return null;
  const sql = standingSql('p', '$2');
  const [row] = (await m.query(`SELECT ${sql.own} AS own, ${sql.shared} AS shared FROM person p WHERE p.id = $1`, [
    personId, ctx.principal.organisationId,
  ])) as { own: boolean; shared: boolean }[];
  return visibilityOf(ctx, row ? { own: row.own, onTeamWithConsent: row.shared } : NONE);
}

function visibilityOf(ctx: RequestContext, standing: Standing): Visibility {
  if (standing.own && ctx.access.hasRole('case_manager')) return 'own';
  return standing.onTeamWithConsent ? 'shared' : null;
}

/**
 * Data-subject requests: the data protection officer of the social services holding the person (or
 * that erased them, to read what remains), or one of its case managers (not erasure).
 */
export async function mayActForDataSubject(ctx: RequestContext, personId: string, erasure = false): Promise<boolean> {
  const officer = ctx.access.hasRole('data_protection_officer');
  if (!officer && (erasure || !ctx.access.hasRole('case_manager'))) return false;
  if ((await standingOf(ctx).load(personId)).own) return true;
  if (!officer) return false;
  const [erased] = (await ctx.db.query('SELECT 1 FROM erased_person WHERE person_id = $1 AND erased_by_organisation_id = $2', [
    personId, ctx.principal.organisationId,
  ])) as unknown[];
  return !!erased;
}

/** Writes about a person are for the case managers of the social services that hold them. */
export async function assertOwnsPerson(ctx: RequestContext, m: EntityManager, personId: string): Promise<void> {
  const sql = standingSql('p', '$2');
  const [row] = (await m.query(`SELECT ${sql.own} AS own FROM person p WHERE p.id = $1`, [personId, ctx.principal.organisationId])) as { own: boolean }[];
  if (!row?.own) throw forbidden("The person is not in your organisation's care: only the social services that hold the case may change it");
}

/** Writes about a case are for the social services that own it. */
export function assertOwnsCase(ctx: RequestContext, c: { ownerOrganisationId: string }): void {
  if (c.ownerOrganisationId !== ctx.principal.organisationId) {
    throw forbidden("The case belongs to another organisation: only the social services that own it may change it");
  }
}
