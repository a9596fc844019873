import {
  devIssuerKeyFile, generateSigningKeyPair, internalKeyFile, InternalTokenVerifier, loadOrCreateKeyPair, mintDevToken, type Principal,
} from '@intreccio/shared';
import { callerToken, gatewayToken, postGraphQL, principal } from '@intreccio/shared/testing';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES, seedSocialServices } from '@intreccio/scripts';
import { TestNetwork } from './support/network';
import { gatewayWithSpy, type SpiedGateway } from './support/spy-subgraph';

const PEOPLE = 520;

let net: TestNetwork;
let caseManager: Principal;

function demoOrganisation(kind: string) {
  const org = DEMO_ORGANISATIONS.find((o) => o.kind === kind);
  if (!org) throw new Error(`no demo ${kind}`);
  return org;
}

beforeAll(async () => {
  net = await TestNetwork.start('gateway', {
    seed: async (subgraphs) => {
      await seedSocialServices(subgraphs.find((s) => s.name === 'social-services')!.database.dataSource, { persons: PEOPLE });
    },
  });
  const lead = demoOrganisation('SOCIAL_SERVICES');
  caseManager = principal('case_manager', lead.id, 'SOCIAL_SERVICES', DEMO_PROGRAMMES.map((p) => p.id));
}, 120_000);
afterAll(() => net?.stop());

