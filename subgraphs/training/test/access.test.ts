import { lastingRid, type Principal } from '@intreccio/shared';
import {
  expectRefusedEntity, expectRefusedField, noGrant, partnerAccess, principal, type SubgraphHarness, signedGrant, tampered, type GrantMaker,
} from '@intreccio/shared/testing';
import { caseManager, operator, personId, PROGRAMME, PROVIDER_ORGANISATION, SKILL, startTraining, TrainingBuilder } from './training-builder';

/*
 * Who sees what of the training bodies' records, and who may write them: the training body holding
 * them, another training body, partners with and without social services' grant, coordinators, data
 * protection officers and host companies' users; the access log; data-subject requests.
 */

const OTHER_BODY = '5a1e0c3e-7d7b-4c55-9d0e-0b7c2a6f1a02';
const LEAD_BODY = '00000000-0000-4000-8000-000000000001';
const CPI = '5a1e0c3e-7d7b-4c55-9d0e-0b7c2a6f1a03';
const HOST_ORG = '5a1e0c3e-7d7b-4c55-9d0e-0b7c2a6f1a04';

const otherBody = principal('training_operator', OTHER_BODY, 'TRAINING_PROVIDER', [PROGRAMME]);
const coordinator = principal('coordinator', LEAD_BODY, 'SOCIAL_SERVICES', [PROGRAMME]);
const dpo = principal('data_protection_officer', LEAD_BODY, 'SOCIAL_SERVICES');
/** The erasure token social services give the officer in `dataSubject`, valid beyond one request. */
const erasureToken = (who: Principal, personId: string) => signedGrant(h.env.dataDir, 'social-services', 'erasure', personId, who, lastingRid(who.subject));
const cpiOperator = principal('cpi_operator', CPI, 'EMPLOYMENT_CENTRE');
const hostTutor = principal('company_tutor', HOST_ORG, 'COMPANY');

const CREATE_PROVIDER = 'mutation($i: CreateTrainingProviderInput!) { createTrainingProvider(input: $i) { id } }';
const CREATE_COURSE = 'mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }';
const UPDATE_COURSE = 'mutation($i: UpdateCourseInput!) { updateCourse(input: $i) { id } }';
const SCHEDULE = 'mutation($i: ScheduleCourseEditionInput!) { scheduleCourseEdition(input: $i) { id } }';
const EDITION_STATUS = 'mutation($i: ChangeEditionStatusInput!) { changeEditionStatus(input: $i) { id } }';
const ENROL = 'mutation($i: EnrollPersonInput!) { enrollPerson(input: $i) { id } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id } }';
const COMPLETE = 'mutation($i: CompleteEnrollmentInput!) { completeEnrollment(input: $i) { id } }';
const WITHDRAW = 'mutation($i: WithdrawEnrollmentInput!) { withdrawEnrollment(input: $i) { id } }';
const CERTIFY = 'mutation($i: IssueCertificationInput!) { issueCertification(input: $i) { id } }';
const ERASE = 'mutation($i: EraseDataInput!) { eraseTrainingData(input: $i) { partner personId requestReference recordsErased records alreadyErased erasedAt } }';

let h: SubgraphHarness;
const { validGrant, grantSignedAt, readPerson, logOf } = partnerAccess(() => h);

/** One training body's catalogue: a provider, a HACCP course and a running edition of it. */
interface Catalogue {
  build: TrainingBuilder;
  providerId: string;
  courseId: string;
  editionId: string;
}

async function catalogueOf(who: Principal, organisationId: string, accreditationCode: string): Promise<Catalogue> {
  const build = new TrainingBuilder(h, who);
  const providerId = await build.provider(`Agenzia ${accreditationCode}`, organisationId, accreditationCode);
  const courseId = await build.course(providerId, { hours: 12, skillsTaught: [SKILL.foodHygiene, SKILL.teamwork] });
  const editionId = await build.edition(courseId, { seats: 100 });
  await build.setEditionStatus(editionId, 'RUNNING');
  return { build, providerId, courseId, editionId };
}

/** A person enrolled in the catalogue's edition who completed it and holds its certificate. */
interface Trainee {
  personId: string;
  enrollmentId: string;
  certificationId: string;
}

