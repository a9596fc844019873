import { dropDatabase, escoOccupation, escoSkill, openDatabase, type Database } from '@intreccio/shared';
import { employmentCentre, entities } from '@intreccio/employment-centre';
import { DEMO_COMPANIES, DEMO_PROGRAMMES, demoOutcomes, demoPathway, REFERENCE_DATE } from '../src/demo';
import {
  EMPLOYMENT_CENTRE_TABLES, isEmploymentCentreSeeded, seedEmploymentCentre, type EmploymentCentreSeedSummary,
} from '../src/demo/employment-centre';
import { count, dumpHash, scratchUrl } from './scratch';

const PERSONS = 300;
const SEED = 7;

const urlA = scratchUrl('seed_test_ec', 'a');
const urlB = scratchUrl('seed_test_ec', 'b');
let a: Database;
let b: Database;
let summary: EmploymentCentreSeedSummary;

const open = (url: string) => openDatabase({ url, entities, migrations: employmentCentre.migrations, poolSize: 2 });

const pathways = Array.from({ length: PERSONS }, (_, i) => demoPathway(i, SEED));
const hires = pathways.map((p) => demoOutcomes(p, SEED).hire).filter((h) => h !== null);

beforeAll(async () => {
  a = await open(urlA);
  b = await open(urlB);
  summary = await seedEmploymentCentre(a.dataSource, { persons: PERSONS, seed: SEED });
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await dropDatabase(urlA);
  await dropDatabase(urlB);
});

