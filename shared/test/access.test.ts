import { buildSchema, graphql, type GraphQLSchema } from 'graphql';
import { createHmac, randomBytes } from 'node:crypto';
import { CursorSealer } from '../src/access/cursors';
import { GrantSigner, GrantVerifier, pairKey } from '../src/access/grants';
import { always, deny, guardSchema, inherit, roles, type SubgraphPolicy } from '../src/access/policy';
import { AccessSession, type AccessServices } from '../src/access/session';
import { MIN_DISCLOSED_COUNT, withholdSmallCounts } from '../src/access/suppression';
import { ANONYMOUS, principalFromClaims, type Principal } from '../src/auth';
import { LoaderRegistry, type RequestContext } from '../src/context';

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';
const PERSON = '33333333-3333-4333-8333-333333333333';

const who = (org: string, role: Principal['roles'][number] = 'cpi_operator'): Principal => ({
  subject: `${role}@${org}`, organisationId: org, organisationKind: 'EMPLOYMENT_CENTRE', roles: [role], programmes: [],
});

async function keys() {
  const socialServices = randomBytes(32);
  const companies = randomBytes(32);
  return {
    signer: new GrantSigner('social-services', socialServices, ['training', 'employment-centre']),
    impostor: new GrantSigner('companies', companies, ['employment-centre']),
    verifier: new GrantVerifier('employment-centre', { 'social-services': pairKey(socialServices, 'employment-centre'), companies: pairKey(companies, 'employment-centre') }),
    // Another partner holding its own key from social services, trying to make a grant for the employment centre.
    training: new GrantVerifier('training', { 'social-services': pairKey(socialServices, 'training') }),
    trainingKey: pairKey(socialServices, 'training'),
  };
}

describe('grants', () => {
  it('hold for exactly the person, organisation and request they were signed for', async () => {
    const { signer, verifier } = await keys();
    const grant = signer.sign({ scope: 'person', sub: PERSON, org: ORG_A, rid: 'req-1' });
    const expected = { scope: 'person' as const, sub: PERSON, org: ORG_A, rid: 'req-1', issuers: ['social-services'] };
    expect(verifier.verify(grant, expected)?.sub).toBe(PERSON);
    expect(verifier.verify(grant, { ...expected, org: ORG_B })).toBeNull();
    expect(verifier.verify(grant, { ...expected, rid: 'req-2' })).toBeNull();
    expect(verifier.verify(grant, { ...expected, sub: ORG_B })).toBeNull();
    expect(verifier.verify(grant, { ...expected, scope: 'company' })).toBeNull();
  });

  it('are refused from an issuer not trusted for the scope, expired, tampered with or malformed', async () => {
    const { signer, impostor, verifier } = await keys();
    const expected = { scope: 'person' as const, sub: PERSON, org: ORG_A, rid: 'req-1', issuers: ['social-services'] };
    expect(verifier.verify(impostor.sign({ scope: 'person', sub: PERSON, org: ORG_A, rid: 'req-1' }), expected)).toBeNull();
    const old = signer.sign({ scope: 'person', sub: PERSON, org: ORG_A, rid: 'req-1' }, Date.now() - 120_000);
    expect(verifier.verify(old, expected)).toBeNull();
    const [version, payload, ...tags] = signer.sign({ scope: 'person', sub: PERSON, org: ORG_B, rid: 'req-1' }).split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(ORG_B, ORG_A)).toString('base64url');
    expect(verifier.verify([version, forged, ...tags].join('.'), expected)).toBeNull();
    for (const junk of [undefined, null, 42, '', 'a.b.c', `${version}.${payload}`, 'x'.repeat(5000)]) expect(verifier.verify(junk, expected)).toBeNull();
  });

  it('cannot be made by one partner for another: each tag needs the key of the partner it is for', async () => {
    const { signer, verifier, training, trainingKey } = await keys();
    const expected = { scope: 'person' as const, sub: PERSON, org: ORG_A, rid: 'req-1', issuers: ['social-services'] };
    const grant = signer.sign({ scope: 'person', sub: PERSON, org: ORG_A, rid: 'req-1' });
    expect(training.verify(grant, expected)).not.toBeNull();
    // Training signs with the only key it has, as if it were social services.
    const rogue = new GrantSigner('social-services', randomBytes(32), ['employment-centre']);
    expect(verifier.verify(rogue.sign({ scope: 'person', sub: PERSON, org: ORG_A, rid: 'req-1' }), expected)).toBeNull();
    const [version, payload] = grant.split('.');
    const selfMade = createHmac('sha256', trainingKey).update(`${version}.${payload}`).digest().subarray(0, 16).toString('base64url');
    expect(verifier.verify(`${version}.${payload}.${selfMade}.${selfMade}`, expected)).toBeNull();
  });

  it('give each viewing organisation its own stable pseudonym of a person', async () => {
    const { signer } = await keys();
    expect(signer.pseudonym(ORG_A, PERSON)).toBe(signer.pseudonym(ORG_A, PERSON));
    expect(signer.pseudonym(ORG_A, PERSON)).not.toBe(signer.pseudonym(ORG_B, PERSON));
    expect(signer.pseudonym(ORG_A, PERSON)).not.toContain(PERSON.slice(0, 8));
  });
});

