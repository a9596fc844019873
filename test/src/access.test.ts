import type { Principal, Role } from '@intreccio/shared';
import { gatewayToken, postGraphQL, principal, signedGrant, testRequestId } from '@intreccio/shared/testing';
import { DEMO_COMPANIES, DEMO_PROGRAMMES, DEMO_WRITERS, demoOrganisation } from '@intreccio/scripts';
import type { DataSource } from 'typeorm';
import { TestNetwork } from './support/network';
import { planStepsAs } from './support/placement';

/**
 * Access control through the real gateway: who sees what of a person, as the lead body's records,
 * the case team and the person's consent allow; what the access log keeps; data-subject requests.
 */

const PEOPLE = 400;
let net: TestNetwork;

const org = (key: string) => demoOrganisation(key);
const programmes = DEMO_PROGRAMMES.map((p) => p.id);
const as = (role: Role, key: string): Principal => principal(role, org(key).id, org(key).kind, programmes);

// Alta Val d'Elsa's partners, and Florence's, who have nothing to do with Alta Val d'Elsa's people.
const cmFtsa = as('case_manager', 'ftsa');
const cmFirenze = as('case_manager', 'comune-firenze-sociali');
const cpiPoggibonsi = as('cpi_operator', 'cpi-poggibonsi');
const cpiFirenze = as('cpi_operator', 'cpi-firenze');
const networkValdelsa = as('company_network_operator', 'rete-imprese-valdelsa');
const networkFirenze = as('company_network_operator', 'rete-lavoro-firenze');
const coordinator = as('coordinator', 'ftsa');
const dpo = as('data_protection_officer', 'ftsa');

const db = (subgraph: string): DataSource => net.network.subgraph(subgraph).database.dataSource;
const rows = async (subgraph: string, sql: string, params: unknown[] = []) => (await db(subgraph).query(sql, params)) as Record<string, any>[];

interface Subject {
  id: string;
  training: Principal;
  otherTraining: Principal;
  tutor: Principal;
  otherTutor: Principal;
  hostCompanyId: string;
}

/**
 * A person in Alta Val d'Elsa's care whose pathway reached every partner: on a live case whose team —
 * the employment centre, a training body, the company network, the host company — all hold the
 * person's consent; evaluated, with benefits, work history, an enrolment and an internship running.
 */
async function findSubject(exclude: string[] = []): Promise<Subject> {
  const candidates = await rows('social-services', `
    SELECT p.id, host.organisation_id AS host, train.organisation_id AS training
      FROM person p
      JOIN case_file c ON c.person_id = p.id AND c.status = 'OPEN' AND c.owner_organisation_id = $1
      JOIN case_team_member host ON host.case_id = c.id AND host.role = 'HOST_COMPANY_TUTOR' AND host.left_on IS NULL
      JOIN case_team_member train ON train.case_id = c.id AND train.role = 'TRAINING_OPERATOR' AND train.left_on IS NULL
     WHERE NOT EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.id AND m.left_on IS NULL
                         AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.person_id = p.id AND k.organisation_id = m.organisation_id AND k.status = 'ACTIVE'))
       AND EXISTS (SELECT 1 FROM benefit b WHERE b.person_id = p.id)
       AND EXISTS (SELECT 1 FROM assessment a WHERE a.case_id = c.id)
       AND NOT (p.id = ANY($2::uuid[]))
     ORDER BY p.id`, [cmFtsa.organisationId, exclude]);
  for (const c of candidates) {
    const [work] = await rows('employment-centre', 'SELECT 1 FROM work_experience WHERE person_id = $1 LIMIT 1', [c.id]);
    const [enrolment] = await rows('training', 'SELECT 1 FROM enrollment WHERE person_id = $1 AND organisation_id = $2 LIMIT 1', [c.id, c.training]);
    const [internship] = await rows('companies', `
      SELECT i.company_id FROM internship i JOIN company co ON co.id = i.company_id
       WHERE i.person_id = $1 AND i.status IN ('ACTIVE', 'SUSPENDED') AND co.organisation_id = $2`, [c.id, c.host]);
    if (!work || !enrolment || !internship) continue;
    const trainingKey = ['valdelsa-formazione', 'istituto-toscano-formazione'].find((k) => org(k).id === c.training)!;
    const otherTrainingKey = trainingKey === 'valdelsa-formazione' ? 'istituto-toscano-formazione' : 'valdelsa-formazione';
    const tutorKey = ['cristalleria-colligiana', 'poggio-ai-lecci', 'logistica-elsa'].find((k) => org(k).id === c.host)!;
    const otherTutorKey = ['cristalleria-colligiana', 'poggio-ai-lecci', 'logistica-elsa'].find((k) => k !== tutorKey)!;
    return {
      id: c.id,
      training: as('training_operator', trainingKey),
      otherTraining: as('training_operator', otherTrainingKey),
      tutor: as('company_tutor', tutorKey),
      otherTutor: as('company_tutor', otherTutorKey),
      hostCompanyId: internship.company_id,
    };
  }
  throw new Error('no demo person reached every partner');
}

beforeAll(async () => {
  net = await TestNetwork.start('access', {
    seed: async (subgraphs) => {
      for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: PEOPLE });
    },
  });
}, 300_000);
afterAll(() => net?.stop());

type GraphQLError = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

const MATRIX = `query Matrix($id: ID!) { person(id: $id) {
  id givenName familyName fiscalCode targetGroups benefits { kind } consents { status }
  case { status assessments { employabilityLevel notes } }
  jobSeeker { weeklyHours profilingClass }
  skills { level }
  workHistory { employerName }
  hires { startDate }
  enrollments { status }
  certifications { kind }
  internships { status monthlyAllowanceCents }
} }`;

