import type DataLoader from 'dataloader';
import type { Role } from '../auth';
import { requestLoader, type RequestContext } from '../context';
import { isUuid } from '../rules';
import { always, deny, inherit, notForHosts, PSEUDONYMISED, roles, type RuleResult, type SubgraphPolicy, type TypePolicy, type VisibilityRule } from './policy';
import type { Visibility } from './session';

/**
 * The rules every partner other than the lead body applies to its records about people: its own
 * records it sees; another partner's records about a person it sees only when social services' grant
 * for the person arrived with the representation (the gateway fetched it through `@requires`).
 */

/** Why a caller does not see a person's records, for the FORBIDDEN message; `holds` says what would make them its own. */
export function unseenPersonReason(ctx: RequestContext, holds: string): string {
  if (ctx.access.anonymous) return 'not part of the public contract';
  if (!ctx.access.worksWithPeople) {
    return 'coordinators and data protection officers see no individual records: use the programme KPIs, or dataSubject for a data-subject request';
  }
  return `${holds}, and the person is not shared with your organisation (it is not on their case team of a live case with their active consent)`;
}

/** A person as a partner's subgraph receives them: the id, and the grant social services issued for this request. */
export interface PersonReference {
  id: string;
  accessGrant?: string | null;
}

/** Keeps the grant of a representation, so the person's fields can check it. */
export const personReference = {
  __resolveReference: (ref: PersonReference): PersonReference | null =>
    (isUuid(ref.id) ? { id: ref.id, accessGrant: typeof ref.accessGrant === 'string' ? ref.accessGrant : null } : null),
};

/**
 * The organisations holding records about each person in this subgraph, one statement per wave.
 * `sql` selects `person_id, organisation_id` for the person ids in `$1`.
 */
export function holdersOf(ctx: RequestContext, sql: string): DataLoader<string, Set<string>> {
  return ctx.loaders.get(`Person#holders#${ctx.access.subgraph}`, () =>
    requestLoader<string, Set<string>>(ctx.loaders, async (ids) => {
      const rows: { person_id: string; organisation_id: string | null }[] = await ctx.db.query(sql, [[...ids]]);
      const holders = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
      for (const r of rows) if (r.organisation_id) holders.get(r.person_id)?.add(r.organisation_id);
      return ids.map((id) => holders.get(id)!);
    }),
  );
}

/**
 * How the caller may see this subgraph's records about a person: `own` when its organisation holds
 * some (with one of `holderRoles`), `shared` with a valid grant from social services, else not at all.
 * The grant is checked even for a holder, so that other partners' records become visible too.
 */
export async function partnerPersonVisibility(
  ctx: RequestContext,
  person: PersonReference,
  holders: DataLoader<string, Set<string>>,
  holderRoles: readonly Role[],
): Promise<Visibility> {
  if (!ctx.access.worksWithPeople || !isUuid(person.id)) return null;
  const granted = ctx.access.verifyGrant('person', person.id, person.accessGrant);
  if (ctx.access.hasRole(...holderRoles) && (await holders.load(person.id)).has(ctx.principal.organisationId)) return 'own';
  return granted ? 'shared' : null;
}

/**
 * A record about a person: `own` for the organisation that holds it (with one of `holderRoles`);
 * `shared` once social services' grant for its person was verified in this request; else not at all.
 */
export function personRecord<T extends { personId: string }>(ownerOf: (row: T) => string | null | undefined, holderRoles: readonly Role[]): VisibilityRule<T> {
  return (ctx, row) => {
    if (!ctx.access.worksWithPeople) return null;
    if (ctx.access.hasRole(...holderRoles) && ownerOf(row) === ctx.principal.organisationId) return 'own';
    return ctx.access.isGranted('person', row.personId) ? 'shared' : null;
  };
}

/** Objects only reached from a person's record (a hire's follow-ups): seen as it is, about the same person. */
export const ofTheRecord: TypePolicy = { visible: inherit, person: 'inherit' };

/**
 * A partner's records of a data subject: the case manager sees who read them (the access log); the
 * full export answers a request under GDPR art. 15 and 20, and only the data protection officer makes it.
 */
export const partnerRecordsPolicy = (of: TypePolicy = ofTheRecord): TypePolicy => ({
  ...of,
  fields: { ...of.fields, records: roles('data_protection_officer') },
});

/**
 * A partner's data-subject part: the person's records, their access log and erasure receipt, for
 * the callers social services vouched for in this request (`DataSubject.grant`).
 */
export const partnerDataSubjectPolicy: SubgraphPolicy = {
  DataSubject: {
    visible: inherit,
    entity: (ctx, d: { personId: string; grant?: string }) => (ctx.access.verifyGrant('data-subject', d.personId, d.grant) ? 'own' : null),
    person: (d: { personId: string }) => d.personId,
  },
  PartnerRecords: partnerRecordsPolicy(),
  AccessLogEntry: ofTheRecord,
  ErasureReceipt: ofTheRecord,
};

/**
 * Rules for the fields a partner adds to `Person`: each refuses, saying why, a caller who may not see
 * the person's records here (`notHeld` says what would make them the caller's own), and, when
 * `condition` fails, for `reason` (host companies' narrower view).
 */
export function personFieldRules(visibility: (ctx: RequestContext, person: PersonReference) => Promise<Visibility>, notHeld: string) {
  const seen = async (ctx: RequestContext, person: PersonReference): Promise<RuleResult> =>
    (await visibility(ctx, person)) ?? deny(unseenPersonReason(ctx, notHeld));
  const ofPerson = (condition: (ctx: RequestContext) => boolean = () => true, reason = PSEUDONYMISED): VisibilityRule<PersonReference> =>
    async (ctx, person) => {
      const result = await seen(ctx, person);
      return result === null || typeof result === 'object' || condition(ctx) ? result : deny(reason);
    };
  return { seen, ofPerson };
}

/** A type of records about people: `visible` decides; the `restricted` fields are not for host companies. */
export function personRecordPolicy(visible: VisibilityRule, restricted: readonly string[] = [], reason = PSEUDONYMISED): TypePolicy {
  const hosts = notForHosts(reason);
  return {
    visible,
    person: (r: { personId: string }) => r.personId,
    fields: Object.fromEntries(restricted.map((f) => [f, hosts])),
    explain: { '*': "the record is another partner's, and the person is not shared with your organisation" },
  };
}

/**
 * `Person` in a partner's subgraph: a reference it hands out carries only the id; a representation
 * resolves, and each field it adds applies the person's visibility, so a refusal names the field.
 */
export function partnerPersonPolicy(fields: Record<string, VisibilityRule<PersonReference>>): TypePolicy<PersonReference> {
  return { visible: inherit, entity: always, person: (p) => p.id, fields };
}