describe('anonymous callers', () => {
  it('exist only inside the network: an external token cannot claim to be one', () => {
    expect(() => principalFromClaims({ sub: 'x', anon: true })).toThrow(/inside the network/);
    expect(principalFromClaims({ sub: 'x', anon: true }, { allowAnonymous: true })).toBe(ANONYMOUS);
  });
});

describe('page cursors', () => {
  it('keep the sort keys unreadable, and refuse a forged or foreign cursor', () => {
    const cursors = new CursorSealer(randomBytes(32));
    const cursor = cursors.seal(['Rossi', 'Mario', PERSON]);
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toMatch(/Rossi/);
    expect(cursors.open(cursor)).toEqual(['Rossi', 'Mario', PERSON]);
    expect(new CursorSealer(randomBytes(32)).open(cursor)).toBeNull();
    const flipped = Buffer.from(cursor, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    expect(cursors.open(flipped.toString('base64url'))).toBeNull();
    expect(cursors.open(Buffer.from(JSON.stringify(['Rossi', 'Mario', PERSON])).toString('base64url'))).toBeNull();
  });
});

describe('small counts', () => {
  it('withholds counts below five, and figures built from them, naming each', () => {
    const result = withholdSmallCounts(
      { hired: 4, enrolled: 5, none: 0 },
      { medianDays: { value: 12.5, from: [4] }, hours: { value: 300, from: [5, 9] }, nothing: { value: null, from: [0] } },
    );
    expect(MIN_DISCLOSED_COUNT).toBe(5);
    expect(result).toEqual({ hired: null, enrolled: 5, none: null, medianDays: null, hours: 300, nothing: null, suppressed: ['hired', 'none', 'medianDays'] });
  });

  it('withholds a part that differs from its whole by fewer than five, so no subtraction gives a small count away', () => {
    // 40 hired, 37 still employed: the 3 who left would show. 12 at 12 months is far enough from 37,
    // but once 37 is withheld, 12 stays (40 - 12 = 28).
    const nested = { nested: [['hired', 'employed6'], ['employed6', 'employed12']] } as const;
    expect(withholdSmallCounts({ hired: 40, employed6: 37, employed12: 12 }, {}, nested))
      .toEqual({ hired: 40, employed6: null, employed12: 12, suppressed: ['employed6'] });
    // Every close pair is caught: 40 - 36 would tell the 4 who left within a year.
    expect(withholdSmallCounts({ hired: 40, employed6: 38, employed12: 36 }, {}, nested))
      .toEqual({ hired: 40, employed6: null, employed12: null, suppressed: ['employed6', 'employed12'] });
    expect(withholdSmallCounts({ hired: 40, employed6: 30, employed12: 38 }, {}, { nested: [['hired', 'employed12']] }))
      .toEqual({ hired: 40, employed6: 30, employed12: null, suppressed: ['employed12'] });
    // Equal counts give nothing away (everyone hired is still employed), and far-apart ones neither.
    expect(withholdSmallCounts({ hired: 20, employed6: 20, employed12: 9 }, {}, nested))
      .toEqual({ hired: 20, employed6: 20, employed12: 9, suppressed: [] });
    // A chain is followed past a withheld link: 12 - 10 at twelve months would tell the 2 who left.
    expect(withholdSmallCounts({ hired: 12, employed6: 10, employed12: 10 }, {}, nested))
      .toEqual({ hired: 12, employed6: null, employed12: null, suppressed: ['employed6', 'employed12'] });
  });

  it('withholds a second part of a split whole, so the parts shown do not add up to the one withheld', () => {
    const partitions = { partitions: [['started', ['active', 'suspended', 'completed', 'interrupted']]] } as const;
    // 20 - 6 - 5 - 6 would give the 3 interrupted: the smallest other part goes too.
    expect(withholdSmallCounts({ started: 20, active: 6, suspended: 5, completed: 6, interrupted: 3 }, {}, partitions))
      .toEqual({ started: 20, active: 6, suspended: null, completed: 6, interrupted: null, suppressed: ['interrupted', 'suspended'] });
    // Two small parts that together make fewer than five: a third goes.
    expect(withholdSmallCounts({ started: 30, active: 9, suspended: 1, completed: 18, interrupted: 2 }, {}, partitions))
      .toEqual({ started: 30, active: null, suspended: null, completed: 18, interrupted: null, suppressed: ['suspended', 'interrupted', 'active'] });
    // Parts that are zero hide nobody.
    expect(withholdSmallCounts({ started: 30, active: 10, suspended: 0, completed: 20, interrupted: 0 }, {}, partitions))
      .toEqual({ started: 30, active: 10, suspended: null, completed: 20, interrupted: null, suppressed: ['suspended', 'interrupted'] });
  });
});

// A small schema standing in for a subgraph: people with a sensitive field, and their records.
const SDL = `
  directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT
  type Query { person(id: ID!): Person  people: [Person!]!  programmes: [Programme!]! @tag(name: "public") }
  type Mutation { rename(id: ID!): Person }
  type Person { id: ID!  name: String  secret: String  notes: [Note!]! }
  type Note { text: String! }
  type Programme { name: String! @tag(name: "public")  budget: Int }
`;

const PEOPLE: Record<string, { id: string; owner: string; name: string; secret: string; notes: { text: string }[] }> = {
  [PERSON]: { id: PERSON, owner: ORG_A, name: 'Ada', secret: 'hidden', notes: [{ text: 'n1' }] },
  '44444444-4444-4444-8444-444444444444': { id: '44444444-4444-4444-8444-444444444444', owner: ORG_B, name: 'Bea', secret: 'other', notes: [] },
};

const policy: SubgraphPolicy = {
  Query: { visible: always, fields: { person: roles('cpi_operator'), people: roles('cpi_operator'), programmes: always } },
  Mutation: { visible: always, fields: { rename: roles('case_manager') } },
  Person: {
    visible: (ctx, p) => (p.owner === ctx.principal.organisationId ? 'own' : deny('not yours')),
    person: (p) => p.id,
    fields: { secret: (ctx, _p, v) => (ctx.principal.subject.startsWith('cpi_operator') && v === 'own' ? v : deny('too secret')) },
    sensitive: ['secret'],
  },
  Note: { visible: inherit, person: 'inherit' },
  Programme: { visible: always },
};

function schema(p: SubgraphPolicy = policy): GraphQLSchema {
  const s = buildSchema(SDL);
  const query = s.getQueryType()!.getFields();
  query.person!.resolve = (_r, args) => PEOPLE[(args as { id: string }).id] ?? null;
  query.people!.resolve = () => Object.values(PEOPLE);
  query.programmes!.resolve = () => [{ name: 'P', budget: 10 }];
  s.getMutationType()!.getFields().rename!.resolve = () => PEOPLE[PERSON];
  return guardSchema(s, p);
}

const services = async (): Promise<AccessServices> => {
  const { signer, verifier } = await keys();
  return { subgraph: 'test', signer, verifier, trusted: { person: ['social-services'] }, cursors: new CursorSealer(randomBytes(32)) };
};

async function run(s: GraphQLSchema, caller: Principal, source: string) {
  const access = new AccessSession(caller, 'req-1', 'Op', await services());
  const ctx = { principal: caller, requestId: 'req-1', loaders: new LoaderRegistry(), access } as unknown as RequestContext;
  return { result: await graphql({ schema: s, source, contextValue: ctx }), access };
}

describe('the policy guard', () => {
  it('refuses to build while a type or a root field has no rule', () => {
    const { Note: _n, ...noNote } = policy;
    expect(() => schema(noNote)).toThrow(/type Note has no policy/);
    expect(() => schema({ ...policy, Query: { visible: always, fields: { person: always, programmes: always } } })).toThrow(/Query.people has no rule/);
    expect(() => schema({ ...policy, Ghost: { visible: always } })).toThrow(/policy for Ghost/);
  });

  it('keeps in lists only the objects the caller may see, and refuses a single one with the reason', async () => {
    const s = schema();
    const list = await run(s, who(ORG_A), '{ people { id name } }');
    expect(list.result.data).toEqual({ people: [{ id: PERSON, name: 'Ada' }] });
    const single = await run(s, who(ORG_A), '{ person(id: "44444444-4444-4444-8444-444444444444") { name } }');
    expect(single.result.data).toEqual({ person: null });
    expect(single.result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Query.person' });
    expect(single.result.errors?.[0]?.message).toMatch(/not yours/);
  });

  it('refuses a field its rule refuses, leaving the rest of the object', async () => {
    const asCaseManager = { ...who(ORG_A, 'case_manager'), roles: ['case_manager', 'cpi_operator'] as Principal['roles'] };
    const { result } = await run(schema(), asCaseManager, `{ person(id: "${PERSON}") { name secret } }`);
    expect(result.data).toEqual({ person: { name: 'Ada', secret: null } });
    expect(result.errors?.map((e) => e.message)).toEqual(['Person.secret: too secret']);
  });

  it('checks a root field’s rule once per call', async () => {
    let calls = 0;
    const counted = { ...policy, Query: { visible: always, fields: { ...policy.Query!.fields, programmes: () => { calls++; return 'public' as const; } } } };
    const { result } = await run(schema(counted), who(ORG_A), '{ programmes { name } }');
    expect(result.errors).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('applies role rules to mutations', async () => {
    const { result } = await run(schema(), who(ORG_A), `mutation { rename(id: "${PERSON}") { name } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Mutation.rename' });
  });

  it('lets anonymous callers reach public fields only', async () => {
    const s = schema();
    const ok = await run(s, ANONYMOUS, '{ programmes { name } }');
    expect(ok.result).toEqual({ data: { programmes: [{ name: 'P' }] } });
    const budget = await run(s, ANONYMOUS, '{ programmes { budget } }');
    expect(budget.result.errors?.[0]?.message).toMatch(/public contract/);
    const people = await run(s, ANONYMOUS, '{ people { id } }');
    expect(people.result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('records reads of sensitive fields, and of other organisations’ records, per person', async () => {
    const shared: SubgraphPolicy = { ...policy, Person: { ...policy.Person!, visible: () => 'shared' } };
    const { access } = await run(schema(shared), who(ORG_B), `{ person(id: "${PERSON}") { id name notes { text } } }`);
    expect(access.pendingReads).toEqual([{ personId: PERSON, fields: ['Note.text', 'Person.name', 'Person.notes'], reasons: ['CROSS_ORGANISATION'] }]);
    const own = await run(schema(), who(ORG_A), `{ person(id: "${PERSON}") { name secret } }`);
    expect(own.access.pendingReads).toEqual([{ personId: PERSON, fields: ['Person.secret'], reasons: ['SENSITIVE'] }]);
  });
});
