import { fiscalCodeCheckCharacter } from '@intreccio/shared';
import { gatewayToken, postGraphQL, principal, type SubgraphHarness } from '@intreccio/shared/testing';
import { buildSmallNetwork, GIULIA, personInput, SocialServicesHarness, YOUSSEF, type SmallNetwork } from './network-builder';

const CREATE_PERSON = `mutation($i: CreatePersonInput!, $k: String) {
  createPerson(input: $i, idempotencyKey: $k) { id fiscalCode givenName birthPlace { name province } residenceMunicipality { name } version }
}`;

let h: SubgraphHarness;
let net: SmallNetwork;

beforeAll(async () => {
  h = await SocialServicesHarness.start('people');
  net = await buildSmallNetwork(h);
});
afterAll(() => h?.stop());

describe('the subgraph refuses callers other than the gateway', () => {
  it('answers 401 without the gateway token', async () => {
    const res = await postGraphQL(h.url, '{ programmes { id } }');
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
  });

  it('answers 401 to a token signed for another subgraph', async () => {
    const token = await gatewayToken(h.env.dataDir, net.caseManager, 'employment-centre');
    const res = await postGraphQL(h.url, '{ programmes { id } }', {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it('reports its health without a token and without data', async () => {
    const res = await fetch(h.url.replace('/graphql', '/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'social-services' });
  });
});

describe('createPerson', () => {
  it('registers a person whose fiscal code agrees with birth date, sex and birth place', async () => {
    const data = await h.ok(net.caseManager, CREATE_PERSON, { i: personInput(GIULIA) });
    expect(data.createPerson).toMatchObject({
      givenName: 'Giulia',
      birthPlace: { name: 'POGGIBONSI', province: 'SI' },
      residenceMunicipality: { name: 'Poggibonsi' },
      version: 1,
    });
    expect(data.createPerson.fiscalCode).toMatch(/^BNCGLI90C65G752.$/);
  });

  it('registers a person born abroad', async () => {
    const data = await h.ok(net.caseManager, CREATE_PERSON, { i: personInput(YOUSSEF) });
    expect(data.createPerson.birthPlace).toEqual({ name: 'Marocco', province: 'EE' });
  });

  const recheck = (first15: string) => first15 + fiscalCodeCheckCharacter(first15);
  it.each([
    ['a wrong check character', (cf: string) => cf.slice(0, 15) + (cf[15] === 'A' ? 'B' : 'A'), /last character/i],
    ['another birth date', (cf: string) => recheck(cf.slice(0, 9) + '66' + cf.slice(11, 15)), /birth date given/i],
    ['the other sex', (cf: string) => recheck(cf.slice(0, 9) + '25' + cf.slice(11, 15)), /sex given/i],
    ['a different birth place', (cf: string) => recheck(cf.slice(0, 11) + 'D612'), /birth place given/i],
  ])('refuses %s with BAD_USER_INPUT on input.fiscalCode and writes nothing', async (_label, mutate, message) => {
    const before = await h.count('person');
    const good = personInput({ ...GIULIA, givenName: 'Giuliana' }) as { fiscalCode: string };
    const res = await h.call(net.caseManager, CREATE_PERSON, { i: { ...good, fiscalCode: mutate(good.fiscalCode) } });
    expect(res.data?.createPerson ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fiscalCode' });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await h.count('person')).toBe(before);
  });

  it('lists every problem at once', async () => {
    const res = await h.call(net.caseManager, CREATE_PERSON, {
      i: personInput({ ...GIULIA, birthPlaceCode: 'Q999', residenceMunicipalityCode: 'Z404' }, 'XXXXXX00X00X000X'),
    });
    const fields = (res.errors?.[0]?.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.birthPlaceCode', 'input.residenceMunicipalityCode', 'input.fiscalCode']));
  });

  it('refuses a birth place that did not exist on the birth date', async () => {
    // Barberino Val d'Elsa (A633) merged into Barberino Tavarnelle at the end of 2018.
    const facts = { ...GIULIA, givenName: 'Anna', birthDate: '2020-05-01', birthPlaceCode: 'A633' };
    const res = await h.call(net.caseManager, CREATE_PERSON, { i: personInput(facts) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.birthPlaceCode' });
  });

  it('refuses a second person with the same fiscal code', async () => {
    const res = await h.call(net.caseManager, CREATE_PERSON, { i: personInput({ ...GIULIA, residenceMunicipalityCode: 'C847' }) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.fiscalCode' });
  });

  it('accepts an 11-digit provisional fiscal code and no fiscal code at all', async () => {
    const provisional = await h.ok(net.caseManager, CREATE_PERSON, { i: personInput({ ...YOUSSEF, givenName: 'Amadou', familyName: 'Diallo', birthPlaceCode: 'Z343' }, '12345670017') });
    expect(provisional.createPerson.fiscalCode).toBe('12345670017');
    const none = await h.ok(net.caseManager, CREATE_PERSON, { i: personInput({ ...YOUSSEF, givenName: 'Ibrahim', familyName: 'Sow', birthPlaceCode: 'Z343' }, null as never) });
    expect(none.createPerson.fiscalCode).toBeNull();
  });

  it('rejects malformed fields through the schema with the field named', async () => {
    const res = await h.call(net.caseManager, CREATE_PERSON, { i: { ...personInput(GIULIA), email: 'not-an-email', givenName: 'Giulietta' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });

  it('is kept to case managers', async () => {
    const res = await h.call(net.employmentOperator, CREATE_PERSON, { i: personInput({ ...GIULIA, givenName: 'Marta' }) });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('idempotency keys', () => {
  const marco = { givenName: 'Marco', familyName: 'Rossi', birthDate: '1985-12-10', sex: 'MALE' as const, birthPlaceCode: 'D612', residenceMunicipalityCode: 'G752' };

  it('writes once when the same mutation is retried with one key', async () => {
    const before = await h.count('person');
    const first = await h.ok(net.caseManager, CREATE_PERSON, { i: personInput(marco), k: 'crm-42-create' });
    const retry = await h.ok(net.caseManager, CREATE_PERSON, { i: personInput(marco), k: 'crm-42-create' });
    expect(retry.createPerson.id).toBe(first.createPerson.id);
    expect(await h.count('person')).toBe(before + 1);
  });

  it('writes once when two retries race', async () => {
    const before = await h.count('person');
    const input = personInput({ ...marco, givenName: 'Luca', birthDate: '1986-01-02' });
    const [a, b] = await Promise.all([
      h.ok(net.caseManager, CREATE_PERSON, { i: input, k: 'crm-43-create' }),
      h.ok(net.caseManager, CREATE_PERSON, { i: input, k: 'crm-43-create' }),
    ]);
    expect(a.createPerson.id).toBe(b.createPerson.id);
    expect(await h.count('person')).toBe(before + 1);
  });

  it('refuses one key reused for a different request', async () => {
    const res = await h.call(net.caseManager, CREATE_PERSON, { i: personInput({ ...marco, givenName: 'Paolo', birthDate: '1987-02-03' }), k: 'crm-42-create' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
  });

  it('keeps keys apart per organisation', async () => {
    const other = principal('case_manager', net.employmentCentre, 'SOCIAL_SERVICES');
    const res = await h.ok(other, CREATE_PERSON, { i: personInput({ ...marco, givenName: 'Piero', birthDate: '1988-03-04' }), k: 'crm-42-create' });
    expect(res.createPerson.givenName).toBe('Piero');
  });

  it('lets a retry succeed after a failed attempt with the same key', async () => {
    const input = personInput({ ...marco, givenName: 'Sara', sex: 'FEMALE', birthDate: '1992-04-05' });
    const failed = await h.call(net.caseManager, CREATE_PERSON, { i: { ...input, residenceMunicipalityCode: 'Z999' }, k: 'crm-44' });
    expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await h.ok(net.caseManager, CREATE_PERSON, { i: input, k: 'crm-44b' });
    expect(ok.createPerson.givenName).toBe('Sara');
  });
});

describe('updatePerson', () => {
  it('refuses a stale version and keeps the newer write', async () => {
    const created = await h.ok(net.caseManager, CREATE_PERSON, { i: personInput({ ...GIULIA, givenName: 'Elena', birthDate: '1979-09-09' }) });
    const id = created.createPerson.id;
    const update = `mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { email version } }`;
    const first = await h.ok(net.caseManager, update, { i: { id, expectedVersion: 1, email: 'elena@example.org' } });
    expect(first.updatePerson).toEqual({ email: 'elena@example.org', version: 2 });
    const stale = await h.call(net.caseManager, update, { i: { id, expectedVersion: 1, email: 'old@example.org' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const [row] = await h.db.query('SELECT email FROM person WHERE id = $1', [id]);
    expect(row.email).toBe('elena@example.org');
  });

  it('names a stale id as the field at fault', async () => {
    const res = await h.call(net.caseManager, 'mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { id } }', {
      i: { id: '6b1f1c1e-0000-4000-8000-000000000000', email: 'x@example.org' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
  });
});

describe('people', () => {
  it('pages through people by name with stable cursors and filters', async () => {
    const page = `query($after: String, $f: PeopleFilter) { people(first: 3, after: $after, filter: $f) { totalCount edges { node { familyName givenName } } pageInfo { hasNextPage endCursor } } }`;
    const all: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const data: any = await h.ok(net.caseManager, page, { after });
      total = data.people.totalCount;
      all.push(...data.people.edges.map((e: any) => `${e.node.familyName} ${e.node.givenName}`));
      if (!data.people.pageInfo.hasNextPage) break;
      after = data.people.pageInfo.endCursor;
    }
    expect(all).toHaveLength(total);
    expect([...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(all);
    const filtered = await h.ok(net.caseManager, page, { f: { residenceMunicipalityCode: 'C847', targetGroup: 'ASYLUM_SEEKER' } });
    expect(filtered.people.edges.map((e: any) => e.node.givenName)).toEqual(expect.arrayContaining(['Youssef']));
    expect(filtered.people.edges.every((e: any) => e.node.givenName !== 'Giulia')).toBe(true);
  });

  it('refuses a cursor it did not issue', async () => {
    const res = await h.call(net.caseManager, '{ people(first: 2, after: "bogus") { edges { cursor } } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses pages larger than the limit', async () => {
    const res = await h.call(net.caseManager, '{ people(first: 5000) { edges { cursor } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
