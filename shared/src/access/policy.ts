import {
  defaultFieldResolver, getNamedType, GraphQLError, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLFieldResolver,
  type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';
import type { RequestContext } from '../context';
import { ErrorCode } from '../errors';
import type { Visibility } from './session';

/**
 * A subgraph's read and write rules in one place. Every object type of the schema has a policy and
 * every root field a rule, or the service does not start: a field added without a decision is a
 * startup error, not an open door.
 *
 * - A type's `visible` rule says how an object returned by a field may be seen. Lists keep only the
 *   objects the caller may see; a single object the caller may not see becomes null with FORBIDDEN.
 * - A field rule narrows what a visible object shows (target groups to the person's own social
 *   services, the candidate profile to host companies). A field without a rule is seen as its object.
 * - Reads seen as `shared`, and reads of `sensitive` fields, go to the access log.
 */
export type VisibilityRule<T = any> = (ctx: RequestContext, obj: T, visibility: Visibility) => RuleResult | Promise<RuleResult>;

/** A refusal that says why, for the FORBIDDEN message. */
export interface Denial {
  readonly denied: string;
}
export type RuleResult = Visibility | Denial;

export function deny(reason: string): Denial {
  return { denied: reason };
}

function isDenial(result: RuleResult): result is Denial {
  return typeof result === 'object' && result !== null;
}

type MaybePromise<T> = T | Promise<T>;

function isPromise<T>(value: MaybePromise<T> | unknown): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Applies `next` now when `value` is at hand, later when it is a promise. */
function then<T, R>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}

export interface TypePolicy<T = any> {
  visible: VisibilityRule<T>;
  /** For objects resolved from entity representations (`_entities`); defaults to `visible`. */
  entity?: VisibilityRule<T>;
  fields?: Partial<Record<string, VisibilityRule<T>>>;
  /** Fields whose every read goes to the access log, whoever reads them. */
  sensitive?: readonly string[];
  /**
   * The person an object is about, or `inherit` for objects only reached from one that is (a plan's
   * steps): makes the type person-level, logged and never part of the public contract.
   */
  person?: ((obj: T) => string | null | undefined) | 'inherit';
  /** Why a field is refused, for the FORBIDDEN message. */
  explain?: Partial<Record<string, string>>;
}

export type SubgraphPolicy = Record<string, TypePolicy>;

// ------------------------------------------------------------------------------------------------
// Rules used across subgraphs.

/** Data about no one in particular, for every caller the field's tags allow. */
export const always: VisibilityRule = () => 'public';
/** Seen as the object it is reached from. */
export const inherit: VisibilityRule = (_ctx, _obj, visibility) => visibility;
/** Any caller with a token (not the public contract). */
export const authenticated: VisibilityRule = (ctx) => (ctx.access.anonymous ? deny('not part of the public contract') : 'public');
/** Callers with one of the roles. */
export const roles = (...allowed: Parameters<RequestContext['access']['hasRole']>): VisibilityRule => (ctx) =>
  (ctx.access.hasRole(...allowed) ? 'public' : deny(`needs one of the roles ${allowed.join(', ')}`));
/** Callers who work with individual people: not coordinators (aggregates only), officers or the public. */
export const worksWithPeople: VisibilityRule = (ctx) => (ctx.access.worksWithPeople ? 'public' : deny(
  'for the partners who work with individual people; coordinators see aggregates only (the programme KPIs), data protection officers use dataSubject',
));
/** The object's visibility, provided the condition holds. */
export const onlyIf = <T = any>(condition: (ctx: RequestContext, obj: T, visibility: Visibility) => boolean, reason?: string): VisibilityRule<T> =>
  (ctx, obj, visibility) => (condition(ctx, obj, visibility) ? visibility : reason ? deny(reason) : null);
export const PSEUDONYMISED = 'host companies see the pseudonymised candidate profile only (first name, skills, availability)';
/** Not for host companies' users, who see the pseudonymised candidate profile only: refused for `reason`. */
export const notForHosts = (reason = PSEUDONYMISED): VisibilityRule => onlyIf((ctx) => !ctx.access.pseudonymised, reason);
/** `rule`, for everyone but host companies' users, to whom the object does not exist. */
export const withoutHosts = <T = any>(rule: VisibilityRule<T>): VisibilityRule<T> => (ctx, obj, v) => (ctx.access.pseudonymised ? null : rule(ctx, obj, v));
/** The partners who work with individual people, host companies excepted (refused for `reason`). */
export const partnersWithPeople = (reason = PSEUDONYMISED): VisibilityRule => (ctx, obj, v) =>
  (ctx.access.pseudonymised ? deny(reason) : worksWithPeople(ctx, obj, v));

// ------------------------------------------------------------------------------------------------

/** The tag name that puts a type or field in the public contract (served without a token at `/public/graphql`). */
export const PUBLIC_TAG = 'public';
/** The directive that does it: `@Directive(PUBLIC)`. */
export const PUBLIC = `@tag(name: "${PUBLIC_TAG}")`;

const INTERNAL_TYPES = new Set(['_Service', 'Query', 'Mutation', 'Subscription']);
const INTERNAL_ROOT_FIELDS = new Set(['_entities', '_service']);

