import { lastingRid, type Principal } from '@intreccio/shared';
import {
  expectRefusedEntity, expectRefusedField, noGrant, partnerAccess, principal, signedGrant, tampered, type GrantMaker,
} from '@intreccio/shared/testing';
import {
  addTutor, caseManager, CHANGE_STATUS, coordinator, createCompany, CREATE_INTERNSHIP, HOST_ORG, hostTutor, internshipInput, LEAD_BODY_ORG, NETWORK_ORG,
  operator, personId, placed, PROGRAMME, setRules, startCompanies, type Harness,
} from './network-builder';

/*
 * Who sees what of the company network's records, and who may write them: the promoter, another
 * promoter, the host company's users, partners with and without social services' grant,
 * coordinators and data protection officers; the access log; data-subject requests.
 */

const OTHER_NETWORK_ORG = '0b6f5a8e-1c2d-4e3f-8a9b-000000000004';
const OTHER_HOST_ORG = '0b6f5a8e-1c2d-4e3f-8a9b-000000000005';
const CPI = '0b6f5a8e-1c2d-4e3f-8a9b-000000000006';

const otherNetwork = principal('company_network_operator', OTHER_NETWORK_ORG, 'COMPANY_NETWORK', [PROGRAMME]);
const otherHostTutor = principal('company_tutor', OTHER_HOST_ORG, 'COMPANY', [PROGRAMME]);
const cpiOperator = principal('cpi_operator', CPI, 'EMPLOYMENT_CENTRE', [PROGRAMME]);
const dpo = principal('data_protection_officer', LEAD_BODY_ORG, 'SOCIAL_SERVICES');
/** The erasure token social services give the officer in `dataSubject`, valid beyond one request. */
const erasureToken = (who: Principal, personId: string) => signedGrant(h.env.dataDir, 'social-services', 'erasure', personId, who, lastingRid(who.subject));

const UPDATE = 'mutation($i: UpdateInternshipInput!) { updateInternship(input: $i) { id } }';
const PAY = 'mutation($i: RecordAllowancePaymentInput!) { recordAllowancePayment(input: $i) { id } }';
const VISIT = 'mutation($i: RecordTutoringVisitInput!) { recordTutoringVisit(input: $i) { id } }';
const SCOUT = 'mutation($i: RecordScoutingVisitInput!) { recordScoutingVisit(input: $i) { id } }';
const ERASE = 'mutation($i: EraseDataInput!) { eraseCompanyNetworkData(input: $i) { partner personId requestReference recordsErased records alreadyErased erasedAt } }';

let h: Harness;
const { validGrant, grantSignedAt, readPerson, logOf } = partnerAccess(() => h);
let people = 7_000;

/** A host company with its own users (`organisationId`) and a tutor. */
interface Host {
  companyId: string;
  tutorId: string;
}

async function hostOf(name: string, organisationId: string): Promise<Host> {
  const companyId = await createCompany(h, { name, organisationId });
  return { companyId, tutorId: await addTutor(h, companyId, `Tutor of ${name}`) };
}

/** An internship `promoter` runs at `host`, started, with one allowance payment and one tutoring visit. */
interface Placement {
  personId: string;
  internshipId: string;
}

async function placement(promoter: Principal, host: Host): Promise<Placement> {
  const person = personId(people++);
  const tutorId = await addTutor(h, host.companyId, `Tutor ${people}`);
  const internshipId = (await h.ok(promoter, CREATE_INTERNSHIP, { i: await placed(h, promoter, internshipInput(host.companyId, tutorId, { personId: person })) })).createInternship.id;
  await h.ok(promoter, CHANGE_STATUS, { i: { internshipId, status: 'ACTIVE' } });
  await h.ok(promoter, PAY, { i: { internshipId, month: '2026-02', amountCents: 50_000, paidOn: '2026-03-05' } });
  await h.ok(promoter, VISIT, { i: { internshipId, visitedOn: '2026-02-10', tutorKind: 'PROMOTER_TUTOR', hours: 2 } });
  return { personId: person, internshipId };
}

let host: Host;
let otherHost: Host;
/** Promoted by the network, hosted by `host`. */
let hosted: Placement;
/** Promoted by the other network, hosted by `otherHost`. */
let foreign: Placement;
/** Promoted by the network, hosted by `otherHost`. */
let elsewhere: Placement;

