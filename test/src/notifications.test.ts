import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventKey, grantSecretFile, loadOrCreateSecret, signWebhook, verifyWebhook, type Principal, type Role } from '@intreccio/shared';
import { principal } from '@intreccio/shared/testing';
import { DEMO_PROGRAMMES, DEMO_WRITERS, demoOrganisation } from '@intreccio/scripts';
import { eventually } from './support/eventually';
import { TestNetwork } from './support/network';

/**
 * Notifications through the real network: changes leave each partner's outbox in the transaction that
 * makes them, reach the organisations concerned as signed webhooks (the case team through social
 * services), survive an endpoint that is down for a while, and carry a certificate's skills to the
 * employment centre.
 */

const org = (key: string) => demoOrganisation(key);
const programmes = DEMO_PROGRAMMES.map((p) => p.id);
const as = (role: Role, key: string): Principal => principal(role, org(key).id, org(key).kind, programmes);
const caseManager = as('case_manager', 'ftsa');
const cpi = as('cpi_operator', 'cpi-poggibonsi');

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  event: { id: string; type: string; source: string; relayedBy?: string; personId?: string; subject: { type: string; id: string; status?: string }; facts?: unknown };
}

/** An organisation's system receiving webhooks: records what it is sent; can be down. */
class Receiver {
  readonly received: Received[] = [];
  private server?: Server;
  readonly secret = randomBytes(32).toString('base64url');
  constructor(public port = 0) {}

  async up(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body, event: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async down(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  of(type: string, subjectId?: string): Received[] {
    return this.received.filter((r) => r.event.type === type && (!subjectId || r.event.subject.id === subjectId));
  }
}


let net: TestNetwork;
const lead = new Receiver();
const centre = new Receiver();
const host = new Receiver();
const rows = async (subgraph: string, sql: string, params: unknown[] = []) =>
  (await net.network.subgraph(subgraph).database.dataSource.query(sql, params)) as Record<string, any>[];

beforeAll(async () => {
  await lead.up();
  await host.up();
  // The employment centre's endpoint has an address but nothing listens there yet.
  await centre.up();
  await centre.down();
  net = await TestNetwork.start('notifications', {
    env: {
      WEBHOOKS: JSON.stringify({
        [org('ftsa').id]: { url: lead.url, secret: lead.secret },
        [org('cpi-poggibonsi').id]: { url: centre.url, secret: centre.secret },
        [org('cristalleria-colligiana').id]: { url: host.url, secret: host.secret },
      }),
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_RETRY_MAX_MS: '400',
    },
    seed: async (subgraphs) => {
      for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: 120 });
    },
  });
}, 300_000);
afterAll(async () => {
  await net?.stop();
  await Promise.all([lead.down(), centre.down(), host.down()]);
});

/** A person in the lead body's care whose live case has the employment centre (registered there) and a host company on the team, with consent. */
async function subject(): Promise<{ personId: string; caseId: string; programmeId: string }> {
  const candidates = await rows('social-services', `
    SELECT c.person_id, c.id AS case_id, c.programme_id FROM case_file c
      JOIN case_team_member cm ON cm.case_id = c.id AND cm.organisation_id = $2 AND cm.left_on IS NULL
      JOIN consent k ON k.person_id = c.person_id AND k.organisation_id = $2 AND k.purpose = 'DATA_SHARING' AND k.status = 'ACTIVE'
     WHERE c.status = 'OPEN' AND c.owner_organisation_id = $1
     ORDER BY c.id`, [caseManager.organisationId, cpi.organisationId]);
  for (const c of candidates) {
    const [registered] = await rows('employment-centre', 'SELECT 1 FROM job_seeker_profile WHERE person_id = $1 AND employment_centre_id = $2', [c.person_id, cpi.organisationId]);
    if (registered) return { personId: c.person_id, caseId: c.case_id, programmeId: c.programme_id };
  }
  throw new Error('no demo person on a live case with the employment centre');
}

