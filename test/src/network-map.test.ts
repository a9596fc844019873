import { randomUUID } from 'node:crypto';
import type { Principal, RunningSubgraph } from '@intreccio/shared';
import { networkMapGrantSubject, networkMapId } from '@intreccio/shared';
import { gatewayToken, postGraphQL, principal, signedGrant, testRequestId } from '@intreccio/shared/testing';
import type { DataSource } from 'typeorm';
import { TestNetwork } from './support/network';

/**
 * The network map through the real gateway, on a small network written straight into the partners'
 * databases, whose every edge is counted by hand below.
 */

const org = {
  lead: randomUUID(), centre: randomUUID(), training: randomUUID(), network: randomUUID(), host: randomUUID(), otherLead: randomUUID(),
};
const programme = randomUUID();
const otherProgramme = randomUUID();
const company = { host: randomUUID(), unregistered: randomUUID() };
const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let net: TestNetwork;

async function insert(ds: DataSource, table: string, row: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(row);
  await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
}

/**
 * Programme P, led by `lead`, with the employment centre, the training body, the company network and
 * a host company in the registry; another lead body's programme beside it.
 *
 * - People 1–7: live cases whose team (lead, centre, network) all hold their consent; 1–3 also have the
 *   training body on the team, and 3 revoked its consent: lead, centre and network share 7 people with
 *   one another, and 2 with the training body.
 * - Person 8: the same team, but the case is closed. Person 9: a suspended case whose centre holds no
 *   consent and whose training operator left the team: neither counts.
 * - Referrals: lead → centre for people 1–6, answered after 1, 2, 3, 4 and 10 days (6 unanswered):
 *   6 referrals, median 3 days; lead → training body for 1 and 2, answered after a day.
 * - Internships promoted by the network: at the registered host company for people 1–5 (person 1
 *   twice), at a company outside the registry for 6 and 7.
 * - The other programme: people 21–26 between the other lead body and the centre, and an internship
 *   at the host company: none of it is on P's map.
 */