let people = 500;
async function traineeOf(c: Catalogue): Promise<Trainee> {
  const person = personId(people++);
  const enrollmentId = await c.build.enrol(c.editionId, person);
  await c.build.attend(enrollmentId, 12);
  await h.ok(c.build.who, COMPLETE, { i: { enrollmentId, completedOn: '2025-03-10' } });
  const certificationId = (await h.ok(c.build.who, CERTIFY, {
    i: { personId: person, enrollmentId, kind: 'COMPETENCE_CERTIFICATION', title: 'Food hygiene', issuedOn: '2025-03-20', certifiedSkills: [SKILL.foodHygiene] },
  })).issueCertification.id;
  return { personId: person, enrollmentId, certificationId };
}

let mine: Catalogue;
let theirs: Catalogue;
let trainee: Trainee;
let otherTrainee: Trainee;

beforeAll(async () => {
  h = await startTraining('access');
  mine = await catalogueOf(operator, PROVIDER_ORGANISATION, 'SI0412');
  theirs = await catalogueOf(otherBody, OTHER_BODY, 'FI0977');
  trainee = await traineeOf(mine);
  otherTrainee = await traineeOf(theirs);
});
afterAll(() => h?.stop());

// ------------------------------------------------------------------------------------------------

const PERSON_FIELDS: Record<string, string> = { enrollments: 'enrollments { id }', certifications: 'certifications { id }' };
const BOTH = ['enrollments', 'certifications'];

const MATRIX: [string, Principal, boolean, string[] | null][] = [
  ['the training body holding them, without a grant', operator, false, BOTH],
  ['another training body, without a grant', otherBody, false, null],
  ['another training body, with a grant', otherBody, true, BOTH],
  ['a case manager, without a grant', caseManager, false, null],
  ['a case manager, with a grant', caseManager, true, BOTH],
  ['an employment centre, with a grant', cpiOperator, true, BOTH],
  ['a host company, without a grant', hostTutor, false, null],
  ['a host company, with a grant', hostTutor, true, ['certifications']],
  ['a coordinator, with a grant', coordinator, true, null],
  ['a data protection officer, with a grant', dpo, true, null],
];

describe.each(MATRIX)('Person fields for %s', (_label, who, granted, seen) => {
  it.each(BOTH)('%s', async (field) => {
    const res = await readPerson(who, trainee.personId, PERSON_FIELDS[field]!, granted ? validGrant(trainee.personId, who) : noGrant);
    if (seen === null) return expectRefusedEntity(res);
    if (seen.includes(field)) {
      expect(res.errors).toBeUndefined();
      expect(res.person[field].map((r: any) => r.id)).toEqual([field === 'enrollments' ? trainee.enrollmentId : trainee.certificationId]);
    } else {
      expectRefusedField(res, ['_entities', 0, field]);
    }
  });
});

describe('a person trained by two bodies', () => {
  let both: string;
  let mineEnrollment: string;

  beforeAll(async () => {
    both = personId(400);
    mineEnrollment = await mine.build.enrol(mine.editionId, both);
    await theirs.build.enrol(theirs.editionId, both);
  });

  it("is seen by each body through its own enrolments only, without a grant", async () => {
    const res = await readPerson(operator, both, 'enrollments { id }');
    expect(res.person.enrollments).toEqual([{ id: mineEnrollment }]);
  });

  it("shows the other body's enrolment with a grant, logging only that one", async () => {
    const res = await readPerson(operator, both, 'enrollments { id status }', validGrant(both, operator));
    expect(res.person.enrollments).toHaveLength(2);
    expect(await logOf(res.rid)).toMatchObject([{ person_id: both, organisation_id: PROVIDER_ORGANISATION, fields: ['Enrollment.status'], reasons: ['CROSS_ORGANISATION'] }]);
  });
});

