import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, byId, denied, groupedBy, isUuid, networkMapGrantSubject, networkMapId, parseNetworkMapId, requestLoader, withholdSmallCounts,
  type CompanyLinks, type RequestContext,
} from '@intreccio/shared';
import { Organisation } from '../organisation/organisation.type';
import { Programme, ProgrammePartner } from '../programme/programme.type';
import { NetworkEdge, NetworkMap, NetworkNode, type NetworkMapSource } from './network-map.type';

/** The programmes a map covers may be mapped by the caller: a coordinator of the lead body of each. */
export async function mayMap(ctx: RequestContext, programmeIds: readonly string[]): Promise<boolean> {
  if (ctx.access.anonymous || !ctx.access.hasRole('coordinator')) return false;
  const programmes = await Promise.all(programmeIds.map((id) => byId(ctx, Programme).load(id)));
  return programmes.every((p) => p?.leadOrganisationId === ctx.principal.organisationId);
}

/** A representation from the gateway, with the company network's links. */
export const networkMapEntity = {
  __resolveReference: (ref: Record<string, unknown>): NetworkMapSource | null => {
    const programmeIds = parseNetworkMapId(ref.id);
    if (!programmeIds) return null;
    return { id: ref.id as string, programmeIds, companyLinks: typeof ref.companyLinks === 'string' ? ref.companyLinks : null };
  },
};

interface PairRow {
  k: number;
  a: string;
  b: string;
  people: number;
  referrals: number;
  answered: number;
  median_days: number | null;
}

/**
 * The edges social services' records make, for every map asked, in one statement: people on the same
 * live case team whose consent both organisations hold, and referrals between them.
 */
const PAIRS_SQL = `
  WITH asked AS (SELECT * FROM unnest($1::int[], $2::uuid[]) AS q(k, programme_id)),
  team AS (
    SELECT DISTINCT q.k, c.id AS case_id, c.person_id, m.organisation_id
      FROM asked q
      JOIN case_file c ON c.programme_id = q.programme_id AND c.status <> 'CLOSED'
      JOIN case_team_member m ON m.case_id = c.id AND m.left_on IS NULL
     WHERE EXISTS (SELECT 1 FROM consent s WHERE s.person_id = c.person_id AND s.organisation_id = m.organisation_id
                      AND s.purpose = 'DATA_SHARING' AND s.status = 'ACTIVE')),
  shared AS (
    SELECT x.k, x.organisation_id AS a, y.organisation_id AS b, count(DISTINCT x.person_id)::int AS people
      FROM team x JOIN team y ON y.k = x.k AND y.case_id = x.case_id AND x.organisation_id < y.organisation_id
     GROUP BY 1, 2, 3),
  sent AS (
    SELECT q.k, least(r.from_organisation_id, r.to_organisation_id) AS a, greatest(r.from_organisation_id, r.to_organisation_id) AS b,
           count(*)::int AS referrals, count(r.responded_at)::int AS answered,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.responded_at - r.sent_at) / 86400)
             FILTER (WHERE r.responded_at IS NOT NULL) AS median_days
      FROM asked q JOIN referral r ON r.programme_id = q.programme_id
     GROUP BY 1, 2, 3)
  SELECT coalesce(s.k, r.k) AS k, coalesce(s.a, r.a) AS a, coalesce(s.b, r.b) AS b, coalesce(s.people, 0) AS people,
         coalesce(r.referrals, 0) AS referrals, coalesce(r.answered, 0) AS answered, r.median_days
    FROM shared s FULL JOIN sent r ON r.k = s.k AND r.a = s.a AND r.b = s.b`;

function pairsOf(ctx: RequestContext) {
  return ctx.loaders.get('NetworkMap#pairs', () =>
    requestLoader<NetworkMapSource, PairRow[], string>(ctx.loaders, async (maps) => {
      const k = maps.flatMap((m, i) => m.programmeIds.map(() => i));
      const rows: PairRow[] = await ctx.db.query(PAIRS_SQL, [k, maps.flatMap((m) => m.programmeIds)]);
      return maps.map((_m, i) => rows.filter((r) => Number(r.k) === i));
    }, { cacheKeyFn: (m) => m.id }),
  );
}

const KIND_ORDER = ['SOCIAL_SERVICES', 'EMPLOYMENT_CENTRE', 'TRAINING_PROVIDER', 'COMPANY_NETWORK', 'COMPANY'];
const kindRank = (kind: string) => {
  const rank = KIND_ORDER.indexOf(kind);
  return rank < 0 ? KIND_ORDER.length : rank;
};

interface ComputedMap {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  suppressed: string[];
}

function parseLinks(text: string | null | undefined): CompanyLinks {
  // The company network did not answer: its internships are missing, not zero.
  if (typeof text !== 'string') throw new Error("the network map lacks the company network's links");
  const links = JSON.parse(text) as CompanyLinks;
  if (!Array.isArray(links.links) || !Array.isArray(links.companies)) throw new Error("the company network's links are malformed");
  return links;
}

