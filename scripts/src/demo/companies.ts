import { escoOccupation } from '@intreccio/shared';
import { MAX_INTERNS_PER_TUTOR } from '@intreccio/companies';
import type { DataSource, QueryRunner } from 'typeorm';
import { arrayLiteral, restoreConstraints, suspendConstraints, analyse } from './bulk-load';
import { DEMO_COMPANIES, SECTOR_OCCUPATIONS, type DemoCompany } from './catalogue';
import { dayNumber, isoDate, REFERENCE_DAY, workday } from './dates';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES, type DemoOrganisation, type DemoProgramme, type Sector } from './demo-network';
import { deterministicUuid } from './ids';
import { NAME_POOLS } from './names';
import { demoOutcomes, type DemoInternship } from './outcomes';
import { DEFAULT_SEED, demoPathway } from './pathway';
import { hashString, mix32, Random } from './random';

/**
 * The company network's demo data: the catalogue's companies with their tutors, scouting visits and
 * opportunities, each programme's internship rules, and the internships of `demoOutcomes` with their
 * allowance payments and tutoring visits. It tells the same story as the social-services seeder (the
 * same people, internship ids and host companies) without reading its database.
 */

export const COMPANY_SEED_TABLES = [
  'company', 'company_tutor', 'scouting_visit', 'opportunity', 'internship_rules', 'internship', 'allowance_payment', 'tutoring_visit',
] as const;
export type CompanySeedTable = (typeof COMPANY_SEED_TABLES)[number];

export interface CompanySeedOptions {
  /** How many people's pathways to follow: the same count given to the social-services seeder. */
  persons: number;
  seed?: number;
  /**
   * Called after each batch of internships is written, with the number of people covered so far, the
   * last time just before the commit. A callback that throws aborts the seed and nothing is kept.
   */
  onProgress?: (done: number) => void;
}

export interface CompanySeedSummary {
  /** True when the database already held companies, so nothing was written. */
  skipped: boolean;
  seed: number;
  counts: Record<CompanySeedTable, number>;
}

/** Internship rules the demo programmes did not state: their internships run 20 to 30 hours for at most 9 months. */
export const DEMO_MIN_WEEKLY_HOURS = 20;
export const DEMO_MAX_MONTHS = 12;

const SEED_LOCK = 7_324_104;
const ROWS_PER_STATEMENT = 5000;
const INTERNSHIPS_PER_BATCH = 5000;

const id = (kind: string, key: string | number) => deterministicUuid(`companies:${kind}`, key);

export async function isCompaniesSeeded(dataSource: DataSource): Promise<boolean> {
  const rows: { seeded: boolean }[] = await dataSource.query('SELECT EXISTS (SELECT 1 FROM company) AS seeded');
  return rows[0].seeded;
}

// ---------------------------------------------------------------------------------------------
// Column-wise bulk inserts: one array parameter per column, unnested by the server.

type SqlType = 'uuid' | 'text' | 'date' | 'int' | 'numeric' | 'boolean' | 'timestamptz';

class Rows {
  readonly columns: unknown[][];
  private readonly sql: string;