export function denied(coordinate: string, message?: string): GraphQLError {
  return new GraphQLError(message ? `${coordinate}: ${message}` : `You may not read ${coordinate}`, {
    extensions: { code: ErrorCode.FORBIDDEN, coordinate },
  });
}

function hasPublicTag(node: { directives?: readonly { name: { value: string }; arguments?: readonly { value: unknown }[] }[] } | null | undefined): boolean {
  return !!node?.directives?.some((d) => d.name.value === 'tag' && d.arguments?.some((a) => (a.value as { value?: string }).value === PUBLIC_TAG));
}

/** Types built by `connectionType`: a page and its edges carry no data of their own. */
function connectionPolicy(type: GraphQLObjectType): 'connection' | 'edge' | undefined {
  const fields = type.getFields();
  if (type.name.endsWith('Connection') && fields.edges && fields.pageInfo) return 'connection';
  if (type.name.endsWith('Edge') && fields.node && fields.cursor) return 'edge';
  return undefined;
}

function isNullable(type: GraphQLOutputType): boolean {
  return !isNonNullType(type);
}

function isListOf(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Wraps every field of the schema with the policy: anonymous callers reach `@tag(name: "public")`
 * fields only; the object and field rules decide the rest; returned objects are checked before they
 * leave. Throws at build time listing every type, root field or nullability the policy leaves open.
 */
export function guardSchema(schema: GraphQLSchema, policy: SubgraphPolicy): GraphQLSchema {
  const problems: string[] = [];
  const types = new Map<string, TypePolicy>();
  const publicFields = new Set<string>();

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const kind = connectionPolicy(type);
    const declared = policy[type.name];
    if (kind || type.name === 'PageInfo') types.set(type.name, declared ?? { visible: inherit });
    else if (declared) types.set(type.name, declared);
    else if (!INTERNAL_TYPES.has(type.name)) problems.push(`type ${type.name} has no policy`);
    for (const field of Object.values(type.getFields())) {
      if (hasPublicTag(field.astNode) || kind || type.name === 'PageInfo') publicFields.add(`${type.name}.${field.name}`);
    }
  }
  for (const name of Object.keys(policy)) if (!schema.getType(name)) problems.push(`policy for ${name}, which the schema does not have`);

  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    const rules = policy[root.name]?.fields ?? {};
    for (const field of Object.values(root.getFields())) {
      if (!INTERNAL_ROOT_FIELDS.has(field.name) && !rules[field.name]) problems.push(`${root.name}.${field.name} has no rule`);
    }
    for (const name of Object.keys(rules)) if (!root.getFields()[name]) problems.push(`rule for ${root.name}.${name}, which the schema does not have`);
  }

  for (const [name, typePolicy] of types) {
    const type = schema.getType(name) as GraphQLObjectType;
    const fields = type.getFields();
    // A refused root field fails its operation, and edges are kept only with nodes the caller may see.
    if (INTERNAL_TYPES.has(name) || connectionPolicy(type)) continue;
    for (const fieldName of typePolicy.sensitive ?? []) if (!fields[fieldName]) problems.push(`${name}.${fieldName} is marked sensitive but the schema does not have it`);
    for (const fieldName of Object.keys(typePolicy.fields ?? {})) {
      const field = fields[fieldName];
      const rule = typePolicy.fields?.[fieldName];
      if (!field) problems.push(`rule for ${name}.${fieldName}, which the schema does not have`);
      else if (rule === always || rule === inherit) continue;
      else if (!isNullable(field.type)) problems.push(`${name}.${fieldName} has a rule that may refuse it, so it must be nullable`);
    }
    for (const field of Object.values(fields)) {
      const target = types.get(getNamedType(field.type).name);
      if (target?.person && target.visible !== inherit && !isNullable(field.type) && !isListOf(field.type)) {
        problems.push(`${name}.${field.name} returns person-level ${getNamedType(field.type).name}, which a caller may not see, so it must be nullable`);
      }
      if (publicFields.has(`${name}.${field.name}`) && typePolicy.person) problems.push(`${name}.${field.name} is person-level and cannot be public`);
    }
  }
  if (problems.length) throw new Error(`Access policy incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const edgeNodes = new Map<string, string>();
  for (const name of types.keys()) {
    const type = schema.getType(name) as GraphQLObjectType;
    if (connectionPolicy(type) === 'edge') edgeNodes.set(name, getNamedType(type.getFields().node!.type).name);
  }

  const reasons = new WeakMap<object, string>();
  const whyNot = (typeName: string, obj: object): string | undefined => reasons.get(obj) ?? types.get(typeName)?.explain?.['*'];

  /** How `obj`, returned where `parent` applies, may be seen; remembered for the rest of the request. */
  const check = (
    ctx: RequestContext, typeName: string, obj: object, parent: Visibility, mode: 'visible' | 'entity', parentSubject?: string,
  ): MaybePromise<Visibility> => {
    const memo = ctx.access.visibility.get(obj);
    if (memo !== undefined) return memo;
    const remember = (visibility: Visibility): Visibility => {
      ctx.access.visibility.set(obj, visibility);
      return visibility;
    };
    const nodeType = edgeNodes.get(typeName);
    if (nodeType) {
      const node = (obj as { node?: object }).node;
      return then(node && types.has(nodeType) ? check(ctx, nodeType, node, parent, 'visible', parentSubject) : parent, remember);
    }
    const typePolicy = types.get(typeName);
    if (!typePolicy) return remember(null);
    const subject = typePolicy.person === 'inherit' ? parentSubject : typePolicy.person?.(obj) ?? undefined;
    if (subject) ctx.access.subjectOf.set(obj, subject);
    const rule = mode === 'entity' ? typePolicy.entity ?? typePolicy.visible : typePolicy.visible;
    return then(rule(ctx, obj, parent), (result) => {
      if (isDenial(result)) reasons.set(obj, result.denied);
      return remember(isDenial(result) ? null : result);
    });
  };

  /** Checks the objects a field returns: lists keep the visible ones, a single invisible one is refused. */
  const guardValue = (
    ctx: RequestContext, typeName: string, value: unknown, parent: Visibility, coordinate: string, parentSubject?: string,
  ): MaybePromise<unknown> => {
    if (value == null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const items = value.map((item) => then(item as MaybePromise<unknown>, (v): MaybePromise<[boolean, unknown]> => {
        if (v == null || typeof v !== 'object') return [true, v];
        if (Array.isArray(v)) return then(guardValue(ctx, typeName, v, parent, coordinate, parentSubject), (inner) => [true, inner]);
        return then(check(ctx, typeName, v, parent, 'visible', parentSubject), (visibility) => [visibility !== null, v]);
      }));
      const keep = (settled: [boolean, unknown][]) => settled.filter(([kept]) => kept).map(([, v]) => v);
      return items.some(isPromise) ? Promise.all(items).then(keep) : keep(items as [boolean, unknown][]);
    }
    return then(check(ctx, typeName, value, parent, 'visible', parentSubject), (visibility) => {
      if (visibility === null) throw denied(coordinate, whyNot(typeName, value));
      return value;
    });
  };

  // Each type once: the roots are in `types` too when the policy declares them.
  const wrapped = [...[...types].filter(([n]) => n !== 'Query' && n !== 'Mutation'), ['Query', policy.Query], ['Mutation', policy.Mutation]];
  for (const [name, typePolicy] of wrapped as [string, TypePolicy | undefined][]) {
    const type = schema.getType(name);
    if (!type || !isObjectType(type)) continue;
    const isRoot = name === 'Query' || name === 'Mutation';
    const sensitive = new Set(typePolicy?.sensitive ?? []);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, RequestContext>[]) {
      const coordinate = `${name}.${field.name}`;
      const original: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      const returned = getNamedType(field.type);
      const guarded = isObjectType(returned) && types.has(returned.name) ? returned.name : undefined;
      const rule = typePolicy?.fields?.[field.name];
      const isPublic = publicFields.has(coordinate);
      const explanation = typePolicy?.explain?.[field.name];

      if (isRoot && field.name === '_entities') {
        field.resolve = async (source, args, ctx, info) => {
          const representations = (args as { representations: { __typename: string }[] }).representations;
          const results = (await original(source, args, ctx, info)) as unknown[];
          return Promise.all(results.map(async (pending, i) => {
            const item = await pending;
            if (item == null || typeof item !== 'object') return item;
            const typeName = representations[i]!.__typename;
            const visibility = types.has(typeName) ? await check(ctx, typeName, item as object, 'public', 'entity') : null;
            return visibility === null ? denied(typeName, whyNot(typeName, item as object)) : item;
          }));
        };
        continue;
      }
      if (isRoot && INTERNAL_ROOT_FIELDS.has(field.name)) continue;

      // Synchronous whenever the rules and the resolver are: most fields of most objects cost no promise.
      field.resolve = (source, args, ctx, info) => {
        const access = ctx.access;
        if (access.anonymous && !isPublic) throw denied(coordinate, 'not part of the public contract');
        const known = isRoot ? 'public' : access.visibility.get(source as object);
        const objectVisibility = known !== undefined ? known : check(ctx, name, source as object, null, 'visible');
        return then(objectVisibility, (objectSeen) => {
          if (objectSeen === null) throw denied(coordinate, whyNot(name, source as object));
          return then(rule ? rule(ctx, source, objectSeen) : objectSeen, (decision) => {
            if (isDenial(decision)) throw denied(coordinate, decision.denied);
            if (decision === null) throw denied(coordinate, explanation);
            const subject = isRoot ? undefined : access.subjectOf.get(source as object);
            if (subject && field.name !== 'id') {
              if (decision === 'shared') access.record(subject, coordinate, 'CROSS_ORGANISATION');
              if (sensitive.has(field.name)) access.record(subject, coordinate, 'SENSITIVE');
            }
            const result = original(source, args, ctx, info) as MaybePromise<unknown>;
            return guarded ? then(result, (value) => guardValue(ctx, guarded, value, decision, coordinate, subject)) : result;
          });
        });
      };
    }
  }
  return schema;
}