async function seed(subgraphs: RunningSubgraph[]): Promise<void> {
  const ss = subgraphs.find((s) => s.name === 'social-services')!.database.dataSource;
  const co = subgraphs.find((s) => s.name === 'companies')!.database.dataSource;
  const organisations: [string, string, string][] = [
    [org.lead, 'Servizi Sociali Alta Collina', 'SOCIAL_SERVICES'], [org.centre, "Centro per l'Impiego Collina", 'EMPLOYMENT_CENTRE'],
    [org.training, 'Scuola di Mestieri Collina', 'TRAINING_PROVIDER'], [org.network, 'Rete Imprese Collina', 'COMPANY_NETWORK'],
    [org.host, 'Falegnameria Collina S.r.l.', 'COMPANY'], [org.otherLead, 'Servizi Sociali Bassa Valle', 'SOCIAL_SERVICES'],
  ];
  for (const [id, name, kind] of organisations) await insert(ss, 'organisation', { id, name, kind, municipality_code: 'G752' });
  for (const [id, lead, code] of [[programme, org.lead, 'COLLINA'], [otherProgramme, org.otherLead, 'VALLE']] as const) {
    await insert(ss, 'programme', {
      id, code, name: `Programma ${code}`, lead_organisation_id: lead, territory: ['G752'], start_date: '2025-01-01', end_date: '2026-12-31',
      budget_cents: 1_000_000, referral_response_days: 5,
    });
  }
  for (const partner of [org.lead, org.centre, org.training, org.network, org.host]) {
    await insert(ss, 'programme_partner', { programme_id: programme, organisation_id: partner, role: 'Partner', joined_on: '2025-01-01' });
  }
  for (const partner of [org.otherLead, org.centre]) {
    await insert(ss, 'programme_partner', { programme_id: otherProgramme, organisation_id: partner, role: 'Partner', joined_on: '2025-01-01' });
  }

  const cases = new Map<number, string>();
  const addPerson = async (n: number, programmeId: string, owner: string, status: 'OPEN' | 'SUSPENDED' | 'CLOSED') => {
    await insert(ss, 'person', {
      id: person(n), given_name: `Persona${n}`, family_name: 'Prova', birth_date: '1990-01-01', sex: 'FEMALE', birth_place_code: 'G752',
      residence_municipality_code: 'G752', registered_by_organisation_id: owner,
    });
    const caseId = randomUUID();
    cases.set(n, caseId);
    await insert(ss, 'case_file', {
      id: caseId, person_id: person(n), programme_id: programmeId, owner_organisation_id: owner, status, opened_on: '2025-02-01',
      closed_on: status === 'CLOSED' ? '2025-06-01' : null, closure_reason: status === 'CLOSED' ? 'OTHER' : null, case_manager_name: 'Anna Neri',
    });
  };
  const member = (n: number, organisationId: string, role: string, leftOn: string | null = null) =>
    insert(ss, 'case_team_member', { case_id: cases.get(n), organisation_id: organisationId, role, operator_name: 'Operatore', joined_on: '2025-02-01', left_on: leftOn });
  const consent = (n: number, organisationId: string, revoked = false) => insert(ss, 'consent', {
    person_id: person(n), organisation_id: organisationId, purpose: 'DATA_SHARING', status: revoked ? 'REVOKED' : 'ACTIVE', given_on: '2025-02-01',
    revoked_on: revoked ? '2025-03-01' : null,
  });
  const referral = (n: number, from: string, to: string, programmeId: string, answeredAfterDays: number | null) => insert(ss, 'referral', {
    case_id: cases.get(n), person_id: person(n), programme_id: programmeId, from_organisation_id: from, to_organisation_id: to, reason: 'Orientamento',
    status: answeredAfterDays === null ? 'SENT' : 'ACCEPTED', sent_at: '2025-02-03T09:00:00Z',
    responded_at: answeredAfterDays === null ? null : new Date(Date.parse('2025-02-03T09:00:00Z') + answeredAfterDays * 86_400_000).toISOString(),
  });

  for (let n = 1; n <= 9; n++) await addPerson(n, programme, org.lead, n === 8 ? 'CLOSED' : n === 9 ? 'SUSPENDED' : 'OPEN');
  for (let n = 1; n <= 8; n++) {
    await member(n, org.lead, 'CASE_MANAGER');
    await member(n, org.centre, 'EMPLOYMENT_OPERATOR');
    await member(n, org.network, 'COMPANY_NETWORK_OPERATOR');
    for (const o of [org.lead, org.centre, org.network]) await consent(n, o);
  }
  for (const n of [1, 2, 3]) {
    await member(n, org.training, 'TRAINING_OPERATOR');
    await consent(n, org.training, n === 3);
  }
  await member(9, org.lead, 'CASE_MANAGER');
  await member(9, org.centre, 'EMPLOYMENT_OPERATOR');
  await member(9, org.training, 'TRAINING_OPERATOR', '2025-04-01');
  await consent(9, org.lead);
  await consent(9, org.training);
  const answered = [1, 2, 3, 4, 10, null];
  for (let n = 1; n <= 6; n++) await referral(n, org.lead, org.centre, programme, answered[n - 1]!);
  for (const n of [1, 2]) await referral(n, org.lead, org.training, programme, 1);

  for (let n = 21; n <= 26; n++) {
    await addPerson(n, otherProgramme, org.otherLead, 'OPEN');
    await member(n, org.otherLead, 'CASE_MANAGER');
    await member(n, org.centre, 'EMPLOYMENT_OPERATOR');
    await consent(n, org.otherLead);
    await consent(n, org.centre);
    await referral(n, org.otherLead, org.centre, otherProgramme, 2);
  }

  const companies: [string, string, string | null, string][] = [
    [company.host, 'Falegnameria Collina S.r.l.', org.host, '12345670017'], [company.unregistered, 'Bottega Senza Registro', null, '01234567897'],
  ];
  const tutors = new Map<string, string>();
  for (const [id, name, organisationId, vat] of companies) {
    await insert(co, 'company', { id, name, vat_number: vat, ateco_code: '16.23', size_class: 'MICRO', municipality_code: 'G752', organisation_id: organisationId });
    const tutor = randomUUID();
    tutors.set(id, tutor);
    await insert(co, 'company_tutor', { id: tutor, company_id: id, name: 'Mario Bianchi', role: 'Titolare' });
  }
  const internship = (n: number, programmeId: string, companyId: string, start: string, end: string, status: 'ACTIVE' | 'COMPLETED') =>
    insert(co, 'internship', {
      person_id: person(n), programme_id: programmeId, promoter_organisation_id: org.network, company_id: companyId, company_tutor_id: tutors.get(companyId),
      promoter_tutor_name: 'Giulia Rinaldi', start_date: start, end_date: end, weekly_hours: 25, monthly_allowance_cents: 50000, status,
      outcome: status === 'COMPLETED' ? 'NOT_HIRED' : null, started_on: start,
    });
  await internship(1, programme, company.host, '2025-03-03', '2025-05-30', 'COMPLETED');
  for (let n = 1; n <= 5; n++) await internship(n, programme, company.host, '2025-06-02', '2025-09-30', 'ACTIVE');
  for (const n of [6, 7]) await internship(n, programme, company.unregistered, '2025-06-02', '2025-09-30', 'ACTIVE');
  await internship(21, otherProgramme, company.host, '2025-06-02', '2025-09-30', 'ACTIVE');
}