const FIELDS: Record<string, (string | number)[]> = {
  givenName: ['person', 'givenName'],
  familyName: ['person', 'familyName'],
  fiscalCode: ['person', 'fiscalCode'],
  targetGroups: ['person', 'targetGroups'],
  benefits: ['person', 'benefits'],
  consents: ['person', 'consents'],
  caseStatus: ['person', 'case', 'status'],
  employability: ['person', 'case', 'assessments', 0, 'employabilityLevel'],
  assessmentNotes: ['person', 'case', 'assessments', 0, 'notes'],
  availability: ['person', 'jobSeeker', 'weeklyHours'],
  profilingClass: ['person', 'jobSeeker', 'profilingClass'],
  skills: ['person', 'skills'],
  workHistory: ['person', 'workHistory'],
  hires: ['person', 'hires'],
  enrollments: ['person', 'enrollments'],
  certifications: ['person', 'certifications'],
  internships: ['person', 'internships'],
  allowance: ['person', 'internships', 0, 'monthlyAllowanceCents'],
};

const at = (data: unknown, path: (string | number)[]) => path.reduce<any>((v, k) => (v == null ? v : v[k]), data);
const isPrefix = (prefix: (string | number)[], path: (string | number)[]) => prefix.length <= path.length && prefix.every((k, i) => path[i] === k);

/** 'allowed': a value and no refusal on the way to it; 'denied': no value and FORBIDDEN on the field or an ancestor. */
function outcome(data: unknown, errors: GraphQLError[] | undefined, path: (string | number)[]): 'allowed' | 'denied' | string {
  const refusals = (errors ?? []).filter((e) => e.path && isPrefix(e.path, path));
  const value = at(data, path);
  if (refusals.length === 0 && value != null) return 'allowed';
  if (refusals.length > 0 && value == null && refusals.every((e) => e.extensions?.code === 'FORBIDDEN')) return 'denied';
  return `unclear: value ${JSON.stringify(value)}, errors ${JSON.stringify(refusals)}`;
}

const ALL = Object.keys(FIELDS);
const allExcept = (...fields: string[]) => ALL.filter((f) => !fields.includes(f));
const partnerView = allExcept('targetGroups', 'benefits', 'consents', 'assessmentNotes');
const hostView = ['givenName', 'availability', 'skills', 'certifications', 'internships'];

