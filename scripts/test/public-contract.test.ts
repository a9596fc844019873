import { composeServices } from '@apollo/composition';
import { isObjectType, Kind, parse, print, type ConstDirectiveNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { publicContract, PublicContractError, type SubgraphSdl } from '../src/public-contract';
import { SUBGRAPHS } from '../src/subgraphs';

const LINK = (imports: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports}])`;

/** A catalogue subgraph with a public list of items and records about someone behind it. */
const CATALOGUE = `${LINK('"@key", "@shareable", "@external", "@tag", "@inaccessible"')}
type Query {
  items(first: Int! = 10, filter: ItemFilter): ItemConnection! @tag(name: "public")
  item(id: ID!): Item @tag(name: "public")
  secret(id: ID!): Secret
}
type Item @tag(name: "public") @key(fields: "id") {
  id: ID! @tag(name: "public")
  name: String! @tag(name: "public")
  kind: ItemKind! @tag(name: "public")
  internalNote: String
  owner: Secret
  createdAt: DateTime
}
enum ItemKind { TOOL PART }
input ItemFilter { kind: ItemKind }
type Secret @key(fields: "id") {
  id: ID!
  holder: String!
  level: SecretLevel!
}
enum SecretLevel { LOW HIGH }
scalar DateTime
input SecretInput { holder: String! level: SecretLevel! }
type ItemConnection { edges: [ItemEdge!]! pageInfo: PageInfo! totalCount: Int }
type ItemEdge { cursor: String! node: Item! }
type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }
type Mutation {
  createSecret(input: SecretInput!): Secret!
  renameItem(id: ID!, name: String!): Item! @tag(name: "public")
}
`;

/** A second subgraph adding to both entities. */
const STOCK = `${LINK('"@key", "@tag", "@shareable", "@inaccessible"')}
type Item @key(fields: "id") {
  id: ID! @tag(name: "public")
  price: Int @tag(name: "public")
  stock: Int
}
type Secret @key(fields: "id", resolvable: false) {
  id: ID!
}
type Query {
  lowStock: [Item!]!
}
`;

const fixture = (catalogue = CATALOGUE, stock = STOCK): SubgraphSdl[] => [
  { name: 'catalogue', typeDefs: parse(catalogue) },
  { name: 'stock', typeDefs: parse(stock) },
];

function definition(doc: DocumentNode, name: string) {
  const found = doc.definitions.find((d) => 'name' in d && d.name?.value === name);
  if (!found) throw new Error(`no ${name}`);
  return found as { directives?: readonly ConstDirectiveNode[]; fields?: readonly { name: { value: string }; directives?: readonly ConstDirectiveNode[] }[] };
}

const directivesOf = (node: { directives?: readonly ConstDirectiveNode[] }) => (node.directives ?? []).map((d) => d.name.value);
const fieldDirectives = (doc: DocumentNode, type: string, field: string) => directivesOf(definition(doc, type).fields!.find((f) => f.name.value === field)!);

function compose(subgraphs: SubgraphSdl[]) {
  return composeServices(subgraphs.map((s) => ({ ...s, url: `http://${s.name}/graphql` })));
}

function apiSchema(subgraphs: SubgraphSdl[]): GraphQLSchema {
  const result = compose(subgraphs);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.schema.toAPISchema().toGraphQLJSSchema();
}

function shape(schema: GraphQLSchema): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    out[type.name] = isObjectType(type) ? Object.keys(type.getFields()).sort() : [];
  }
  return out;
}

