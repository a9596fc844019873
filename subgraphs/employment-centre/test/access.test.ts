import { lastingRid, type GrantScope, type Principal } from '@intreccio/shared';
import {
  expectRefusedEntity, expectRefusedField, noGrant, partnerAccess, principal, type SubgraphHarness, signedGrant, tampered,
} from '@intreccio/shared/testing';
import {
  caseManager, coordinator, CPI_POGGIBONSI, CPI_SIENA, CREATE_VACANCY, essentialSkills, LEAD_BODY, newId, operator, otherCentreOperator,
  RECORD_SKILL, REGISTER, registration, startEmploymentCentre, vacancyInput, WAREHOUSE_WORKER,
} from './fixtures';

/*
 * Who sees what of the employment centre's records, and who may write them: the holder, another
 * centre, partners with and without social services' grant, coordinators, data protection officers
 * and host companies' users; the access log that records the shared reads; data-subject requests.
 */

const HOST_ORG = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e10';
const OTHER_HOST_ORG = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e11';
const NETWORK_ORG = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e12';
const TRAINING_ORG = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e13';

const dpo = principal('data_protection_officer', LEAD_BODY, 'SOCIAL_SERVICES');
/** The erasure token social services give the officer in `dataSubject`, valid beyond one request. */
const erasureToken = (who: Principal, personId: string) => signedGrant(h.env.dataDir, 'social-services', 'erasure', personId, who, lastingRid(who.subject));
const hostTutor = principal('company_tutor', HOST_ORG, 'COMPANY');
const otherHostTutor = principal('company_tutor', OTHER_HOST_ORG, 'COMPANY');
const networkOperator = principal('company_network_operator', NETWORK_ORG, 'COMPANY_NETWORK');
const trainingOperator = principal('training_operator', TRAINING_ORG, 'TRAINING_PROVIDER');

let h: SubgraphHarness;
const { validGrant, grantSignedAt, readPerson, logOf } = partnerAccess(() => h);
const programme = newId();
const sienaProgramme = newId();
const hostCompany = newId();
const otherCompany = newId();
const skill = essentialSkills(WAREHOUSE_WORKER)[0]!;
const sienaSkill = essentialSkills(WAREHOUSE_WORKER)[1]!;

// ------------------------------------------------------------------------------------------------
// Builders: what a centre's system records, through the API.

const HIRE = 'mutation($i: RecordHireInput!) { recordHire(input: $i) { id } }';
const WORK = 'mutation($i: RecordWorkExperienceInput!) { recordWorkExperience(input: $i) { id } }';
const ORIENTATION = 'mutation($i: RecordOrientationSessionInput!) { recordOrientationSession(input: $i) { id } }';
const START_ASSESSMENT = 'mutation($i: StartSkillsAssessmentInput!) { startSkillsAssessment(input: $i) { id } }';
const COMPLETE_ASSESSMENT = 'mutation($i: CompleteSkillsAssessmentInput!) { completeSkillsAssessment(input: $i) { id } }';
const FOLLOW_UP = 'mutation($i: RecordFollowUpInput!) { recordFollowUp(input: $i) { id } }';
const UPDATE_PROFILE = 'mutation($i: UpdateJobSeekerProfileInput!) { updateJobSeekerProfile(input: $i) { id } }';
const UPDATE_VACANCY = 'mutation($i: UpdateVacancyInput!) { updateVacancy(input: $i) { id } }';
const CLOSE_VACANCY = 'mutation($i: CloseVacancyInput!) { closeVacancy(input: $i) { id } }';
const ERASE = `mutation($i: EraseDataInput!) {
  eraseEmploymentCentreData(input: $i) { partner personId erasedAt requestReference recordsErased records alreadyErased }
}`;

const inputs = {
  skill: (personId: string, skillUri = skill) => ({ personId, programmeId: programme, skillUri, level: 'INTERMEDIATE', source: 'SELF_DECLARED', recordedOn: '2025-03-12' }),
  work: (personId: string) => ({ personId, programmeId: programme, employerName: 'Coop Valdelsa', occupationUri: WAREHOUSE_WORKER, startDate: '2019-02-01', endDate: '2021-06-30' }),
  orientation: (personId: string) => ({
    personId, programmeId: programme, heldOn: '2025-03-11', kind: 'INDIVIDUAL', durationMinutes: 60, operatorName: 'Paolo Verdi', summary: 'Goals discussed',
  }),
  assessment: (personId: string) => ({ personId, programmeId: programme, startedOn: '2025-03-15', operatorName: 'Paolo Verdi' }),
  hire: (personId: string, companyId = hostCompany) => ({
    personId, programmeId: programme, companyId, startDate: '2025-01-31', contractType: 'PERMANENT', weeklyHours: 30, grossMonthlyWageCents: 120_000,
    occupationUri: WAREHOUSE_WORKER,
  }),
};

/** A centre's records about one person, written as `who`. */
interface Held {
  personId: string;
  profileId: string;
  assessmentId: string;
  hireId: string;
}

/** Registers a person at `who`'s centre and records one of everything about them. */
async function personHeldBy(who: Principal, programmeId: string, skillUri = skill): Promise<Held> {
  const personId = newId();
  const profileId = (await h.ok(who, REGISTER, { i: registration(personId, programmeId) })).registerJobSeeker.id;
  await h.ok(who, RECORD_SKILL, { i: { ...inputs.skill(personId, skillUri), programmeId } });
  await h.ok(who, WORK, { i: { ...inputs.work(personId), programmeId } });
  await h.ok(who, ORIENTATION, { i: { ...inputs.orientation(personId), programmeId } });
  const assessmentId = (await h.ok(who, START_ASSESSMENT, { i: { ...inputs.assessment(personId), programmeId } })).startSkillsAssessment.id;
  const hireId = (await h.ok(who, HIRE, { i: { ...inputs.hire(personId), programmeId } })).recordHire.id;
  return { personId, profileId, assessmentId, hireId };
}