describe('who sees what of a person (role × organisation × field)', () => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await findSubject();
  });

  const cases: [string, () => Principal, string[]][] = [
    ['the case manager of the social services holding the person', () => cmFtsa, ALL],
    ['a case manager of another social services', () => cmFirenze, []],
    ['the employment centre on the case team', () => cpiPoggibonsi, partnerView],
    ['another employment centre', () => cpiFirenze, []],
    ['the training body on the case team', () => subject.training, partnerView],
    ['a training body not on the case team', () => subject.otherTraining, []],
    ['the company network on the case team', () => networkValdelsa, partnerView],
    ['another company network', () => networkFirenze, []],
    ["the host company's tutor", () => subject.tutor, hostView],
    ["another company's tutor", () => subject.otherTutor, []],
    ['the coordinator of the lead body', () => coordinator, []],
    ['the data protection officer', () => dpo, []],
  ];

  it.each(cases)('%s', async (_who, caller, allowed) => {
    const res = await net.call(caller(), MATRIX, { id: subject.id });
    const seen = Object.fromEntries(ALL.map((f) => [f, outcome(res.data, res.errors, FIELDS[f]!)]));
    const expected = Object.fromEntries(ALL.map((f) => [f, allowed.includes(f) ? 'allowed' : 'denied']));
    expect(seen).toEqual(expected);
  });

  it('tells a company tutor who asks for target groups that they are FORBIDDEN', async () => {
    const res = await net.call(subject.tutor, 'query($id: ID!) { person(id: $id) { givenName targetGroups } }', { id: subject.id });
    expect(res.data?.person).toEqual({ givenName: expect.any(String), targetGroups: null });
    expect(res.errors).toEqual([expect.objectContaining({ path: ['person', 'targetGroups'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('shows a tutor only their own company’s internships, even of a person on their team', async () => {
    const res = await net.ok(subject.tutor, '{ internships(first: 200) { edges { node { id company { id } } } } }');
    const companies = new Set(res.internships.edges.map((e: any) => e.node.company.id));
    expect([...companies]).toEqual([subject.hostCompanyId]);
  });

  it('gives a coordinator aggregates and no names or fiscal codes', async () => {
    for (const query of [
      '{ people(first: 5) { edges { node { givenName fiscalCode } } } }',
      '{ cases(first: 5) { edges { node { id } } } }',
      '{ jobSeekers(first: 5) { edges { node { id } } } }',
      '{ hires(first: 5) { edges { node { id } } } }',
      '{ enrollments(first: 5) { edges { node { id } } } }',
      '{ internships(first: 5) { edges { node { id } } } }',
    ]) {
      const res = await net.call(coordinator, query);
      expect(Object.values(res.data ?? {})).toEqual([null]);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const companies = await net.ok(coordinator, '{ companies(first: 50) { edges { node { internships { id person { id } } } } } }');
    expect(companies.companies.edges.flatMap((e: any) => e.node.internships)).toEqual([]);
    const kpis = await net.ok(coordinator, '{ programmes { caseKpis { peopleTakenInCharge } employmentKpis { hires } } }');
    expect(kpis.programmes.every((p: any) => p.caseKpis.peopleTakenInCharge > 0)).toBe(true);
  });
});

describe('the access log', () => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await findSubject();
  });

  const HISTORY = `query History($id: ID!) { dataSubject(personId: $id) {
    socialServices { accessLog { partner subject organisationId fields reasons operation requestId } }
    employmentCentre { accessLog { partner subject organisationId fields reasons operation requestId } }
    training { accessLog { partner subject organisationId fields reasons operation requestId } }
    companyNetwork { accessLog { partner subject organisationId fields reasons operation requestId } }
  } }`;

  it('records, in every partner, who read the person’s data and which fields, and the officer reads it all in one query', async () => {
    await net.ok(cpiPoggibonsi, MATRIX.replace('query Matrix', 'query TeamRead').replace(/targetGroups|benefits \{ kind \}|consents \{ status \}|notes/g, ''), { id: subject.id });
    await net.call(subject.tutor, 'query HostRead($id: ID!) { person(id: $id) { givenName internships { status } skills { level } } }', { id: subject.id });
    await net.call(cpiFirenze, MATRIX.replace('query Matrix', 'query Stranger'), { id: subject.id });
    await net.ok(cmFtsa, 'query OwnRead($id: ID!) { person(id: $id) { givenName targetGroups benefits { kind } } }', { id: subject.id });

    const history = (await net.ok(dpo, HISTORY, { id: subject.id })).dataSubject;
    const entries = [history.socialServices, history.employmentCentre, history.training, history.companyNetwork].flatMap((p: any) => p.accessLog);
    const of = (who: Principal, operation: string, partner: string) =>
      entries.filter((e: any) => e.organisationId === who.organisationId && e.operation === operation && e.partner === partner);

    // The employment centre read the lead body's and the training body's records through the team.
    const [identity] = of(cpiPoggibonsi, 'TeamRead', 'social-services');
    expect(identity).toMatchObject({ subject: cpiPoggibonsi.subject, reasons: ['CROSS_ORGANISATION'] });
    expect(identity.fields).toEqual(expect.arrayContaining(['Person.givenName', 'Person.familyName', 'Person.fiscalCode', 'Case.status']));
    const [training] = of(cpiPoggibonsi, 'TeamRead', 'training');
    expect(training.fields).toEqual(expect.arrayContaining(['Person.enrollments', 'Enrollment.status']));
    expect(training.requestId).toBe(identity.requestId);
    // Its own records are not another organisation's: nothing logged for them.
    expect(of(cpiPoggibonsi, 'TeamRead', 'employment-centre').flatMap((e: any) => e.fields)).not.toContain('JobSeekerProfile.weeklyHours');
    // The host company's tutor read the first name, and internships hosted at their company.
    expect(of(subject.tutor, 'HostRead', 'social-services')[0].fields).toEqual(['Person.givenName']);
    expect(of(subject.tutor, 'HostRead', 'companies')[0].fields).toEqual(expect.arrayContaining(['Internship.status']));
    // The lead body's own reads of sensitive fields are logged too.
    expect(of(cmFtsa, 'OwnRead', 'social-services')[0]).toMatchObject({
      fields: ['Person.benefits', 'Person.targetGroups'], reasons: ['SENSITIVE'],
    });
    // A caller who got nothing read nothing.
    expect(entries.filter((e: any) => e.organisationId === cpiFirenze.organisationId)).toEqual([]);
  });

  it('lets the case manager holding the person read the history too, and nobody else', async () => {
    const own = await net.call(cmFtsa, HISTORY, { id: subject.id });
    expect(own.errors).toBeUndefined();
    expect(own.data?.dataSubject.employmentCentre.accessLog.length).toBeGreaterThan(0);
    for (const caller of [cmFirenze, cpiPoggibonsi, coordinator, subject.tutor]) {
      const res = await net.call(caller, HISTORY, { id: subject.id });
      expect(res.data?.dataSubject ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('is append-only in every partner’s database', async () => {
    for (const subgraph of ['social-services', 'employment-centre', 'training', 'companies']) {
      await expect(db(subgraph).query('UPDATE access_log SET operation = NULL')).rejects.toThrow(/append-only/);
      await expect(db(subgraph).query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    }
  });

  it('costs one statement per partner however many people a read touches', async () => {
    // Reads the employment centre makes of others' records only: each of these partners logs every person read.
    const query = `query Many($n: Int!) { people(first: $n, filter: { caseStatus: OPEN }) { edges { node { givenName enrollments { status } internships { status } } } } }`;
    const logged = async () => Number((await rows('training', 'SELECT count(*) AS n FROM access_log'))[0]!.n);
    const before = await logged();
    const few = await net.statements(() => net.ok(cpiPoggibonsi, query, { n: 3 }));
    const many = await net.statements(() => net.ok(cpiPoggibonsi, query, { n: 40 }));
    expect(many).toEqual(few);
    // One entry per person read, each request's entries written in one statement.
    expect(await logged()).toBeGreaterThanOrEqual(before + 40);
  });
});

describe('consent and case closure cut access on the next request', () => {
  it('revoking the employment centre’s consent hides the others’ records from it, not its own', async () => {
    const subject = await findSubject();
    // The centre reaches the person through its own job seekers, which stay its own.
    const query = '{ jobSeekers(first: 1000) { edges { node { person { id givenName skills { level } enrollments { status } } } } } }';
    const read = async () => {
      const res = await net.call(cpiPoggibonsi, query);
      const edges: any[] = res.data?.jobSeekers.edges ?? [];
      const index = edges.findIndex((e) => e.node.person.id === subject.id);
      const prefix = ['jobSeekers', 'edges', index, 'node', 'person'];
      const errors = (res.errors ?? []).filter((e) => e.path && isPrefix(prefix, e.path)).map((e) => e.path!.slice(prefix.length).join('.'));
      return { person: edges[index]?.node.person, errors: errors.sort() };
    };
    const before = await read();
    expect(before.errors).toEqual([]);
    expect(before.person.enrollments.length).toBeGreaterThan(0);

    const [consent] = await rows('social-services', "SELECT id FROM consent WHERE person_id = $1 AND organisation_id = $2 AND status = 'ACTIVE'", [subject.id, cpiPoggibonsi.organisationId]);
    await net.ok(cmFtsa, 'mutation($i: RevokeConsentInput!) { revokeConsent(input: $i) { status } }', { i: { consentId: consent!.id, revokedOn: '2026-11-30' } });

    const after = await read();
    expect(after.person).toEqual({ id: subject.id, givenName: null, skills: before.person.skills, enrollments: null });
    expect(after.errors).toEqual(['enrollments', 'givenName']);
    // Reaching the person directly is refused as a whole now.
    const direct = await net.call(cpiPoggibonsi, 'query($id: ID!) { person(id: $id) { givenName } }', { id: subject.id });
    expect(direct.data?.person).toBeNull();
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('closing the case ends every partner’s access, while the lead body keeps its own records', async () => {
    const subject = await findSubject(await rows('social-services', "SELECT person_id AS id FROM consent WHERE status = 'REVOKED'").then((r) => r.map((x) => x.id)));
    const query = 'query($id: ID!) { person(id: $id) { givenName enrollments { status } } }';
    expect((await net.call(subject.training, query, { id: subject.id })).errors).toBeUndefined();
    const [theCase] = await rows('social-services', "SELECT id FROM case_file WHERE person_id = $1 AND status = 'OPEN'", [subject.id]);
    await net.ok(cmFtsa, 'mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }', {
      i: { caseId: theCase!.id, status: 'CLOSED', closedOn: '2026-11-30', closureReason: 'DROPPED_OUT' },
    });
    const partner = await net.call(cpiPoggibonsi, query, { id: subject.id });
    expect(partner.data?.person ?? null).toBeNull();
    const training = await net.call(subject.training, query, { id: subject.id });
    expect(training.data?.person ?? null).toBeNull();
    const lead = await net.call(cmFtsa, query, { id: subject.id });
    expect(lead.data?.person).toEqual({ givenName: expect.any(String), enrollments: null });
    expect(lead.errors).toEqual([expect.objectContaining({ path: ['person', 'enrollments'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });
});

describe('no way around the gateway', () => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await findSubject();
  });

  it('hands out page cursors that say nothing of the rows and cannot be made up', async () => {
    const PAGE = 'query($after: String) { people(first: 2, after: $after) { edges { cursor node { id familyName } } pageInfo { endCursor } } }';
    const first = (await net.ok(cmFtsa, PAGE)).people;
    const names = first.edges.map((e: any) => e.node.familyName as string);
    for (const { cursor } of first.edges) {
      const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
      for (const name of names) expect(decoded).not.toContain(name);
    }
    const next = (await net.ok(cmFtsa, PAGE, { after: first.pageInfo.endCursor })).people;
    expect(next.edges.map((e: any) => e.node.id)).not.toContain(first.edges[1].node.id);
    // A cursor built by hand from a name (to probe who is in care) is refused, naming the argument.
    const forged = Buffer.from(JSON.stringify(['Rossi', 'Maria', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
    const res = await net.call(cmFtsa, PAGE, { after: forged });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('does not offer _entities to clients', async () => {
    const res = await net.call(cpiFirenze, `{ _entities(representations: [{ __typename: "Person", id: "${subject.id}" }]) { ... on Person { givenName } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('ignores internal-looking headers a client sends', async () => {
    const res = await postGraphQL(net.url, 'query($id: ID!) { person(id: $id) { givenName } }', { id: subject.id }, {
      authorization: `Bearer ${await net.token(cpiFirenze)}`,
      'x-request-id': 'spoofed',
      'x-intreccio-organisation': cpiPoggibonsi.organisationId,
      'x-forwarded-user': cmFtsa.subject,
    });
    expect(res.data?.person ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  /** Calls the employment centre directly, as if the gateway had, with a representation of the subject. */
  async function direct(who: Principal, accessGrant: string | null, requestId: string, tokenRequestId = requestId) {
    const url = net.network.subgraph('employment-centre').server.url;
    const token = await gatewayToken(net.env.dataDir, who, 'employment-centre', tokenRequestId);
    return postGraphQL<any>(url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { skills { level } } } }', {
      r: [{ __typename: 'Person', id: subject.id, accessGrant }],
    }, { authorization: `Bearer ${token}` });
  }

  it('gives a forged or replayed representation nothing, and a genuine one its data', async () => {
    const rid = testRequestId();
    const genuine = await signedGrant(net.env.dataDir, 'social-services', 'person', subject.id, cpiFirenze, rid);
    expect((await direct(cpiFirenze, genuine, rid)).data?._entities[0].skills.length).toBeGreaterThan(0);
    const refused = async (grant: string | null, requestId = rid, tokenRequestId = requestId) => {
      const res = await direct(cpiFirenze, grant, requestId, tokenRequestId);
      expect(res.data?._entities[0]).toEqual({ skills: null });
      expect(res.errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'skills'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    };
    await refused(null);
    await refused(await signedGrant(net.env.dataDir, 'companies', 'person', subject.id, cpiFirenze, rid));
    await refused(await signedGrant(net.env.dataDir, 'social-services', 'person', subject.id, cpiPoggibonsi, rid));
    await refused(genuine, rid, testRequestId());
    // The same claims for another organisation, with the genuine tags.
    const [version, payload, ...tags] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, org: cpiFirenze.organisationId, sub: claims.sub })).toString('base64url');
    await refused([version, forged.slice(0, -2) + (forged.endsWith('AA') ? 'BB' : 'AA'), ...tags].join('.'));
    const otherPerson = await signedGrant(net.env.dataDir, 'social-services', 'person', cpiFirenze.organisationId, cpiFirenze, rid);
    await refused([version, otherPerson.split('.')[1], ...tags].join('.'));
  });

  it('answers a direct call without the gateway’s token with 401, whatever it carries', async () => {
    const url = net.network.subgraph('social-services').server.url;
    const clientToken = await net.token(cmFtsa);
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${clientToken}` }, { 'x-intreccio-principal': JSON.stringify(cmFtsa) }];
    for (const headers of attempts) {
      const res = await postGraphQL(url, `{ person(id: "${subject.id}") { givenName } }`, {}, headers);
      expect(res.status).toBe(401);
      expect(res.data).toBeUndefined();
    }
  });
});

describe('the pseudonymised candidate view', () => {
  const CANDIDATES = `query($id: ID!) { company(id: $id) { vacancies(status: OPEN) { title candidates(first: 5) {
    score candidate { pseudonym firstName weeklyHours skills { level skill { label } } } person { id }
  } } } }`;

  it('shows a company its vacancies’ candidates with first name, skills and availability, never who they are', async () => {
    const subject = await findSubject();
    const res = await net.call(subject.tutor, CANDIDATES, { id: subject.hostCompanyId });
    const candidates = res.data!.company.vacancies.flatMap((v: any) => v.candidates);
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(c.person).toBeNull();
      expect(c.candidate.pseudonym).toMatch(/^C-[0-9A-F]{16}$/);
      expect(c.candidate.firstName).toEqual(expect.any(String));
      expect(c.candidate.skills.length).toBeGreaterThan(0);
    }
    expect(new Set(res.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(res.data)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Stable for the company; another viewer sees other pseudonyms.
    const again = await net.call(subject.tutor, CANDIDATES, { id: subject.hostCompanyId });
    expect(again.data!.company.vacancies.flatMap((v: any) => v.candidates.map((c: any) => c.candidate.pseudonym)))
      .toEqual(candidates.map((c: any) => c.candidate.pseudonym));
    const network = await net.ok(networkValdelsa, CANDIDATES.replace(' person { id }', ''), { id: subject.hostCompanyId });
    const theirs = new Set(network.company.vacancies.flatMap((v: any) => v.candidates.map((c: any) => c.candidate.pseudonym)));
    expect(candidates.some((c: any) => theirs.has(c.candidate.pseudonym))).toBe(false);
  });

  it('shows a company the candidates proposed to its vacancy, pseudonymised with first name; another company nothing', async () => {
    const subject = await findSubject();
    const [seeker] = await rows('employment-centre', 'SELECT person_id FROM job_seeker_profile WHERE employment_centre_id = $1 ORDER BY person_id LIMIT 1', [
      cpiPoggibonsi.organisationId,
    ]);
    const vacancy = (await net.ok(cpiPoggibonsi, `mutation($i: CreateVacancyInput!) { createVacancy(input: $i) { id requiredSkills { uri } } }`, {
      i: {
        companyId: subject.hostCompanyId, title: 'Addetto al magazzino', occupationUri: 'http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f',
        municipalityCode: 'G752', weeklyHours: 30, contractType: 'FIXED_TERM', openedOn: '2025-04-01',
      },
    })).createVacancy;
    const proposed = (await net.ok(cpiPoggibonsi, `mutation($i: ProposeCandidateInput!) { proposeCandidate(input: $i) { id status person { id } } }`, {
      i: { vacancyId: vacancy.id, personId: seeker!.person_id },
    })).proposeCandidate;
    expect(proposed).toMatchObject({ status: 'PROPOSED', person: { id: seeker!.person_id } });

    const PROPOSALS = `query($id: ID!) { vacancy(id: $id) { proposals { id status person { id } candidate { pseudonym firstName } } } }`;
    const res = await net.call(subject.tutor, PROPOSALS, { id: vacancy.id });
    const [seen] = res.data!.vacancy.proposals;
    expect(seen).toMatchObject({ id: proposed.id, status: 'PROPOSED', person: null, candidate: { pseudonym: expect.stringMatching(/^C-[0-9A-F]{16}$/), firstName: expect.any(String) } });
    expect(res.errors?.map((e) => e.extensions?.coordinate)).toEqual(['VacancyProposal.person']);
    expect(JSON.stringify(res.data)).not.toContain(seeker!.person_id);

    const other = await net.call(subject.otherTutor, PROPOSALS, { id: vacancy.id });
    expect(other.data!.vacancy.proposals).toBeNull();
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses another company’s tutor the candidates', async () => {
    const subject = await findSubject();
    const res = await net.call(subject.otherTutor, CANDIDATES.replace(' person { id }', ''), { id: subject.hostCompanyId });
    const vacancies = res.data!.company.vacancies;
    expect(vacancies.length).toBeGreaterThan(0);
    expect(vacancies.every((v: any) => v.candidates === null)).toBe(true);
    expect(res.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});

describe('small counts are withheld wherever they appear', () => {
  it('withholds a programme’s figures until five people are behind them, and the median built from them', async () => {
    const leadCoordinator = coordinator;
    const programme = (await net.ok(leadCoordinator, 'mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }', {
      i: {
        code: 'PILOT', name: 'Pilot', leadOrganisationId: org('ftsa').id, territory: ['G752'], startDate: '2026-01-01', endDate: '2027-12-31',
        budgetCents: 1_000_000, referralResponseDays: 10,
      },
    })).createProgramme.id as string;
    const pilotCaseManager = principal('case_manager', org('ftsa').id, 'SOCIAL_SERVICES', [programme]);
    const takeInCharge = async (n: number) => {
      const person = (await net.ok(pilotCaseManager, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
        i: { givenName: `Persona${n}`, familyName: 'Pilota', birthDate: '1990-01-01', sex: 'FEMALE', birthPlaceCode: 'G752', residenceMunicipalityCode: 'G752', targetGroups: [] },
      })).createPerson.id;
      await net.ok(pilotCaseManager, 'mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }', {
        i: { personId: person, programmeId: programme, openedOn: '2026-02-01', caseManagerName: 'Chiara Neri' },
      });
    };
    const kpis = async () => (await net.ok(leadCoordinator, `query($id: ID!) { programme(id: $id) {
      caseKpis { peopleTakenInCharge liveCases evaluated suppressed } } }`, { id: programme })).programme.caseKpis;
    for (let n = 1; n <= 4; n++) await takeInCharge(n);
    expect(await kpis()).toEqual({ peopleTakenInCharge: null, liveCases: null, evaluated: null, suppressed: expect.arrayContaining(['peopleTakenInCharge', 'liveCases', 'evaluated']) });
    await takeInCharge(5);
    expect(await kpis()).toEqual({ peopleTakenInCharge: 5, liveCases: 5, evaluated: null, suppressed: expect.arrayContaining(['evaluated']) });
  });
});

describe('an internship on a signed personal plan, social services vouching', () => {
  const programme = DEMO_PROGRAMMES.find((p) => p.code === 'PROGRESSIVE2')!.id;
  const host = DEMO_COMPANIES.find((c) => c.key === 'logistica-elsa')!;
  const hostTutor = as('company_tutor', 'logistica-elsa');
  const CREATE = 'mutation Place($i: CreateInternshipInput!, $k: String) { createInternship(input: $i, idempotencyKey: $k) { id status planStepId person { id } } }';
  let personId: string;
  let planId: string;
  let orientationStep: string;
  let internshipStep: string;
  let tutorId: string;
  const internship = (planStepToken: string | null, planStepId = internshipStep) => ({
    personId, programmeId: programme, planStepId, planStepToken, companyId: host.id, companyTutorId: tutorId, promoterTutorName: 'Giulia Neri',
    startDate: '2027-02-01', endDate: '2027-06-30', weeklyHours: 25, monthlyAllowanceCents: 50_000,
  });
  const internshipRows = async () => Number((await rows('companies', 'SELECT count(*) AS n FROM internship WHERE person_id = $1', [personId]))[0]!.n);

  beforeAll(async () => {
    const network = org('rete-imprese-valdelsa').id;
    personId = (await net.ok(cmFtsa, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { givenName: 'Ilaria', familyName: 'Fontani', birthDate: '1993-04-18', sex: 'FEMALE', birthPlaceCode: 'G752', residenceMunicipalityCode: 'G752', targetGroups: ['LONG_TERM_UNEMPLOYED'] },
    })).createPerson.id;
    const caseId = (await net.ok(cmFtsa, 'mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }', {
      i: {
        personId, programmeId: programme, openedOn: '2026-11-02', caseManagerName: 'Chiara Neri',
        team: [{ organisationId: network, role: 'COMPANY_NETWORK_OPERATOR', operatorName: 'Giulia Neri' }],
      },
    })).openCase.id;
    // The host company joins the team with the person's consent, as for the internship agreement.
    await net.ok(cmFtsa, 'mutation($i: AddTeamMemberInput!) { addCaseTeamMember(input: $i) { id } }', {
      i: { caseId, organisationId: host.organisationId, role: 'HOST_COMPANY_TUTOR', operatorName: 'Marco Betti', joinedOn: '2026-11-02' },
    });
    for (const organisationId of [network, host.organisationId]) {
      await net.ok(cmFtsa, 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', { i: { personId, organisationId, givenOn: '2026-11-02' } });
    }
    const plan = (await net.ok(cmFtsa, 'mutation($i: CreatePersonalPlanInput!) { createPersonalPlan(input: $i) { id steps { id kind } } }', {
      i: {
        caseId, goals: 'A job in logistics', startDate: '2026-11-05', endDate: '2027-12-31', steps: [
          { kind: 'ORIENTATION', ownerOrganisationId: network, description: 'Visits to host companies' },
          { kind: 'INTERNSHIP', ownerOrganisationId: network, description: 'Warehouse internship', plannedStart: '2027-02-01', plannedEnd: '2027-06-30' },
        ],
      },
    })).createPersonalPlan;
    planId = plan.id;
    orientationStep = plan.steps.find((s: any) => s.kind === 'ORIENTATION').id;
    internshipStep = plan.steps.find((s: any) => s.kind === 'INTERNSHIP').id;
    tutorId = (await net.ok(networkValdelsa, 'mutation($i: AddCompanyTutorInput!) { addCompanyTutor(input: $i) { id } }', {
      i: { companyId: host.id, name: 'Marco Betti', role: 'Warehouse manager', email: 'tutor@logisticaaltaelsa.example' },
    })).addCompanyTutor.id;
  });

  it('gives the company network no token before the person signs the plan', async () => {
    expect((await planStepsAs(net, networkValdelsa, personId)).map((s) => s.placementToken)).toEqual([null, null]);
  });

  it('lets the company network read the internship step’s token through the gateway and plan the internship with it', async () => {
    await net.ok(cmFtsa, 'mutation($i: SignPersonalPlanInput!) { signPersonalPlan(input: $i) { status } }', { i: { planId, signedOn: '2026-11-10' } });
    const steps = await planStepsAs(net, networkValdelsa, personId);
    // The orientation step is the network's too, but no internship carries it out.
    expect(steps.find((s) => s.id === orientationStep)!.placementToken).toBeNull();
    const token = steps.find((s) => s.id === internshipStep)!.placementToken;
    expect(token).toEqual(expect.any(String));

    const created = (await net.ok(networkValdelsa, CREATE, { i: internship(token), k: 'placement-ilaria' })).createInternship;
    expect(created).toEqual({ id: expect.any(String), status: 'PLANNED', planStepId: internshipStep, person: { id: personId } });
    // A retry with a token read afresh is the same request.
    const fresh = (await planStepsAs(net, networkValdelsa, personId)).find((s) => s.id === internshipStep)!.placementToken;
    expect((await net.ok(networkValdelsa, CREATE, { i: internship(fresh), k: 'placement-ilaria' })).createInternship.id).toBe(created.id);
    expect(await internshipRows()).toBe(1);
    const [row] = await rows('companies', 'SELECT plan_step_id, promoter_organisation_id FROM internship WHERE id = $1', [created.id]);
    expect(row).toEqual({ plan_step_id: internshipStep, promoter_organisation_id: networkValdelsa.organisationId });
  });

  it('refuses the token for another step, and to another company network or a colleague, writing nothing', async () => {
    const token = (await planStepsAs(net, networkValdelsa, personId)).find((s) => s.id === internshipStep)!.placementToken;
    const before = await internshipRows();
    const otherStep = await net.call(networkValdelsa, CREATE, { i: internship(token, orientationStep) });
    expect(otherStep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.planStepToken' });
    expect(otherStep.errors?.[0]?.message).toMatch(/another plan step .*PlanStep\.placementToken/);
    for (const caller of [networkFirenze, { ...networkValdelsa, subject: 'another-operator' }]) {
      const res = await net.call(caller, CREATE, { i: internship(token) });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.planStepToken' });
    }
    expect(await internshipRows()).toBe(before);
  });

  it('gives no token to a company network off the team, the host company, or the coordinator', async () => {
    for (const caller of [networkFirenze, hostTutor, coordinator]) {
      const res = await net.call(caller, 'query($id: ID!) { person(id: $id) { case { plan { steps { placementToken } } } } }', { id: personId });
      expect(res.data?.person?.case ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('data-subject rights across the four partners', () => {
  const EXPORT = `query Export($id: ID!) { dataSubject(personId: $id) {
    personId
    socialServices { records erasure { recordsErased } }
    employmentCentre { records erasure { recordsErased } }
    training { records erasure { recordsErased } }
    companyNetwork { records erasure { recordsErased } }
  } }`;
  const RECEIPT = 'partner personId recordsErased records alreadyErased requestReference';
  const ERASE = `mutation Erase($i: EraseDataInput!) {
    socialServices: eraseSocialServicesData(input: $i) { ${RECEIPT} }
    employmentCentre: eraseEmploymentCentreData(input: $i) { ${RECEIPT} }
    training: eraseTrainingData(input: $i) { ${RECEIPT} }
    companyNetwork: eraseCompanyNetworkData(input: $i) { ${RECEIPT} }
  }`;
  const PERSON_ROWS: [string, string][] = [
    ['social-services', 'SELECT (SELECT count(*) FROM person WHERE id = $1) + (SELECT count(*) FROM case_file WHERE person_id = $1) + (SELECT count(*) FROM consent WHERE person_id = $1) + (SELECT count(*) FROM referral WHERE person_id = $1) + (SELECT count(*) FROM benefit WHERE person_id = $1) AS n'],
    ['employment-centre', 'SELECT (SELECT count(*) FROM job_seeker_profile WHERE person_id = $1) + (SELECT count(*) FROM skill_record WHERE person_id = $1) + (SELECT count(*) FROM hire WHERE person_id = $1) + (SELECT count(*) FROM work_experience WHERE person_id = $1) AS n'],
    ['training', 'SELECT (SELECT count(*) FROM enrollment WHERE person_id = $1) + (SELECT count(*) FROM certification WHERE person_id = $1) AS n'],
    ['companies', 'SELECT count(*) AS n FROM internship WHERE person_id = $1'],
  ];
  const remaining = async (personId: string) =>
    Object.fromEntries(await Promise.all(PERSON_ROWS.map(async ([s, sql]) => [s, Number((await rows(s, sql, [personId]))[0]!.n)] as [string, number])));

  it('exports everything every partner holds, and erases it everywhere leaving only tombstones; a retry changes nothing', async () => {
    const subject = await findSubject();
    const exported = (await net.ok(dpo, EXPORT, { id: subject.id })).dataSubject;
    expect(exported.socialServices.records.person).toMatchObject({ id: subject.id, givenName: expect.any(String) });
    expect(exported.socialServices.records.cases.length).toBeGreaterThan(0);
    expect(exported.employmentCentre.records.jobSeekerProfiles.length).toBeGreaterThan(0);
    expect(exported.training.records.enrollments.length).toBeGreaterThan(0);
    expect(exported.companyNetwork.records.internships.length).toBeGreaterThan(0);
    expect(Object.values(await remaining(subject.id)).every((n) => n > 0)).toBe(true);

    // The officer asks social services for the erasure token, then sends the four erasures at once.
    const { erasureToken } = (await net.ok(dpo, 'query($id: ID!) { dataSubject(personId: $id) { erasureToken } }', { id: subject.id })).dataSubject;
    expect(erasureToken).toEqual(expect.any(String));
    const input = { i: { personId: subject.id, requestReference: 'PROT-2026-0042', erasureToken } };
    const first = await net.ok(dpo, ERASE, input);
    for (const receipt of Object.values(first) as any[]) {
      expect(receipt).toMatchObject({ personId: subject.id, alreadyErased: false, requestReference: 'PROT-2026-0042' });
      expect(receipt.recordsErased).toBeGreaterThan(0);
    }
    expect(await remaining(subject.id)).toEqual({ 'social-services': 0, 'employment-centre': 0, training: 0, companies: 0 });
    for (const s of ['social-services', 'employment-centre', 'training', 'companies']) {
      expect(await rows(s, 'SELECT person_id FROM erased_person WHERE person_id = $1', [subject.id])).toHaveLength(1);
    }

    const retry = await net.ok(dpo, ERASE, input);
    for (const [partner, receipt] of Object.entries(retry) as [string, any][]) {
      expect(receipt).toEqual({ ...first[partner], alreadyErased: true });
    }
    // The person is gone for everyone; the history of who saw them stays for the officer.
    expect((await net.call(cmFtsa, 'query($id: ID!) { person(id: $id) { id } }', { id: subject.id })).data?.person).toBeNull();
    const after = (await net.ok(dpo, EXPORT, { id: subject.id })).dataSubject;
    expect(after.socialServices.records.person).toBeNull();
    expect(after.companyNetwork.erasure.recordsErased).toBe(first.companyNetwork.recordsErased);
    const log = await net.ok(dpo, 'query($id: ID!) { dataSubject(personId: $id) { socialServices { accessLog { reasons } } } }', { id: subject.id });
    expect(log.dataSubject.socialServices.accessLog.some((e: any) => e.reasons.includes('EXPORT'))).toBe(true);
  });

  it('refuses a late write about an erased person, naming the field', async () => {
    const [erased] = await rows('employment-centre', 'SELECT person_id FROM erased_person LIMIT 1');
    const res = await net.call(cpiPoggibonsi, 'mutation($i: RegisterJobSeekerInput!) { registerJobSeeker(input: $i) { id } }', {
      i: {
        personId: erased!.person_id, programmeId: DEMO_PROGRAMMES[0]!.id, registeredOn: '2026-11-01', profilingClass: 'HIGH', educationLevel: 'UPPER_SECONDARY',
        languages: [], drivingLicences: [], weeklyHours: 30, shifts: ['MORNING'], mobilityRadiusKm: 10, domicileMunicipalityCode: 'G752', desiredOccupations: [],
      },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
    expect(res.errors?.[0]?.message).toMatch(/erased/);
  });

  it('exports to the officer only: the case manager reads every partner’s access log, not the records', async () => {
    const subject = await findSubject();
    const res = await net.call(cmFtsa, `query($id: ID!) { dataSubject(personId: $id) {
      socialServices { records accessLog { partner } }
      employmentCentre { records accessLog { partner } }
      training { records accessLog { partner } }
      companyNetwork { records accessLog { partner } }
    } }`, { id: subject.id });
    const parts = res.data?.dataSubject as Record<string, { records: unknown; accessLog: unknown[] }>;
    expect(Object.keys(parts)).toHaveLength(4);
    for (const part of Object.values(parts)) {
      expect(part.records).toBeNull();
      expect(Array.isArray(part.accessLog)).toBe(true);
    }
    expect(res.errors?.map((e) => e.path?.join('.')).sort()).toEqual(
      ['companyNetwork', 'employmentCentre', 'socialServices', 'training'].map((p) => `dataSubject.${p}.records`),
    );
    expect(res.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('is for the data protection officer of the social services holding the person alone', async () => {
    const subject = await findSubject();
    const otherOfficer = as('data_protection_officer', 'comune-firenze-sociali');
    const token = (await net.ok(dpo, 'query($id: ID!) { dataSubject(personId: $id) { erasureToken } }', { id: subject.id })).dataSubject.erasureToken;
    // Nobody else gets a token: not the case manager, not another lead body's officer.
    expect((await net.ok(cmFtsa, 'query($id: ID!) { dataSubject(personId: $id) { erasureToken } }', { id: subject.id })).dataSubject.erasureToken).toBeNull();
    expect((await net.call(otherOfficer, 'query($id: ID!) { dataSubject(personId: $id) { erasureToken } }', { id: subject.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const caller of [cmFtsa, cpiPoggibonsi, coordinator, otherOfficer]) {
      const res = await net.call(caller, ERASE, { i: { personId: subject.id, erasureToken: token } });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Without the token, or with one for someone else, the partners erase nothing either.
    const partnersOnly = `mutation($i: EraseDataInput!) {
      employmentCentre: eraseEmploymentCentreData(input: $i) { recordsErased }
    }`;
    const other = await findSubject([subject.id]);
    const otherToken = (await net.ok(dpo, 'query($id: ID!) { dataSubject(personId: $id) { erasureToken } }', { id: other.id })).dataSubject.erasureToken;
    const [version, payload, ...tags] = token.split('.') as string[];
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const stretched = [version, Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString('base64url'), ...tags].join('.');
    for (const erasureToken of [undefined, otherToken, stretched]) {
      const res = await net.call(dpo, partnersOnly, { i: { personId: subject.id, erasureToken } });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // The token is the officer's own: a colleague at the same lead body does not erase with it.
    const colleague: Principal = { ...dpo, subject: 'another-officer' };
    const res = await net.call(colleague, partnersOnly, { i: { personId: subject.id, erasureToken: token } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.erasureToken' });
    expect(Object.values(await remaining(subject.id)).every((n) => n > 0)).toBe(true);
  });
});
