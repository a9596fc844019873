import {
  buildClientSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType,
  Kind, parse, type GraphQLSchema, type IntrospectionQuery,
} from 'graphql';
import {
  ANONYMOUS, internalKeyFile, InternalTokenVerifier, loadOrCreateKeyPair, PUBLIC_TAG, type Principal,
  type SubgraphPolicy,
} from '@intreccio/shared';
import { callerToken, gatewayToken, postGraphQL, principal } from '@intreccio/shared/testing';
import { DEMO_ORGANISATIONS, DEMO_PERSONS, DEMO_PROGRAMMES, DEMO_WRITERS, SUBGRAPHS } from '@intreccio/scripts';
import { socialServicesPolicy } from '@intreccio/social-services/dist/src/access/policy';
import { employmentCentrePolicy } from '@intreccio/employment-centre/dist/src/access/policy';
import { trainingPolicy } from '@intreccio/training/dist/src/access/policy';
import { companiesPolicy } from '@intreccio/companies/dist/src/access/policy';
import { TestNetwork } from './support/network';
import { gatewayWithSpy, type SpiedGateway } from './support/spy-subgraph';

/** Person-level types: none may be reachable without a token. */
const PERSON_LEVEL = [
  'Person', 'Case', 'CaseTeamMember', 'Consent', 'Assessment', 'PersonalPlan', 'PlanStep', 'Referral', 'Benefit', 'JobSeekerProfile',
  'SkillRecord', 'WorkExperience', 'OrientationSession', 'SkillsAssessment', 'Hire', 'FollowUpCheck', 'Match', 'Candidate', 'Enrollment',
  'Certification', 'Internship', 'AllowancePayment', 'TutoringVisit', 'CompanyTutor', 'ScoutingVisit', 'Opportunity', 'DataSubject',
  'PartnerRecords', 'AccessLogEntry',
];

/** Fields of the page types `connectionType` builds: no data of their own, public wherever their page is. */
const PAGE_FIELDS: Record<string, RegExp> = { Connection: /^(edges|pageInfo|totalCount)$/, Edge: /^(node|cursor)$/, PageInfo: /^(hasNextPage|endCursor)$/ };

/**
 * The introspection GraphiQL sends nests type references 9 deep, past the depth limit; this one nests
 * them 4 deep, enough for `[T!]!`.
 */
