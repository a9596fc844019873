import type { Principal } from '@intreccio/shared';
import { principal } from '@intreccio/shared/testing';
import { DEMO_COMPANIES, DEMO_ORGANISATIONS, DEMO_PROGRAMMES, DEMO_WRITERS } from '@intreccio/scripts';
import { TestNetwork } from './support/network';
import { placeableStep, planStepsAs } from './support/placement';

const PEOPLE = 1300;

let net: TestNetwork;
let caseManager: Principal;
let cpiOperator: Principal;

const orgOf = (kind: string) => DEMO_ORGANISATIONS.find((o) => o.kind === kind)!;
const programmeIds = DEMO_PROGRAMMES.map((p) => p.id);

beforeAll(async () => {
  net = await TestNetwork.start('network', {
    seed: async (subgraphs) => {
      for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: PEOPLE });
    },
  });
  caseManager = principal('case_manager', orgOf('SOCIAL_SERVICES').id, 'SOCIAL_SERVICES', programmeIds);
  cpiOperator = principal('cpi_operator', orgOf('EMPLOYMENT_CENTRE').id, 'EMPLOYMENT_CENTRE', programmeIds);
}, 300_000);
afterAll(() => net?.stop());

// The people of the case manager's live cases: the lead body is on each team with the person's consent,
// so every partner shares its records about them.
const WHOLE_NETWORK = `query($n: Int!) { people(first: $n, filter: { caseStatus: OPEN }) { edges { node {
  id
  case { status }
  jobSeeker { profilingClass }
  skills { skill { label } }
  enrollments { status course { title } }
  internships { status company { name } }
  hires { startDate company { name } }
} } } }`;

describe('the network graph across the four partners', () => {
  it('answers the case manager’s whole-network query with data from every partner', async () => {
    const data = await net.ok(caseManager, WHOLE_NETWORK, { n: 300 });
    const people = data.people.edges.map((e: any) => e.node);
    expect(people).toHaveLength(300);
    expect(people.every((p: any) => p.case.status === 'OPEN')).toBe(true);
    expect(people.some((p: any) => p.jobSeeker?.profilingClass)).toBe(true);
    expect(people.some((p: any) => p.skills.length > 0 && p.skills[0].skill.label)).toBe(true);
    expect(people.some((p: any) => p.enrollments.length > 0 && p.enrollments[0].course.title)).toBe(true);
    expect(people.some((p: any) => p.internships.length > 0 && p.internships[0].company.name)).toBe(true);
  });

  it('follows one person’s pathway through all four partners in one query', async () => {
    const list = await net.ok(caseManager, WHOLE_NETWORK, { n: 300 });
    const placed = list.people.edges.map((e: any) => e.node).find((p: any) => p.internships.length > 0 && p.enrollments.length > 0 && p.skills.length > 0);
    expect(placed).toBeDefined();
    const data = await net.ok(caseManager, `query($id: ID!) { person(id: $id) {
      givenName
      case { status closureReason programme { name } plan { status steps { kind status } } }
      referrals { status toOrganisation { kind } }
      jobSeeker { registeredOn profilingClass desiredOccupations { label } }
      skills { level skill { uri label } }
      enrollments { status attendedHours course { title kind provider { name } } }
      certifications { kind certifiedSkills { label } }
      internships { status startDate endDate monthlyAllowanceCents company { name vatNumber } }
      hires { startDate }
    } }`, { id: placed.id });
    const p = data.person;
    expect(p.case.programme.name).toEqual(expect.any(String));
    expect(p.referrals.length).toBeGreaterThan(0);
    expect(p.jobSeeker.desiredOccupations.length).toBeGreaterThan(0);
    expect(p.enrollments[0].course.provider.name).toEqual(expect.any(String));
    expect(p.internships[0].company.vatNumber).toMatch(/^\d{11}$/);
  });

  it('shows the employment centre the hires and follow-ups of its own job seekers, with the companies', async () => {
    const data = await net.ok(cpiOperator, `{ hires(first: 200) { edges { node {
      startDate grossMonthlyWageCents company { name } followUps { monthsAfter stillEmployed } person { id }
    } } } }`);
    const hires = data.hires.edges.map((e: any) => e.node);
    expect(hires.length).toBeGreaterThan(10);
    expect(hires.every((h: any) => h.company.name && h.person.id)).toBe(true);
    expect(hires.some((h: any) => h.followUps.length > 0)).toBe(true);
  });

  it('goes from a person’s skill gaps to the courses that teach them', async () => {
    const data = await net.ok(caseManager, `{ people(first: 300, filter: { caseStatus: OPEN }) { edges { node { id matches(first: 3) {
      score vacancy { title company { name } }
      explanation { summary distanceKm coveredSkills { label } missingSkills { uri label courses { title provider { name } } } }
    } } } } }`);
    const matches = data.people.edges.flatMap((e: any) => e.node.matches ?? []);
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
      expect(m.explanation.summary).toEqual(expect.any(String));
    }
    const withCourse = matches.find((m: any) => m.explanation.missingSkills.some((s: any) => s.courses.length > 0));
    expect(withCourse).toBeDefined();
    expect(withCourse.vacancy.company.name).toEqual(expect.any(String));
  });

  it('reports each partner’s KPIs on the same programme, large enough to be disclosed', async () => {
    const data = await net.ok(caseManager, `{ programmes { code
      caseKpis { peopleTakenInCharge evaluated withSignedPlan medianDaysReferralToFirstContact suppressed }
      trainingKpis { enrolled completed suppressed }
      internshipKpis { started completed suppressed }
      employmentKpis { hires stillEmployedAt6Months suppressed }
    } }`);
    for (const p of data.programmes) {
      expect(p.caseKpis.suppressed).toEqual([]);
      expect(p.caseKpis.peopleTakenInCharge).toBeGreaterThan(p.caseKpis.withSignedPlan);
      expect(p.trainingKpis.enrolled).toBeGreaterThan(0);
      expect(p.internshipKpis.started).toBeGreaterThanOrEqual(p.internshipKpis.completed);
      expect(p.employmentKpis.hires).toBeGreaterThanOrEqual(p.employmentKpis.stillEmployedAt6Months);
    }
  });
});