describe('the public contract transform', () => {
  it('leaves the tagged fields and the pages they return, and hides every other field', () => {
    const { subgraphs, fields } = publicContract(fixture());
    const [catalogue, stock] = subgraphs.map((s) => s.typeDefs) as [DocumentNode, DocumentNode];
    for (const f of ['id', 'name', 'kind']) expect(fieldDirectives(catalogue, 'Item', f)).not.toContain('inaccessible');
    for (const f of ['internalNote', 'owner', 'createdAt']) expect(fieldDirectives(catalogue, 'Item', f)).toContain('inaccessible');
    expect(fieldDirectives(catalogue, 'Query', 'items')).not.toContain('inaccessible');
    expect(fieldDirectives(catalogue, 'Query', 'secret')).toContain('inaccessible');
    for (const f of ['edges', 'pageInfo', 'totalCount']) expect(fieldDirectives(catalogue, 'ItemConnection', f)).not.toContain('inaccessible');
    expect(fieldDirectives(stock, 'Item', 'price')).not.toContain('inaccessible');
    expect(fieldDirectives(stock, 'Item', 'stock')).toContain('inaccessible');
    expect(fieldDirectives(stock, 'Query', 'lowStock')).toContain('inaccessible');
    expect(fields).toEqual([
      'Item.id', 'Item.kind', 'Item.name', 'Item.price', 'ItemConnection.edges', 'ItemConnection.pageInfo', 'ItemConnection.totalCount',
      'ItemEdge.cursor', 'ItemEdge.node', 'PageInfo.endCursor', 'PageInfo.hasNextPage', 'Query.item', 'Query.items',
    ]);
  });

  it('hides every mutation, tagged or not, and the types only they or hidden fields reach, in every subgraph', () => {
    const { subgraphs, types } = publicContract(fixture());
    const [catalogue, stock] = subgraphs.map((s) => s.typeDefs) as [DocumentNode, DocumentNode];
    expect(fieldDirectives(catalogue, 'Mutation', 'renameItem')).toContain('inaccessible');
    expect(fieldDirectives(catalogue, 'Mutation', 'createSecret')).toContain('inaccessible');
    for (const type of ['Mutation', 'Secret', 'SecretLevel', 'SecretInput', 'DateTime']) expect(directivesOf(definition(catalogue, type))).toContain('inaccessible');
    expect(directivesOf(definition(stock, 'Secret'))).toContain('inaccessible');
    for (const type of ['Item', 'ItemKind', 'ItemFilter', 'ItemConnection', 'ItemEdge', 'PageInfo', 'Query']) {
      expect(directivesOf(definition(catalogue, type))).not.toContain('inaccessible');
    }
    expect(types).toEqual(['Item', 'ItemConnection', 'ItemEdge', 'ItemFilter', 'ItemKind', 'PageInfo', 'Query']);
  });

  it('composes with no hint into an API schema of the tagged elements only', () => {
    const { subgraphs } = publicContract(fixture());
    const result = compose(subgraphs);
    expect(result.errors).toBeUndefined();
    expect(result.hints).toEqual([]);
    expect(shape(apiSchema(subgraphs))).toEqual({
      Query: ['item', 'items'],
      Item: ['id', 'kind', 'name', 'price'],
      ItemKind: [],
      ItemFilter: [],
      ItemConnection: ['edges', 'pageInfo', 'totalCount'],
      ItemEdge: ['cursor', 'node'],
      PageInfo: ['endCursor', 'hasNextPage'],
    });
    // The same SDLs untransformed expose everything: the transform is what hides it.
    const untransformed = shape(apiSchema(fixture()));
    expect(Object.keys(untransformed)).toEqual(expect.arrayContaining(['Mutation', 'Secret', 'SecretLevel', 'DateTime']));
    expect(untransformed.Item).toContain('internalNote');
  });

  it('names @inaccessible as the subgraphs import it, or by its full name when they do not', () => {
    const unimported = (sdl: string) => sdl.replace(/, "@inaccessible"/, '');
    const { subgraphs } = publicContract(fixture(unimported(CATALOGUE), unimported(STOCK)));
    expect(fieldDirectives(subgraphs[0]!.typeDefs, 'Item', 'internalNote')).toEqual(['federation__inaccessible']);
    expect(directivesOf(definition(subgraphs[1]!.typeDefs, 'Secret'))).toContain('federation__inaccessible');
    const result = compose(subgraphs);
    expect(result.errors).toBeUndefined();
    expect(result.hints).toEqual([]);
    expect(Object.keys(shape(apiSchema(subgraphs))).sort()).toEqual(['Item', 'ItemConnection', 'ItemEdge', 'ItemFilter', 'ItemKind', 'PageInfo', 'Query']);

    const renamed = CATALOGUE.replace('"@inaccessible"', '{ name: "@inaccessible", as: "@hidden" }');
    expect(fieldDirectives(publicContract(fixture(renamed)).subgraphs[0]!.typeDefs, 'Item', 'internalNote')).toEqual(['hidden']);
  });

  it('changes nothing else in the SDL', () => {
    const original = fixture();
    const before = original.map((s) => print(s.typeDefs));
    const { subgraphs } = publicContract(original);
    const strip = (doc: DocumentNode) => print(doc).replace(/ @inaccessible(?=[\s)])/g, '');
    expect(subgraphs.map((s) => print(s.typeDefs))).not.toEqual(before);
    expect(subgraphs.map((s) => strip(s.typeDefs))).toEqual(before);
    // The input documents are left as they were.
    expect(original.map((s) => print(s.typeDefs))).toEqual(before);
  });

  it('keeps a field already @inaccessible as it is, and leaves @external fields to their owner', () => {
    const catalogue = CATALOGUE.replace('internalNote: String', 'internalNote: String @inaccessible');
    const stock = `${LINK('"@key", "@tag", "@shareable", "@external", "@requires", "@inaccessible"')}
type Item @key(fields: "id") {
  id: ID! @tag(name: "public")
  internalNote: String @external
  price: Int @tag(name: "public") @requires(fields: "internalNote")
}
`;
    const { subgraphs } = publicContract(fixture(catalogue, stock));
    expect(fieldDirectives(subgraphs[0]!.typeDefs, 'Item', 'internalNote').filter((d) => d === 'inaccessible')).toHaveLength(1);
    expect(fieldDirectives(subgraphs[1]!.typeDefs, 'Item', 'internalNote')).toEqual(['external']);
    const result = compose(subgraphs);
    expect(result.errors).toBeUndefined();
    expect(result.hints).toEqual([]);
  });

  it('refuses a field public in one subgraph and untagged in another that resolves it', () => {
    const stock = STOCK.replace('type Item @key(fields: "id") {', 'type Item @key(fields: "id") {\n  name: String! @shareable');
    const catalogue = CATALOGUE.replace('name: String! @tag(name: "public")', 'name: String! @tag(name: "public") @shareable');
    const failure = (() => {
      try {
        publicContract(fixture(catalogue, stock));
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(PublicContractError);
    expect((failure as PublicContractError).problems).toEqual([
      'Item.name is tagged public in catalogue but not in stock, which may resolve it for anonymous callers and would refuse them',
    ]);
  });

  it('refuses a public field returning a type with no public field', () => {
    const catalogue = CATALOGUE.replace('owner: Secret', 'owner: Secret @tag(name: "public")');
    expect(() => publicContract(fixture(catalogue))).toThrow(/Secret is reached from Item\.owner but has no field tagged public/);
  });

  it('builds the network’s own public contract from the four subgraphs', async () => {
    const services = await Promise.all(SUBGRAPHS.map(async (def) => ({ name: def.name, typeDefs: parse((await def.buildSchema()).sdl) })));
    const { subgraphs, types } = publicContract(services);
    const result = compose(subgraphs);
    expect(result.errors).toBeUndefined();
    expect(result.hints).toEqual([]);
    expect(types).toEqual(expect.arrayContaining(['Programme', 'Course', 'Vacancy', 'Company']));
    expect(types.filter((t) => ['Person', 'Case', 'Hire', 'Internship', 'Enrollment'].includes(t))).toEqual([]);
    expect(subgraphs.every((s) => s.typeDefs.kind === Kind.DOCUMENT)).toBe(true);
  });
});