beforeAll(async () => {
  net = await TestNetwork.start('network_map', { seed });
}, 120_000);
afterAll(() => net?.stop());

const as = (role: Principal['roles'][number], organisationId: string, kind: NonNullable<Principal['organisationKind']>): Principal =>
  principal(role, organisationId, kind, [programme, otherProgramme]);
const coordinator = () => as('coordinator', org.lead, 'SOCIAL_SERVICES');
const MAP = `query($p: ID) { networkMap(programmeId: $p) {
  nodes { id kind name organisation { id name } } edges { from to sharedPeople referrals medianResponseDays } suppressed } }`;

describe('the network map of a programme', () => {
  it('shows its organisations and host companies, and the edges between them as counted by hand', async () => {
    const { networkMap } = await net.ok(coordinator(), MAP, { p: programme });
    const registered = (id: string, name: string) => ({ id, name });
    expect(networkMap.nodes).toEqual([
      { id: org.lead, kind: 'SOCIAL_SERVICES', name: 'Servizi Sociali Alta Collina', organisation: registered(org.lead, 'Servizi Sociali Alta Collina') },
      { id: org.centre, kind: 'EMPLOYMENT_CENTRE', name: "Centro per l'Impiego Collina", organisation: registered(org.centre, "Centro per l'Impiego Collina") },
      { id: org.training, kind: 'TRAINING_PROVIDER', name: 'Scuola di Mestieri Collina', organisation: registered(org.training, 'Scuola di Mestieri Collina') },
      { id: org.network, kind: 'COMPANY_NETWORK', name: 'Rete Imprese Collina', organisation: registered(org.network, 'Rete Imprese Collina') },
      { id: company.unregistered, kind: 'COMPANY', name: 'Bottega Senza Registro', organisation: null },
      { id: org.host, kind: 'COMPANY', name: 'Falegnameria Collina S.r.l.', organisation: registered(org.host, 'Falegnameria Collina S.r.l.') },
    ]);
    const edge = (from: string, to: string, sharedPeople: number | null, referrals: number | null = null, medianResponseDays: number | null = null) =>
      ({ from, to, sharedPeople, referrals, medianResponseDays });
    expect(networkMap.edges).toEqual(expect.arrayContaining([
      edge(org.lead, org.centre, 7, 6, 3),
      edge(org.lead, org.training, null),
      edge(org.lead, org.network, 7),
      edge(org.centre, org.training, null),
      edge(org.centre, org.network, 7),
      edge(org.training, org.network, null),
      edge(org.network, org.host, 5),
      edge(org.network, company.unregistered, null),
    ]));
    expect(networkMap.edges).toHaveLength(8);
  });

  it('names every figure it withholds, and none it shows', async () => {
    const { networkMap } = await net.ok(coordinator(), MAP, { p: programme });
    const at = (from: string, to: string, figure: string) => `${from}:${to}.${figure}`;
    expect(networkMap.suppressed).toEqual([
      at(org.lead, org.training, 'sharedPeople'), at(org.lead, org.training, 'referrals'), at(org.lead, org.training, 'medianResponseDays'),
      at(org.lead, org.network, 'referrals'),
      at(org.centre, org.training, 'sharedPeople'), at(org.centre, org.training, 'referrals'),
      at(org.centre, org.network, 'referrals'),
      at(org.training, org.network, 'sharedPeople'), at(org.training, org.network, 'referrals'),
      at(org.network, org.host, 'referrals'),
      at(org.network, company.unregistered, 'sharedPeople'), at(org.network, company.unregistered, 'referrals'),
    ].sort());
  });

  it('maps every programme of the caller’s lead body when none is named, and nothing of another lead body’s', async () => {
    const named = await net.ok(coordinator(), MAP, { p: programme });
    expect(await net.ok(coordinator(), MAP, {})).toEqual(named);
    const other = (await net.ok(as('coordinator', org.otherLead, 'SOCIAL_SERVICES'), MAP, {})).networkMap;
    // Its six people with the centre, answered after two days; one intern at the host company.
    expect(other.edges).toEqual([
      { from: org.otherLead, to: org.centre, sharedPeople: 6, referrals: 6, medianResponseDays: 2 },
      { from: org.network, to: org.host, sharedPeople: null, referrals: null, medianResponseDays: null },
    ]);
    expect(other.nodes.map((n: any) => n.id)).toEqual([org.otherLead, org.centre, org.network, org.host]);
  });

  it('refuses an id that is no programme, naming the argument', async () => {
    const res = await net.call(coordinator(), MAP, { p: randomUUID() });
    expect(res.data?.networkMap).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'programmeId' });
  });
});

