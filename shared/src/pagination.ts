import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from './context';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 1000;

// Every subgraph pages the same way, so the type is shared between them.
@ObjectType({ description: 'Where a page ends and whether more follow.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: `Page size, 0 to ${MAX_PAGE_SIZE}.` })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = 50;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records.` })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { nullable: true, description: 'Records matching the filters, over all pages.' })
    totalCount?: number;
  }
  return ConnectionType;
}

export interface SortKey {
  /** SQL expression on the query's alias, e.g. `p.family_name`. */
  column: string;
  /** Property of the loaded entity holding that value. */
  property: string;
}

function decodeCursor(ctx: RequestContext, cursor: string, length: number): unknown[] {
  const values = ctx.access.cursors.open(cursor);
  if (values && values.length === length) return values;
  throw badInput({ field: 'after', message: 'not a cursor returned by this query' });
}

/** Whether the client selected a top-level field of this resolver's result (fragments included). */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === field;
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      return visit(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((n) => visit(n.selectionSet));
}

/**
 * Keyset pagination: rows ordered by `keys` (the last one unique, usually the id), one statement per
 * page however deep, and a count only when the client asks for `totalCount`.
 */
export async function keysetPage<T extends ObjectLiteral>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
  keys: SortKey[],
  args: PageArgs,
  info?: GraphQLResolveInfo,
): Promise<Connection<T>> {
  const totalCount = info && selects(info, 'totalCount') ? await qb.clone().getCount() : undefined;
  if (args.after) {
    const values = decodeCursor(ctx, args.after, keys.length);
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    qb.andWhere(`(${keys.map((k) => k.column).join(', ')}) > (${keys.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  for (const k of keys) qb.addOrderBy(k.column, 'ASC');
  const rows = args.first === 0 ? [] : await qb.limit(args.first + 1).getMany();
  const hasNextPage = rows.length > args.first;
  const page = rows.slice(0, args.first);
  const edges = page.map((node) => ({ node, cursor: ctx.access.cursors.seal(keys.map((k) => node[k.property] ?? null)) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