describe('authentication at the gateway', () => {
  it('answers 401 without a token', async () => {
    const res = await postGraphQL(net.url, '{ programmes { name } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data).toBeUndefined();
  });

  it('answers 401 to a token signed by a key it does not trust', async () => {
    const stranger = await generateSigningKeyPair();
    const token = await mintDevToken(stranger.privateJwk, caseManager);
    const res = await postGraphQL(net.url, '{ programmes { name } }', {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it('answers 401 to an expired token', async () => {
    const { privateJwk } = await loadOrCreateKeyPair(devIssuerKeyFile(net.env.dataDir));
    const token = await mintDevToken(privateJwk, caseManager, '-1m');
    const res = await postGraphQL(net.url, '{ programmes { name } }', {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a gateway-to-subgraph token presented by a client', async () => {
    const internal = await gatewayToken(net.env.dataDir, caseManager, 'social-services');
    const res = await postGraphQL(net.url, '{ programmes { name } }', {}, { authorization: `Bearer ${internal}` });
    expect(res.status).toBe(401);
  });

  it('refuses a direct call to a subgraph, even with a caller token', async () => {
    const subgraph = net.network.subgraph('social-services').server.url;
    expect((await postGraphQL(subgraph, '{ programmes { name } }')).status).toBe(401);
    const callerTokenForGateway = await net.token(caseManager);
    const res = await postGraphQL(subgraph, '{ programmes { name } }', {}, { authorization: `Bearer ${callerTokenForGateway}` });
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
  });
});

describe('what reaches a subgraph', () => {
  let spied: SpiedGateway;
  beforeAll(async () => {
    spied = await gatewayWithSpy('spy', 'social-services', { programmes: [] });
  });
  afterAll(() => spied?.close());

  it('carries only the gateway’s own token, never the client’s headers', async () => {
    const { seen, env, gateway } = spied;
    seen.length = 0;
    const token = await callerToken(env.dataDir, caseManager);
    const res = await postGraphQL(gateway.url, '{ programmes { name } }', {}, {
      authorization: `Bearer ${token}`,
      'x-intreccio-principal': '{"roles":["data_protection_officer"]}',
      'x-forwarded-user': 'admin',
      cookie: 'session=stolen',
    });
    expect(res.data).toEqual({ programmes: [] });
    expect(seen).toHaveLength(1);
    const headers = seen[0]!;
    expect(headers['x-intreccio-principal']).toBeUndefined();
    expect(headers['x-forwarded-user']).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).not.toContain(token);
    const { publicJwk } = await loadOrCreateKeyPair(internalKeyFile(env.dataDir));
    const verified = await new InternalTokenVerifier(publicJwk, 'social-services').verify(headers.authorization!.replace(/^Bearer /, ''));
    expect(verified.principal).toEqual(caseManager);
  });
});

describe('the network graph', () => {
  it('answers the first query a case manager runs', async () => {
    const data = await net.ok(caseManager, '{ programmes { name } people(first: 5) { edges { node { id givenName case { status } } } } }');
    expect(data.programmes.map((p: any) => p.name)).toEqual(expect.arrayContaining(['PROG.RE.S.S.I.V.E 2', 'Flor@Work']));
    expect(data.people.edges).toHaveLength(5);
    for (const { node } of data.people.edges) {
      expect(node.givenName).toEqual(expect.any(String));
      expect(['OPEN', 'SUSPENDED', 'CLOSED']).toContain(node.case.status);
    }
  });

  it('shows a person with case, plan and referrals', async () => {
    const list = await net.ok(caseManager, '{ cases(first: 200, filter: { status: OPEN }) { edges { node { person { id } plan { status } referrals { id } } } } }');
    const withPlanAndReferrals = list.cases.edges.find((e: any) => e.node.plan?.status === 'SIGNED' && e.node.referrals.length > 0);
    expect(withPlanAndReferrals).toBeDefined();
    const data = await net.ok(caseManager, `query($id: ID!) { person(id: $id) {
      fiscalCode case { status programme { name } team { role organisation { name } } plan { status signedOn steps { kind status ownerOrganisation { kind } } } }
      referrals { status reason sentAt toOrganisation { name } }
    } }`, { id: withPlanAndReferrals.node.person.id });
    expect(data.person.case.plan.status).toBe('SIGNED');
    expect(data.person.case.plan.steps.length).toBeGreaterThan(0);
    expect(data.person.referrals.length).toBeGreaterThan(0);
    expect(data.person.case.team.some((m: any) => m.role === 'CASE_MANAGER')).toBe(true);
  });

  it('refuses a wrong fiscal code with the field named, writes nothing, and writes once per idempotency key', async () => {
    const create = 'mutation($i: CreatePersonInput!, $k: String) { createPerson(input: $i, idempotencyKey: $k) { id } }';
    const input = {
      fiscalCode: 'RSSMRA85T10A562X', givenName: 'Mario', familyName: 'Rossi', birthDate: '1985-12-10', sex: 'MALE',
      birthPlaceCode: 'A562', residenceMunicipalityCode: 'G752', targetGroups: ['LONG_TERM_UNEMPLOYED'],
    };
    const count = async () => Number((await net.network.subgraph('social-services').database.dataSource.query('SELECT count(*) AS n FROM person'))[0].n);
    const before = await count();
    const bad = await net.call(caseManager, create, { i: input, k: 'gw-1' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fiscalCode' });
    expect(await count()).toBe(before);
    const good = { ...input, fiscalCode: 'RSSMRA85T10A562S' };
    const first = await net.ok(caseManager, create, { i: good, k: 'gw-2' });
    const retry = await net.ok(caseManager, create, { i: good, k: 'gw-2' });
    expect(retry.createPerson.id).toBe(first.createPerson.id);
    expect(await count()).toBe(before + 1);
  });

  it('masks unexpected errors but passes client errors through', async () => {
    const res = await net.call(caseManager, '{ person(id: "not-a-uuid") { id } nope }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace/i);
  });
});

describe('cost does not grow with the number of people', () => {
  const query = `query($n: Int!) { people(first: $n) { edges { node {
    id givenName birthPlace { name }
    case { status openedOn programme { code } team { role organisation { name } } assessments { employabilityLevel }
      plan { status steps { kind status ownerOrganisation { name } } } }
    consents { status organisation { kind } }
    referrals { status overdue toOrganisation { name } }
    benefits { kind monthlyAmountCents }
  } } } }`;

  // The case manager sees the people in their own organisation's care: some 300 of the demo's 520.
  it('sends the same number of SQL statements for 300 people as for 30', async () => {
    let small: any;
    let large: any;
    const few = await net.statements(async () => {
      small = await net.ok(caseManager, query, { n: 30 });
    });
    const many = await net.statements(async () => {
      large = await net.ok(caseManager, query, { n: 300 });
    });
    expect(small.people.edges).toHaveLength(30);
    expect(large.people.edges).toHaveLength(300);
    expect(large.people.edges.filter((e: any) => e.node.case?.plan).length).toBeGreaterThan(100);
    expect(many['social-services']).toBe(few['social-services']);
    expect(many['social-services']).toBeLessThanOrEqual(15);
  });
});

describe('operational endpoints', () => {
  it('reports the health of every subgraph', async () => {
    const res = await fetch(`${net.base}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; subgraphs: { name: string; status: string }[] };
    expect(body.status).toBe('ok');
    expect(body.subgraphs.map((s) => `${s.name} ${s.status}`).sort()).toEqual([
      'companies ok', 'employment-centre ok', 'social-services ok', 'training ok',
    ]);
  });

  it('serves GraphiQL and its assets from its own dependencies', async () => {
    const page = await fetch(`${net.base}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/graphiql/assets/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css', 'init.js']) {
      const res = await fetch(`${net.base}/graphiql/assets/${asset}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });
});

describe('operation limits', () => {
  it('refuses an operation nested too deep before calling any subgraph', async () => {
    const deep = '{ people(first: 1) { edges { node { case { person { case { person { case { person { case { person { case { id } } } } } } } } } } } } }';
    const before = net.network.subgraph('social-services').counter.count;
    const res = await net.call(caseManager, deep);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    expect(net.network.subgraph('social-services').counter.count).toBe(before);
  });

  it('refuses too many aliases', async () => {
    const fields = Array.from({ length: 31 }, (_, i) => `p${i}: programmes { id }`).join(' ');
    const res = await net.call(caseManager, `{ ${fields} }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
  });

  it('refuses an operation whose nested lists would resolve millions of fields', async () => {
    const res = await net.call(caseManager, '{ people(first: 1000) { edges { node { referrals { person { referrals { person { referrals { person { referrals { id } } } } } } } } } } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('stops parsing a document with too many tokens', async () => {
    const res = await net.call(caseManager, `{ programmes { ${'id '.repeat(6000)} } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a body larger than allowed', async () => {
    const res = await net.call(caseManager, '{ programmes { id } }', { padding: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
  });
});

describe('values the schema itself refuses', () => {
  const create = 'mutation($i: CreateBenefitInput!) { createBenefit(input: $i) { id } }';
  const input = { personId: '6f1d0c7e-9a51-4b57-8c39-1f2e3d4c5b6a', kind: 'HOUSING_SUPPORT', monthlyAmountCents: 10_000, startDate: '2025-02-01' };

  it('names the field of a date that does not exist', async () => {
    const res = await net.call(caseManager, create, { i: { ...input, startDate: '2025-02-30' } });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.startDate' });
    expect(res.errors?.[0]?.message).toMatch(/not a valid LocalDate/);
  });

  it('names a missing required field and an unknown enum value', async () => {
    const { kind: _k, ...withoutKind } = input;
    const missing = await net.call(caseManager, create, { i: withoutKind });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    const unknown = await net.call(caseManager, create, { i: { ...input, kind: 'LOTTERY_WIN' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
  });

  it('explains a bad literal written in the query', async () => {
    const res = await net.call(caseManager, `mutation { createBenefit(input: { personId: "${input.personId}", kind: HOUSING_SUPPORT, monthlyAmountCents: 100, startDate: "2025-02-30" }) { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/2025-02-30/);
  });
});