  constructor(readonly table: CompanySeedTable, private readonly types: readonly (readonly [string, SqlType])[]) {
    this.columns = types.map(() => []);
    const names = types.map(([name]) => name).join(', ');
    const params = types.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    this.sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${params})`;
  }

  get length(): number {
    return this.columns[0].length;
  }

  push(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.columns[i].push(values[i]);
  }

  async write(runner: QueryRunner, counts: Record<CompanySeedTable, number>): Promise<void> {
    for (let from = 0; from < this.length; from += ROWS_PER_STATEMENT) {
      const to = Math.min(from + ROWS_PER_STATEMENT, this.length);
      const parameters = this.columns.map((column, i) => arrayLiteral(column, from, to, this.types[i][1] === 'text'));
      try {
        await runner.query(this.sql, parameters);
      } catch (err) {
        // The driver's error would carry every parameter: thousands of rows.
        throw new Error(`Seeding ${this.table} failed: ${(err as Error).message}`);
      }
    }
    counts[this.table] += this.length;
    for (const column of this.columns) column.length = 0;
  }
}

function tables() {
  return {
    company: new Rows('company', [
      ['id', 'uuid'], ['name', 'text'], ['vat_number', 'text'], ['ateco_code', 'text'], ['size_class', 'text'], ['municipality_code', 'text'],
      ['social_cooperative_type_b', 'boolean'], ['listed_in_directory', 'boolean'], ['solidarity_network_member', 'boolean'], ['organisation_id', 'uuid'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    internship_rules: new Rows('internship_rules', [
      ['programme_id', 'uuid'], ['allowance_min_cents', 'int'], ['allowance_max_cents', 'int'], ['min_weekly_hours', 'int'], ['max_weekly_hours', 'int'],
      ['max_months', 'int'], ['updated_at', 'timestamptz'],
    ]),
    company_tutor: new Rows('company_tutor', [
      ['id', 'uuid'], ['company_id', 'uuid'], ['name', 'text'], ['role', 'text'], ['email', 'text'], ['phone', 'text'], ['active', 'boolean'], ['created_at', 'timestamptz'],
    ]),
    scouting_visit: new Rows('scouting_visit', [
      ['id', 'uuid'], ['company_id', 'uuid'], ['programme_id', 'uuid'], ['visited_on', 'date'], ['operator_name', 'text'], ['outcome', 'text'], ['notes', 'text'],
      ['created_at', 'timestamptz'],
    ]),
    opportunity: new Rows('opportunity', [
      ['id', 'uuid'], ['company_id', 'uuid'], ['programme_id', 'uuid'], ['scouting_visit_id', 'uuid'], ['found_on', 'date'], ['kind', 'text'],
      ['occupation_uri', 'text'], ['positions', 'int'], ['status', 'text'], ['description', 'text'], ['created_at', 'timestamptz'],
    ]),
    internship: new Rows('internship', [
      ['id', 'uuid'], ['person_id', 'uuid'], ['programme_id', 'uuid'], ['plan_step_id', 'uuid'], ['promoter_organisation_id', 'uuid'], ['company_id', 'uuid'],
      ['company_tutor_id', 'uuid'], ['promoter_tutor_name', 'text'], ['opportunity_id', 'uuid'], ['occupation_uri', 'text'], ['start_date', 'date'], ['end_date', 'date'],
      ['weekly_hours', 'int'], ['monthly_allowance_cents', 'int'], ['status', 'text'], ['outcome', 'text'], ['started_on', 'date'], ['interrupted_on', 'date'],
      ['interruption_reason', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    allowance_payment: new Rows('allowance_payment', [
      ['id', 'uuid'], ['internship_id', 'uuid'], ['programme_id', 'uuid'], ['month', 'text'], ['amount_cents', 'int'], ['paid_on', 'date'], ['created_at', 'timestamptz'],
    ]),
    tutoring_visit: new Rows('tutoring_visit', [
      ['id', 'uuid'], ['internship_id', 'uuid'], ['programme_id', 'uuid'], ['visited_on', 'date'], ['tutor_kind', 'text'], ['hours', 'numeric'], ['notes', 'text'],
      ['created_at', 'timestamptz'],
    ]),
  };
}
type Tables = ReturnType<typeof tables>;

// ---------------------------------------------------------------------------------------------
// The network around the companies

function programmeOf(code: string): DemoProgramme {
  return DEMO_PROGRAMMES.find((p) => p.code === code)!;
}

function companyNetworkOf(programme: DemoProgramme): DemoOrganisation {
  const network = programme.partners
    .map((p) => DEMO_ORGANISATIONS.find((o) => o.key === p.organisationKey))
    .find((o) => o?.kind === 'COMPANY_NETWORK');
  if (!network) throw new Error(`Demo programme ${programme.code} has no company network`);
  return network;
}

/**
 * The company network's operators: the same staff list the social-services demo draws for the
 * organisation (pathway.ts), so the operators on people's case teams are the ones who scout
 * companies and tutor interns.
 */
export function networkStaff(organisation: DemoOrganisation): string[] {
  const random = new Random(hashString(`staff/${organisation.key}`));
  const names = new Set<string>();
  while (names.size < 6) {
    const female = random.chance(0.7);
    const pool = NAME_POOLS.italian;
    names.add(`${random.pick(female ? pool.female : pool.male)} ${random.pick(pool.family)}`);
  }
  return [...names];
}

const TUTOR_ROLES: Readonly<Record<Sector, readonly string[]>> = {
  HOSPITALITY: ['Head chef', 'Front office manager', 'Housekeeping supervisor', 'Restaurant manager'],
  LOGISTICS: ['Warehouse supervisor', 'Shift leader', 'Logistics coordinator'],
  MANUFACTURING: ['Workshop manager', 'Master craftsman', 'Production supervisor'],
  GREEN_MAINTENANCE: ['Team leader', 'Site supervisor', 'Social cooperative coordinator'],
  CARE: ['Care coordinator', 'Head nurse', 'Service coordinator'],
  RETAIL: ['Store manager', 'Department head', 'Shift supervisor'],
};

const INTERRUPTION_REASONS = [
  'The intern withdrew for family reasons',
  'Health problems incompatible with the tasks',
  'Repeated absences without notice',
  'The intern moved out of the territory',
  'The company reorganised the department',
  'The intern found another job',
] as const;

const TUTORING_NOTES = [
  'Tasks and timetable checked with the company tutor; the intern is settling in',
  'Progress on the training project reviewed; no critical issues',
  'Interview with the intern on motivation and relations at work',
  'Attendance and allowance reviewed; next goals agreed',
  'Skills acquired recorded for the final certification',
] as const;

const VISIT_NOTES: Readonly<Record<'INTERESTED' | 'NOT_INTERESTED' | 'FOLLOW_UP_NEEDED', readonly string[]>> = {
  INTERESTED: [
    'Met the owner; open to hosting interns and to hiring after a trial period',
    'Presented the programme and the incentives; the company will take people from the network',
  ],
  NOT_INTERESTED: ['No staff needs this year; to be contacted again next season', 'The company has no one available to tutor an intern'],
  FOLLOW_UP_NEEDED: ['Interested, waiting for the seasonal staffing plan', 'To meet the HR manager before committing'],
};

const KIND_TEXT = { DIRECT_HIRE: 'Hiring', INTERNSHIP: 'Internship', INDIRECT: 'Through a supplier or a social clause' } as const;

function instant(day: string, hour: number): string {
  return `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}

