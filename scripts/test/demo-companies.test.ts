import { atecoCode, dropDatabase, municipalityByCadastralCode, openDatabase, validatePartitaIva, type Database } from '@intreccio/shared';
import { companies, entities, MAX_INTERNS_PER_TUTOR, MIN_ATECO_LEVEL } from '@intreccio/companies';
import {
  COMPANY_SEED_TABLES, DEMO_MAX_MONTHS, DEMO_MIN_WEEKLY_HOURS, isCompaniesSeeded, networkStaff, seedCompanies, type CompanySeedSummary,
} from '../src/demo/companies';
import { DEMO_COMPANIES, DEMO_ORGANISATIONS, DEMO_PROGRAMMES, REFERENCE_DATE, SECTOR_OCCUPATIONS, demoOutcomes, demoPathway } from '../src/demo';
import { count, dumpHash, scratchUrl } from './scratch';

const PERSONS = 300;
const SEED = 7;

const urlA = scratchUrl('seed_companies_test', 'a');
const urlB = scratchUrl('seed_companies_test', 'b');
let a: Database;
let b: Database;
let summary: CompanySeedSummary;

function open(url: string): Promise<Database> {
  return openDatabase({ url, entities, migrations: companies.migrations, poolSize: 2 });
}

const expected = Array.from({ length: PERSONS }, (_, i) => {
  const pathway = demoPathway(i, SEED);
  return { pathway, internship: demoOutcomes(pathway, SEED).internship };
}).filter((e) => e.internship);

beforeAll(async () => {
  a = await open(urlA);
  b = await open(urlB);
  summary = await seedCompanies(a.dataSource, { persons: PERSONS, seed: SEED });
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await dropDatabase(urlA);
  await dropDatabase(urlB);
});