describe('cost across subgraphs', () => {
  it('sends each subgraph the same number of statements for 300 people as for 30, grants and access log included', async () => {
    const small = await net.statements(() => net.ok(caseManager, WHOLE_NETWORK, { n: 30 }));
    const large = await net.statements(() => net.ok(caseManager, WHOLE_NETWORK, { n: 300 }));
    for (const name of Object.keys(small)) {
      expect({ name, statements: large[name] }).toEqual({ name, statements: small[name] });
      expect(large[name]).toBeGreaterThan(0);
    }
  });
});

describe('bad input from partner systems, through the gateway', () => {
  const networkOperator = () => principal('company_network_operator', orgOf('COMPANY_NETWORK').id, 'COMPANY_NETWORK', programmeIds);
  const trainingOperator = () => principal('training_operator', orgOf('TRAINING_PROVIDER').id, 'TRAINING_PROVIDER', programmeIds);
  const rows = async (subgraph: string, table: string) =>
    Number((await net.network.subgraph(subgraph).database.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  /** Sends a mutation that must fail on `field` with BAD_USER_INPUT, and checks nothing was written. */
  async function refused(who: Principal, mutation: string, input: Record<string, unknown>, field: string, where: [string, string]): Promise<string> {
    const before = await rows(...where);
    const res = await net.call(who, mutation, { i: input });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await rows(...where)).toBe(before);
    return res.errors![0]!.message;
  }

  const company = { name: 'Officina Nuova S.r.l.', sizeClass: 'MICRO', municipalityCode: 'G752', vatNumber: '', atecoCode: '25.62.00' };
  const CREATE_COMPANY = 'mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }';

  it('refuses a VAT number with a wrong check digit', async () => {
    const valid = '12345670017';
    const wrong = valid.slice(0, 10) + String((Number(valid[10]) + 1) % 10);
    const message = await refused(networkOperator(), CREATE_COMPANY, { ...company, vatNumber: wrong }, 'input.vatNumber', ['companies', 'company']);
    expect(message).toMatch(/check digit|last digit/i);
  });

  it('refuses an ATECO code that is not in the classification', async () => {
    await refused(networkOperator(), CREATE_COMPANY, { ...company, vatNumber: '12345670017', atecoCode: '99.99.99' }, 'input.atecoCode', ['companies', 'company']);
  });

  it('refuses ESCO URIs that are unknown or not ESCO at all', async () => {
    const provider = (await net.ok(trainingOperator(), '{ trainingProviders { id } }')).trainingProviders[0].id;
    await refused(trainingOperator(), 'mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }', {
      providerId: provider, title: 'Magazzino e logistica', kind: 'PROFESSIONAL', hours: 40, costPerHourCents: 1500,
      skillsTaught: ['http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000'],
    }, 'input.skillsTaught.0', ['training', 'course']);
    const occupation = 'http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f';
    const companyId = DEMO_COMPANIES[0]!.id;
    const real = (await net.ok(cpiOperator, 'query($u: String!) { occupation(uri: $u) { essentialSkills { uri } } }', { u: occupation })).occupation.essentialSkills[0].uri;
    await refused(cpiOperator, 'mutation($i: CreateVacancyInput!) { createVacancy(input: $i) { id } }', {
      companyId, title: 'Magazziniere', occupationUri: occupation, requiredSkills: [real, 'https://example.org/skills/forklift'],
      municipalityCode: 'G752', weeklyHours: 30, contractType: 'FIXED_TERM', openedOn: '2026-09-01',
    }, 'input.requiredSkills.1', ['employment-centre', 'vacancy']);
  });

  it('refuses a date range that runs backwards', async () => {
    const course = (await net.ok(trainingOperator(), '{ courses(first: 1) { edges { node { id } } } }')).courses.edges[0].node.id;
    await refused(trainingOperator(), 'mutation($i: ScheduleCourseEditionInput!) { scheduleCourseEdition(input: $i) { id } }', {
      courseId: course, startDate: '2026-12-10', endDate: '2026-11-20', seats: 15, municipalityCode: 'G752', venue: 'Aula 2',
    }, 'input.endDate', ['training', 'course_edition']);
  });

  it('refuses an internship allowance outside the programme’s bounds', async () => {
    const programme = DEMO_PROGRAMMES.find((p) => p.code === 'PROGRESSIVE2')!;
    const host = DEMO_COMPANIES.find((c) => c.programmeCode === 'PROGRESSIVE2' && c.organisationId)!;
    const tutor = (await net.ok(networkOperator(), 'query($id: ID!) { company(id: $id) { tutors { id } } }', { id: host.id })).company.tutors[0].id;
    // Social services vouch for the person's internship step; the bounds are checked all the same.
    const step = await placeableStep(net, networkOperator().organisationId);
    expect(step.programmeId).toBe(programme.id);
    const planStepToken = (await planStepsAs(net, networkOperator(), step.personId)).find((s) => s.id === step.stepId)!.placementToken;
    expect(planStepToken).toEqual(expect.any(String));
    const message = await refused(networkOperator(), 'mutation($i: CreateInternshipInput!) { createInternship(input: $i) { id } }', {
      personId: step.personId, programmeId: programme.id, planStepId: step.stepId, planStepToken, companyId: host.id, companyTutorId: tutor,
      promoterTutorName: 'Laura Conti', startDate: '2027-01-11', endDate: '2027-04-30', weeklyHours: 25,
      monthlyAllowanceCents: programme.allowanceMaxCents + 10_000,
    }, 'input.monthlyAllowanceCents', ['companies', 'internship']);
    expect(message).toContain(String(programme.allowanceMaxCents / 100));
  });
});
