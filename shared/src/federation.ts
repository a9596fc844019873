import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { guardSchema, type SubgraphPolicy } from './access/policy';

export const FEDERATION_VERSION = 'v2.7';
const FEDERATION_DIRECTIVES = [
  '@key', '@shareable', '@external', '@requires', '@provides', '@tag', '@inaccessible', '@override', '@interfaceObject',
];

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph's SDL with federation directives, as composition reads it. */
  sdl: string;
}

/**
 * Turns a type-graphql schema into a Federation 2 subgraph: type-graphql builds and prints the schema
 * with the directives its decorators attached, the federation spec is linked at the top, and
 * `buildSubgraphSchema` adds `_entities`/`_service` with our reference resolvers, and the subgraph's
 * access policy guards every field (see `access/policy.ts`).
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers,
  policy: SubgraphPolicy,
): Promise<FederatedSchema> {
  const plain = await buildSchema({ ...options, skipCheck: true });
  const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: [${FEDERATION_DIRECTIVES.map((d) => JSON.stringify(d)).join(', ')}])\n\n${printSchemaWithDirectives(plain)}`;
  const resolvers = createResolversMap(plain) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const schema = guardSchema(buildSubgraphSchema({ typeDefs: gql(sdl), resolvers }), policy);
  return { schema, sdl };
}