describe('the access log', () => {
  it('records a read through a grant: who, organisation, person, fields, operation', async () => {
    const res = await readPerson(otherBody, trainee.personId, 'enrollments { status attendedHours } certifications { title }', validGrant(trainee.personId, otherBody));
    expect(await logOf(res.rid)).toEqual([{
      subject: otherBody.subject, organisation_id: OTHER_BODY, roles: ['training_operator'], operation: 'TestOperation', person_id: trainee.personId,
      fields: ['Certification.title', 'Enrollment.attendedHours', 'Enrollment.status', 'Person.certifications', 'Person.enrollments'],
      reasons: ['CROSS_ORGANISATION'],
    }]);
  });

  it("writes nothing for the body's own reads", async () => {
    const res = await readPerson(operator, trainee.personId, 'enrollments { status } certifications { title }');
    expect(res.errors).toBeUndefined();
    expect(await logOf(res.rid)).toEqual([]);
  });

  it.each([
    ['UPDATE', 'UPDATE access_log SET operation = NULL'],
    ['DELETE', 'DELETE FROM access_log'],
    ['TRUNCATE', 'TRUNCATE access_log'],
  ])('is refused %s by the database itself', async (_label, sql) => {
    await readPerson(caseManager, trainee.personId, 'enrollments { status }', validGrant(trainee.personId, caseManager));
    const before = await h.db.query('SELECT id, operation FROM access_log ORDER BY id');
    expect(before.length).toBeGreaterThan(0);
    await expect(h.db.query(sql)).rejects.toThrow(/append-only/);
    expect(await h.db.query('SELECT id, operation FROM access_log ORDER BY id')).toEqual(before);
  });
});

describe('grants that give nothing', () => {
  const person = () => trainee.personId;
  it.each([
    ['a grant for another person', (rid: string) => h.grant('social-services', 'person', otherTrainee.personId, otherBody, rid)],
    ['a grant for another organisation', (rid: string) => h.grant('social-services', 'person', person(), caseManager, rid)],
    ['a grant for another request', () => h.grant('social-services', 'person', person(), otherBody, h.newRequestId())],
    ['an expired grant', (rid: string) => grantSignedAt(person(), otherBody, rid, Date.now() - 120_000)],
    ['a grant whose subject was changed', async (rid: string) => tampered(await h.grant('social-services', 'person', otherTrainee.personId, otherBody, rid), { sub: person() })],
    ['a person grant signed by the employment centre', (rid: string) => h.grant('employment-centre', 'person', person(), otherBody, rid)],
    ['a data-subject grant in place of a person grant', (rid: string) => h.grant('social-services', 'data-subject', person(), otherBody, rid)],
  ])('%s', async (_label, makeGrant) => {
    const res = await readPerson(otherBody, person(), 'enrollments { id } certifications { id }', makeGrant);
    expectRefusedEntity(res);
    expect(await logOf(res.rid)).toEqual([]);
  });
});

describe('host companies', () => {
  const asHost = (selection: string) => readPerson(hostTutor, trainee.personId, selection, validGrant(trainee.personId, hostTutor));

  it('see what a certificate certifies and who issued it', async () => {
    const res = await asHost('certifications { kind title issuedOn certifiedSkills { uri } issuer { name } }');
    expect(res.errors).toBeUndefined();
    expect(res.person.certifications).toEqual([{
      kind: 'COMPETENCE_CERTIFICATION', title: 'Food hygiene', issuedOn: '2025-03-20', certifiedSkills: [{ uri: SKILL.foodHygiene }], issuer: { name: 'Agenzia SI0412' },
    }]);
  });

  it.each(['createdAt', 'version', 'person { id }', 'programme { id }', 'enrollment { id }'])('do not see Certification.%s', async (field) => {
    const res = await asHost(`certifications { title ${field} }`);
    expectRefusedField(res, ['_entities', 0, 'certifications', 0, field.split(' ')[0]!]);
  });

  it.each(['enrolledCount', 'seatsLeft'])('do not see how many people an edition has (%s), nor do coordinators', async (field) => {
    for (const who of [hostTutor, coordinator]) {
      const res = await h.call(who, `query($id: ID!) { courseEdition(id: $id) { seats hasSeatsLeft ${field} } }`, { id: mine.editionId });
      expectRefusedField(res, ['courseEdition', field]);
      expect((res.data as any).courseEdition).toMatchObject({ seats: expect.any(Number), hasSeatsLeft: expect.any(Boolean) });
    }
    const partner = await h.ok(cpiOperator, `query($id: ID!) { courseEdition(id: $id) { ${field} } }`, { id: mine.editionId });
    expect(partner.courseEdition[field]).toEqual(expect.any(Number));
  });
});

