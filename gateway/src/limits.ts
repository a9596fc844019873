import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, Kind, TypeInfo, getNamedType, getNullableType, isListType, visit, visitWithTypeInfo,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '@intreccio/shared';

export interface OperationLimits {
  /** Deepest nesting of fields. */
  maxDepth: number;
  /** Aliased fields in one operation: each alias is another execution of a field. */
  maxAliases: number;
  /** Estimated fields resolved, multiplying through lists (see `estimateCost`). */
  maxCost: number;
  /** Lexical tokens of the document, checked while parsing. */
  maxTokens: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxCost: 2_000_000, maxTokens: 5_000 };

/**
 * The public contract is open to anyone: shallower and cheaper. Its catalogue has cycles (a course's
 * editions, each edition's course) that a deep anonymous query could walk round and round.
 */
export const DEFAULT_PUBLIC_LIMITS: OperationLimits = { maxDepth: 8, maxAliases: 15, maxCost: 100_000, maxTokens: 2_000 };

/** An operation that only asks about the schema itself (GraphiQL's, 15 fields deep); refused in production anyway. */
function introspectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/** How many items a list field is assumed to return when no `first` argument says. */
export const ASSUMED_LIST_SIZE = 10;

function tooComplex(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, http: { status: 400 } } });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
}

/** Deepest field nesting, following fragments (a fragment cycle is already invalid GraphQL). */
export function depthOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  let deepest = 0;
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + (s.selectionSet ? depthOf(s.selectionSet, fragments, seen) : 0));
    else if (s.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(s.selectionSet, fragments, seen));
    else {
      const fragment = fragments.get(s.name.value);
      if (fragment && !seen.has(s.name.value)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, s.name.value])));
    }
  }
  return deepest;
}

export function aliasesOf(document: DocumentNode): number {
  let aliases = 0;
  visit(document, { Field: (node) => void (node.alias && aliases++) });
  return aliases;
}

/** The page size a connection returns when `first` is not given (`PageArgs`). */
const DEFAULT_PAGE_SIZE = 50;

function firstArgument(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  const value = arg?.value.kind === Kind.INT ? Number(arg.value.value) : arg?.value.kind === Kind.VARIABLE ? Number(variables[arg.value.name.value] ?? NaN) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The request's variables, with the operation's defaults for those it left out (`$n: Int = 5000`). */
function variablesWithDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...variables };
  for (const d of operation.variableDefinitions ?? []) {
    const name = d.variable.name.value;
    if (out[name] === undefined && d.defaultValue?.kind === Kind.INT) out[name] = Number(d.defaultValue.value);
  }
  return out;
}

/**
 * Fields the operation may resolve: each field counts once per item of every list above it, a list's
 * size being its `first` argument when given (a variable's value or default included) and `ASSUMED_LIST_SIZE`
 * otherwise. Fragments are counted where they are spread.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, given: Record<string, unknown> = {}): number {
  const variables = variablesWithDefaults(operation, given);
  const fragments = fragmentsOf(document);
  const typeInfo = new TypeInfo(schema);
  const multipliers: number[] = [1];
  let cost = 0;
  const expand = (node: OperationDefinitionNode | FragmentDefinitionNode): void => {
    visit(node, visitWithTypeInfo(typeInfo, {
      Field: {
        enter(field) {
          const multiplier = multipliers[multipliers.length - 1]!;
          cost += multiplier;
          const type = typeInfo.getType();
          let factor = 1;
          const inConnection = typeInfo.getParentType()?.name.endsWith('Connection') ?? false;
          // A connection's edges are the page its `first` already counted.
          if (inConnection && field.name.value === 'edges') factor = 1;
          else if (type && isListType(getNullableType(type))) factor = firstArgument(field, variables) ?? ASSUMED_LIST_SIZE;
          else if (type && getNamedType(type).name.endsWith('Connection')) factor = firstArgument(field, variables) ?? DEFAULT_PAGE_SIZE;
          multipliers.push(multiplier * factor);
        },
        leave() {
          multipliers.pop();
        },
      },
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment) expand(fragment);
      },
    }));
  };
  expand(operation);
  return cost;
}

/** Refuses operations past the limits before any subgraph is called. */
export function operationLimits(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation || introspectionOnly(operation)) return;
          const depth = depthOf(operation.selectionSet, fragmentsOf(document));
          if (depth > limits.maxDepth) throw tooComplex(`The operation is ${depth} fields deep; at most ${limits.maxDepth} are allowed`, 'depth');
          const aliases = aliasesOf(document);
          if (aliases > limits.maxAliases) throw tooComplex(`The operation uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, 'aliases');
          const cost = estimateCost(schema, document, operation, request.variables ?? {});
          if (cost > limits.maxCost) {
            throw tooComplex(`The operation could resolve about ${cost} fields; at most ${limits.maxCost} are allowed: ask for smaller pages`, 'cost');
          }
        },
      };
    },
  };
}