describe('seedCompanies', () => {
  it('writes the counts it reports, with the catalogue companies and the programmes’ rules', async () => {
    const ds = a.dataSource;
    expect(summary.skipped).toBe(false);
    for (const table of COMPANY_SEED_TABLES) {
      expect({ table, rows: await count(ds, `SELECT count(*) AS n FROM ${table}`) }).toEqual({ table, rows: summary.counts[table] });
    }
    expect(summary.counts.company).toBe(DEMO_COMPANIES.length);
    expect(summary.counts.internship).toBe(expected.length);
    expect(summary.counts.internship).toBeGreaterThan(PERSONS / 4);
    for (const table of ['allowance_payment', 'tutoring_visit', 'scouting_visit', 'opportunity'] as const) expect(summary.counts[table]).toBeGreaterThan(0);

    const rows: any[] = await ds.query('SELECT * FROM company');
    for (const c of DEMO_COMPANIES) {
      expect(rows.find((r) => r.id === c.id)).toMatchObject({
        name: c.name, vat_number: c.vatNumber, ateco_code: c.atecoCode, size_class: c.sizeClass, municipality_code: c.municipalityCode,
        social_cooperative_type_b: c.socialCooperativeTypeB, listed_in_directory: c.listedInDirectory,
        solidarity_network_member: c.solidarityNetworkMember, organisation_id: c.organisationId,
      });
    }
    const rules: any[] = await ds.query('SELECT * FROM internship_rules');
    expect(rules).toHaveLength(DEMO_PROGRAMMES.length);
    for (const p of DEMO_PROGRAMMES) {
      expect(rules.find((r) => r.programme_id === p.id)).toMatchObject({
        allowance_min_cents: p.allowanceMinCents, allowance_max_cents: p.allowanceMaxCents, min_weekly_hours: DEMO_MIN_WEEKLY_HOURS,
        max_weekly_hours: p.internshipMaxWeeklyHours, max_months: DEMO_MAX_MONTHS,
      });
    }
  });

  it('stores valid VAT numbers and ATECO codes of class level or finer', async () => {
    const rows: { vat_number: string; ateco_code: string; municipality_code: string }[] = await a.dataSource.query('SELECT vat_number, ateco_code, municipality_code FROM company');
    for (const r of rows) {
      expect({ vat: r.vat_number, problems: validatePartitaIva(r.vat_number) }).toEqual({ vat: r.vat_number, problems: [] });
      expect(atecoCode(r.ateco_code)?.level).toBeGreaterThanOrEqual(MIN_ATECO_LEVEL);
      expect(municipalityByCadastralCode(r.municipality_code)).toBeDefined();
    }
  });

  it('writes exactly the internships of the pathways, with the programme’s company network as promoter', async () => {
    const rows: any[] = await a.dataSource.query('SELECT * FROM internship');
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { pathway, internship: x } of expected) {
      const network = DEMO_ORGANISATIONS.find((o) => o.kind === 'COMPANY_NETWORK' && o.programmeCodes[0] === pathway.programmeCode)!;
      expect(byId.get(x!.id)).toMatchObject({
        person_id: pathway.person.id, programme_id: x!.programmeId, company_id: x!.company.id, promoter_organisation_id: network.id,
        plan_step_id: pathway.plan!.steps.find((st) => st.kind === 'INTERNSHIP' && st.hostCompanyKey)!.id,
        start_date: x!.startDate, end_date: x!.endDate, weekly_hours: x!.weeklyHours, monthly_allowance_cents: x!.monthlyAllowanceCents,
        status: x!.status, outcome: x!.outcome, occupation_uri: x!.occupationUri,
        interrupted_on: x!.status === 'INTERRUPTED' ? x!.endedOn : null,
      });
      expect(networkStaff(network)).toContain(byId.get(x!.id).promoter_tutor_name);
    }
    const statuses = new Set(rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['ACTIVE', 'COMPLETED', 'INTERRUPTED', 'PLANNED', 'SUSPENDED'].filter((s) => expected.some((e) => e.internship!.status === s)));
  });

  it('keeps the rules: within the programme’s bounds, no overlaps, tutors of the host company with at most three interns at a time', async () => {
    const ds = a.dataSource;
    const violations: Record<string, string> = {
      'outside the programme’s rules': `
        SELECT count(*) AS n FROM internship i JOIN internship_rules r USING (programme_id)
         WHERE i.monthly_allowance_cents NOT BETWEEN r.allowance_min_cents AND r.allowance_max_cents
            OR i.weekly_hours NOT BETWEEN r.min_weekly_hours AND r.max_weekly_hours
            OR i.end_date >= i.start_date + make_interval(months => r.max_months)`,
      'overlapping internships of one person': `
        SELECT count(*) AS n FROM internship i JOIN internship j ON j.person_id = i.person_id AND j.id < i.id
         WHERE i.start_date <= coalesce(j.interrupted_on, j.end_date) AND j.start_date <= coalesce(i.interrupted_on, i.end_date)`,
      'tutors of another company': `
        SELECT count(*) AS n FROM internship i JOIN company_tutor t ON t.id = i.company_tutor_id WHERE t.company_id <> i.company_id OR NOT t.active`,
      'tutors with too many live interns': `
        SELECT count(*) AS n FROM internship i
         WHERE i.status IN ('PLANNED','ACTIVE','SUSPENDED')
           AND (SELECT count(*) FROM internship j
                 WHERE j.company_tutor_id = i.company_tutor_id AND j.status IN ('PLANNED','ACTIVE','SUSPENDED')
                   AND j.start_date <= i.start_date AND j.end_date >= i.start_date) > ${MAX_INTERNS_PER_TUTOR}`,
      'started internships without a start, or planned ones with one': `
        SELECT count(*) AS n FROM internship WHERE (status = 'PLANNED') = (started_on IS NOT NULL)`,
    };
    for (const [rule, sql] of Object.entries(violations)) {
      expect({ rule, violations: await count(ds, sql) }).toEqual({ rule, violations: 0 });
    }
    const perCompany: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM company_tutor GROUP BY company_id');
    expect(perCompany).toHaveLength(DEMO_COMPANIES.length);
    expect(perCompany.every((r) => r.n >= 1)).toBe(true);
  });

  it('pays allowances once a month, within the internship, up to the allowance, by the reference date', async () => {
    const ds = a.dataSource;
    const violations: Record<string, string> = {
      'a month paid twice': 'SELECT count(*) AS n FROM (SELECT internship_id, month FROM allowance_payment GROUP BY 1, 2 HAVING count(*) > 1) d',
      'a month outside the internship, or too much': `
        SELECT count(*) AS n FROM allowance_payment p JOIN internship i ON i.id = p.internship_id
         WHERE i.status = 'PLANNED' OR p.amount_cents > i.monthly_allowance_cents OR p.amount_cents <= 0
            OR (p.month || '-01')::date > coalesce(i.interrupted_on, i.end_date)
            OR ((p.month || '-01')::date + interval '1 month' - interval '1 day')::date < i.started_on
            OR p.paid_on < (p.month || '-01')::date OR p.paid_on > $1::date OR p.programme_id <> i.programme_id`,
      'a tutoring visit outside the internship': `
        SELECT count(*) AS n FROM tutoring_visit v JOIN internship i ON i.id = v.internship_id
         WHERE v.visited_on < i.started_on OR v.visited_on > coalesce(i.interrupted_on, i.end_date) OR v.visited_on > $1::date
            OR v.hours <= 0 OR v.hours > 8 OR v.programme_id <> i.programme_id`,
    };
    for (const [rule, sql] of Object.entries(violations)) {
      expect({ rule, violations: await count(ds, sql, sql.includes('$1') ? [REFERENCE_DATE] : []) }).toEqual({ rule, violations: 0 });
    }
    // Every completed internship was paid for each month it ran (the last one pro rata).
    expect(await count(ds, `
      SELECT count(*) AS n FROM internship i
       WHERE i.status = 'COMPLETED' AND i.end_date < $1::date - 45
         AND (SELECT count(*) FROM allowance_payment p WHERE p.internship_id = i.id)
             <> (date_part('year', age(date_trunc('month', i.end_date), date_trunc('month', i.started_on))) * 12
                 + date_part('month', age(date_trunc('month', i.end_date), date_trunc('month', i.started_on))) + 1)`, [REFERENCE_DATE])).toBe(0);
  });

  it('scouts every company, finding opportunities in its sector’s occupations', async () => {
    const ds = a.dataSource;
    expect(await count(ds, 'SELECT count(DISTINCT company_id) AS n FROM scouting_visit')).toBe(DEMO_COMPANIES.length);
    const opportunities: { company_id: string; occupation_uri: string; found_on: string }[] = await ds.query('SELECT company_id, occupation_uri, found_on FROM opportunity');
    for (const o of opportunities) {
      const company = DEMO_COMPANIES.find((c) => c.id === o.company_id)!;
      expect(SECTOR_OCCUPATIONS[company.sector]).toContain(o.occupation_uri);
      expect(o.found_on <= REFERENCE_DATE).toBe(true);
    }
  });

  it('is a no-op on a database that already holds companies', async () => {
    const before = await dumpHash(a.dataSource, COMPANY_SEED_TABLES, (t) => (t === 'internship_rules' ? 'programme_id' : 'id'));
    expect(await isCompaniesSeeded(a.dataSource)).toBe(true);
    const again = await seedCompanies(a.dataSource, { persons: 50, seed: 99 });
    expect(again.skipped).toBe(true);
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect(await dumpHash(a.dataSource, COMPANY_SEED_TABLES, (t) => (t === 'internship_rules' ? 'programme_id' : 'id'))).toBe(before);
  });

  it('leaves nothing behind when it fails, and gives identical rows for the same seed', async () => {
    await expect(seedCompanies(b.dataSource, {
      persons: 40,
      seed: SEED,
      onProgress: () => {
        throw new Error('crash while seeding');
      },
    })).rejects.toThrow('crash while seeding');
    expect(await isCompaniesSeeded(b.dataSource)).toBe(false);
    expect(await count(b.dataSource, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'")).toBe(await count(a.dataSource, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'"));

    const rerun = await seedCompanies(b.dataSource, { persons: PERSONS, seed: SEED });
    expect(rerun.counts).toEqual(summary.counts);
    expect(await dumpHash(b.dataSource, COMPANY_SEED_TABLES, (t) => (t === 'internship_rules' ? 'programme_id' : 'id'))).toBe(await dumpHash(a.dataSource, COMPANY_SEED_TABLES, (t) => (t === 'internship_rules' ? 'programme_id' : 'id')));
  }, 120_000);
});