async function compute(ctx: RequestContext, map: NetworkMapSource): Promise<ComputedMap> {
  const links = parseLinks(map.companyLinks);
  const [pairs, partners] = await Promise.all([
    pairsOf(ctx).load(map),
    Promise.all(map.programmeIds.map((id) => groupedBy(ctx, ProgrammePartner, 'programmeId', { orderBy: { joinedOn: 'ASC', id: 'ASC' } }).load(id))),
  ]);

  const companies = new Map(links.companies.map((c) => [c.id, c]));
  const hostNode = (companyId: string) => companies.get(companyId)?.organisationId ?? companyId;
  const edges = new Map<string, { a: string; b: string; people: number; referrals: number; answered: number; median: number | null }>();
  const edge = (x: string, y: string) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { a, b, people: 0, referrals: 0, answered: 0, median: null }));
    return e;
  };
  for (const r of pairs) Object.assign(edge(r.a, r.b), { people: r.people, referrals: r.referrals, answered: r.answered, median: r.median_days });
  // Between the company network and a host company, the people are those of the internships between them.
  const placed = new Map<string, number>();
  for (const l of links.links) {
    const e = edge(l.promoterOrganisationId, hostNode(l.companyId));
    const key = `${e.a}|${e.b}`;
    placed.set(key, (placed.get(key) ?? 0) + l.people);
    e.people = placed.get(key)!;
  }

  const ids = new Set<string>(partners.flat().map((p) => p.organisationId));
  for (const e of edges.values()) ids.add(e.a).add(e.b);
  for (const c of links.companies) ids.add(hostNode(c.id));
  const organisations = await Promise.all([...ids].map((id) => byId(ctx, Organisation).load(id)));
  const nodes = new Map<string, NetworkNode>();
  [...ids].forEach((id, i) => {
    const o = organisations[i];
    const company = o ? undefined : companies.get(id);
    if (o) nodes.set(id, { id, kind: o.kind, name: o.name, organisationId: o.id, organisation: o });
    else if (company) nodes.set(id, { id, kind: 'COMPANY', name: company.name, organisationId: null, organisation: null });
  });

  const order = (x: string, y: string) => {
    const rank = kindRank(nodes.get(x)?.kind ?? '') - kindRank(nodes.get(y)?.kind ?? '');
    return rank || (x < y ? -1 : x > y ? 1 : 0);
  };
  const suppressed: string[] = [];
  const out: NetworkEdge[] = [];
  for (const e of edges.values()) {
    const [from, to] = order(e.a, e.b) <= 0 ? [e.a, e.b] : [e.b, e.a];
    const median = e.median == null ? null : Math.round(Number(e.median) * 10) / 10;
    const figures = withholdSmallCounts({ sharedPeople: e.people, referrals: e.referrals }, { medianResponseDays: { value: median, from: [e.answered] } });
    suppressed.push(...figures.suppressed.map((name) => `${from}:${to}.${name}`));
    out.push({ from, to, sharedPeople: figures.sharedPeople, referrals: figures.referrals, medianResponseDays: figures.medianResponseDays });
  }
  out.sort((x, y) => order(x.from, y.from) || order(x.to, y.to));
  const sortedNodes = [...nodes.values()].sort((x, y) => kindRank(x.kind) - kindRank(y.kind) || x.name.localeCompare(y.name, 'it') || order(x.id, y.id));
  return { nodes: sortedNodes, edges: out, suppressed: suppressed.sort() };
}

const computedMaps = new WeakMap<RequestContext['loaders'], Map<string, Promise<ComputedMap>>>();

function computedMap(ctx: RequestContext, map: NetworkMapSource): Promise<ComputedMap> {
  let memo = computedMaps.get(ctx.loaders);
  if (!memo) computedMaps.set(ctx.loaders, (memo = new Map()));
  let result = memo.get(map.id);
  if (!result) memo.set(map.id, (result = compute(ctx, map)));
  return result;
}

@Resolver(() => NetworkMap)
export class NetworkMapResolver {
  @Query(() => NetworkMap, {
    nullable: true,
    description:
      "The network map of a programme, or of every programme the caller's organisation leads: organisations, host companies, and the people " +
      "and referrals between them. For the lead body's coordinators; aggregates only.",
  })
  async networkMap(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { nullable: true }) programmeId?: string | null): Promise<NetworkMapSource> {
    let programmeIds: string[];
    if (programmeId != null) {
      const programme = isUuid(programmeId) ? await byId(ctx, Programme).load(programmeId) : null;
      if (!programme) throw badInput({ field: 'programmeId', message: `no programme with id ${programmeId}` });
      if (programme.leadOrganisationId !== ctx.principal.organisationId) {
        throw denied('Query.networkMap', "a programme's network map is for the coordinators of its lead body");
      }
      programmeIds = [programme.id];
    } else {
      const led = await ctx.db.getRepository(Programme).find({ select: { id: true }, where: { leadOrganisationId: ctx.principal.organisationId } });
      programmeIds = led.map((p) => p.id);
    }
    return { id: networkMapId(programmeIds), programmeIds };
  }

  @FieldResolver(() => String, { nullable: true })
  aggregateGrant(@Root() map: NetworkMapSource, @Ctx() ctx: RequestContext): string {
    return ctx.access.grant('aggregate', networkMapGrantSubject(map.id));
  }

  @FieldResolver(() => [NetworkNode])
  async nodes(@Root() map: NetworkMapSource, @Ctx() ctx: RequestContext): Promise<NetworkNode[]> {
    return (await computedMap(ctx, map)).nodes;
  }

  @FieldResolver(() => [NetworkEdge])
  async edges(@Root() map: NetworkMapSource, @Ctx() ctx: RequestContext): Promise<NetworkEdge[]> {
    return (await computedMap(ctx, map)).edges;
  }

  @FieldResolver(() => [String])
  async suppressed(@Root() map: NetworkMapSource, @Ctx() ctx: RequestContext): Promise<string[]> {
    return (await computedMap(ctx, map)).suppressed;
  }
}

@Resolver(() => NetworkNode)
export class NetworkNodeResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: "The registry's record, for an organisation in it." })
  organisation(@Root() node: NetworkNode): Organisation | null {
    return node.organisation ?? null;
  }
}