describe('notifications to partner systems', () => {
  let person: { personId: string; caseId: string; programmeId: string };
  let referralId: string;

  beforeAll(async () => {
    person = await subject();
  });

  it('sends a referral to both organisations of the hand-off, signed, and retries the one that is down until it is back', async () => {
    const data = await net.ok(caseManager, `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id status } }`, {
      i: { caseId: person.caseId, toOrganisationId: cpi.organisationId, reason: 'Orientamento e bilancio di competenze' },
    });
    referralId = data.createReferral.id;
    const sent = await eventually('the lead body’s webhook', () => lead.of('referral.sent', referralId)[0]);
    expect(verifyWebhook(lead.secret, sent.headers['intreccio-signature'] as string, sent.body)).toBe(true);
    expect(verifyWebhook(centre.secret, sent.headers['intreccio-signature'] as string, sent.body)).toBe(false);
    expect(sent.event).toMatchObject({ source: 'social-services', personId: person.personId, subject: { type: 'Referral', id: referralId, status: 'SENT' } });
    // A thin event: nothing about the person but the id.
    expect(sent.body).not.toMatch(/givenName|familyName|fiscalCode|reason/);
    expect(sent.event).not.toHaveProperty('notified');

    // The employment centre's endpoint is down: the delivery fails, and is tried again with a growing delay.
    await eventually('failed attempts', async () => {
      const [row] = await rows('social-services', `SELECT attempts, last_error FROM outbox WHERE recipient = $1 AND event_id = $2`, [cpi.organisationId, sent.event.id]);
      return row && row.attempts >= 2 && row.last_error;
    });
    expect(centre.received).toHaveLength(0);
    await centre.up();
    const late = await eventually('the delivery once the endpoint is back', () => centre.of('referral.sent', referralId)[0]);
    expect(late.event.id).toBe(sent.event.id);
    expect(Number(late.headers['intreccio-delivery-attempt'])).toBeGreaterThan(1);
    expect(verifyWebhook(centre.secret, late.headers['intreccio-signature'] as string, late.body)).toBe(true);
    // The relay marks the row once the receiver's answer is back, just after the receiver has the request.
    const delivered = await eventually('the delivery marked in the outbox', async () => {
      const [row] = await rows('social-services', 'SELECT delivered_at FROM outbox WHERE recipient = $1 AND event_id = $2', [cpi.organisationId, sent.event.id]);
      return row?.delivered_at as Date | null;
    });
    expect(delivered).toBeInstanceOf(Date);
  });

  it('tells the case team of a hire through social services, once each, and never the host companies', async () => {
    const [company] = await rows('companies', 'SELECT id FROM company ORDER BY id LIMIT 1');
    const data = await net.ok(cpi, `mutation($i: RecordHireInput!) { recordHire(input: $i) { id } }`, {
      i: {
        personId: person.personId, programmeId: person.programmeId, companyId: company!.id, startDate: '2026-11-02',
        contractType: 'FIXED_TERM', endDate: '2027-11-01', weeklyHours: 30, grossMonthlyWageCents: 145_000,
        occupationUri: 'http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f',
      },
    });
    const hireId = data.recordHire.id;
    const relayed = await eventually('the hire at the lead body', () => lead.of('hire.recorded', hireId)[0]);
    expect(relayed.event).toMatchObject({ source: 'employment-centre', relayedBy: 'social-services', personId: person.personId });
    expect(relayed.headers['intreccio-source']).toBe('social-services');
    await eventually('the hire at the employment centre', () => centre.of('hire.recorded', hireId).length);
    // Let the relays run a few more passes: nothing more arrives.
    await new Promise((r) => setTimeout(r, 500));
    expect(centre.of('hire.recorded', hireId)).toHaveLength(1);
    expect(lead.of('hire.recorded', hireId)).toHaveLength(1);
    expect(host.of('hire.recorded')).toHaveLength(0);
  });

  it('adds a certificate’s skills to the person’s profile at the employment centre', async () => {
    const training = await rows('social-services', `
      SELECT cm.organisation_id FROM case_team_member cm JOIN organisation o ON o.id = cm.organisation_id AND o.kind = 'TRAINING_PROVIDER'
       WHERE cm.case_id = $1 AND cm.left_on IS NULL`, [person.caseId]);
    const trainingOrg = training[0]?.organisation_id ?? org('valdelsa-formazione').id;
    const key = ['valdelsa-formazione', 'istituto-toscano-formazione'].find((k) => org(k).id === trainingOrg)!;
    const operator = as('training_operator', key);
    const [provider] = await rows('training', 'SELECT id FROM training_provider WHERE organisation_id = $1 LIMIT 1', [operator.organisationId]);
    const skills = (await rows('employment-centre', `
      SELECT DISTINCT skill_uri FROM skill_record WHERE skill_uri NOT IN (SELECT skill_uri FROM skill_record WHERE person_id = $1) ORDER BY skill_uri LIMIT 2`,
    [person.personId])).map((r) => r.skill_uri as string);
    expect(skills).toHaveLength(2);
    await net.ok(operator, `mutation($i: IssueCertificationInput!) { issueCertification(input: $i) { id } }`, {
      i: {
        personId: person.personId, programmeId: person.programmeId, providerId: provider!.id, kind: 'COMPETENCE_CERTIFICATION',
        title: 'Certificazione delle competenze', issuedOn: '2026-11-20', certifiedSkills: skills,
      },
    });
    const recorded = await eventually('the certified skills at the employment centre', async () => {
      const found = await rows('employment-centre', `SELECT skill_uri, level, source FROM skill_record WHERE person_id = $1 AND skill_uri = ANY($2)`, [person.personId, skills]);
      return found.length === 2 && found;
    });
    expect(recorded.every((r) => r.source === 'CERTIFICATION' && r.level === 'INTERMEDIATE')).toBe(true);
    const seen = await net.ok(cpi, `query($id: ID!) { person(id: $id) { skills { source skill { uri } } } }`, { id: person.personId });
    const certified = seen.person.skills.filter((s: any) => skills.includes(s.skill.uri));
    expect(certified.map((s: any) => s.source)).toEqual(['CERTIFICATION', 'CERTIFICATION']);
    // The webhooks name the certificate, not the skills.
    const notice = await eventually('the certificate at the employment centre’s webhook', () => centre.of('certification.issued')[0]);
    expect(notice.event.facts).toBeUndefined();
  });

  it('tells a host company of its own intern’s internship only while it is on the case team with consent', async () => {
    const hostOrg = org('cristalleria-colligiana').id;
    const live = await rows('companies', `
      SELECT i.id, i.person_id, i.version FROM internship i JOIN company c ON c.id = i.company_id
       WHERE c.organisation_id = $1 AND i.status = 'ACTIVE' AND i.promoter_organisation_id = $2 ORDER BY i.id`, [hostOrg, org('rete-imprese-valdelsa').id]);
    const onTeam = async (personId: string) => (await rows('social-services', `
      SELECT 1 FROM case_file c JOIN case_team_member m ON m.case_id = c.id AND m.organisation_id = $2 AND m.left_on IS NULL
        JOIN consent k ON k.person_id = c.person_id AND k.organisation_id = $2 AND k.purpose = 'DATA_SHARING' AND k.status = 'ACTIVE'
       WHERE c.person_id = $1 AND c.status <> 'CLOSED'`, [personId, hostOrg])).length > 0;
    let shared: (typeof live)[number] | undefined;
    let unshared: (typeof live)[number] | undefined;
    for (const i of live) {
      if (await onTeam(i.person_id)) shared ??= i;
      else unshared ??= i;
    }
    expect(shared).toBeDefined();
    const network = as('company_network_operator', 'rete-imprese-valdelsa');
    const suspend = (id: string) => net.ok(network, `mutation($i: ChangeInternshipStatusInput!) { changeInternshipStatus(input: $i) { id status } }`, { i: { internshipId: id, status: 'SUSPENDED' } });
    await suspend(shared!.id);
    const notice = await eventually('the host company’s notice', () => host.of('internship.suspended', shared!.id)[0]);
    expect(notice.event).toMatchObject({ source: 'companies', relayedBy: 'social-services', subject: { type: 'Internship', status: 'SUSPENDED' } });
    if (unshared) {
      await suspend(unshared.id);
      // The lead body hears of it; the host company, not on that person's team, does not.
      await eventually('the lead body’s notice', () => lead.of('internship.suspended', unshared!.id)[0]);
      await new Promise((r) => setTimeout(r, 300));
      expect(host.of('internship.suspended', unshared.id)).toHaveLength(0);
    }
  });

  describe('the event inbox between partners', () => {
    const inbox = () => net.network.subgraph('social-services').server.url.replace(/\/graphql$/, '/events');
    const keyOf = (sender: string) => eventKey(loadOrCreateSecret(grantSecretFile(net.env.dataDir, 'social-services')), sender);
    const post = (body: string, headers: Record<string, string>) =>
      fetch(inbox(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    it('refuses an event that is unsigned, signed with another sender’s key, or from an unknown sender', async () => {
      const event = { id: randomUUID(), type: 'internship.started', source: 'companies', occurredAt: new Date().toISOString(), subject: { type: 'Internship', id: randomUUID() }, personId: person.personId };
      const body = JSON.stringify(event);
      expect((await post(body, { 'intreccio-source': 'companies' })).status).toBe(401);
      expect((await post(body, { 'intreccio-source': 'companies', 'intreccio-signature': signWebhook(keyOf('training'), body) })).status).toBe(401);
      expect((await post(body, { 'intreccio-source': 'gateway', 'intreccio-signature': signWebhook(keyOf('companies'), body) })).status).toBe(401);
      // Signed right, but claiming to come from someone else.
      const forged = JSON.stringify({ ...event, source: 'training' });
      expect((await post(forged, { 'intreccio-source': 'companies', 'intreccio-signature': signWebhook(keyOf('companies'), forged) })).status).toBe(400);
      const [row] = await rows('social-services', 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [event.id]);
      expect(row!.n).toBe(0);
    });

    it('passes on a partner’s events about its own kind of record only, and takes no relayed event from a partner', async () => {
      const signed = (event: object) => {
        const body = JSON.stringify(event);
        return post(body, { 'intreccio-source': 'companies', 'intreccio-signature': signWebhook(keyOf('companies'), body) });
      };
      const base = { occurredAt: new Date().toISOString(), source: 'companies', personId: person.personId, subject: { type: 'Certification', id: randomUUID() } };
      const relayed = { ...base, id: randomUUID(), type: 'internship.started', relayedBy: 'companies' };
      expect((await signed(relayed)).status).toBe(400);
      const certificate = { ...base, id: randomUUID(), type: 'certification.issued', facts: { kind: 'QUALIFICATION', skills: [], issuedOn: '2026-11-20' } };
      expect((await signed(certificate)).status).toBe(204);
      const passed = await rows('social-services', 'SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1::uuid[])', [[relayed.id, certificate.id]]);
      expect(passed[0]!.n).toBe(0);
    });

    it('applies a redelivered event once', async () => {
      const event = { id: randomUUID(), type: 'internship.started', source: 'companies', occurredAt: new Date().toISOString(), subject: { type: 'Internship', id: randomUUID(), status: 'ACTIVE' }, personId: person.personId };
      const body = JSON.stringify(event);
      for (let i = 0; i < 3; i++) {
        expect((await post(body, { 'intreccio-source': 'companies', 'intreccio-signature': signWebhook(keyOf('companies'), body) })).status).toBe(204);
      }
      const [row] = await rows('social-services', 'SELECT count(*)::int AS n FROM outbox WHERE event_id = $1 AND recipient = $2', [event.id, caseManager.organisationId]);
      expect(row!.n).toBe(1);
      await eventually('the relayed internship event', () => lead.of('internship.started', event.subject.id).length);
    });
  });

  it('writes no event when the change is refused', async () => {
    const before = await rows('social-services', 'SELECT count(*)::int AS n FROM outbox');
    const res = await net.call(caseManager, `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
      i: { caseId: person.caseId, toOrganisationId: caseManager.organisationId, reason: 'to myself' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await rows('social-services', 'SELECT count(*)::int AS n FROM outbox');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