beforeAll(async () => {
  h = await startCompanies('access');
  await setRules(h);
  host = await hostOf('Hotel Giardino S.r.l.', HOST_ORG);
  otherHost = await hostOf('Pelletteria Arno S.r.l.', OTHER_HOST_ORG);
  hosted = await placement(operator, host);
  foreign = await placement(otherNetwork, otherHost);
  elsewhere = await placement(operator, otherHost);
});
afterAll(() => h?.stop());

// ------------------------------------------------------------------------------------------------

/** Whether each caller sees the internships of the network's intern at `host`: `null` when the person is refused altogether. */
const MATRIX: [string, Principal, boolean, boolean | null][] = [
  ['the promoter, without a grant', operator, false, true],
  ['another promoter, without a grant', otherNetwork, false, null],
  ['another promoter, with a grant', otherNetwork, true, true],
  ['the host company, without a grant', hostTutor, false, true],
  ['another host company, without a grant', otherHostTutor, false, null],
  ['a case manager, without a grant', caseManager, false, null],
  ['a case manager, with a grant', caseManager, true, true],
  ['an employment centre, with a grant', cpiOperator, true, true],
  ['a coordinator, with a grant', coordinator, true, null],
  ['a data protection officer, with a grant', dpo, true, null],
];

describe('Person.internships', () => {
  it.each(MATRIX)('for %s', async (_label, who, granted, seen) => {
    const res = await readPerson(who, hosted.personId, 'internships { id }', granted ? validGrant(hosted.personId, who) : noGrant);
    if (seen === null) return expectRefusedEntity(res);
    expect(res.errors).toBeUndefined();
    expect(res.person.internships).toEqual([{ id: hosted.internshipId }]);
  });

  it('shows another host company nothing of an internship elsewhere, even with a grant', async () => {
    const res = await readPerson(otherHostTutor, hosted.personId, 'internships { id }', validGrant(hosted.personId, otherHostTutor));
    expect(res.errors).toBeUndefined();
    expect(res.person.internships).toEqual([]);
  });
});