describe('root queries and lists', () => {
  const ENROLLMENTS = '{ enrollments(first: 100) { totalCount edges { node { id } } } }';
  const ids = (connection: any) => connection.edges.map((e: any) => e.node.id);

  it("list the caller body's own enrolments only", async () => {
    const own = ids((await h.ok(operator, ENROLLMENTS)).enrollments);
    expect(own).toContain(trainee.enrollmentId);
    expect(own).not.toContain(otherTrainee.enrollmentId);
    const other = ids((await h.ok(otherBody, ENROLLMENTS)).enrollments);
    expect(other).toContain(otherTrainee.enrollmentId);
    expect(other).not.toContain(trainee.enrollmentId);
  });

  it('count only the enrolments they list', async () => {
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM enrollment WHERE organisation_id = $1', [OTHER_BODY]);
    const page = (await h.ok(otherBody, ENROLLMENTS)).enrollments;
    expect(page.totalCount).toBe(n);
    expect(page.edges).toHaveLength(n);
  });

  it.each([
    ['enrollment', () => `{ enrollment(id: "${trainee.enrollmentId}") { id } }`],
    ['certification', () => `{ certification(id: "${trainee.certificationId}") { id } }`],
  ])("refuse another body's %s with FORBIDDEN", async (field, query) => {
    const res = await h.call(otherBody, query());
    expect((res.data as any)?.[field] ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each([['a case manager', caseManager], ['a coordinator', coordinator], ['a data protection officer', dpo], ['a host company', hostTutor]])(
    'are refused to %s',
    async (_label, who) => {
      for (const query of [ENROLLMENTS, `{ enrollment(id: "${trainee.enrollmentId}") { id } }`, `{ certification(id: "${trainee.certificationId}") { id } }`]) {
        expect((await h.call(who, query)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    },
  );

  it("leave another body's enrolments out of an edition's list", async () => {
    const EDITION = 'query($id: ID!) { courseEdition(id: $id) { enrollments { id } } }';
    expect((await h.ok(operator, EDITION, { id: mine.editionId })).courseEdition.enrollments.map((e: any) => e.id)).toContain(trainee.enrollmentId);
    expect((await h.ok(otherBody, EDITION, { id: mine.editionId })).courseEdition.enrollments).toEqual([]);
    expect((await h.ok(coordinator, EDITION, { id: mine.editionId })).courseEdition.enrollments).toEqual([]);
  });

  it('keep the catalogue open to every caller', async () => {
    const res = await h.ok(coordinator, 'query($id: ID!) { course(id: $id) { title provider { name } editions { seats } } }', { id: theirs.courseId });
    expect(res.course).toMatchObject({ provider: { name: 'Agenzia FI0977' }, editions: [{ seats: 100 }] });
  });
});

describe("writes in another body's catalogue and registers", () => {
  const WRITES: [string, string, () => Record<string, unknown>, string][] = [
    ['createCourse for its provider', CREATE_COURSE, () => ({ providerId: mine.providerId, title: 'Taken', kind: 'HACCP', hours: 4, costPerHourCents: 1000 }), 'course'],
    ['scheduleCourseEdition of its course', SCHEDULE, () => ({
      courseId: mine.courseId, startDate: '2025-04-01', endDate: '2025-04-10', seats: 10, municipalityCode: 'C847', venue: 'Aula 3',
    }), 'course_edition'],
    ['enrollPerson in its edition', ENROL, () => ({ personId: personId(901), programmeId: PROGRAMME, editionId: mine.editionId, enrolledOn: '2025-02-20' }), 'enrollment'],
    ['issueCertification for its enrolment', CERTIFY, () => ({
      personId: trainee.personId, enrollmentId: trainee.enrollmentId, kind: 'ATTENDANCE', title: 'Attended', issuedOn: '2025-03-21',
    }), 'certification'],
    ['issueCertification in the name of its provider', CERTIFY, () => ({
      personId: personId(902), programmeId: PROGRAMME, providerId: mine.providerId, kind: 'COMPETENCE_CERTIFICATION', title: 'Validated', issuedOn: '2025-03-21',
      certifiedSkills: [SKILL.manageTime],
    }), 'certification'],
    ['createTrainingProvider for another organisation', CREATE_PROVIDER, () => ({ name: 'Impostor', organisationId: '5a1e0c3e-7d7b-4c55-9d0e-0b7c2a6f1a99', accreditationCode: 'XX0001', municipalityCode: 'C847' }), 'training_provider'],
  ];

  it.each(WRITES)('refuses %s and writes nothing', async (_label, mutation, input, table) => {
    const before = await h.count(table);
    const res = await h.call(otherBody, mutation, { i: input() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count(table)).toBe(before);
  });

  it.each([
    ['updateCourse', UPDATE_COURSE, () => ({ id: mine.courseId, title: 'Renamed' }), 'SELECT version, title AS v FROM course WHERE id = $1', () => mine.courseId],
    ['changeEditionStatus', EDITION_STATUS, () => ({ editionId: mine.editionId, status: 'CANCELLED' }), 'SELECT version, status AS v FROM course_edition WHERE id = $1', () => mine.editionId],
    ['recordAttendance', ATTEND, () => ({ enrollmentId: trainee.enrollmentId, hours: 1 }), 'SELECT version, attended_hours AS v FROM enrollment WHERE id = $1', () => trainee.enrollmentId],
    ['completeEnrollment', COMPLETE, () => ({ enrollmentId: trainee.enrollmentId, completedOn: '2025-03-11' }), 'SELECT version, status AS v FROM enrollment WHERE id = $1', () => trainee.enrollmentId],
    ['withdrawEnrollment', WITHDRAW, () => ({ enrollmentId: trainee.enrollmentId, withdrawnOn: '2025-03-11', reason: 'x' }), 'SELECT version, status AS v FROM enrollment WHERE id = $1', () => trainee.enrollmentId],
  ])('refuses %s of its records and changes nothing', async (_label, mutation, input, sql, id) => {
    const [before] = await h.db.query(sql, [id()]);
    const res = await h.call(otherBody, mutation, { i: input() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/belongs to another training body/);
    expect((await h.db.query(sql, [id()]))[0]).toEqual(before);
  });

  it.each([['a case manager', caseManager], ['an employment centre', cpiOperator], ['a host company', hostTutor], ['a coordinator', coordinator], ['a data protection officer', dpo]])(
    'refuses %s every write of a training body',
    async (_label, who) => {
      const before = await h.count('enrollment');
      const res = await h.call(who, ENROL, { i: { personId: personId(903), programmeId: PROGRAMME, editionId: mine.editionId } });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await h.count('enrollment')).toBe(before);
    },
  );
});

describe('data-subject requests', () => {
  const DATA_SUBJECT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { training {
    partner records accessLog { organisationId operation fields reasons requestId } erasure { recordsErased records alreadyErased }
  } } } }`;
  let subject: Trainee;
  let sharedRead: string;

  async function dataSubject(who: Principal, id: string, makeGrant: GrantMaker) {
    const rid = h.newRequestId();
    const g = await makeGrant(rid);
    const res = await h.call(who, DATA_SUBJECT, { r: [{ __typename: 'DataSubject', personId: id, ...(g ? { grant: g } : {}) }] }, rid);
    return { ...res, rid, partner: (res.data as any)?._entities?.[0]?.training };
  }
  const subjectGrant = (rid: string) => h.grant('social-services', 'data-subject', subject.personId, dpo, rid);
  const rowsAbout = async (id: string) => ({
    enrollment: (await h.db.query('SELECT count(*)::int AS n FROM enrollment WHERE person_id = $1', [id]))[0].n,
    certification: (await h.db.query('SELECT count(*)::int AS n FROM certification WHERE person_id = $1', [id]))[0].n,
  });

  beforeAll(async () => {
    subject = await traineeOf(mine);
    sharedRead = (await readPerson(otherBody, subject.personId, 'certifications { title }', validGrant(subject.personId, otherBody))).rid;
  });

  it("exports the person's enrolments and certificates, without the person id", async () => {
    const res = await dataSubject(dpo, subject.personId, subjectGrant);
    expect(res.errors).toBeUndefined();
    expect(res.partner.records.enrollments).toMatchObject([{ id: subject.enrollmentId, organisation_id: PROVIDER_ORGANISATION, status: 'COMPLETED' }]);
    expect(res.partner.records.certifications).toMatchObject([{ id: subject.certificationId, title: 'Food hygiene' }]);
    expect(JSON.stringify(res.partner.records)).not.toContain(subject.personId);
  });

  it('logs the export and lists who read what', async () => {
    const res = await dataSubject(dpo, subject.personId, subjectGrant);
    expect(await logOf(res.rid)).toMatchObject([{ person_id: subject.personId, fields: ['DataSubject.training.records'], reasons: ['EXPORT'] }]);
    expect(res.partner.accessLog).toContainEqual({
      organisationId: OTHER_BODY, operation: 'TestOperation', fields: ['Certification.title', 'Person.certifications'], reasons: ['CROSS_ORGANISATION'], requestId: sharedRead,
    });
  });

  it.each([
    ['no grant', noGrant],
    ['a person grant', (rid: string) => h.grant('social-services', 'person', subject.personId, dpo, rid)],
    ['a data-subject grant for another person', (rid: string) => h.grant('social-services', 'data-subject', trainee.personId, dpo, rid)],
    ['a data-subject grant for another organisation', (rid: string) => h.grant('social-services', 'data-subject', subject.personId, otherBody, rid)],
    ['a data-subject grant signed by the employment centre', (rid: string) => h.grant('employment-centre', 'data-subject', subject.personId, dpo, rid)],
  ])('is refused with %s', async (_label, makeGrant) => {
    const res = await dataSubject(dpo, subject.personId, makeGrant);
    expect(res.data?._entities).toEqual([null]);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses erasure to anyone but a data protection officer', async () => {
    for (const who of [operator, caseManager, coordinator]) {
      expect((await h.call(who, ERASE, { i: { personId: subject.personId } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rowsAbout(subject.personId)).toEqual({ enrollment: 1, certification: 1 });
    expect(await h.count('erased_person')).toBe(0);
  });

  describe('erasure', () => {
    let first: any;

    beforeAll(async () => {
      first = (await h.ok(dpo, ERASE, { i: { personId: subject.personId, requestReference: 'PG-2025-0042', erasureToken: await erasureToken(dpo, subject.personId) } })).eraseTrainingData;
    });

    it('reports what it erased', () => {
      expect(first).toMatchObject({
        partner: 'training', personId: subject.personId, requestReference: 'PG-2025-0042', recordsErased: 2, records: { enrollments: 1, certifications: 1 }, alreadyErased: false,
      });
    });

    it("deletes the person's rows, leaves other people's and one tombstone", async () => {
      expect(await rowsAbout(subject.personId)).toEqual({ enrollment: 0, certification: 0 });
      expect(await rowsAbout(trainee.personId)).toEqual({ enrollment: 1, certification: 1 });
      expect(await h.db.query('SELECT person_id FROM erased_person')).toEqual([{ person_id: subject.personId }]);
    });

    it('answers a second request with the first receipt, marked alreadyErased', async () => {
      const again = (await h.ok(dpo, ERASE, { i: { personId: subject.personId, erasureToken: await erasureToken(dpo, subject.personId) } })).eraseTrainingData;
      expect(again).toEqual({ ...first, alreadyErased: true });
      expect(await h.count('erased_person')).toBe(1);
    });

    it('shows the receipt and an empty export on the data subject', async () => {
      const res = await dataSubject(dpo, subject.personId, subjectGrant);
      expect(res.partner.erasure).toEqual({ recordsErased: 2, records: { enrollments: 1, certifications: 1 }, alreadyErased: true });
      expect(res.partner.records).toEqual({ enrollments: [], certifications: [] });
    });

    it.each([
      ['enrollPerson', ENROL, () => ({ personId: subject.personId, programmeId: PROGRAMME, editionId: mine.editionId })],
      ['issueCertification', CERTIFY, () => ({
        personId: subject.personId, programmeId: PROGRAMME, providerId: mine.providerId, kind: 'COMPETENCE_CERTIFICATION', title: 'Validated', issuedOn: '2025-03-21',
        certifiedSkills: [SKILL.manageTime],
      })],
    ])('refuses %s about the erased person, naming the field', async (_label, mutation, input) => {
      const res = await h.call(operator, mutation, { i: input() });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
      expect(res.errors?.[0]?.message).toMatch(/erased/);
      expect(await rowsAbout(subject.personId)).toEqual({ enrollment: 0, certification: 0 });
    });
  });
});
