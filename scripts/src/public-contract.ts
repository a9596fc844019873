import {
  Kind, visit,
  type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type InterfaceTypeDefinitionNode, type InterfaceTypeExtensionNode,
  type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode, type TypeNode,
} from 'graphql';
import { PUBLIC_TAG } from '@intreccio/shared';

/**
 * The public contract: the part of the network graph served without a token at `/public/graphql`.
 *
 * `publicContract` rewrites every subgraph's SDL before composition so that the composed supergraph's
 * API schema holds exactly the elements tagged `@tag(name: "public")` (`@Directive(PUBLIC)` in the
 * code) and what they need:
 *
 * - a field of an object or interface type stays visible when some subgraph tags it public; every
 *   other field gets `@inaccessible`, key fields included (the query planner still uses them, clients
 *   never see them). Page types (`…Connection`, `…Edge`, `PageInfo`, as `connectionType` builds them)
 *   carry no data of their own: their fields are public wherever the page is, as the subgraphs'
 *   access policy treats them (`guardSchema`);
 * - every Mutation and Subscription field is `@inaccessible`, tagged or not: the contract only reads;
 * - a type stays visible only when the public fields reach it from Query (through field types,
 *   arguments and input fields); every other object, interface, union, enum, input and scalar type
 *   gets `@inaccessible` as a whole, so nothing unreachable is left for composition to reject;
 * - the decisions are made once for the whole network and applied alike in every subgraph that
 *   defines the element, as composition requires (`@external` fields are left to their owner).
 *
 * Subgraphs refuse anonymous callers on any field they do not tag themselves, so a field tagged in one
 * subgraph but left untagged in another that can resolve it would fail at run time: that is reported
 * as a problem, like a reachable type with no public field.
 */

export interface SubgraphSdl {
  name: string;
  typeDefs: DocumentNode;
}

export interface PublicContract {
  /** Each subgraph's SDL with `@inaccessible` added, in the order given. */
  subgraphs: SubgraphSdl[];
  /** Types of the public API, sorted. */
  types: string[];
  /** Fields of the public API, as `Type.field`, sorted. */
  fields: string[];
}