describe('seedEmploymentCentre', () => {
  it('writes every table, with the hires and follow-ups of the outcomes exactly', async () => {
    const ds = a.dataSource;
    expect(summary.skipped).toBe(false);
    for (const table of EMPLOYMENT_CENTRE_TABLES) {
      expect({ table, rows: await count(ds, `SELECT count(*) AS n FROM ${table}`) }).toEqual({ table, rows: summary.counts[table] });
      expect({ table, some: summary.counts[table]! > 0 }).toEqual({ table, some: true });
    }
    expect(summary.counts.hire).toBe(hires.length);
    expect(summary.counts.follow_up_check).toBe(hires.reduce((n, h) => n + h.followUps.length, 0));
    const stored: { id: string; person_id: string; company_id: string; start_date: string; contract_type: string; gross_monthly_wage_cents: number }[] =
      await ds.query('SELECT id, person_id, company_id, start_date, contract_type, gross_monthly_wage_cents FROM hire');
    const byId = new Map(stored.map((h) => [h.id, h]));
    for (const hire of hires) {
      expect(byId.get(hire.id)).toMatchObject({
        company_id: hire.company.id, start_date: hire.startDate, contract_type: hire.contractType, gross_monthly_wage_cents: hire.grossMonthlyWageCents,
      });
    }
    const companies = new Set(DEMO_COMPANIES.map((c) => c.id));
    expect(stored.every((h) => companies.has(h.company_id))).toBe(true);
  });

  it('registers most people of the network as job seekers, everyone hired among them', async () => {
    const ds = a.dataSource;
    const profiles = await count(ds, 'SELECT count(*) AS n FROM job_seeker_profile');
    expect(profiles / PERSONS).toBeGreaterThan(0.6);
    expect(profiles).toBeLessThanOrEqual(PERSONS);
    expect(await count(ds, 'SELECT count(*) AS n FROM hire h WHERE NOT EXISTS (SELECT 1 FROM job_seeker_profile p WHERE p.person_id = h.person_id)')).toBe(0);
    const residence = new Map(pathways.map((p) => [p.person.id, p.person.residenceMunicipalityCode]));
    const domiciles: { person_id: string; domicile_municipality_code: string }[] = await ds.query('SELECT person_id, domicile_municipality_code FROM job_seeker_profile');
    expect(domiciles.every((d) => residence.get(d.person_id) === d.domicile_municipality_code)).toBe(true);
  });

  it('keeps dates in order and none after the reference date', async () => {
    const ds = a.dataSource;
    const violations: Record<string, string> = {
      'follow-ups after the reference date or before start + months': `
        SELECT count(*) AS n FROM follow_up_check f JOIN hire h ON h.id = f.hire_id
         WHERE f.checked_on > $1::date OR f.checked_on < h.start_date + make_interval(months => f.months_after)`,
      'records after the reference date': `
        SELECT (SELECT count(*) FROM job_seeker_profile WHERE registered_on > $1::date)
             + (SELECT count(*) FROM skill_record WHERE recorded_on > $1::date)
             + (SELECT count(*) FROM orientation_session WHERE held_on > $1::date)
             + (SELECT count(*) FROM skills_assessment WHERE started_on > $1::date OR completed_on > $1::date)
             + (SELECT count(*) FROM work_experience WHERE end_date > $1::date)
             + (SELECT count(*) FROM vacancy WHERE opened_on > $1::date OR closed_on > $1::date) AS n`,
      'sessions and assessments before the registration': `
        SELECT (SELECT count(*) FROM orientation_session s JOIN job_seeker_profile p USING (person_id, programme_id) WHERE s.held_on < p.registered_on)
             + (SELECT count(*) FROM skills_assessment s JOIN job_seeker_profile p USING (person_id, programme_id) WHERE s.started_on < p.registered_on) AS n`,
      'hires through a vacancy of another company or opened later': `
        SELECT count(*) AS n FROM hire h JOIN vacancy v ON v.id = h.vacancy_id WHERE v.company_id <> h.company_id OR v.opened_on > h.start_date`,
      'assessed skills not recorded on the person': `
        SELECT count(*) AS n FROM skills_assessment s, jsonb_array_elements(s.assessed_skills) AS e
         WHERE NOT EXISTS (SELECT 1 FROM skill_record r WHERE r.person_id = s.person_id AND r.skill_uri = e->>'uri' AND r.source = 'SKILLS_ASSESSMENT')`,
    };
    for (const [rule, sql] of Object.entries(violations)) {
      expect({ rule, violations: await count(ds, sql, sql.includes('$1') ? [REFERENCE_DATE] : []) }).toEqual({ rule, violations: 0 });
    }
  });

  it('stores only real ESCO URIs', async () => {
    const ds = a.dataSource;
    const rows: { kind: 'skill' | 'occupation'; uri: string }[] = await ds.query(`
      SELECT DISTINCT 'skill' AS kind, uri FROM (
        SELECT skill_uri AS uri FROM skill_record
        UNION SELECT unnest(required_skills) FROM vacancy UNION SELECT unnest(optional_skills) FROM vacancy
        UNION SELECT e->>'uri' FROM skills_assessment, jsonb_array_elements(assessed_skills) AS e) s
      UNION
      SELECT DISTINCT 'occupation', uri FROM (
        SELECT unnest(desired_occupations) AS uri FROM job_seeker_profile UNION SELECT occupation_uri FROM vacancy
        UNION SELECT occupation_uri FROM hire UNION SELECT occupation_uri FROM work_experience WHERE occupation_uri IS NOT NULL) o`);
    expect(rows.length).toBeGreaterThan(50);
    const unknown = rows.filter((r) => (r.kind === 'skill' ? !escoSkill(r.uri) : !escoOccupation(r.uri)));
    expect(unknown).toEqual([]);
  });

  it('gives every company open and closed vacancies whose skills people partly have', async () => {
    const ds = a.dataSource;
    const perCompany: { company_id: string; open: string; closed: string }[] = await ds.query(
      `SELECT company_id, count(*) FILTER (WHERE status = 'OPEN') AS open, count(*) FILTER (WHERE status = 'CLOSED') AS closed FROM vacancy GROUP BY company_id`,
    );
    expect(perCompany.map((r) => r.company_id).sort()).toEqual(DEMO_COMPANIES.map((c) => c.id).sort());
    expect(perCompany.every((r) => Number(r.open) >= 1)).toBe(true);
    expect(perCompany.reduce((n, r) => n + Number(r.closed), 0)).toBeGreaterThan(0);
    const dated: { programme_id: string; opened_on: string }[] = await ds.query('SELECT programme_id, opened_on FROM vacancy');
    const starts = new Map(DEMO_PROGRAMMES.map((p) => [p.id, p.startDate]));
    expect(dated.filter((v) => !starts.has(v.programme_id) || v.opened_on < starts.get(v.programme_id)!)).toEqual([]);
    // Matching has something to explain: open vacancies whose required skills some job seeker has in part only.
    const partial = await count(ds, `
      SELECT count(DISTINCT v.id) AS n FROM vacancy v
        JOIN LATERAL (
          SELECT r.person_id, count(*) AS held FROM skill_record r WHERE r.skill_uri = ANY (v.required_skills) GROUP BY r.person_id
        ) h ON h.held BETWEEN 1 AND cardinality(v.required_skills) - 1
       WHERE v.status = 'OPEN'`);
    expect(partial).toBeGreaterThan(10);
  });

  it('is a no-op on a database that already holds the data', async () => {
    const before = await dumpHash(a.dataSource, EMPLOYMENT_CENTRE_TABLES);
    expect(await isEmploymentCentreSeeded(a.dataSource)).toBe(true);
    const again = await seedEmploymentCentre(a.dataSource, { persons: 50, seed: 99 });
    expect(again.skipped).toBe(true);
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect(await dumpHash(a.dataSource, EMPLOYMENT_CENTRE_TABLES)).toBe(before);
  });

  it('leaves nothing behind when it fails, and gives identical rows for the same seed', async () => {
    const indexes = await count(b.dataSource, "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'public'");
    expect(await isEmploymentCentreSeeded(b.dataSource)).toBe(false);
    await expect(seedEmploymentCentre(b.dataSource, {
      persons: 40,
      seed: SEED,
      onProgress: () => {
        throw new Error('crash while seeding');
      },
    })).rejects.toThrow('crash while seeding');
    expect(await isEmploymentCentreSeeded(b.dataSource)).toBe(false);
    expect(await count(b.dataSource, "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'public'")).toBe(indexes);

    const rerun = await seedEmploymentCentre(b.dataSource, { persons: PERSONS, seed: SEED });
    expect(rerun.counts).toEqual(summary.counts);
    expect(await dumpHash(b.dataSource, EMPLOYMENT_CENTRE_TABLES)).toBe(await dumpHash(a.dataSource, EMPLOYMENT_CENTRE_TABLES));
    expect(await count(b.dataSource, "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'public'")).toBe(indexes);
  }, 120_000);
});
