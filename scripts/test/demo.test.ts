import { createHash } from 'node:crypto';
import { dropDatabase, openDatabase, validateFiscalCode, validatePartitaIva, type Database } from '@intreccio/shared';
import type { DataSource } from 'typeorm';
import { entities, socialServices } from '@intreccio/social-services';
import {
  DEMO_ORGANISATIONS, DEMO_PROGRAMMES, REFERENCE_DATE, SEED_TABLES, deterministicUuid, demoPathway, isSeeded, organisationId, personId,
  seedSocialServices, type SeedSummary,
} from '../src/demo';
import { count, dumpHash, scratchUrl } from './scratch';

const PERSONS = 300;
const SEED = 7;

const urlA = scratchUrl('seed_test', 'a');
const urlB = scratchUrl('seed_test', 'b');
let a: Database;
let b: Database;
let summary: SeedSummary;

function open(url: string): Promise<Database> {
  return openDatabase({ url, entities, migrations: socialServices.migrations, poolSize: 2 });
}

async function foreignKeyCount(ds: DataSource): Promise<number> {
  return count(ds, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'");
}

beforeAll(async () => {
  a = await open(urlA);
  b = await open(urlB);
  summary = await seedSocialServices(a.dataSource, { persons: PERSONS, seed: SEED });
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await dropDatabase(urlA);
  await dropDatabase(urlB);
});

describe('deterministic ids', () => {
  it('are RFC 4122 version 5 UUIDs any UUIDv5 library reproduces', () => {
    const v5 = (namespace: string, name: string) => {
      const digest = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name).digest();
      digest[6] = (digest[6] & 0x0f) | 0x50;
      digest[8] = (digest[8] & 0x3f) | 0x80;
      const hex = digest.toString('hex', 0, 16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    };
    const personNamespace = v5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'urn:intreccio:seed:person');
    for (const i of [0, 1, 299, 99_999]) expect(personId(i)).toBe(v5(personNamespace, String(i)));
    // As Python's uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, 'urn:intreccio:seed:person'), '0') gives it.
    expect(personId(0)).toBe('da4a5ccf-f0f0-5fdf-b53c-ac147b6f4a53');
    const long = 'x'.repeat(80);
    expect(deterministicUuid('consent', long)).toBe(v5(v5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'urn:intreccio:seed:consent'), long));
    expect(organisationId('ftsa')).toBe(deterministicUuid('organisation', 'ftsa'));
  });
});

describe('demo network', () => {
  it('lists PROGRESSIVE2 partners first, one of every kind, with valid 11-digit tax codes', () => {
    const firstOfKind = (kind: string) => DEMO_ORGANISATIONS.find((o) => o.kind === kind);
    for (const kind of ['SOCIAL_SERVICES', 'EMPLOYMENT_CENTRE', 'TRAINING_PROVIDER', 'COMPANY_NETWORK', 'COMPANY']) {
      expect(firstOfKind(kind)?.programmeCodes).toContain('PROGRESSIVE2');
    }
    expect(firstOfKind('SOCIAL_SERVICES')?.name).toBe('Fondazione Territori Sociali Altavaldelsa');
    for (const o of DEMO_ORGANISATIONS) expect(validatePartitaIva(o.taxCode)).toEqual([]);
    expect(DEMO_PROGRAMMES.map((p) => p.code)).toEqual(['PROGRESSIVE2', 'FLORWORK']);
  });
});