describe('who reads the network map', () => {
  it.each([
    ["another lead body's coordinator", () => as('coordinator', org.otherLead, 'SOCIAL_SERVICES')],
    ["the lead body's case manager", () => as('case_manager', org.lead, 'SOCIAL_SERVICES')],
    ['a partner’s employment centre', () => as('cpi_operator', org.centre, 'EMPLOYMENT_CENTRE')],
    ['the company network', () => as('company_network_operator', org.network, 'COMPANY_NETWORK')],
    ["the host company's tutor", () => as('company_tutor', org.host, 'COMPANY')],
    ['the data protection officer', () => as('data_protection_officer', org.lead, 'SOCIAL_SERVICES')],
  ])('%s is refused', async (_who, who) => {
    const res = await net.call(who(), MAP, { p: programme });
    expect(res.data?.networkMap).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Query.networkMap' });
  });

  it('is not part of the public contract', async () => {
    const res = await postGraphQL(`${net.base}/public/graphql`, MAP, { p: programme });
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('has the company network count internships only for a map social services vouched for', async () => {
    const id = networkMapId([programme]);
    const direct = async (aggregateGrant: string | null, requestId: string, tokenRequestId = requestId) => {
      const token = await gatewayToken(net.env.dataDir, coordinator(), 'companies', tokenRequestId);
      return postGraphQL<any>(net.network.subgraph('companies').server.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on NetworkMap { companyLinks } } }', {
        r: [{ __typename: 'NetworkMap', id, aggregateGrant }],
      }, { authorization: `Bearer ${token}` });
    };
    const rid = testRequestId();
    const genuine = await signedGrant(net.env.dataDir, 'social-services', 'aggregate', networkMapGrantSubject(id), coordinator(), rid);
    const links = JSON.parse((await direct(genuine, rid)).data._entities[0].companyLinks);
    expect(links.links).toEqual(expect.arrayContaining([{ promoterOrganisationId: org.network, companyId: company.host, people: 5 }]));
    for (const [grant, requestId, tokenRequestId] of [
      [null, rid, rid],
      [await signedGrant(net.env.dataDir, 'social-services', 'aggregate', networkMapGrantSubject(networkMapId([otherProgramme])), coordinator(), rid), rid, rid],
      [genuine, rid, testRequestId()],
    ] as const) {
      const res = await direct(grant, requestId, tokenRequestId);
      expect(res.data?._entities[0]).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('what the network map costs', () => {
  it('sends each subgraph the same statements for either programme, whatever their sizes', async () => {
    const mine = await net.statements(() => net.ok(coordinator(), MAP, { p: programme }));
    const theirs = await net.statements(() => net.ok(as('coordinator', org.otherLead, 'SOCIAL_SERVICES'), MAP, { p: otherProgramme }));
    expect(theirs).toEqual(mine);
    expect(mine['companies']).toBe(1);
    expect(mine['training']).toBe(0);
    expect(mine['employment-centre']).toBe(0);
  });
});