// ---------------------------------------------------------------------------------------------
// Tutors

interface Tutor {
  id: string;
  name: string;
  role: string;
  /** End days of the live internships assigned so far, pruned as assignment moves forward in time. */
  liveEnds: number[];
}

class CompanyTutors {
  readonly tutors: Tutor[] = [];

  constructor(private readonly company: DemoCompany, private readonly seed: number) {
    const base = new Random(mix32(seed, hashString(company.key), 0x7070)).int(1, 3);
    for (let n = 0; n < base; n++) this.add();
  }

  add(): Tutor {
    const n = this.tutors.length;
    const random = new Random(mix32(this.seed, hashString(this.company.key), n));
    const pool = NAME_POOLS.italian;
    const tutor: Tutor = {
      id: id('tutor', `${this.company.key}/${n}`),
      name: `${random.pick(random.chance(0.5) ? pool.female : pool.male)} ${random.pick(pool.family)}`,
      role: random.pick(TUTOR_ROLES[this.company.sector]),
      liveEnds: [],
    };
    this.tutors.push(tutor);
    return tutor;
  }

  /**
   * A tutor for a live internship, taken in order of start: the first, from a deterministic place in
   * the list, with fewer than the allowed interns on the start day. Internships already assigned all
   * started earlier, so those still running on the start day are the only ones that can overlap it.
   * When every tutor is full, the company gets another one.
   */
  forLive(start: number, end: number, pick: number): Tutor {
    const count = this.tutors.length;
    for (let k = 0; k < count; k++) {
      const tutor = this.tutors[(pick + k) % count];
      tutor.liveEnds = tutor.liveEnds.filter((e) => e >= start);
      if (tutor.liveEnds.length < MAX_INTERNS_PER_TUTOR) {
        tutor.liveEnds.push(end);
        return tutor;
      }
    }
    const tutor = this.add();
    tutor.liveEnds.push(end);
    return tutor;
  }