// ------------------------------------------------------------------------------------------------
// Grants, as social services (or anyone else) would sign them.

const grant = (issuer: string, scope: GrantScope, sub: string, who: Principal, rid: string) => h.grant(issuer, scope, sub, who, rid);

let poggibonsi: Held;
let siena: Held;
let vacancyId: string;

beforeAll(async () => {
  h = await startEmploymentCentre('access');
  poggibonsi = await personHeldBy(operator, programme);
  siena = await personHeldBy(otherCentreOperator, sienaProgramme, sienaSkill);
  vacancyId = (await h.ok(operator, CREATE_VACANCY, { i: vacancyInput(hostCompany) })).createVacancy.id;
});
afterAll(() => h?.stop());

// ------------------------------------------------------------------------------------------------

const PERSON_FIELDS: Record<string, string> = {
  jobSeeker: 'jobSeeker { id }',
  jobSeekerProfiles: 'jobSeekerProfiles { id }',
  skills: 'skills { id }',
  workHistory: 'workHistory { id }',
  orientationSessions: 'orientationSessions { id }',
  skillsAssessments: 'skillsAssessments { id }',
  hires: 'hires { id }',
  matches: 'matches { score }',
};
const ALL = Object.keys(PERSON_FIELDS);
const PSEUDONYMISED_PROFILE = ['jobSeeker', 'jobSeekerProfiles', 'skills'];

/** Which of a Poggibonsi job seeker's Person fields each caller sees: `null` when the person is refused altogether. */
const MATRIX: [string, Principal, boolean, string[] | null][] = [
  ['the holding centre, without a grant', operator, false, ALL],
  ['the holding centre, with a grant', operator, true, ALL],
  ['another centre, without a grant', otherCentreOperator, false, null],
  ['another centre, with a grant', otherCentreOperator, true, ALL],
  ['a case manager, without a grant', caseManager, false, null],
  ['a case manager, with a grant', caseManager, true, ALL],
  ['a training body, with a grant', trainingOperator, true, ALL],
  ['the company network, with a grant', networkOperator, true, ALL],
  ['a host company, without a grant', hostTutor, false, null],
  ['a host company, with a grant', hostTutor, true, PSEUDONYMISED_PROFILE],
  ['a coordinator, with a grant', coordinator, true, null],
  ['a data protection officer, with a grant', dpo, true, null],
];

describe.each(MATRIX)('Person fields for %s', (_label, who, granted, seen) => {
  it.each(ALL)('%s', async (field) => {
    const res = await readPerson(who, poggibonsi.personId, PERSON_FIELDS[field]!, granted ? validGrant(poggibonsi.personId, who) : noGrant);
    if (seen === null) return expectRefusedEntity(res);
    if (seen.includes(field)) {
      expect(res.errors).toBeUndefined();
      const value = res.person[field];
      expect(Array.isArray(value) ? value.length : value).toBeTruthy();
    } else {
      expectRefusedField(res, ['_entities', 0, field]);
    }
  });
});

