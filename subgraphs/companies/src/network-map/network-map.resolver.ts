import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import {
  deny, networkMapGrantSubject, parseNetworkMapId, requestLoader, type CompanyLinks, type RequestContext, type TypePolicy, type VisibilityRule,
} from '@intreccio/shared';

/** Social services' network map: the company network adds who it placed where. */
@ObjectType('NetworkMap')
@Directive('@key(fields: "id")')
export class NetworkMapRef {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  aggregateGrant?: string | null;
}

interface MapReference {
  id: string;
  programmeIds: string[];
  aggregateGrant: string | null;
}

export const networkMapReference = {
  __resolveReference: (ref: { id?: unknown; aggregateGrant?: unknown }): MapReference | null => {
    const programmeIds = parseNetworkMapId(ref.id);
    if (!programmeIds) return null;
    return { id: ref.id as string, programmeIds, aggregateGrant: typeof ref.aggregateGrant === 'string' ? ref.aggregateGrant : null };
  },
};

/** Only with social services' grant: they know which programmes the caller coordinates. */
const granted: VisibilityRule<MapReference> = (ctx, m) =>
  (ctx.access.hasRole('coordinator') && typeof m?.id === 'string' && ctx.access.verifyGrant('aggregate', networkMapGrantSubject(m.id), m.aggregateGrant)
    ? 'public'
    : deny('the internships are counted only for a network map social services vouched for in this request'));

export const networkMapPolicy: TypePolicy<MapReference> = { visible: granted, entity: granted };

interface LinkRow {
  k: number;
  promoter_organisation_id: string;
  company_id: string;
  name: string;
  organisation_id: string | null;
  people: number;
}

/** People with an internship, per promoter and host company, in every map's programmes: one statement per request. */
const LINKS_SQL = `
  SELECT q.k, i.promoter_organisation_id, i.company_id, co.name, co.organisation_id, count(DISTINCT i.person_id)::int AS people
    FROM unnest($1::int[], $2::uuid[]) AS q(k, programme_id)
    JOIN internship i ON i.programme_id = q.programme_id
    JOIN company co ON co.id = i.company_id
   GROUP BY q.k, i.promoter_organisation_id, i.company_id, co.name, co.organisation_id`;

function linksOf(ctx: RequestContext) {
  return ctx.loaders.get('NetworkMap#links', () =>
    requestLoader<MapReference, string, string>(ctx.loaders, async (maps) => {
      const rows: LinkRow[] = await ctx.db.query(LINKS_SQL, [maps.flatMap((m, i) => m.programmeIds.map(() => i)), maps.flatMap((m) => m.programmeIds)]);
      return maps.map((_m, i) => {
        const mine = rows.filter((r) => Number(r.k) === i);
        const links: CompanyLinks = {
          links: mine.map((r) => ({ promoterOrganisationId: r.promoter_organisation_id, companyId: r.company_id, people: r.people })),
          companies: [...new Map(mine.map((r) => [r.company_id, { id: r.company_id, name: r.name, organisationId: r.organisation_id }])).values()],
        };
        return JSON.stringify(links);
      });
    }, { cacheKeyFn: (m) => m.id }),
  );
}

@Resolver(() => NetworkMapRef)
export class NetworkMapLinksResolver {
  @FieldResolver(() => String, { nullable: true })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "aggregateGrant")')
  async companyLinks(@Root() map: MapReference, @Ctx() ctx: RequestContext): Promise<string> {
    return linksOf(ctx).load(map);
  }
}