  /** Finished internships weigh on no one's count now; they went to the company's first tutors. */
  forFinished(pick: number): Tutor {
    return this.tutors[pick % Math.min(this.tutors.length, 3)];
  }
}

// ---------------------------------------------------------------------------------------------
// Internships from the pathways

interface SeededInternship {
  index: number;
  personId: string;
  internship: DemoInternship;
  promoterTutorName: string;
  createdOn: string;
  tutorId?: string;
}

const LIVE = new Set(['PLANNED', 'ACTIVE', 'SUSPENDED']);

function collectInternships(persons: number, seed: number): SeededInternship[] {
  const found: SeededInternship[] = [];
  const staff = new Map<string, string[]>();
  for (let i = 0; i < persons; i++) {
    const pathway = demoPathway(i, seed);
    const { internship } = demoOutcomes(pathway, seed);
    if (!internship) continue;
    const network = companyNetworkOf(programmeOf(pathway.programmeCode));
    if (!staff.has(network.key)) staff.set(network.key, networkStaff(network));
    // The company-network operator on the person's case team follows the internship as promoter tutor.
    const onTeam = pathway.team.find((m) => m.role === 'COMPANY_NETWORK_OPERATOR')?.operatorName;
    const names = staff.get(network.key)!;
    found.push({
      index: i,
      personId: pathway.person.id,
      internship,
      promoterTutorName: onTeam ?? names[mix32(seed, i, 0x9707) % names.length],
      createdOn: pathway.plan!.signedOn!,
    });
  }
  return found;
}

function assignTutors(internships: SeededInternship[], tutors: Map<string, CompanyTutors>, seed: number): void {
  const live = internships.filter((s) => LIVE.has(s.internship.status));
  live.sort((a, b) => (a.internship.startDate < b.internship.startDate ? -1 : a.internship.startDate > b.internship.startDate ? 1 : a.index - b.index));
  for (const s of live) {
    const pool = tutors.get(s.internship.company.key)!;
    s.tutorId = pool.forLive(dayNumber(s.internship.startDate), dayNumber(s.internship.endDate), mix32(seed, s.index, 0x7071)).id;
  }
  for (const s of internships) {
    if (!s.tutorId) s.tutorId = tutors.get(s.internship.company.key)!.forFinished(mix32(seed, s.index, 0x7072)).id;
  }
}

function monthStart(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
}

function nextMonthStart(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000;
}