describe('a centre holding some of a person’s records', () => {
  let shared: string;

  beforeAll(async () => {
    // Registered at both centres, in two programmes, each recording a skill.
    shared = newId();
    await h.ok(operator, REGISTER, { i: registration(shared, programme) });
    await h.ok(otherCentreOperator, REGISTER, { i: registration(shared, sienaProgramme) });
    await h.ok(operator, RECORD_SKILL, { i: inputs.skill(shared, skill) });
    await h.ok(otherCentreOperator, RECORD_SKILL, { i: { ...inputs.skill(shared, sienaSkill), programmeId: sienaProgramme } });
  });

  it('sees only its own records without a grant', async () => {
    const res = await readPerson(operator, shared, 'skills { skill { uri } } jobSeekerProfiles { employmentCentre { id } } jobSeeker { employmentCentre { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.person.skills).toEqual([{ skill: { uri: skill } }]);
    expect(res.person.jobSeekerProfiles).toEqual([{ employmentCentre: { id: CPI_POGGIBONSI } }]);
    expect(res.person.jobSeeker).toEqual({ employmentCentre: { id: CPI_POGGIBONSI } });
  });

  it("sees the other centre's too with a grant, and only those reads are logged", async () => {
    const res = await readPerson(operator, shared, 'skills { skill { uri } }', validGrant(shared, operator));
    expect(res.person.skills.map((s: any) => s.skill.uri).sort()).toEqual([skill, sienaSkill].sort());
    const [entry] = await logOf(res.rid);
    expect(entry).toMatchObject({ person_id: shared, organisation_id: CPI_POGGIBONSI, reasons: ['CROSS_ORGANISATION'], fields: ['SkillRecord.skill'] });
  });
});

describe('the access log of shared reads', () => {
  it('records a read through a grant: who, organisation, person, fields as Type.field, operation', async () => {
    const res = await readPerson(otherCentreOperator, poggibonsi.personId, 'skills { level skill { uri } } workHistory { employerName }', validGrant(poggibonsi.personId, otherCentreOperator));
    expect(res.errors).toBeUndefined();
    expect(await logOf(res.rid)).toEqual([{
      subject: otherCentreOperator.subject,
      organisation_id: CPI_SIENA,
      roles: ['cpi_operator'],
      operation: 'TestOperation',
      person_id: poggibonsi.personId,
      fields: ['Person.skills', 'Person.workHistory', 'SkillRecord.level', 'SkillRecord.skill', 'WorkExperience.employerName'],
      reasons: ['CROSS_ORGANISATION'],
    }]);
  });

  it("writes nothing for the holder's own reads", async () => {
    const res = await readPerson(operator, poggibonsi.personId, 'skills { level } workHistory { employerName } hires { startDate }');
    expect(res.errors).toBeUndefined();
    expect(await logOf(res.rid)).toEqual([]);
  });

  it('writes nothing for a refused read', async () => {
    const res = await readPerson(otherCentreOperator, poggibonsi.personId, 'skills { level }');
    expectRefusedEntity(res);
    expect(await logOf(res.rid)).toEqual([]);
  });

  it('logs a host company reading the pseudonymised profile', async () => {
    const res = await readPerson(hostTutor, poggibonsi.personId, 'jobSeeker { weeklyHours }', validGrant(poggibonsi.personId, hostTutor));
    expect(await logOf(res.rid)).toMatchObject([{ organisation_id: HOST_ORG, fields: ['JobSeekerProfile.weeklyHours', 'Person.jobSeeker'], reasons: ['CROSS_ORGANISATION'] }]);
  });

  it.each([
    ['UPDATE', "UPDATE access_log SET organisation_id = NULL"],
    ['DELETE', 'DELETE FROM access_log'],
    ['TRUNCATE', 'TRUNCATE access_log'],
  ])('is refused %s by the database itself', async (_label, sql) => {
    await readPerson(otherCentreOperator, poggibonsi.personId, 'skills { level }', validGrant(poggibonsi.personId, otherCentreOperator));
    const before = await h.db.query('SELECT id, organisation_id FROM access_log ORDER BY id');
    expect(before.length).toBeGreaterThan(0);
    await expect(h.db.query(sql)).rejects.toThrow(/append-only/);
    expect(await h.db.query('SELECT id, organisation_id FROM access_log ORDER BY id')).toEqual(before);
  });

  it('withholds the data when the log cannot be written', async () => {
    await h.db.query('ALTER TABLE access_log ADD CONSTRAINT refuse_for_test CHECK (false) NOT VALID');
    try {
      const res = await readPerson(otherCentreOperator, poggibonsi.personId, 'skills { level }', validGrant(poggibonsi.personId, otherCentreOperator));
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await h.db.query('ALTER TABLE access_log DROP CONSTRAINT refuse_for_test');
    }
  });
});

describe('grants that give nothing', () => {
  const SELECTION = 'skills { level }';
  const person = () => poggibonsi.personId;
  const CASES: [string, (rid: string) => Promise<string>][] = [
    ['a grant for another person', (rid) => grant('social-services', 'person', siena.personId, otherCentreOperator, rid)],
    ['a grant for another organisation', (rid) => grant('social-services', 'person', person(), caseManager, rid)],
    ['a grant for another request', () => grant('social-services', 'person', person(), otherCentreOperator, h.newRequestId())],
    ['an expired grant', (rid) => grantSignedAt(person(), otherCentreOperator, rid, Date.now() - 120_000)],
    ['a grant whose subject was changed', async (rid) => tampered(await grant('social-services', 'person', siena.personId, otherCentreOperator, rid), { sub: person() })],
    ['a grant whose expiry was extended', async (rid) => tampered(await grantSignedAt(person(), otherCentreOperator, rid, Date.now() - 120_000), { exp: Math.floor(Date.now() / 1000) + 600 })],
    ['a person grant signed by the company network', (rid) => grant('companies', 'person', person(), otherCentreOperator, rid)],
    ['a person grant signed by an unknown subgraph', (rid) => grant('training', 'person', person(), otherCentreOperator, rid)],
    ['a data-subject grant in place of a person grant', (rid) => grant('social-services', 'data-subject', person(), otherCentreOperator, rid)],
    ['a company grant in place of a person grant', (rid) => grant('companies', 'company', person(), otherCentreOperator, rid)],
    ['a string that is not a grant', async () => 'granted'],
  ];

  it.each(CASES)('%s', async (_label, makeGrant) => {
    const res = await readPerson(otherCentreOperator, person(), SELECTION, makeGrant);
    expectRefusedEntity(res);
    expect(await logOf(res.rid)).toEqual([]);
  });
});

describe('host companies see the pseudonymised candidate profile', () => {
  const asHost = (selection: string) => readPerson(hostTutor, poggibonsi.personId, selection, validGrant(poggibonsi.personId, hostTutor));

  it('sees availability, education and languages of the profile', async () => {
    const res = await asHost('jobSeeker { weeklyHours shifts mobilityRadiusKm drivingLicences educationLevel languages { language } desiredOccupations { uri } }');
    expect(res.errors).toBeUndefined();
    expect(res.person.jobSeeker).toMatchObject({ weeklyHours: 30, shifts: ['MORNING', 'AFTERNOON'], mobilityRadiusKm: 20, drivingLicences: ['B'] });
  });

  it.each(['registeredOn', 'profilingClass', 'domicileMunicipalityCode', 'createdAt', 'updatedAt', 'version', 'person { id }', 'programme { id }', 'employmentCentre { id }'])(
    'does not see JobSeekerProfile.%s',
    async (field) => {
      const res = await asHost(`jobSeeker { weeklyHours ${field} }`);
      expectRefusedField(res, ['_entities', 0, 'jobSeeker', field.split(' ')[0]!]);
      expect(res.person.jobSeeker.weeklyHours).toBe(30);
    },
  );

  it('sees the skill and level of skill records', async () => {
    const res = await asHost('skills { skill { uri } level }');
    expect(res.errors).toBeUndefined();
    expect(res.person.skills).toEqual([{ skill: { uri: skill }, level: 'INTERMEDIATE' }]);
  });

  it.each(['source', 'recordedOn', 'updatedAt', 'version', 'person { id }', 'programme { id }'])('does not see SkillRecord.%s', async (field) => {
    const res = await asHost(`skills { level ${field} }`);
    expectRefusedField(res, ['_entities', 0, 'skills', 0, field.split(' ')[0]!]);
  });

  const CANDIDATES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy { candidates { score candidate { pseudonym weeklyHours skills { level } } } } } }`;
  const vacancyAs = async (who: Principal, companyId: string) => {
    const rid = h.newRequestId();
    const accessGrant = await grant('companies', 'company', companyId, who, rid);
    return h.call(who, CANDIDATES, { r: [{ __typename: 'Vacancy', id: vacancyId, company: { accessGrant } }] }, rid);
  };

  it("sees the candidates of its own company's vacancy, pseudonymised", async () => {
    const res = await vacancyAs(hostTutor, hostCompany);
    expect(res.errors).toBeUndefined();
    const candidates = (res.data as any)._entities[0].candidates;
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    const pseudonyms = candidates.map((c: any) => c.candidate.pseudonym);
    expect(pseudonyms).not.toContain(poggibonsi.personId);
    expect(pseudonyms.every((p: string) => /^C-[0-9A-F]{16}$/.test(p))).toBe(true);
  });

  it('does not see who the candidates are', async () => {
    const rid = h.newRequestId();
    const accessGrant = await grant('companies', 'company', hostCompany, hostTutor, rid);
    const res = await h.call(hostTutor, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy { candidates { score person { id } } } } }`, {
      r: [{ __typename: 'Vacancy', id: vacancyId, company: { accessGrant } }],
    }, rid);
    expectRefusedField(res, ['_entities', 0, 'candidates', 0, 'person']);
  });

  it('is known by a different pseudonym to each organisation', async () => {
    const own = (await vacancyAs(hostTutor, hostCompany)).data as any;
    const rid = h.newRequestId();
    const res = await h.call(networkOperator, CANDIDATES, { r: [{ __typename: 'Vacancy', id: vacancyId }] }, rid);
    const theirs = (res.data as any)._entities[0].candidates.map((c: any) => c.candidate.pseudonym);
    const ours = own._entities[0].candidates.map((c: any) => c.candidate.pseudonym);
    expect(theirs).toHaveLength(ours.length);
    expect(theirs.filter((p: string) => ours.includes(p))).toEqual([]);
  });

  it("does not see the candidates of another company's vacancy", async () => {
    const res = await vacancyAs(otherHostTutor, otherCompany);
    expectRefusedField(res, ['_entities', 0, 'candidates']);
  });

  it("sees its own company's hires with the company network's grant, and no other's", async () => {
    const rid = h.newRequestId();
    const accessGrant = await grant('companies', 'company', hostCompany, hostTutor, rid);
    const res = await h.call(hostTutor, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id hires { id } } } }`, {
      r: [{ __typename: 'Company', id: hostCompany, accessGrant }, { __typename: 'Company', id: otherCompany, accessGrant }],
    }, rid);
    expect(res.errors).toBeUndefined();
    const [own, other] = (res.data as any)._entities;
    expect(own.hires.map((x: any) => x.id).sort()).toEqual([poggibonsi.hireId, siena.hireId].sort());
    expect(other.hires).toEqual([]);
  });

  it('does not see who its hires are or their follow-ups; the company network does', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { hires { startDate person { id } followUps { monthsAfter } } } } }`;
    const rid = h.newRequestId();
    const accessGrant = await grant('companies', 'company', hostCompany, hostTutor, rid);
    const res = await h.call(hostTutor, query, { r: [{ __typename: 'Company', id: hostCompany, accessGrant }] }, rid);
    const hires = (res.data as any)._entities[0].hires;
    expect(hires.length).toBe(2);
    expect(hires.every((x: any) => x.startDate && x.person === null && x.followUps === null)).toBe(true);
    expect(new Set(res.errors?.map((e) => e.extensions?.coordinate))).toEqual(new Set(['Hire.person', 'Hire.followUps']));
    // The centre that recorded a hire sees whom it was for.
    const own = await h.call(operator, query, { r: [{ __typename: 'Company', id: hostCompany }] });
    expect(own.errors).toBeUndefined();
    expect((own.data as any)._entities[0].hires.map((x: any) => x.person.id)).toEqual([poggibonsi.personId]);
  });

  it('sees no hires without the grant', async () => {
    const res = await h.call(hostTutor, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { hires { id } } } }`, {
      r: [{ __typename: 'Company', id: hostCompany }],
    });
    expect((res.data as any)._entities[0].hires).toEqual([]);
  });
});

describe('root queries', () => {
  const JOB_SEEKERS = '{ jobSeekers(first: 100) { totalCount edges { node { id } } } }';
  const HIRES = '{ hires(first: 100) { totalCount edges { node { id } } } }';
  const ids = (connection: any) => connection.edges.map((e: any) => e.node.id);

  it("list the caller centre's own job seekers only", async () => {
    expect(ids((await h.ok(operator, JOB_SEEKERS)).jobSeekers)).toContain(poggibonsi.profileId);
    expect(ids((await h.ok(operator, JOB_SEEKERS)).jobSeekers)).not.toContain(siena.profileId);
    expect(ids((await h.ok(otherCentreOperator, JOB_SEEKERS)).jobSeekers)).toContain(siena.profileId);
    expect(ids((await h.ok(otherCentreOperator, JOB_SEEKERS)).jobSeekers)).not.toContain(poggibonsi.profileId);
  });

  it("list the caller centre's own hires only", async () => {
    expect(ids((await h.ok(operator, HIRES)).hires)).toContain(poggibonsi.hireId);
    expect(ids((await h.ok(operator, HIRES)).hires)).not.toContain(siena.hireId);
    expect(ids((await h.ok(otherCentreOperator, HIRES)).hires)).toEqual([siena.hireId]);
  });

  it('count only the rows they list', async () => {
    const [{ seekers }] = await h.db.query('SELECT count(*)::int AS seekers FROM job_seeker_profile WHERE employment_centre_id = $1', [CPI_SIENA]);
    expect((await h.ok(otherCentreOperator, JOB_SEEKERS)).jobSeekers.totalCount).toBe(seekers);
    expect((await h.ok(otherCentreOperator, HIRES)).hires.totalCount).toBe(1);
  });

  it.each([
    ['jobSeeker', () => `{ jobSeeker(id: "${poggibonsi.profileId}") { id } }`],
    ['hire', () => `{ hire(id: "${poggibonsi.hireId}") { id } }`],
  ])("refuse another centre's %s with FORBIDDEN", async (field, query) => {
    const res = await h.call(otherCentreOperator, query());
    expect((res.data as any)?.[field] ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['a case manager', caseManager], ['a coordinator', coordinator], ['a data protection officer', dpo], ['a host company', hostTutor],
  ])('are refused to %s', async (_label, who) => {
    for (const query of [JOB_SEEKERS, HIRES, `{ jobSeeker(id: "${poggibonsi.profileId}") { id } }`]) {
      const res = await h.call(who, query);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("leave another centre's hires out of a vacancy's and a company's lists", async () => {
    const res = await h.call(otherCentreOperator, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { hires { id } } } }`, {
      r: [{ __typename: 'Company', id: hostCompany }],
    });
    expect((res.data as any)._entities[0].hires).toEqual([{ id: siena.hireId }]);
  });

  it('give coordinators no hire in those lists', async () => {
    const res = await h.call(coordinator, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { hires { id } } } }`, {
      r: [{ __typename: 'Company', id: hostCompany }],
    });
    expect((res.data as any)._entities[0].hires).toEqual([]);
  });

  it("rank a centre's own job seekers only among a vacancy's candidates", async () => {
    const CANDIDATES = `query($id: ID!) { vacancy(id: $id) { candidates(first: 100) { person { id } } } }`;
    const of = async (who: Principal) => (await h.ok(who, CANDIDATES, { id: vacancyId })).vacancy.candidates.map((c: any) => c.person.id);
    expect(await of(operator)).toContain(poggibonsi.personId);
    expect(await of(operator)).not.toContain(siena.personId);
    expect(await of(otherCentreOperator)).toContain(siena.personId);
    expect(await of(otherCentreOperator)).not.toContain(poggibonsi.personId);
  });
});

describe('writes about records of another centre', () => {
  const WRITES: [string, string, string, () => Record<string, unknown>][] = [
    ['recordSkill', RECORD_SKILL, 'skill_record', () => inputs.skill(poggibonsi.personId, sienaSkill)],
    ['recordWorkExperience', WORK, 'work_experience', () => inputs.work(poggibonsi.personId)],
    ['recordOrientationSession', ORIENTATION, 'orientation_session', () => inputs.orientation(poggibonsi.personId)],
    ['startSkillsAssessment', START_ASSESSMENT, 'skills_assessment', () => inputs.assessment(poggibonsi.personId)],
    ['recordHire', HIRE, 'hire', () => inputs.hire(poggibonsi.personId, otherCompany)],
  ];

  it.each(WRITES)('refuses %s about a person not registered at the centre, and writes nothing', async (_label, mutation, table, input) => {
    const before = await h.count(table);
    const res = await h.call(otherCentreOperator, mutation, { i: input() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/not registered as a job seeker at your employment centre/);
    expect(await h.count(table)).toBe(before);
  });

  it.each([
    ['updateJobSeekerProfile', UPDATE_PROFILE, () => ({ id: poggibonsi.profileId, weeklyHours: 10 }), 'SELECT version, weekly_hours AS v FROM job_seeker_profile WHERE id = $1', () => poggibonsi.profileId],
    ['completeSkillsAssessment', COMPLETE_ASSESSMENT, () => ({ assessmentId: poggibonsi.assessmentId, completedOn: '2025-04-10', summary: 'x', skills: [] }), 'SELECT version, status AS v FROM skills_assessment WHERE id = $1', () => poggibonsi.assessmentId],
    ['updateVacancy', UPDATE_VACANCY, () => ({ id: vacancyId, title: 'Taken over' }), 'SELECT version, title AS v FROM vacancy WHERE id = $1', () => vacancyId],
    ['closeVacancy', CLOSE_VACANCY, () => ({ id: vacancyId, closedOn: '2025-05-01' }), 'SELECT version, status AS v FROM vacancy WHERE id = $1', () => vacancyId],
  ])("refuses %s of another centre's record, and changes nothing", async (_label, mutation, input, sql, id) => {
    const [before] = await h.db.query(sql, [id()]);
    const res = await h.call(otherCentreOperator, mutation, { i: input() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/held by another employment centre/);
    expect((await h.db.query(sql, [id()]))[0]).toEqual(before);
  });

  it("refuses recordFollowUp of another centre's hire, and writes nothing", async () => {
    const before = await h.count('follow_up_check');
    const res = await h.call(otherCentreOperator, FOLLOW_UP, { i: { hireId: poggibonsi.hireId, monthsAfter: 6, checkedOn: '2025-08-01', stillEmployed: true } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('follow_up_check')).toBe(before);
  });

  it.each([
    ['a case manager', caseManager], ['a training body', trainingOperator], ['the company network', networkOperator], ['a host company', hostTutor],
    ['a coordinator', coordinator], ['a data protection officer', dpo],
  ])('refuses %s every write of the centre', async (_label, who) => {
    const before = await h.count('skill_record');
    for (const [mutation, input] of [[RECORD_SKILL, inputs.skill(poggibonsi.personId, sienaSkill)], [REGISTER, registration(newId(), programme)]] as const) {
      const res = await h.call(who, mutation, { i: input });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await h.count('skill_record')).toBe(before);
  });
});

describe('data-subject requests', () => {
  const DATA_SUBJECT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { employmentCentre {
    partner records accessLog { partner subject organisationId roles operation fields reasons requestId }
    erasure { personId recordsErased records alreadyErased requestReference }
  } } } }`;
  let subject: Held;
  let sharedRead: string;

  async function dataSubject(who: Principal, personId: string, makeGrant: (rid: string) => Promise<string | undefined>) {
    const rid = h.newRequestId();
    const g = await makeGrant(rid);
    const res = await h.call(who, DATA_SUBJECT, { r: [{ __typename: 'DataSubject', personId, ...(g ? { grant: g } : {}) }] }, rid);
    return { ...res, rid, partner: (res.data as any)?._entities?.[0]?.employmentCentre };
  }
  const subjectGrant = (personId: string, who: Principal = dpo) => (rid: string) => grant('social-services', 'data-subject', personId, who, rid);
  const erase = async (who: Principal, personId: string) =>
    h.call(who, ERASE, { i: { personId, requestReference: 'PG-2025-0042', erasureToken: await erasureToken(who, personId) } });

  const rowsAbout = async (personId: string) => {
    const tables = ['job_seeker_profile', 'skill_record', 'work_experience', 'orientation_session', 'skills_assessment', 'hire'];
    const counts = await Promise.all(tables.map(async (t) => (await h.db.query(`SELECT count(*)::int AS n FROM ${t} WHERE person_id = $1`, [personId]))[0].n as number));
    return Object.fromEntries(tables.map((t, i) => [t, counts[i]]));
  };

  beforeAll(async () => {
    subject = await personHeldBy(operator, programme);
    await h.ok(operator, FOLLOW_UP_ONCE, { i: followUp(subject.hireId), k: 'follow-up-6' });
    sharedRead = (await readPerson(caseManager, subject.personId, 'hires { startDate }', validGrant(subject.personId, caseManager))).rid;
  });

  it("exports the person's rows, without the person id", async () => {
    const res = await dataSubject(dpo, subject.personId, subjectGrant(subject.personId));
    expect(res.errors).toBeUndefined();
    const { records } = res.partner;
    expect(Object.fromEntries(Object.entries(records).map(([k, v]) => [k, (v as unknown[]).length]))).toEqual({
      jobSeekerProfiles: 1, skillRecords: 1, workHistory: 1, orientationSessions: 1, skillsAssessments: 1, hires: 1, proposals: 0, followUps: 1,
    });
    expect(records.jobSeekerProfiles[0]).toMatchObject({ id: subject.profileId, employment_centre_id: CPI_POGGIBONSI });
    expect(records.hires[0]).toMatchObject({ id: subject.hireId, organisation_id: CPI_POGGIBONSI });
    expect(JSON.stringify(records)).not.toContain(subject.personId);
  });

  it('logs the export itself', async () => {
    const res = await dataSubject(dpo, subject.personId, subjectGrant(subject.personId));
    expect(await logOf(res.rid)).toMatchObject([{ person_id: subject.personId, fields: ['DataSubject.employmentCentre.records'], reasons: ['EXPORT'] }]);
  });

  it('lists who read what about the person', async () => {
    const res = await dataSubject(dpo, subject.personId, subjectGrant(subject.personId));
    expect(res.partner.accessLog).toContainEqual({
      partner: 'employment-centre', subject: caseManager.subject, organisationId: LEAD_BODY, roles: ['case_manager'], operation: 'TestOperation',
      fields: ['Hire.startDate', 'Person.hires'], reasons: ['CROSS_ORGANISATION'], requestId: sharedRead,
    });
    expect(res.partner.erasure).toBeNull();
  });

  it.each([
    ['no grant', async () => undefined],
    ['a person grant', (rid: string) => grant('social-services', 'person', subject.personId, dpo, rid)],
    ['a data-subject grant for another person', (rid: string) => grant('social-services', 'data-subject', siena.personId, dpo, rid)],
    ['a data-subject grant for another organisation', (rid: string) => grant('social-services', 'data-subject', subject.personId, otherCentreOperator, rid)],
    ['a data-subject grant for another request', () => grant('social-services', 'data-subject', subject.personId, dpo, h.newRequestId())],
    ['a data-subject grant signed by the company network', (rid: string) => grant('companies', 'data-subject', subject.personId, dpo, rid)],
  ])('is refused with %s', async (_label, makeGrant) => {
    const res = await dataSubject(dpo, subject.personId, makeGrant);
    expect(res.data?._entities).toEqual([null]);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  const FOLLOW_UP_ONCE = 'mutation($i: RecordFollowUpInput!, $k: String) { recordFollowUp(input: $i, idempotencyKey: $k) { id } }';
  const followUp = (hireId: string) => ({ hireId, monthsAfter: 6, checkedOn: '2025-08-01', stillEmployed: true });
  const keyRows = () => h.db.query("SELECT operation, request_hash, result_id FROM idempotency_key WHERE key = 'follow-up-6'");

  it('keeps the idempotency key of a write about the person, for retries', async () => {
    expect(await keyRows()).toEqual([{ operation: 'recordFollowUp', request_hash: expect.stringMatching(/^[0-9a-f]{64}$/), result_id: expect.any(String) }]);
    const retry = await h.ok(operator, FOLLOW_UP_ONCE, { i: followUp(subject.hireId), k: 'follow-up-6' });
    expect(retry.recordFollowUp.id).toEqual(expect.any(String));
  });

  it('exports to the data protection officer only: a case manager vouched for reads the access log', async () => {
    const res = await dataSubject(caseManager, subject.personId, subjectGrant(subject.personId, caseManager));
    expect(res.partner.records).toBeNull();
    expect(res.partner.accessLog.length).toBeGreaterThan(0);
    expect(res.errors?.map((e) => e.extensions?.coordinate)).toEqual(['PartnerRecords.records']);
    expect((await logOf(res.rid)).filter((r) => r.reasons.includes('EXPORT'))).toEqual([]);
  });

  it('refuses erasure to anyone but a data protection officer, and erases nothing', async () => {
    const before = await rowsAbout(subject.personId);
    for (const who of [operator, caseManager, coordinator]) {
      const res = await erase(who, subject.personId);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rowsAbout(subject.personId)).toEqual(before);
    expect(await h.count('erased_person')).toBe(0);
  });

  describe('erasure', () => {
    let first: any;

    beforeAll(async () => {
      first = (await h.ok(dpo, ERASE, { i: { personId: subject.personId, requestReference: 'PG-2025-0042', erasureToken: await erasureToken(dpo, subject.personId) } })).eraseEmploymentCentreData;
    });

    it('reports what it erased', () => {
      expect(first).toMatchObject({
        partner: 'employment-centre', personId: subject.personId, requestReference: 'PG-2025-0042', alreadyErased: false, recordsErased: 7,
        records: { jobSeekerProfiles: 1, skillRecords: 1, workHistory: 1, orientationSessions: 1, skillsAssessments: 1, hires: 1, followUps: 1 },
      });
    });

    it("deletes the person's rows and leaves one tombstone", async () => {
      expect(await rowsAbout(subject.personId)).toEqual({
        job_seeker_profile: 0, skill_record: 0, work_experience: 0, orientation_session: 0, skills_assessment: 0, hire: 0,
      });
      expect((await h.db.query('SELECT count(*)::int AS n FROM follow_up_check WHERE hire_id = $1', [subject.hireId]))[0].n).toBe(0);
      expect(await h.db.query('SELECT person_id, request_reference FROM erased_person')).toEqual([{ person_id: subject.personId, request_reference: 'PG-2025-0042' }]);
    });

    it("leaves other people's rows alone", async () => {
      expect(await rowsAbout(poggibonsi.personId)).toEqual({
        job_seeker_profile: 1, skill_record: 1, work_experience: 1, orientation_session: 1, skills_assessment: 1, hire: 1,
      });
    });

    it('empties the idempotency keys that answered with the erased rows: a late retry is refused, not written', async () => {
      expect(await keyRows()).toEqual([{ operation: 'ERASED', request_hash: '0'.repeat(64), result_id: null }]);
      const retry = await h.call(operator, FOLLOW_UP_ONCE, { i: followUp(subject.hireId), k: 'follow-up-6' });
      expect(retry.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
      expect(retry.errors?.[0]?.message).toMatch(/erased/);
    });

    it('keeps the access log about the person', async () => {
      const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM access_log WHERE person_id = $1', [subject.personId]);
      expect(n).toBeGreaterThan(0);
    });

    it('answers a second request with the first receipt, marked alreadyErased', async () => {
      const again = (await h.ok(dpo, ERASE, { i: { personId: subject.personId, requestReference: 'PG-2025-0099', erasureToken: await erasureToken(dpo, subject.personId) } })).eraseEmploymentCentreData;
      expect(again).toEqual({ ...first, alreadyErased: true });
      expect(await h.count('erased_person')).toBe(1);
    });

    it('shows the receipt and an empty export on the data subject', async () => {
      const res = await dataSubject(dpo, subject.personId, subjectGrant(subject.personId));
      expect(res.partner.erasure).toEqual({
        personId: subject.personId, recordsErased: 7, records: first.records, alreadyErased: true, requestReference: 'PG-2025-0042',
      });
      expect(Object.values(res.partner.records).every((rows) => (rows as unknown[]).length === 0)).toBe(true);
    });

    it.each([
      ['registerJobSeeker', REGISTER, () => registration(subject.personId, newId())],
      ['recordSkill', RECORD_SKILL, () => inputs.skill(subject.personId)],
      ['recordWorkExperience', WORK, () => inputs.work(subject.personId)],
      ['recordOrientationSession', ORIENTATION, () => inputs.orientation(subject.personId)],
      ['startSkillsAssessment', START_ASSESSMENT, () => inputs.assessment(subject.personId)],
      ['recordHire', HIRE, () => inputs.hire(subject.personId)],
    ])('refuses %s about the erased person, naming the field', async (_label, mutation, input) => {
      const res = await h.call(operator, mutation, { i: input() });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
      expect(res.errors?.[0]?.message).toMatch(/erased/);
      expect(await rowsAbout(subject.personId)).toEqual({
        job_seeker_profile: 0, skill_record: 0, work_experience: 0, orientation_session: 0, skills_assessment: 0, hire: 0,
      });
    });
  });

  it('erases once when two requests race', async () => {
    const racing = await personHeldBy(operator, programme);
    const [a, b] = await Promise.all([erase(dpo, racing.personId), erase(dpo, racing.personId)]);
    const receipts = [a, b].map((r) => (r.data as any).eraseEmploymentCentreData);
    expect(receipts.map((r) => r.alreadyErased).sort()).toEqual([false, true]);
    expect(receipts[0].recordsErased).toBe(6);
    expect(receipts[1].recordsErased).toBe(6);
    expect((await h.db.query('SELECT count(*)::int AS n FROM erased_person WHERE person_id = $1', [racing.personId]))[0].n).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------------
// Matching works from what the caller may see.

describe('matching sees no more than the caller may', () => {
  const MATCHES = `... on Person { matches(first: 50) { score person { id } explanation { distanceKm summary coveredSkills { uri } } } }`;

  it("scores a person for a centre without the grant on that centre's own records only", async () => {
    // Siena holds the person's skills and an old registration far away; Poggibonsi registered them since.
    const personId = newId();
    await h.ok(otherCentreOperator, REGISTER, { i: registration(personId, sienaProgramme, { domicileMunicipalityCode: 'I726', weeklyHours: 12, registeredOn: '2025-01-10' }) });
    await h.ok(otherCentreOperator, RECORD_SKILL, { i: { ...inputs.skill(personId, sienaSkill), programmeId: sienaProgramme } });
    await h.ok(operator, REGISTER, { i: registration(personId, programme, { registeredOn: '2025-02-10' }) });
    await h.ok(operator, CREATE_VACANCY, { i: vacancyInput(hostCompany, { requiredSkills: [sienaSkill], municipalityCode: 'G752' }) });

    const without = await readPerson(operator, personId, MATCHES);
    const covered = (without.person.matches as any[]).flatMap((m) => m.explanation.coveredSkills.map((s: any) => s.uri));
    expect(covered).not.toContain(sienaSkill);
    expect(JSON.stringify(without.person.matches)).not.toMatch(/12 h/);

    const withGrant = await readPerson(operator, personId, MATCHES, validGrant(personId, operator));
    const coveredWithGrant = (withGrant.person.matches as any[]).flatMap((m) => m.explanation.coveredSkills.map((s: any) => s.uri));
    expect(coveredWithGrant).toContain(sienaSkill);
  });

  it("ranks a centre's own job seekers on its own records, and shows the company network only pseudonyms", async () => {
    const vacancyId = (await h.ok(operator, CREATE_VACANCY, { i: vacancyInput(otherCompany, { requiredSkills: [sienaSkill] }) })).createVacancy.id;
    const held = await personHeldBy(otherCentreOperator, sienaProgramme, sienaSkill);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy { candidates(first: 100) {
      person { id } candidate { pseudonym skills { skill { uri } } } explanation { distanceKm summary }
    } } } }`;
    const rep = [{ __typename: 'Vacancy', id: vacancyId, company: { accessGrant: null } }];
    const ours = await h.ok(operator, query, { r: rep });
    expect(ours._entities[0].candidates.map((c: any) => c.person.id)).not.toContain(held.personId);

    const network = await h.call(networkOperator, query, { r: rep });
    const candidates = network.data!._entities[0].candidates as any[];
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((c) => c.person === null && c.explanation.distanceKm === null && c.explanation.summary === null)).toBe(true);
    expect(candidates.every((c) => /^C-[0-9A-F]{16}$/.test(c.candidate.pseudonym))).toBe(true);
    expect(new Set(network.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(network.data)).not.toContain(held.personId);
  });

  it('hands a ticket for the first name to the company network and host companies only', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy { candidates(first: 5) { candidate { ticket } } } } }`;
    const tickets = async (who: Principal, accessGrant: string | null, rid = h.newRequestId()) =>
      ((await h.call(who, query, { r: [{ __typename: 'Vacancy', id: vacancyId, company: { accessGrant } }] }, rid)).data as any)._entities[0].candidates.map((c: any) => c.candidate.ticket) as string[];
    const ours = await tickets(operator, null);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((t) => t === '')).toBe(true);
    const network = await tickets(networkOperator, null);
    expect(network.every((t) => t.startsWith('g1.'))).toBe(true);
    const rid = h.newRequestId();
    const host = await tickets(hostTutor, await grant('companies', 'company', hostCompany, hostTutor, rid), rid);
    expect(host.length).toBeGreaterThan(0);
    expect(host.every((t) => t.startsWith('g1.'))).toBe(true);
  });
});

describe('records no centre holds', () => {
  it('can be changed by no centre', async () => {
    const vacancyId = (await h.ok(operator, CREATE_VACANCY, { i: vacancyInput(hostCompany) })).createVacancy.id;
    await h.db.query('UPDATE vacancy SET organisation_id = NULL WHERE id = $1', [vacancyId]);
    for (const who of [operator, otherCentreOperator]) {
      const res = await h.call(who, CLOSE_VACANCY, { i: { id: vacancyId, closedOn: '2025-05-01' } });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.message).toMatch(/held by no employment centre/);
    }
    const [row] = await h.db.query('SELECT status FROM vacancy WHERE id = $1', [vacancyId]);
    expect(row.status).toBe('OPEN');
  });
});