const INTROSPECTION = `query Introspection { __schema {
  queryType { name } mutationType { name } subscriptionType { name }
  types { kind name description specifiedByURL
    fields(includeDeprecated: true) { name description isDeprecated deprecationReason args { ...InputValue } type { ...TypeRef } }
    inputFields { ...InputValue } interfaces { ...TypeRef } possibleTypes { ...TypeRef }
    enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } }
  directives { name description locations args { ...InputValue } }
} }
fragment InputValue on __InputValue { name description defaultValue type { ...TypeRef } }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

const orgOf = (kind: string) => DEMO_ORGANISATIONS.find((o) => o.kind === kind)!;
const programmeIds = DEMO_PROGRAMMES.map((p) => p.id);

let net: TestNetwork;
let publicUrl: string;
let coordinator: Principal;
let caseManager: Principal;
let cpiOperator: Principal;
let networkOperator: Principal;

/** A call to the public contract, with no token unless headers say otherwise. */
function pub<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return postGraphQL<T>(publicUrl, query, variables, headers);
}

async function pubOk<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const res = await pub<T>(query, variables, headers);
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
  return res.data;
}

async function rows<T = Record<string, any>>(subgraph: string, sql: string): Promise<T[]> {
  return net.network.subgraph(subgraph).database.dataSource.query(sql);
}

beforeAll(async () => {
  net = await TestNetwork.start('public_contract', {
    seed: async (subgraphs) => {
      for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: DEMO_PERSONS });
    },
  });
  publicUrl = `${net.base}/public/graphql`;
  const lead = orgOf('SOCIAL_SERVICES');
  coordinator = principal('coordinator', lead.id, 'SOCIAL_SERVICES', programmeIds);
  caseManager = principal('case_manager', lead.id, 'SOCIAL_SERVICES', programmeIds);
  cpiOperator = principal('cpi_operator', orgOf('EMPLOYMENT_CENTRE').id, 'EMPLOYMENT_CENTRE', programmeIds);
  networkOperator = principal('company_network_operator', orgOf('COMPANY_NETWORK').id, 'COMPANY_NETWORK', programmeIds);
}, 300_000);
afterAll(() => net?.stop());

describe('the public API schema', () => {
  let schema: GraphQLSchema;
  /** `Type.field` coordinates tagged public in some subgraph's SDL. */
  const tagged = new Set<string>();
  /** Types whose objects are about one person, as the subgraphs' access policies declare them. */
  const declaredPersonLevel = new Set<string>();

  beforeAll(async () => {
    const res = await pub<IntrospectionQuery>(INTROSPECTION);
    expect(res.errors).toBeUndefined();
    schema = buildClientSchema(res.data!);
    for (const def of SUBGRAPHS) {
      const doc = parse((await def.buildSchema()).sdl);
      for (const d of doc.definitions) {
        if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
        for (const f of d.fields ?? []) {
          const isTagged = f.directives?.some((x) => x.name.value === 'tag' && x.arguments?.some((a) => a.value.kind === Kind.STRING && a.value.value === PUBLIC_TAG));
          if (isTagged) tagged.add(`${d.name.value}.${f.name.value}`);
        }
      }
    }
    for (const policy of [socialServicesPolicy, employmentCentrePolicy, trainingPolicy, companiesPolicy] as SubgraphPolicy[]) {
      for (const [type, p] of Object.entries(policy)) if (p.person) declaredPersonLevel.add(type);
    }
  });

  it('holds the catalogue, the programmes and their KPIs, vacancies and companies', () => {
    const query = Object.keys(schema.getQueryType()!.getFields());
    expect(query).toEqual(expect.arrayContaining(['programmes', 'programme', 'courses', 'course', 'courseEditions', 'trainingProviders', 'vacancies', 'vacancy', 'companies', 'company', 'skills', 'occupations']));
    const programme = schema.getType('Programme');
    expect(isObjectType(programme) && Object.keys(programme.getFields())).toEqual(expect.arrayContaining(['caseKpis', 'employmentKpis', 'trainingKpis', 'internshipKpis', 'internshipRules']));
    for (const type of ['Course', 'CourseEdition', 'TrainingProvider', 'Vacancy', 'Company', 'Skill', 'Occupation', 'InternshipRules', 'Organisation']) {
      expect(isObjectType(schema.getType(type))).toBe(true);
    }
  });

  it('has no person-level type, however reached', () => {
    expect(declaredPersonLevel.size).toBeGreaterThan(10);
    for (const type of new Set([...PERSON_LEVEL, ...declaredPersonLevel])) expect({ type, present: !!schema.getType(type) }).toEqual({ type, present: false });
  });

  it('has no mutation or subscription, and no root field that reaches a person', () => {
    expect(schema.getMutationType()).toBeFalsy();
    expect(schema.getSubscriptionType()).toBeFalsy();
    const personLevel = new Set([...PERSON_LEVEL, ...declaredPersonLevel]);
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      expect({ field: field.name, returns: getNamedType(field.type).name, personLevel: personLevel.has(getNamedType(field.type).name) })
        .toEqual({ field: field.name, returns: getNamedType(field.type).name, personLevel: false });
    }
    for (const name of ['people', 'person', 'cases', 'case', 'referrals', 'referral', 'dataSubject', 'organisations', 'organisation', 'jobSeekers', 'jobSeeker',
      'hires', 'hire', 'enrollments', 'enrollment', 'certification', 'internships', 'internship', 'scoutingVisits', 'opportunities']) {
      expect(schema.getQueryType()!.getFields()[name]).toBeUndefined();
    }
  });

  it('has only fields some subgraph tags public, besides the fields of pages', () => {
    expect(tagged.size).toBeGreaterThan(50);
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      const page = Object.keys(PAGE_FIELDS).find((suffix) => type.name.endsWith(suffix));
      for (const field of Object.keys(type.getFields())) {
        checked++;
        const coordinate = `${type.name}.${field}`;
        const allowed = tagged.has(coordinate) || (page !== undefined && PAGE_FIELDS[page]!.test(field));
        expect({ coordinate, allowed }).toEqual({ coordinate, allowed: true });
      }
      // A page shows what its nodes are: those must be public types too.
      if (page === 'Edge') {
        const node = getNamedType(type.getFields().node!.type);
        expect({ edge: type.name, publicNode: isObjectType(node) && Object.keys(node.getFields()).some((f) => tagged.has(`${node.name}.${f}`)) })
          .toEqual({ edge: type.name, publicNode: true });
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('leaves out the untagged fields of public types', () => {
    const fieldsOf = (name: string) => {
      const type = schema.getType(name);
      return isObjectType(type) ? Object.keys(type.getFields()) : [];
    };
    expect(fieldsOf('Organisation')).not.toEqual(expect.arrayContaining(['email']));
    expect(fieldsOf('Organisation')).not.toContain('taxCode');
    expect(fieldsOf('Programme')).not.toContain('referralResponseDays');
    expect(fieldsOf('Course')).not.toContain('costPerHourCents');
    expect(fieldsOf('CourseEdition')).not.toContain('enrollments');
    // seats - seatsLeft is the number enrolled, a count of people.
    expect(fieldsOf('CourseEdition')).toEqual(expect.arrayContaining(['seats', 'hasSeatsLeft']));
    for (const f of ['enrolledCount', 'seatsLeft']) expect(fieldsOf('CourseEdition')).not.toContain(f);
    expect(fieldsOf('Vacancy')).not.toContain('candidates');
    expect(fieldsOf('Vacancy')).not.toContain('hires');
    for (const f of ['tutors', 'internships', 'scoutingVisits', 'opportunities', 'hires', 'accessGrant', 'organisation']) expect(fieldsOf('Company')).not.toContain(f);
  });

  it('keeps only inputs, enums and scalars the public fields use', () => {
    const used = new Set<string>();
    const mark = (name: string) => {
      if (used.has(name)) return;
      used.add(name);
      const type = schema.getType(name);
      if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) mark(getNamedType(f.type).name);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        mark(getNamedType(field.type).name);
        for (const arg of field.args) mark(getNamedType(arg.type).name);
      }
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isInputObjectType(type) || isEnumType(type) || isScalarType(type) || isUnionType(type))) continue;
      expect({ type: type.name, used: used.has(type.name) }).toEqual({ type: type.name, used: true });
    }
    for (const hidden of ['TargetGroup', 'CaseStatus', 'PeopleFilter', 'JSONObject', 'CreatePersonInput', 'InternshipStatus', 'EnrollmentStatus']) {
      expect(schema.getType(hidden)).toBeUndefined();
    }
  });
});

describe('public data through the gateway, without a token', () => {
  const KPIS = `caseKpis { peopleTakenInCharge liveCases evaluated withSignedPlan closedEmployed overdueReferrals medianDaysReferralToFirstContact suppressed }
    employmentKpis { registeredJobSeekers hires stillEmployedAt6Months stillEmployedAt12Months followUpsDue6Months followUpsDue12Months suppressed }
    trainingKpis { enrolled attending completed withdrawn certified trainingHours trainingCostCents suppressed }
    internshipKpis { planned started active suspended completed interrupted hiredAfterInternship allowancesPaidCents tutoringHours suppressed }`;
  const KPI_SETS = ['caseKpis', 'employmentKpis', 'trainingKpis', 'internshipKpis'] as const;

  it('gives the programmes with every partner’s KPIs, small figures withheld and named, as a coordinator sees them', async () => {
    const query = `{ programmes { id code name leadOrganisation { name } partners { role organisation { name kind } } ${KPIS} } }`;
    const open = await pubOk(query);
    const coordinated = await net.ok(coordinator, query);
    expect(open.programmes.length).toBe((await rows('social-services', 'SELECT id FROM programme')).length);
    expect(open.programmes.map((p: any) => p.code)).toEqual(expect.arrayContaining(DEMO_PROGRAMMES.map((p) => p.code)));
    expect(open).toEqual(coordinated);
    let disclosed = 0;
    for (const p of open.programmes) {
      expect(p.leadOrganisation.name).toEqual(expect.any(String));
      for (const set of KPI_SETS) {
        const { suppressed, ...figures } = p[set];
        for (const name of suppressed) {
          expect(Object.keys(figures)).toContain(name);
          expect({ programme: p.code, figure: `${set}.${name}`, value: figures[name] }).toEqual({ programme: p.code, figure: `${set}.${name}`, value: null });
        }
        for (const [name, value] of Object.entries(figures)) if (value !== null) {
          disclosed++;
          expect(suppressed).not.toContain(name);
        }
      }
    }
    expect(disclosed).toBeGreaterThan(10);
  });

  it('withholds every figure of a programme with no one in it yet', async () => {
    const created = await net.ok(coordinator, `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }`, {
      i: {
        code: 'PUBLICTEST', name: 'Programma di prova', leadOrganisationId: orgOf('SOCIAL_SERVICES').id, territory: ['D612'],
        startDate: '2026-01-01', endDate: '2027-12-31', budgetCents: 1_000_000,
      },
    });
    const data = await pubOk(`query($id: ID!) { programme(id: $id) { code ${KPIS} } }`, { id: created.createProgramme.id });
    expect(data.programme.code).toBe('PUBLICTEST');
    for (const set of KPI_SETS) {
      const { suppressed, ...figures } = data.programme[set];
      expect({ set, figures: Object.values(figures).filter((v) => v !== null) }).toEqual({ set, figures: [] });
      expect(suppressed.length).toBeGreaterThan(0);
      for (const name of suppressed) expect(Object.keys(figures)).toContain(name);
    }
  });

  it('gives the whole course catalogue with editions and providers', async () => {
    const data = await pubOk(`{ courses(first: 1000) { totalCount edges { node { id title kind hours provider { id name } editions { id status startDate venue } skillsTaught { uri label } } } }
      trainingProviders { id name courses { id } } }`);
    const courses = data.courses.edges.map((e: any) => e.node);
    const dbCourses = await rows<{ id: string; provider_id: string }>('training', 'SELECT id, provider_id FROM course');
    const dbEditions = await rows<{ id: string; course_id: string }>('training', 'SELECT id, course_id FROM course_edition');
    const dbProviders = await rows<{ id: string; name: string }>('training', 'SELECT id, name FROM training_provider');
    expect(dbCourses.length).toBeGreaterThan(0);
    expect(dbEditions.length).toBeGreaterThan(0);
    expect(data.courses.totalCount).toBe(dbCourses.length);
    expect(courses.map((c: any) => c.id).sort()).toEqual(dbCourses.map((c) => c.id).sort());
    for (const c of courses) {
      expect(c.provider.id).toBe(dbCourses.find((d) => d.id === c.id)!.provider_id);
      expect(c.editions.map((e: any) => e.id).sort()).toEqual(dbEditions.filter((e) => e.course_id === c.id).map((e) => e.id).sort());
    }
    expect(courses.some((c: any) => c.skillsTaught.length > 0 && c.skillsTaught[0].label)).toBe(true);
    expect(data.trainingProviders.map((p: any) => p.name).sort()).toEqual(dbProviders.map((p) => p.name).sort());
    const editions = await pubOk('{ courseEditions(first: 1000) { totalCount edges { node { id seats hasSeatsLeft course { title provider { name } } } } } }');
    expect(editions.courseEditions.totalCount).toBe(dbEditions.length);
    const taken = await rows<{ edition_id: string; n: number }>('training',
      "SELECT edition_id, count(*)::int AS n FROM enrollment WHERE status <> 'WITHDRAWN' GROUP BY edition_id");
    for (const { node } of editions.courseEditions.edges) {
      expect(node.hasSeatsLeft).toBe(node.seats > (taken.find((t) => t.edition_id === node.id)?.n ?? 0));
    }
  });

  it('lists open vacancies only, whatever the filter asks', async () => {
    const db = await rows<{ id: string; status: string }>('employment-centre', 'SELECT id, status FROM vacancy');
    const open = db.filter((v) => v.status === 'OPEN').map((v) => v.id).sort();
    const closed = db.filter((v) => v.status === 'CLOSED').map((v) => v.id);
    expect(open.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);

    const all = await pubOk('{ vacancies(first: 1000) { totalCount edges { node { id status title occupation { label } requiredSkills { uri } } } } }');
    const listed = all.vacancies.edges.map((e: any) => e.node);
    expect(listed.map((v: any) => v.id).sort()).toEqual(open);
    expect(all.vacancies.totalCount).toBe(open.length);
    expect(new Set(listed.map((v: any) => v.status))).toEqual(new Set(['OPEN']));

    const filtered = await pubOk('{ vacancies(first: 1000, filter: { status: CLOSED }) { totalCount edges { node { id status } } } }');
    expect(filtered.vacancies.edges).toEqual([]);
    expect(filtered.vacancies.totalCount).toBe(0);

    const one = await pub('query($id: ID!) { vacancy(id: $id) { id status } }', { id: closed[0] });
    expect(one.data?.vacancy ?? null).toBeNull();

    // The control: a partner with a token sees the closed ones.
    const partner = await net.ok(cpiOperator, '{ vacancies(first: 1000, filter: { status: CLOSED }) { totalCount } }');
    expect(partner.vacancies.totalCount).toBe(closed.length);
  });

  it('shows no closed vacancy on a company either', async () => {
    const data = await pubOk('{ companies(first: 1000) { edges { node { id vacancies(status: CLOSED) { id status } open: vacancies { id status } } } } }');
    const companies = data.companies.edges.map((e: any) => e.node);
    expect(companies.length).toBeGreaterThan(0);
    for (const c of companies) {
      expect(c.vacancies).toEqual([]);
      for (const v of c.open) expect(v.status).toBe('OPEN');
    }
  });

  it('lists only the companies listed in the directory', async () => {
    const db = await rows<{ id: string; listed_in_directory: boolean }>('companies', 'SELECT id, listed_in_directory FROM company');
    const listed = db.filter((c) => c.listed_in_directory).map((c) => c.id).sort();
    const unlisted = db.filter((c) => !c.listed_in_directory).map((c) => c.id);
    expect(listed.length).toBeGreaterThan(0);
    expect(unlisted.length).toBeGreaterThan(0);

    const all = await pubOk('{ companies(first: 1000) { totalCount edges { node { id name listedInDirectory municipalityName } } } }');
    expect(all.companies.edges.map((e: any) => e.node.id).sort()).toEqual(listed);
    expect(all.companies.totalCount).toBe(listed.length);
    for (const { node } of all.companies.edges) expect(node.listedInDirectory).toBe(true);

    const asked = await pubOk('{ companies(first: 1000, filter: { listedInDirectory: false }) { totalCount edges { node { id } } } }');
    expect(asked.companies.edges).toEqual([]);
    const one = await pub('query($id: ID!) { company(id: $id) { id name } }', { id: unlisted[0] });
    expect(one.data?.company ?? null).toBeNull();

    const partner = await net.ok(networkOperator, '{ companies(first: 1000) { totalCount } }');
    expect(partner.companies.totalCount).toBe(db.length);
  });
});

describe('what the public contract refuses', () => {
  it('fails validation on a query naming a private field', async () => {
    for (const query of [
      '{ people(first: 1) { edges { node { id } } } }',
      '{ programmes { partners { organisation { email } } } }',
      '{ programmes { referralResponseDays } }',
      '{ vacancies { edges { node { candidates { score } } } } }',
      '{ companies { edges { node { internships { id } } } } }',
      '{ organisations { name } }',
      'mutation { createOrganisation(input: { name: "x", kind: COMPANY, municipalityCode: "D612" }) { id } }',
    ]) {
      const res = await pub(query);
      expect({ query, status: res.status, code: res.errors?.[0]?.extensions?.code, data: res.data ?? null })
        .toEqual({ query, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', data: null });
    }
  });

  it('ignores a bearer token: a valid one unlocks nothing, an invalid one is no error', async () => {
    for (const who of [caseManager, cpiOperator, networkOperator, coordinator]) {
      const headers = { authorization: `Bearer ${await net.token(who)}` };
      const people = await pub('{ people(first: 1) { edges { node { id } } } }', {}, headers);
      expect(people.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const closed = await pubOk('{ vacancies(first: 1000, filter: { status: CLOSED }) { totalCount } }', {}, headers);
      expect(closed.vacancies.totalCount).toBe(0);
      const unlisted = await pubOk('{ companies(first: 1000, filter: { listedInDirectory: false }) { totalCount } }', {}, headers);
      expect(unlisted.companies.totalCount).toBe(0);
    }
    const res = await pub('{ programmes { name } }', {}, { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(200);
    expect(res.data?.programmes.length).toBeGreaterThanOrEqual(DEMO_PROGRAMMES.length);
  });

  it('redirects a browser to GraphiQL on the public contract', async () => {
    const res = await fetch(publicUrl, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphiql?endpoint=public');
  });

  it('still asks for a token at the network graph', async () => {
    const res = await postGraphQL(net.url, '{ programmes { name } }');
    expect(res.status).toBe(401);
  });
});

describe('the subgraphs, called as the anonymous caller', () => {
  const call = async (subgraph: string, query: string) =>
    postGraphQL<Record<string, any>>(net.network.subgraph(subgraph).server.url, query, {}, { authorization: `Bearer ${await gatewayToken(net.env.dataDir, ANONYMOUS, subgraph)}` });

  it('answer the public fields', async () => {
    const res = await call('social-services', '{ programmes { name leadOrganisation { name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.programmes.map((p: any) => p.name)).toEqual(expect.arrayContaining(DEMO_PROGRAMMES.map((p) => p.name)));
  });

  /** Every value found under `key` anywhere in `data`. */
  const valuesOf = (data: unknown, key: string): unknown[] => {
    if (Array.isArray(data)) return data.flatMap((d) => valuesOf(d, key));
    if (data === null || typeof data !== 'object') return [];
    return Object.entries(data).flatMap(([k, v]) => (k === key ? [v] : valuesOf(v, key)));
  };

  it.each([
    ['social-services', '{ people(first: 1) { edges { node { id } } } }', 'people'],
    ['social-services', '{ programmes { referralResponseDays } }', 'referralResponseDays'],
    ['social-services', '{ programmes { leadOrganisation { email } } }', 'email'],
    ['social-services', '{ organisations { name } }', 'organisations'],
    ['employment-centre', '{ jobSeekers(first: 1) { edges { node { id } } } }', 'jobSeekers'],
    ['employment-centre', '{ vacancies(first: 5) { edges { node { createdAt } } } }', 'createdAt'],
    ['training', '{ enrollments(first: 1) { edges { node { id } } } }', 'enrollments'],
    ['training', '{ courses(first: 5) { edges { node { costPerHourCents } } } }', 'costPerHourCents'],
    ['companies', '{ internships(first: 1) { edges { node { id } } } }', 'internships'],
    ['companies', '{ companies(first: 5) { edges { node { tutors { name } } } } }', 'tutors'],
  ])('%s refuses %s with FORBIDDEN', async (subgraph, query, field) => {
    const res = await call(subgraph, query);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(new Set(res.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(valuesOf(res.data, field).filter((v) => v !== null)).toEqual([]);
  });
});

describe('operation limits at the public contract', () => {
  it('refuses an operation nested too deep before calling any subgraph', async () => {
    const deep = '{ courses(first: 1) { edges { node { editions { course { editions { course { editions { course { editions { course { editions { id } } } } } } } } } } } } }';
    const before = net.network.subgraph('training').counter.count;
    const res = await pub(deep);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    expect(net.network.subgraph('training').counter.count).toBe(before);
  });

  it('refuses too many aliases and too costly lists', async () => {
    const aliases = await pub(`{ ${Array.from({ length: 31 }, (_, i) => `p${i}: programmes { id }`).join(' ')} }`);
    expect(aliases.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    const costly = await pub('{ courses(first: 1000) { edges { node { editions { course { skillsTaught { courses { id } } } } } } } }');
    expect(costly.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('holds the public contract to stricter limits than the network graph', async () => {
    // Nine fields deep: within the network graph's twelve, beyond the public contract's eight.
    const nine = '{ courses(first: 1) { edges { node { editions { course { editions { course { editions { id } } } } } } } } }';
    expect((await pub(nine)).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    const partner = principal('training_operator', DEMO_ORGANISATIONS.find((o) => o.kind === 'TRAINING_PROVIDER')!.id, 'TRAINING_PROVIDER');
    const res = await net.call(partner, nine);
    expect(res.errors).toBeUndefined();
  });

  it('stops parsing too many tokens and refuses a body too large', async () => {
    const tokens = await pub(`{ programmes { ${'id '.repeat(6000)} } }`);
    expect(tokens.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const large = await pub('{ programmes { id } }', { padding: 'x'.repeat(200_000) });
    expect(large.status).toBe(413);
  });

  it('masks unexpected errors and passes client errors through', async () => {
    const res = await pub('{ programmes { name } nope }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace/i);
  });
});

describe('what reaches a subgraph from the public contract', () => {
  let spied: SpiedGateway;
  beforeAll(async () => {
    spied = await gatewayWithSpy('public_spy', 'training', { trainingProviders: [] });
  });
  afterAll(() => spied?.close());

  it('signs every call as the anonymous caller, whatever token the client sent, with a fresh request id', async () => {
    const { seen, env, gateway } = spied;
    seen.length = 0;
    const url = gateway.url.replace(/\/graphql$/, '/public/graphql');
    const token = await callerToken(env.dataDir, principal('data_protection_officer', orgOf('SOCIAL_SERVICES').id, 'SOCIAL_SERVICES', programmeIds));
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'chosen-by-client' },
        body: JSON.stringify({ query: '{ trainingProviders { name } }' }),
      });
      expect(await res.json()).toEqual({ data: { trainingProviders: [] } });
      ids.push(res.headers.get('x-request-id')!);
    }
    expect(seen).toHaveLength(2);
    const { publicJwk } = await loadOrCreateKeyPair(internalKeyFile(env.dataDir));
    const verifier = new InternalTokenVerifier(publicJwk, 'training');
    for (const [i, headers] of seen.entries()) {
      expect(headers.authorization).not.toContain(token);
      const verified = await verifier.verify(headers.authorization!.replace(/^Bearer /, ''));
      expect(verified.principal).toEqual(ANONYMOUS);
      expect(verified.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(verified.requestId).toBe(ids[i]);
      expect(headers['x-request-id']).toBe(ids[i]);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('the public rate limit', () => {
  const LIMIT = 3;
  let limited: TestNetwork;

  beforeAll(async () => {
    limited = await TestNetwork.start('public_rate', { env: { PUBLIC_RATE_LIMIT: String(LIMIT), PUBLIC_RATE_WINDOW_SECONDS: '60' } });
  }, 120_000);
  afterAll(() => limited?.stop());

  it('answers 429 with Retry-After past the limit, and leaves the network graph alone', async () => {
    const url = `${limited.base}/public/graphql`;
    const send = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ programmes { name } }' }) });
    for (let i = 0; i < LIMIT; i++) {
      const res = await send();
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toMatch(new RegExp(`q=${LIMIT}; w=60`));
      await res.arrayBuffer();
    }
    const refused = await send();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]!.message).toEqual(expect.any(String));

    const coordinatorHere = principal('coordinator', orgOf('SOCIAL_SERVICES').id, 'SOCIAL_SERVICES', programmeIds);
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await limited.call(coordinatorHere, '{ programmes { name } }');
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
    }
    expect((await fetch(`${limited.base}/health`)).status).toBe(200);
    expect((await send()).status).toBe(429);
  });
});