describe('seedSocialServices', () => {
  it('writes the network and the expected rows for every person', async () => {
    const ds = a.dataSource;
    expect(summary.skipped).toBe(false);
    for (const table of SEED_TABLES) {
      expect({ table, rows: await count(ds, `SELECT count(*) AS n FROM ${table}`) }).toEqual({ table, rows: summary.counts[table] });
    }
    const pathways = Array.from({ length: PERSONS }, (_, i) => demoPathway(i, SEED));
    expect(summary.counts).toEqual({
      organisation: DEMO_ORGANISATIONS.length,
      programme: DEMO_PROGRAMMES.length,
      programme_partner: DEMO_PROGRAMMES.reduce((n, p) => n + p.partners.length, 0),
      person: PERSONS,
      case_file: PERSONS,
      case_team_member: pathways.reduce((n, p) => n + p.team.length, 0),
      consent: pathways.reduce((n, p) => n + p.consents.length, 0),
      assessment: pathways.filter((p) => p.assessment).length,
      personal_plan: pathways.filter((p) => p.plan).length,
      plan_step: pathways.reduce((n, p) => n + (p.plan?.steps.length ?? 0), 0),
      referral: pathways.reduce((n, p) => n + p.referrals.length, 0),
      benefit: pathways.reduce((n, p) => n + p.benefits.length, 0),
    });
    const perProgramme: { code: string; n: string }[] = await ds.query(
      'SELECT p.code, count(*) AS n FROM case_file c JOIN programme p ON p.id = c.programme_id GROUP BY p.code',
    );
    const progressive = Number(perProgramme.find((r) => r.code === 'PROGRESSIVE2')?.n);
    expect(progressive / PERSONS).toBeGreaterThan(0.45);
    expect(progressive / PERSONS).toBeLessThan(0.65);
  });

  it('stores fiscal codes consistent with name, birth date, sex and place', async () => {
    const people: { fiscal_code: string | null; birth_date: string; sex: 'FEMALE' | 'MALE'; birth_place_code: string }[] =
      await a.dataSource.query('SELECT fiscal_code, birth_date, sex, birth_place_code FROM person');
    let full = 0;
    let provisional = 0;
    for (const p of people) {
      if (p.fiscal_code === null) continue;
      if (p.fiscal_code.length === 16) {
        full++;
        expect({ code: p.fiscal_code, problems: validateFiscalCode(p.fiscal_code, { birthDate: p.birth_date, sex: p.sex, birthPlaceCode: p.birth_place_code }) })
          .toEqual({ code: p.fiscal_code, problems: [] });
      } else {
        provisional++;
        expect(p.fiscal_code).toMatch(/^\d{11}$/);
        expect(validateFiscalCode(p.fiscal_code)).toEqual([]);
      }
    }
    expect(full / people.length).toBeGreaterThan(0.9);
    expect(people.length - full).toBeGreaterThan(0);
    expect(provisional).toBeGreaterThan(0);
  });

  it('keeps people plausible: residence in the territory, ages, target groups', async () => {
    const ds = a.dataSource;
    expect(await count(ds, `
      SELECT count(*) AS n FROM person p JOIN case_file c ON c.person_id = p.id JOIN programme g ON g.id = c.programme_id
       WHERE NOT (p.residence_municipality_code = ANY (g.territory))`)).toBe(0);
    expect(await count(ds, `
      SELECT count(*) AS n FROM person
       WHERE age($1::date, birth_date) < interval '16 years' OR age($1::date, birth_date) >= interval '65 years'`, [REFERENCE_DATE])).toBe(0);
    const ageAtOpening = "date_part('year', age(c.opened_on, p.birth_date))";
    expect(await count(ds, `
      SELECT count(*) AS n FROM person p JOIN case_file c ON c.person_id = p.id
       WHERE (p.target_groups && '{MINOR_OVER_16,UNACCOMPANIED_FOREIGN_MINOR}' AND ${ageAtOpening} NOT BETWEEN 16 AND 17)
          OR ('CARE_LEAVER' = ANY (p.target_groups) AND ${ageAtOpening} NOT BETWEEN 18 AND 21)
          OR (p.target_groups && '{ASYLUM_SEEKER,INTERNATIONAL_PROTECTION_HOLDER,UNACCOMPANIED_FOREIGN_MINOR,VICTIM_OF_TRAFFICKING}'
              AND p.birth_place_code NOT LIKE 'Z%')
          OR cardinality(p.target_groups) NOT BETWEEN 1 AND 2`)).toBe(0);
    expect(await count(ds, "SELECT count(*) AS n FROM person WHERE birth_place_code LIKE 'Z%'")).toBeGreaterThan(PERSONS * 0.2);
  });

  it('covers every stage of the pathway with a funnel', async () => {
    const ds = a.dataSource;
    const notAssessed = await count(ds, 'SELECT count(*) AS n FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM assessment a WHERE a.case_id = c.id)');
    const signed = await count(ds, "SELECT count(*) AS n FROM personal_plan WHERE status = 'SIGNED'");
    expect(notAssessed).toBeGreaterThan(0);
    expect(signed).toBeGreaterThan(notAssessed);
    for (const status of ['DRAFT', 'COMPLETED', 'CANCELLED']) {
      expect({ status, some: (await count(ds, 'SELECT count(*) AS n FROM personal_plan WHERE status = $1', [status])) > 0 }).toEqual({ status, some: true });
    }
    for (const status of ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED']) {
      expect({ status, some: (await count(ds, 'SELECT count(*) AS n FROM referral WHERE status = $1', [status])) > 0 }).toEqual({ status, some: true });
    }
    const overdue = await count(ds, `
      SELECT count(*) AS n FROM referral r JOIN programme p ON p.id = r.programme_id
       WHERE r.status = 'SENT' AND r.sent_at < ($1::date - p.referral_response_days)::timestamp AT TIME ZONE 'UTC'`, [REFERENCE_DATE]);
    expect(overdue).toBeGreaterThan(0);
    expect(await count(ds, "SELECT count(*) AS n FROM case_file WHERE status = 'CLOSED' AND closure_reason IS NOT NULL")).toBeGreaterThan(0);
    expect(await count(ds, "SELECT count(*) AS n FROM case_file WHERE status = 'SUSPENDED'")).toBeGreaterThan(0);
    expect(await count(ds, "SELECT count(*) AS n FROM consent WHERE status = 'REVOKED'")).toBeGreaterThan(0);
    expect(await count(ds, 'SELECT count(DISTINCT person_id) AS n FROM benefit')).toBeGreaterThan(PERSONS / 3);
  });

  it('keeps dates, owners and authors consistent across tables', async () => {
    const ds = a.dataSource;
    const violations: Record<string, string> = {
      'dates after the reference date': `
        SELECT count(*) AS n FROM case_file c
         WHERE c.opened_on > $1::date OR c.closed_on > $1::date
            OR EXISTS (SELECT 1 FROM assessment a WHERE a.case_id = c.id AND (a.assessed_on > $1::date OR a.assessed_on < c.opened_on))
            OR EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND greatest(r.sent_at, r.responded_at, r.first_contact_at, r.completed_at) >= ($1::date + 1)::timestamp AT TIME ZONE 'UTC')`,
      'referral timestamps out of order': `
        SELECT count(*) AS n FROM referral r JOIN case_file c ON c.id = r.case_id
         WHERE r.sent_at < c.opened_on OR r.responded_at < r.sent_at OR r.first_contact_at < r.responded_at
            OR r.completed_at < r.first_contact_at OR r.from_organisation_id <> c.owner_organisation_id
            OR (r.status = 'SENT' AND r.responded_at IS NOT NULL) OR (r.status = 'DECLINED' AND r.decline_reason IS NULL)
            OR (r.status = 'COMPLETED' AND (r.completed_at IS NULL OR r.outcome IS NULL))`,
      'plan steps outside their plan or owned by outsiders': `
        SELECT count(*) AS n FROM plan_step s JOIN personal_plan p ON p.id = s.plan_id JOIN case_file c ON c.id = p.case_id
         WHERE s.planned_start < p.start_date OR s.planned_end > p.end_date
            OR NOT EXISTS (SELECT 1 FROM programme_partner pp WHERE pp.programme_id = c.programme_id AND pp.organisation_id = s.owner_organisation_id)
            OR (p.status = 'DRAFT' AND s.status <> 'PLANNED')
            OR (p.status IN ('COMPLETED', 'CANCELLED') AND s.status IN ('PLANNED', 'IN_PROGRESS'))`,
      'plans not following the case': `
        SELECT count(*) AS n FROM personal_plan p JOIN case_file c ON c.id = p.case_id
         WHERE (c.status = 'CLOSED') <> (p.status IN ('COMPLETED', 'CANCELLED')) OR p.start_date < c.opened_on
            OR (p.signed_on IS NOT NULL AND p.signed_on < p.start_date)`,
      'assessment authors not on the team': `
        SELECT count(*) AS n FROM assessment a, unnest(a.author_ids) AS author
         WHERE NOT EXISTS (SELECT 1 FROM case_team_member m WHERE m.id = author AND m.case_id = a.case_id AND m.joined_on <= a.assessed_on)`,
      'team members from outside the programme': `
        SELECT count(*) AS n FROM case_team_member m JOIN case_file c ON c.id = m.case_id
         WHERE m.joined_on < c.opened_on
            OR NOT EXISTS (SELECT 1 FROM programme_partner pp WHERE pp.programme_id = c.programme_id AND pp.organisation_id = m.organisation_id)`,
      'team organisations without consent': `
        SELECT count(*) AS n FROM case_team_member m JOIN case_file c ON c.id = m.case_id
         WHERE NOT EXISTS (SELECT 1 FROM consent k WHERE k.person_id = c.person_id AND k.organisation_id = m.organisation_id)`,
      'benefits before birth or not paid by the lead body': `
        SELECT count(*) AS n FROM benefit b JOIN person p ON p.id = b.person_id JOIN case_file c ON c.person_id = p.id
         WHERE b.start_date < p.birth_date OR b.paying_organisation_id <> c.owner_organisation_id`,
    };
    for (const [rule, sql] of Object.entries(violations)) {
      expect({ rule, violations: await count(ds, sql, sql.includes('$1') ? [REFERENCE_DATE] : []) }).toEqual({ rule, violations: 0 });
    }
  });

  it('is a no-op on a database that already holds a network', async () => {
    const before = await dumpHash(a.dataSource, SEED_TABLES);
    expect(await isSeeded(a.dataSource)).toBe(true);
    const again = await seedSocialServices(a.dataSource, { persons: 50, seed: 99 });
    expect(again.skipped).toBe(true);
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect(await dumpHash(a.dataSource, SEED_TABLES)).toBe(before);
  });

  it('leaves nothing behind when seeding fails, and gives identical rows for the same seed', async () => {
    const keys = await foreignKeyCount(b.dataSource);
    expect(await isSeeded(b.dataSource)).toBe(false);
    await expect(seedSocialServices(b.dataSource, {
      persons: 40,
      seed: SEED,
      onProgress: () => {
        throw new Error('crash while seeding');
      },
    })).rejects.toThrow('crash while seeding');
    expect(await isSeeded(b.dataSource)).toBe(false);
    expect(await count(b.dataSource, 'SELECT count(*) AS n FROM person')).toBe(0);
    expect(await foreignKeyCount(b.dataSource)).toBe(keys);

    const rerun = await seedSocialServices(b.dataSource, { persons: PERSONS, seed: SEED });
    expect(rerun.counts).toEqual(summary.counts);
    expect(await dumpHash(b.dataSource, SEED_TABLES)).toBe(await dumpHash(a.dataSource, SEED_TABLES));
    expect(await foreignKeyCount(b.dataSource)).toBe(keys);
  }, 120_000);
});