export class PublicContractError extends Error {
  constructor(readonly problems: string[]) {
    super(`The public contract does not hold:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type TypeKind = 'object' | 'interface' | 'union' | 'enum' | 'input' | 'scalar';

interface FieldInfo {
  /** Named type the field returns. */
  type: string;
  /** Named types of its arguments. */
  args: string[];
  /** Subgraphs that tag it public. */
  taggedIn: Set<string>;
}

interface TypeInfo {
  kind: TypeKind;
  /** Fields of object and interface types, merged over the subgraphs. */
  fields: Map<string, FieldInfo>;
  /** Member types of a union, interfaces of an object type, field types of an input type. */
  refs: Set<string>;
}

type CompositeNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * The names a subgraph uses for federation directives: imported ones under their (possibly renamed)
 * name, the others as `federation__name`.
 */
function federationNames(doc: DocumentNode): (directive: string) => string {
  const imported = new Map<string, string>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of def.directives ?? []) {
      const url = link.arguments?.find((a) => a.name.value === 'url')?.value;
      if (link.name.value !== 'link' || url?.kind !== Kind.STRING || !url.value.includes('specs.apollo.dev/federation/')) continue;
      const list = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const item of list?.kind === Kind.LIST ? list.values : []) {
        if (item.kind === Kind.STRING) imported.set(item.value, item.value.slice(1));
        else if (item.kind === Kind.OBJECT) {
          const name = item.fields.find((f) => f.name.value === 'name')?.value;
          const as = item.fields.find((f) => f.name.value === 'as')?.value;
          if (name?.kind === Kind.STRING) imported.set(name.value, (as?.kind === Kind.STRING ? as.value : name.value).replace(/^@/, ''));
        }
      }
    }
  }
  return (directive) => imported.get(`@${directive}`) ?? `federation__${directive}`;
}

function hasDirective(node: { directives?: readonly ConstDirectiveNode[] }, name: string): boolean {
  return !!node.directives?.some((d) => d.name.value === name);
}

function isPublicTag(directive: ConstDirectiveNode, tagName: string): boolean {
  if (directive.name.value !== tagName) return false;
  const value = directive.arguments?.find((a) => a.name.value === 'name')?.value;
  return value?.kind === Kind.STRING && value.value === PUBLIC_TAG;
}

/** A key of the type that other subgraphs may jump through (not `resolvable: false`). */
function hasResolvableKey(node: CompositeNode, keyName: string): boolean {
  return !!node.directives?.some((d) => d.name.value === keyName && !d.arguments?.some((a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value));
}

/** Page types as `connectionType` builds them (the same test as `guardSchema`'s). */
function isPageType(name: string, fields: Map<string, unknown>): boolean {
  if (name === 'PageInfo') return true;
  if (name.endsWith('Connection') && fields.has('edges') && fields.has('pageInfo')) return true;
  return name.endsWith('Edge') && fields.has('node') && fields.has('cursor');
}

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

export function publicContract(subgraphs: readonly SubgraphSdl[]): PublicContract {
  const problems: string[] = [];
  const types = new Map<string, TypeInfo>();
  const roots = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
  const names = new Map(subgraphs.map((s) => [s.name, federationNames(s.typeDefs)]));

  const typeOf = (name: string, kind: TypeKind): TypeInfo => {
    let info = types.get(name);
    if (!info) types.set(name, (info = { kind, fields: new Map(), refs: new Set() }));
    else if (info.kind !== kind) problems.push(`${name} is a ${info.kind} type in one subgraph and a ${kind} type in another`);
    return info;
  };

  // 1. What the subgraphs define, merged.
  for (const { name: subgraph, typeDefs } of subgraphs) {
    const tag = names.get(subgraph)!('tag');
    for (const def of typeDefs.definitions) {
      switch (def.kind) {
        case Kind.SCHEMA_DEFINITION:
        case Kind.SCHEMA_EXTENSION:
          for (const op of def.operationTypes ?? []) roots[op.operation] = op.type.name.value;
          break;
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_EXTENSION: {
          const object = def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION;
          const info = typeOf(def.name.value, object ? 'object' : 'interface');
          for (const i of def.interfaces ?? []) info.refs.add(i.name.value);
          for (const field of def.fields ?? []) {
            let merged = info.fields.get(field.name.value);
            if (!merged) {
              merged = { type: namedType(field.type), args: [], taggedIn: new Set() };
              info.fields.set(field.name.value, merged);
            }
            for (const arg of field.arguments ?? []) if (!merged.args.includes(namedType(arg.type))) merged.args.push(namedType(arg.type));
            if (field.directives?.some((d) => isPublicTag(d, tag))) merged.taggedIn.add(subgraph);
          }
          break;
        }
        case Kind.UNION_TYPE_DEFINITION:
        case Kind.UNION_TYPE_EXTENSION:
          for (const member of def.types ?? []) typeOf(def.name.value, 'union').refs.add(member.name.value);
          typeOf(def.name.value, 'union');
          break;
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_EXTENSION:
          for (const field of def.fields ?? []) typeOf(def.name.value, 'input').refs.add(namedType(field.type));
          typeOf(def.name.value, 'input');
          break;
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_EXTENSION:
          typeOf(def.name.value, 'enum');
          break;
        case Kind.SCALAR_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_EXTENSION:
          typeOf(def.name.value, 'scalar');
          break;
        default:
          break;
      }
    }
  }

  const writeRoots = new Set([roots.mutation, roots.subscription]);
  const isPublicField = (typeName: string, fieldName: string): boolean => {
    if (writeRoots.has(typeName)) return false;
    const info = types.get(typeName);
    const field = info?.fields.get(fieldName);
    if (!info || !field) return false;
    return field.taggedIn.size > 0 || isPageType(typeName, info.fields);
  };

  // 2. What the public fields reach from Query.
  const reachedFrom = new Map<string, string>([[roots.query, 'the query root']]);
  const queue = [roots.query];
  const reach = (name: string, from: string) => {
    if (BUILT_IN_SCALARS.has(name) || reachedFrom.has(name)) return;
    if (!types.has(name)) {
      problems.push(`${from} refers to ${name}, which no subgraph defines`);
      return;
    }
    reachedFrom.set(name, from);
    queue.push(name);
  };
  while (queue.length) {
    const name = queue.shift()!;
    const info = types.get(name);
    if (!info) continue;
    if (info.kind === 'object' || info.kind === 'interface') {
      let visible = 0;
      for (const [fieldName, field] of info.fields) {
        if (!isPublicField(name, fieldName)) continue;
        visible++;
        reach(field.type, `${name}.${fieldName}`);
        for (const arg of field.args) reach(arg, `an argument of ${name}.${fieldName}`);
      }
      if (!visible) problems.push(`${name} is reached from ${reachedFrom.get(name)} but has no field tagged public`);
      if (info.kind === 'interface') {
        for (const [other, o] of types) if (o.kind === 'object' && o.refs.has(name)) reach(other, `its interface ${name}`);
      }
    } else if (info.kind === 'union' || info.kind === 'input') {
      for (const ref of info.refs) reach(ref, name);
    }
  }
  if (!types.has(roots.query)) problems.push(`no subgraph defines ${roots.query}`);

  // 3. A field public in one subgraph must be tagged in every other that may resolve it.
  for (const { name: subgraph, typeDefs } of subgraphs) {
    const federation = names.get(subgraph)!;
    const [tag, external, key] = [federation('tag'), federation('external'), federation('key')];
    const servedHere = new Set<string>();
    for (const def of typeDefs.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      if (hasResolvableKey(def, key)) servedHere.add(def.name.value);
      if (!reachedFrom.has(def.name.value)) continue;
      for (const field of def.fields ?? []) if (isPublicField(def.name.value, field.name.value)) servedHere.add(namedType(field.type));
    }
    for (const def of typeDefs.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const typeName = def.name.value;
      if (!reachedFrom.has(typeName) || !servedHere.has(typeName) || writeRoots.has(typeName)) continue;
      const info = types.get(typeName)!;
      if (isPageType(typeName, info.fields)) continue;
      for (const field of def.fields ?? []) {
        const merged = info.fields.get(field.name.value)!;
        if (merged.taggedIn.size === 0 || merged.taggedIn.has(subgraph) || hasDirective(field, external)) continue;
        if (field.directives?.some((d) => isPublicTag(d, tag))) continue;
        problems.push(
          `${typeName}.${field.name.value} is tagged public in ${[...merged.taggedIn].join(', ')} but not in ${subgraph}, which may resolve it for anonymous callers and would refuse them`,
        );
      }
    }
  }
  if (problems.length) throw new PublicContractError(problems);

  // 4. Mark everything else @inaccessible, the same way in every subgraph.
  const transformed = subgraphs.map(({ name, typeDefs }) => {
    const federation = names.get(name)!;
    const [inaccessible, external] = [federation('inaccessible'), federation('external')];
    const mark = <N extends { directives?: readonly ConstDirectiveNode[] }>(node: N): N =>
      (hasDirective(node, inaccessible) ? node : { ...node, directives: [...(node.directives ?? []), { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: inaccessible }, arguments: [] }] });
    const hideType = <N extends { name: { value: string }; directives?: readonly ConstDirectiveNode[] }>(node: N): N =>
      (reachedFrom.has(node.name.value) ? node : mark(node));
    const composite = (node: CompositeNode): CompositeNode => ({
      ...hideType(node),
      fields: node.fields?.map((field: FieldDefinitionNode) =>
        (isPublicField(node.name.value, field.name.value) || hasDirective(field, external) ? field : mark(field))),
    });
    return {
      name,
      typeDefs: visit(typeDefs, {
        ObjectTypeDefinition: composite,
        ObjectTypeExtension: composite,
        InterfaceTypeDefinition: composite,
        InterfaceTypeExtension: composite,
        UnionTypeDefinition: hideType,
        UnionTypeExtension: hideType,
        EnumTypeDefinition: hideType,
        EnumTypeExtension: hideType,
        InputObjectTypeDefinition: hideType,
        InputObjectTypeExtension: hideType,
        ScalarTypeDefinition: hideType,
        ScalarTypeExtension: hideType,
      }) as DocumentNode,
    };
  });

  const publicTypes = [...reachedFrom.keys()].sort();
  const publicFields = publicTypes.flatMap((t) => {
    const info = types.get(t)!;
    return [...info.fields.keys()].filter((f) => isPublicField(t, f)).map((f) => `${t}.${f}`);
  }).sort();
  return { subgraphs: transformed, types: publicTypes, fields: publicFields };
}