function addInternship(t: Tables, s: SeededInternship, promoterId: string, seed: number): void {
  const x = s.internship;
  const random = new Random(mix32(seed, s.index, 0x1a7e));
  const started = x.status !== 'PLANNED';
  const interrupted = x.status === 'INTERRUPTED';
  const lastDay = interrupted ? x.endedOn! : x.endDate;
  const created = instant(s.createdOn, 10);
  t.internship.push(
    x.id, s.personId, x.programmeId, x.planStepId, promoterId, x.company.id, s.tutorId, s.promoterTutorName, null, x.occupationUri, x.startDate, x.endDate,
    x.weeklyHours, x.monthlyAllowanceCents, x.status, x.outcome, started ? x.startDate : null, interrupted ? lastDay : null,
    interrupted ? (x.outcome === 'HIRED' ? 'Hired by the company before the planned end' : random.pick(INTERRUPTION_REASONS)) : null, created, created,
  );
  if (!started) return;
  const from = dayNumber(x.startDate);
  const to = dayNumber(lastDay);

  // Allowances are paid on the 10th (or the next working day) of the month after, for the days the
  // internship ran in that month: pro rata in the first and last month.
  for (let month = monthStart(from); month <= to; month = nextMonthStart(month)) {
    const paidOn = workday(nextMonthStart(month) + 9);
    if (paidOn > REFERENCE_DAY) break;
    const next = nextMonthStart(month);
    const days = Math.min(to, next - 1) - Math.max(from, month) + 1;
    const amount = Math.round((x.monthlyAllowanceCents * days) / (next - month));
    const label = isoDate(month).slice(0, 7);
    t.allowance_payment.push(id('allowance-payment', `${s.index}/${label}`), x.id, x.programmeId, label, amount, isoDate(paidOn), instant(isoDate(paidOn), 11));
  }

  // The promoter's tutor visits about monthly; every third contact is the company tutor's report.
  const until = Math.min(to, REFERENCE_DAY);
  let n = 0;
  for (let day = from + random.int(7, 14); day <= until; day += random.int(25, 35), n++) {
    const visitedOn = workday(day);
    if (visitedOn < from || visitedOn > until) continue;
    const byCompany = n % 3 === 2;
    const hours = byCompany ? 0.5 * random.int(1, 4) : 0.5 * random.int(2, 6);
    t.tutoring_visit.push(
      id('tutoring-visit', `${s.index}/${n}`), x.id, x.programmeId, isoDate(visitedOn), byCompany ? 'COMPANY_TUTOR' : 'PROMOTER_TUTOR', hours,
      random.pick(TUTORING_NOTES), instant(isoDate(visitedOn), 17),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Companies, rules and scouting

function addCompanies(t: Tables, tutors: Map<string, CompanyTutors>): void {
  for (const c of DEMO_COMPANIES) {
    const since = instant(programmeOf(c.programmeCode).startDate, 8);
    t.company.push(
      c.id, c.name, c.vatNumber, c.atecoCode, c.sizeClass, c.municipalityCode, c.socialCooperativeTypeB, c.listedInDirectory, c.solidarityNetworkMember,
      c.organisationId, since, since,
    );
    const domain = `${c.key}.example`;
    tutors.get(c.key)!.tutors.forEach((tutor, n) => {
      const [given, ...family] = tutor.name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').split(' ');
      t.company_tutor.push(tutor.id, c.id, tutor.name, tutor.role, `${given}.${family.join('')}${n}@${domain}`, null, true, since);
    });
  }
}

function addRules(t: Tables): void {
  for (const p of DEMO_PROGRAMMES) {
    t.internship_rules.push(p.id, p.allowanceMinCents, p.allowanceMaxCents, DEMO_MIN_WEEKLY_HOURS, p.internshipMaxWeeklyHours, DEMO_MAX_MONTHS, instant(p.startDate, 8));
  }
}

/** Every company is visited from early in its programme every two to four months, up to the reference date. */
function addScouting(t: Tables, seed: number): void {
  for (const c of DEMO_COMPANIES) {
    const programme = programmeOf(c.programmeCode);
    const staff = networkStaff(companyNetworkOf(programme));
    const random = new Random(mix32(seed, hashString(c.key), 0x5c0));
    const last = Math.min(dayNumber(programme.endDate), REFERENCE_DAY);
    let n = 0;
    for (let day = dayNumber(programme.startDate) + random.int(10, 60); day <= last; day += random.int(60, 120), n++) {
      const visitedOn = isoDate(Math.min(workday(day), last));
      // Host companies said yes the first time: that is how they became partners.
      const outcome = n === 0 && c.organisationId
        ? 'INTERESTED'
        : random.weighted([['INTERESTED', 60], ['FOLLOW_UP_NEEDED', 25], ['NOT_INTERESTED', 15]] as const);
      const visitId = id('scouting-visit', `${c.key}/${n}`);
      t.scouting_visit.push(visitId, c.id, programme.id, visitedOn, random.pick(staff), outcome, random.pick(VISIT_NOTES[outcome]), instant(visitedOn, 16));
      const found = outcome === 'INTERESTED' ? random.int(1, 2) : outcome === 'FOLLOW_UP_NEEDED' ? random.int(0, 1) : 0;
      for (let k = 0; k < found; k++) {
        const kind = random.weighted([['INTERNSHIP', 50], ['DIRECT_HIRE', 35], ['INDIRECT', 15]] as const);
        const occupations = SECTOR_OCCUPATIONS[c.sector];
        const occupationUri = occupations[random.int(0, occupations.length - 1)]!;
        const positions = random.int(1, 3);
        const old = dayNumber(visitedOn) < REFERENCE_DAY - 180;
        const status = old ? random.weighted([['FILLED', 60], ['CLOSED', 40]] as const) : random.weighted([['OPEN', 80], ['FILLED', 20]] as const);
        const label = escoOccupation(occupationUri)?.label ?? 'worker';
        t.opportunity.push(
          id('opportunity', `${c.key}/${n}/${k}`), c.id, programme.id, visitId, visitedOn, kind, occupationUri, positions, status,
          `${KIND_TEXT[kind]}: ${positions} × ${label}`, instant(visitedOn, 16),
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Tables that grow with the number of people. */
const PERSON_TABLES: readonly CompanySeedTable[] = ['internship', 'allowance_payment', 'tutoring_visit'];

/**
 * Writes the company network's demo data for `persons` people, in one transaction under an advisory
 * lock; a no-op returning `skipped: true` when the database already holds companies.
 */
export async function seedCompanies(dataSource: DataSource, options: CompanySeedOptions): Promise<CompanySeedSummary> {
  const { persons, onProgress } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(persons) || persons < 0) throw new RangeError(`persons must be a whole number ≥ 0, got ${persons}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const counts = Object.fromEntries(COMPANY_SEED_TABLES.map((t) => [t, 0])) as Record<CompanySeedTable, number>;

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [{ seeded }] = (await runner.query('SELECT EXISTS (SELECT 1 FROM company) AS seeded')) as { seeded: boolean }[];
    if (seeded) {
      await runner.rollbackTransaction();
      return { skipped: true, seed, counts };
    }

    // Tutors depend on every live internship of their company, so internships are drawn before anything is written.
    const internships = collectInternships(persons, seed);
    const tutors = new Map(DEMO_COMPANIES.map((c) => [c.key, new CompanyTutors(c, seed)]));
    assignTutors(internships, tutors, seed);
    const promoters = new Map(DEMO_PROGRAMMES.map((p) => [p.id, companyNetworkOf(p).id]));

    const t = tables();
    addCompanies(t, tutors);
    addRules(t);
    addScouting(t, seed);
    for (const table of [t.company, t.internship_rules, t.company_tutor, t.scouting_visit, t.opportunity]) await table.write(runner, counts);

    // The exclusion constraint (one live internship per person) stays with the unique indexes, checked as rows arrive.
    const suspended = await suspendConstraints(runner, PERSON_TABLES);
    for (let from = 0; from < internships.length; from += INTERNSHIPS_PER_BATCH) {
      const batch = internships.slice(from, from + INTERNSHIPS_PER_BATCH);
      for (const s of batch) addInternship(t, s, promoters.get(s.internship.programmeId)!, seed);
      for (const table of [t.internship, t.allowance_payment, t.tutoring_visit]) await table.write(runner, counts);
      if (from + INTERNSHIPS_PER_BATCH < internships.length) onProgress?.(batch[batch.length - 1].index + 1);
    }
    await restoreConstraints(runner, suspended);
    onProgress?.(persons);
    await runner.commitTransaction();
    await analyse(runner, COMPANY_SEED_TABLES);
    return { skipped: false, seed, counts };
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}