describe('host companies', () => {
  const asHost = (selection: string) => readPerson(hostTutor, hosted.personId, `internships { ${selection} }`);

  it('see their own intern’s internship, tutors and tutoring visits', async () => {
    const res = await asHost('status startDate person { id } companyTutor { name } tutoringVisits { hours }');
    expect(res.errors).toBeUndefined();
    expect(res.person.internships).toEqual([{ status: 'ACTIVE', startDate: '2026-01-12', person: { id: hosted.personId }, companyTutor: { name: expect.any(String) }, tutoringVisits: [{ hours: 2 }] }]);
  });

  it.each(['monthlyAllowanceCents', 'allowancePayments { amountCents }', 'interruptionReason'])('do not see Internship.%s', async (field) => {
    const res = await asHost(`status ${field}`);
    expectRefusedField(res, ['_entities', 0, 'internships', 0, field.split(' ')[0]!]);
    expect(res.person.internships[0].status).toBe('ACTIVE');
  });

  it("read their own tutors' notes of tutoring visits, not the promoter's", async () => {
    await h.ok(operator, VISIT, { i: { internshipId: hosted.internshipId, visitedOn: '2026-02-20', tutorKind: 'PROMOTER_TUTOR', hours: 1, notes: 'Talked about the family situation' } });
    await h.ok(hostTutor, VISIT, { i: { internshipId: hosted.internshipId, visitedOn: '2026-02-21', tutorKind: 'COMPANY_TUTOR', hours: 1, notes: 'Learning the picking routes' } });
    const res = await asHost('tutoringVisits { visitedOn tutorKind notes }');
    const visits = res.person.internships[0].tutoringVisits as { visitedOn: string; tutorKind: string; notes: string | null }[];
    expect(visits.filter((v) => v.tutorKind === 'COMPANY_TUTOR').map((v) => v.notes)).toEqual(['Learning the picking routes']);
    expect(visits.filter((v) => v.tutorKind === 'PROMOTER_TUTOR').every((v) => v.notes === null)).toBe(true);
    expect(res.errors?.every((e) => e.extensions?.coordinate === 'TutoringVisit.notes')).toBe(true);
    const promoterSees = await readPerson(operator, hosted.personId, 'internships { tutoringVisits { notes } }');
    expect(promoterSees.person.internships[0].tutoringVisits.map((v: any) => v.notes)).toContain('Talked about the family situation');
  });

  it("see their own company's internships only, on the company and the tutor", async () => {
    const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id internships { id } tutors { internships { id } } } } }`;
    const res = await h.call(hostTutor, QUERY, { r: [host.companyId, otherHost.companyId].map((id) => ({ __typename: 'Company', id })) });
    expect(res.errors).toBeUndefined();
    const [own, other] = (res.data as any)._entities;
    expect(own.internships).toEqual([{ id: hosted.internshipId }]);
    expect(own.tutors.flatMap((t: any) => t.internships)).toEqual([{ id: hosted.internshipId }]);
    expect(other.internships).toEqual([]);
    expect(other.tutors.flatMap((t: any) => t.internships)).toEqual([]);
  });

  it("see their own company's scouting visits only", async () => {
    for (const companyId of [host.companyId, otherHost.companyId]) {
      await h.ok(operator, SCOUT, { i: { companyId, programmeId: PROGRAMME, visitedOn: '2025-11-03', operatorName: 'Giulia Neri', outcome: 'INTERESTED', opportunities: [] } });
    }
    const res = await h.ok(hostTutor, '{ scoutingVisits(first: 100) { edges { node { company { id } } } } }');
    const companies = new Set(res.scoutingVisits.edges.map((e: any) => e.node.company.id));
    expect([...companies]).toEqual([host.companyId]);
  });

  it("do not read another company's tutors' contacts", async () => {
    const res = await h.call(hostTutor, 'query($id: ID!) { company(id: $id) { tutors { name email } } }', { id: otherHost.companyId });
    expectRefusedField(res, ['company', 'tutors', 0, 'email']);
  });
});

describe('the access log', () => {
  it('records a read through a grant: who, organisation, person, fields, operation', async () => {
    const res = await readPerson(otherNetwork, hosted.personId, 'internships { status monthlyAllowanceCents }', validGrant(hosted.personId, otherNetwork));
    expect(await logOf(res.rid)).toEqual([{
      subject: otherNetwork.subject, organisation_id: OTHER_NETWORK_ORG, roles: ['company_network_operator'], operation: 'TestOperation', person_id: hosted.personId,
      fields: ['Internship.monthlyAllowanceCents', 'Internship.status', 'Person.internships'], reasons: ['CROSS_ORGANISATION'],
    }]);
  });

  it("records a host company reading its intern's internship as shared", async () => {
    const res = await readPerson(hostTutor, hosted.personId, 'internships { status }');
    expect(await logOf(res.rid)).toMatchObject([{ organisation_id: HOST_ORG, person_id: hosted.personId, fields: ['Internship.status'], reasons: ['CROSS_ORGANISATION'] }]);
  });

  it("writes nothing for the promoter's own reads", async () => {
    const res = await readPerson(operator, hosted.personId, 'internships { status monthlyAllowanceCents allowancePayments { amountCents } }');
    expect(res.errors).toBeUndefined();
    expect(await logOf(res.rid)).toEqual([]);
  });

  it.each([
    ['UPDATE', 'UPDATE access_log SET fields = ARRAY[]::text[]'],
    ['DELETE', 'DELETE FROM access_log'],
    ['TRUNCATE', 'TRUNCATE access_log'],
  ])('is refused %s by the database itself', async (_label, sql) => {
    await readPerson(caseManager, hosted.personId, 'internships { status }', validGrant(hosted.personId, caseManager));
    const before = await h.db.query('SELECT id, fields FROM access_log ORDER BY id');
    expect(before.length).toBeGreaterThan(0);
    await expect(h.db.query(sql)).rejects.toThrow(/append-only/);
    expect(await h.db.query('SELECT id, fields FROM access_log ORDER BY id')).toEqual(before);
  });
});

describe('grants that give nothing', () => {
  const person = () => hosted.personId;
  it.each([
    ['a grant for another person', (rid: string) => h.grant('social-services', 'person', foreign.personId, otherNetwork, rid)],
    ['a grant for another organisation', (rid: string) => h.grant('social-services', 'person', person(), caseManager, rid)],
    ['a grant for another request', () => h.grant('social-services', 'person', person(), otherNetwork, h.newRequestId())],
    ['an expired grant', (rid: string) => grantSignedAt(person(), otherNetwork, rid, Date.now() - 120_000)],
    ['a grant whose subject was changed', async (rid: string) => tampered(await h.grant('social-services', 'person', foreign.personId, otherNetwork, rid), { sub: person() })],
    ['a grant whose signature was altered', async (rid: string) => `${(await h.grant('social-services', 'person', person(), otherNetwork, rid)).slice(0, -4)}AAAA`],
    ['a person grant signed by the employment centre', (rid: string) => h.grant('employment-centre', 'person', person(), otherNetwork, rid)],
    ['a data-subject grant in place of a person grant', (rid: string) => h.grant('social-services', 'data-subject', person(), otherNetwork, rid)],
  ])('%s', async (_label, makeGrant) => {
    const res = await readPerson(otherNetwork, person(), 'internships { id }', makeGrant);
    expectRefusedEntity(res);
    expect(await logOf(res.rid)).toEqual([]);
  });
});

describe('root queries', () => {
  const INTERNSHIPS = '{ internships(first: 100) { totalCount edges { node { id } } } }';
  const ids = async (who: Principal) => (await h.ok(who, INTERNSHIPS)).internships.edges.map((e: any) => e.node.id).sort();

  it('list the internships the caller promotes', async () => {
    expect(await ids(operator)).toEqual([hosted.internshipId, elsewhere.internshipId].sort());
    expect(await ids(otherNetwork)).toEqual([foreign.internshipId]);
  });

  it('list the internships the caller hosts', async () => {
    expect(await ids(hostTutor)).toEqual([hosted.internshipId]);
    expect(await ids(otherHostTutor)).toEqual([foreign.internshipId, elsewhere.internshipId].sort());
  });

  it('count only the internships they list', async () => {
    expect((await h.ok(otherNetwork, INTERNSHIPS)).internships.totalCount).toBe(1);
    expect((await h.ok(hostTutor, INTERNSHIPS)).internships.totalCount).toBe(1);
  });

  it.each([['a case manager', caseManager], ['an employment centre', cpiOperator], ['a coordinator', coordinator], ['a data protection officer', dpo]])(
    'refuse the list to %s',
    async (_label, who) => {
      expect((await h.call(who, INTERNSHIPS)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    },
  );

  it.each([
    ['another promoter', otherNetwork], ['another host company', otherHostTutor], ['a case manager, who has no grant at the root', caseManager], ['a coordinator', coordinator],
  ])('refuse the internship to %s', async (_label, who) => {
    const res = await h.call(who, 'query($id: ID!) { internship(id: $id) { id } }', { id: hosted.internshipId });
    expect((res.data as any)?.internship ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("leave another promoter's internships out of a company's list", async () => {
    const res = await h.ok(otherNetwork, 'query($id: ID!) { company(id: $id) { internships { id } } }', { id: otherHost.companyId });
    expect(res.company.internships).toEqual([{ id: foreign.internshipId }]);
  });

  it("give coordinators and data protection officers no internship in a company's list", async () => {
    for (const who of [coordinator, dpo]) {
      const res = await h.ok(who, 'query($id: ID!) { company(id: $id) { internships { id } } }', { id: host.companyId });
      expect(res.company.internships).toEqual([]);
    }
  });
});

describe("writes about another promoter's internships", () => {
  it.each([
    ['updateInternship', UPDATE, () => ({ internshipId: hosted.internshipId, promoterTutorName: 'Someone else' })],
    ['changeInternshipStatus', CHANGE_STATUS, () => ({ internshipId: hosted.internshipId, status: 'SUSPENDED' })],
  ])('refuses %s and changes nothing', async (_label, mutation, input) => {
    const sql = 'SELECT version, status, promoter_tutor_name FROM internship WHERE id = $1';
    const [before] = await h.db.query(sql, [hosted.internshipId]);
    const res = await h.call(otherNetwork, mutation, { i: input() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.db.query(sql, [hosted.internshipId]))[0]).toEqual(before);
  });

  it.each([
    ['recordAllowancePayment', PAY, () => ({ internshipId: hosted.internshipId, month: '2026-03', amountCents: 50_000, paidOn: '2026-04-05' }), 'allowance_payment'],
    ['recordTutoringVisit', VISIT, () => ({ internshipId: hosted.internshipId, visitedOn: '2026-02-11', tutorKind: 'PROMOTER_TUTOR', hours: 1 }), 'tutoring_visit'],
    ['createInternship in its name', CREATE_INTERNSHIP, () => placed(h, otherNetwork, internshipInput(host.companyId, host.tutorId, { personId: personId(people++), promoterOrganisationId: NETWORK_ORG })), 'internship'],
  ])('refuses %s and writes nothing', async (_label, mutation, input, table) => {
    const before = await h.count(table);
    const res = await h.call(otherNetwork, mutation, { i: await input() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count(table)).toBe(before);
  });

  it.each([
    ['a PROMOTER_TUTOR visit of its own intern', () => ({ internshipId: hosted.internshipId, visitedOn: '2026-02-12', tutorKind: 'PROMOTER_TUTOR', hours: 1 })],
    ["a visit of another company's intern", () => ({ internshipId: elsewhere.internshipId, visitedOn: '2026-02-12', tutorKind: 'COMPANY_TUTOR', hours: 1 })],
  ])('refuses a host company %s, and writes nothing', async (_label, input) => {
    const before = await h.count('tutoring_visit');
    const res = await h.call(hostTutor, VISIT, { i: input() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('tutoring_visit')).toBe(before);
  });

  it('lets a host company record a COMPANY_TUTOR visit of its own intern', async () => {
    const before = await h.count('tutoring_visit');
    await h.ok(hostTutor, VISIT, { i: { internshipId: hosted.internshipId, visitedOn: '2026-02-12', tutorKind: 'COMPANY_TUTOR', hours: 1 } });
    expect(await h.count('tutoring_visit')).toBe(before + 1);
  });

  it.each([['a case manager', caseManager], ['an employment centre', cpiOperator], ['a host company', hostTutor], ['a coordinator', coordinator], ['a data protection officer', dpo]])(
    'refuses %s the network’s writes',
    async (_label, who) => {
      const before = await h.count('internship');
      const create = await h.call(who, CREATE_INTERNSHIP, { i: await placed(h, who, internshipInput(host.companyId, host.tutorId, { personId: personId(people++) })) });
      expect(create.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const pay = await h.call(who, PAY, { i: { internshipId: hosted.internshipId, month: '2026-04', amountCents: 50_000, paidOn: '2026-05-05' } });
      expect(pay.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await h.count('internship')).toBe(before);
    },
  );
});

describe('data-subject requests', () => {
  const DATA_SUBJECT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { companyNetwork {
    partner records accessLog { organisationId operation fields reasons requestId } erasure { recordsErased records alreadyErased }
  } } } }`;
  let subject: Placement;
  let sharedRead: string;

  async function dataSubject(who: Principal, id: string, makeGrant: GrantMaker) {
    const rid = h.newRequestId();
    const g = await makeGrant(rid);
    const res = await h.call(who, DATA_SUBJECT, { r: [{ __typename: 'DataSubject', personId: id, ...(g ? { grant: g } : {}) }] }, rid);
    return { ...res, rid, partner: (res.data as any)?._entities?.[0]?.companyNetwork };
  }
  const subjectGrant = (rid: string) => h.grant('social-services', 'data-subject', subject.personId, dpo, rid);
  const rowsAbout = async (id: string) => (await h.db.query(`
    SELECT (SELECT count(*)::int FROM internship WHERE person_id = $1) AS internships,
           (SELECT count(*)::int FROM allowance_payment p JOIN internship i ON i.id = p.internship_id WHERE i.person_id = $1) AS payments,
           (SELECT count(*)::int FROM tutoring_visit v JOIN internship i ON i.id = v.internship_id WHERE i.person_id = $1) AS visits`, [id]))[0];

  beforeAll(async () => {
    subject = await placement(operator, host);
    sharedRead = (await readPerson(caseManager, subject.personId, 'internships { status }', validGrant(subject.personId, caseManager))).rid;
  });

  it("exports the person's internships, allowances and visits, without the person id", async () => {
    const res = await dataSubject(dpo, subject.personId, subjectGrant);
    expect(res.errors).toBeUndefined();
    const { records } = res.partner;
    expect(records.internships).toMatchObject([{ id: subject.internshipId, promoter_organisation_id: NETWORK_ORG }]);
    expect(records.allowancePayments).toMatchObject([{ internship_id: subject.internshipId, amount_cents: 50_000 }]);
    expect(records.tutoringVisits).toMatchObject([{ internship_id: subject.internshipId }]);
    expect(JSON.stringify(records)).not.toContain(subject.personId);
  });

  it('logs the export and lists who read what', async () => {
    const res = await dataSubject(dpo, subject.personId, subjectGrant);
    expect(await logOf(res.rid)).toMatchObject([{ person_id: subject.personId, fields: ['DataSubject.companyNetwork.records'], reasons: ['EXPORT'] }]);
    expect(res.partner.accessLog).toContainEqual({
      organisationId: LEAD_BODY_ORG, operation: 'TestOperation', fields: ['Internship.status', 'Person.internships'], reasons: ['CROSS_ORGANISATION'], requestId: sharedRead,
    });
  });

  it.each([
    ['no grant', noGrant],
    ['a person grant', (rid: string) => h.grant('social-services', 'person', subject.personId, dpo, rid)],
    ['a data-subject grant for another person', (rid: string) => h.grant('social-services', 'data-subject', hosted.personId, dpo, rid)],
    ['a data-subject grant for another organisation', (rid: string) => h.grant('social-services', 'data-subject', subject.personId, otherNetwork, rid)],
    ['a data-subject grant signed by the employment centre', (rid: string) => h.grant('employment-centre', 'data-subject', subject.personId, dpo, rid)],
  ])('is refused with %s', async (_label, makeGrant) => {
    const res = await dataSubject(dpo, subject.personId, makeGrant);
    expect(res.data?._entities).toEqual([null]);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses erasure to anyone but a data protection officer', async () => {
    for (const who of [operator, hostTutor, caseManager, coordinator]) {
      expect((await h.call(who, ERASE, { i: { personId: subject.personId } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rowsAbout(subject.personId)).toEqual({ internships: 1, payments: 1, visits: 1 });
    expect(await h.count('erased_person')).toBe(0);
  });

  describe('erasure', () => {
    let first: any;

    beforeAll(async () => {
      first = (await h.ok(dpo, ERASE, { i: { personId: subject.personId, requestReference: 'PG-2025-0042', erasureToken: await erasureToken(dpo, subject.personId) } })).eraseCompanyNetworkData;
    });

    it('reports what it erased', () => {
      expect(first).toMatchObject({
        partner: 'companies', personId: subject.personId, requestReference: 'PG-2025-0042', recordsErased: 3,
        records: { internships: 1, allowancePayments: 1, tutoringVisits: 1 }, alreadyErased: false,
      });
    });

    it("deletes the person's rows, leaves other people's and one tombstone", async () => {
      expect(await rowsAbout(subject.personId)).toEqual({ internships: 0, payments: 0, visits: 0 });
      expect(await rowsAbout(hosted.personId)).toEqual({ internships: 1, payments: 1, visits: expect.any(Number) });
      expect(await h.db.query('SELECT person_id FROM erased_person')).toEqual([{ person_id: subject.personId }]);
    });

    it('answers a second request with the first receipt, marked alreadyErased', async () => {
      const again = (await h.ok(dpo, ERASE, { i: { personId: subject.personId, erasureToken: await erasureToken(dpo, subject.personId) } })).eraseCompanyNetworkData;
      expect(again).toEqual({ ...first, alreadyErased: true });
      expect(await h.count('erased_person')).toBe(1);
    });

    it('shows the receipt and an empty export on the data subject', async () => {
      const res = await dataSubject(dpo, subject.personId, subjectGrant);
      expect(res.partner.erasure).toEqual({ recordsErased: 3, records: { internships: 1, allowancePayments: 1, tutoringVisits: 1 }, alreadyErased: true });
      expect(res.partner.records).toEqual({ internships: [], allowancePayments: [], tutoringVisits: [] });
    });

    it('refuses a new internship for the erased person, naming the field', async () => {
      const before = await h.count('internship');
      const res = await h.call(operator, CREATE_INTERNSHIP, { i: await placed(h, operator, internshipInput(host.companyId, await addTutor(h, host.companyId, 'Late tutor'), { personId: subject.personId })) });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
      expect(res.errors?.[0]?.message).toMatch(/erased/);
      expect(await h.count('internship')).toBe(before);
    });
  });
});
