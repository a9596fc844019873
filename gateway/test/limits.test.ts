import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { aliasesOf, depthOf, estimateCost } from '../src/limits';

const schema = buildSchema(`
  type Query { people(first: Int = 50, after: String): PersonConnection! person(id: ID!): Person }
  type PersonConnection { edges: [PersonEdge!]! }
  type PersonEdge { node: Person! }
  type Person { id: ID! name: String! skills: [Skill!]! matches(first: Int = 10): [Match!]! }
  type Skill { label: String! courses: [Course!]! }
  type Course { title: String! }
  type Match { score: Float! person: Person! }
`);

function analyse(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  const fragments = new Map(document.definitions.filter((d) => d.kind === 'FragmentDefinition').map((f) => [(f as any).name.value, f as any]));
  return { depth: depthOf(operation.selectionSet, fragments), aliases: aliasesOf(document), cost: estimateCost(schema, document, operation, variables) };
}

describe('operation limits', () => {
  it('measures depth through fragments', () => {
    const { depth } = analyse(`{ person(id: "1") { ...P } } fragment P on Person { matches { person { matches { score } } } }`);
    expect(depth).toBe(5);
  });

  it('counts aliases', () => {
    expect(analyse(`{ a: person(id: "1") { id } b: person(id: "2") { id } person(id: "3") { id } }`).aliases).toBe(2);
  });

  it('multiplies cost through lists, taking a page size from first, a variable, or the default', () => {
    // people once, then edges, node and id once per item of the page of 100
    expect(analyse(`{ people(first: 100) { edges { node { id } } } }`).cost).toBe(1 + 3 * 100);
    expect(analyse(`query($n: Int) { people(first: $n) { edges { node { id } } } }`, { n: 7 }).cost).toBe(1 + 3 * 7);
    // a variable left out counts at the operation's default for it, not at the page default
    expect(analyse(`query($n: Int = 5000) { people(first: $n) { edges { node { id } } } }`).cost).toBe(1 + 3 * 5000);
    expect(analyse(`query($n: Int = 5000) { people(first: $n) { edges { node { id } } } }`, { n: 2 }).cost).toBe(1 + 3 * 2);
    // no first on a connection: its default page of 50
    expect(analyse(`{ people { edges { node { id } } } }`).cost).toBe(1 + 3 * 50);
    // skills has no first: 10 assumed; each skill's courses: 10 more
    expect(analyse(`{ person(id: "1") { skills { courses { title } } } }`).cost).toBe(1 + 1 + 10 * (1 + 10));
  });

  it('makes a query that nests lists expensive', () => {
    const nested = analyse(`{ people(first: 1000) { edges { node { matches(first: 100) { person { matches(first: 100) { score } } } } } } }`);
    expect(nested.cost).toBeGreaterThan(10_000_000);
  });
});
