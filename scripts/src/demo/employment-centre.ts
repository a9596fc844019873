import { escoOccupation } from '@intreccio/shared';
import type {
  ContractType, DrivingLicence, IscedLevel, OrientationSessionKind, ProfilingClass, SkillLevel, SkillSource, WorkShift,
} from '@intreccio/employment-centre';
import type { DataSource, QueryRunner } from 'typeorm';
import { arrayLiteral, restoreConstraints, suspendConstraints, analyse } from './bulk-load';
import { DEMO_COMPANIES, SECTOR_OCCUPATIONS, type DemoCompany } from './catalogue';
import { addDays, addMonths } from '@intreccio/shared';
import { dayNumber, isoDate, REFERENCE_DATE, REFERENCE_DAY } from './dates';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES } from './demo-network';
import { deterministicUuid } from './ids';
import { demoOutcomes, type DemoHire } from './outcomes';
import { DEFAULT_SEED, demoPathway, type DemoPathway, type DemoPlanStep } from './pathway';
import { hashString, mix32, Random } from './random';

/**
 * The employment centre's demo data, derived from each person's pathway (and the hires of
 * `demoOutcomes`) so that it tells the same story as the lead body's: who registered as a job seeker
 * and when, what they can do, the orientation and skills assessments of their plan, their hires and
 * follow-ups; and the vacancies of the catalogue's companies, with ESCO skills drawn from their
 * occupations so that matching finds both strengths and gaps.
 */

export const EMPLOYMENT_CENTRE_TABLES = [
  'vacancy', 'job_seeker_profile', 'skill_record', 'work_experience', 'orientation_session', 'skills_assessment', 'hire', 'follow_up_check',
] as const;
export type EmploymentCentreTable = (typeof EMPLOYMENT_CENTRE_TABLES)[number];

export interface EmploymentCentreSeedOptions {
  /** How many people of the demo network (indexes 0 to persons − 1) to derive records for. */
  persons: number;
  seed?: number;
  /** Called after each batch is written with the number of people done; a callback that throws aborts the seed and nothing is kept. */
  onProgress?: (done: number) => void;
}

export interface EmploymentCentreSeedSummary {
  /** True when the database already held employment-centre data, so nothing was written. */
  skipped: boolean;
  /** Rows written per table. */
  counts: Record<string, number>;
}

const SEED_LOCK = 7_324_102;
const PEOPLE_PER_BATCH = 2000;
const ROWS_PER_STATEMENT = 5000;

/** Id namespaces, `employment-centre:<kind>`, so any partner's seeder can derive the same ids. */
const NS = {
  vacancy: 'employment-centre:vacancy',
  profile: 'employment-centre:job-seeker-profile',
  skillRecord: 'employment-centre:skill-record',
  workExperience: 'employment-centre:work-experience',
  orientationSession: 'employment-centre:orientation-session',
  skillsAssessment: 'employment-centre:skills-assessment',
  followUp: 'employment-centre:follow-up-check',
} as const;

export async function isEmploymentCentreSeeded(dataSource: DataSource): Promise<boolean> {
  const [row] = (await dataSource.query(
    'SELECT EXISTS (SELECT 1 FROM vacancy) OR EXISTS (SELECT 1 FROM job_seeker_profile) AS seeded',
  )) as { seeded: boolean }[];
  return row!.seeded;
}

// ---------------------------------------------------------------------------------------------
// Bulk writing: each column travels as one array parameter and is unnested by the server.

type ColumnType = 'uuid' | 'text' | 'date' | 'int' | 'boolean' | 'jsonb';

interface Column {
  name: string;
  type: ColumnType;
  /** Element type of an array column; its values travel joined by commas (URIs and codes hold none). */
  arrayOf?: 'text' | 'varchar';
  /** Sent only for derived columns to use, not stored. */
  helper?: boolean;
}

/**
 * A column the server derives from the row's other values (as `u.<column>`): record timestamps
 * follow the date a record describes, never the clock, and need not travel.
 */
interface Derived {
  name: string;
  sql: string;
}

const col = (name: string, type: ColumnType, arrayOf?: Column['arrayOf']): Column => ({ name, type, arrayOf });
const helper = (name: string, type: ColumnType): Column => ({ name, type, helper: true });
const stamped = (name: string, fromDate: string, hour: number): Derived => ({ name, sql: `(u.${fromDate} + time '${hour}:00') AT TIME ZONE 'UTC'` });

class Rows {
  private readonly columns: readonly Column[];
  private readonly values: unknown[][];
  private readonly sql: string;

  constructor(readonly table: EmploymentCentreTable, specs: readonly (Column | Derived)[]) {
    this.columns = specs.filter((c): c is Column => 'type' in c);
    this.values = this.columns.map(() => []);
    const sent = this.columns.map((c) => c.name).join(', ');
    const params = this.columns.map((c, i) => `$${i + 1}::${c.arrayOf ? 'text' : c.type}[]`).join(', ');
    const stored = specs.filter((c) => !('type' in c) || !c.helper);
    const select = stored.map((c) => {
      if (!('type' in c)) return c.sql;
      return c.arrayOf ? `coalesce(string_to_array(nullif(u.${c.name}, ''), ','), '{}')::${c.arrayOf}[]` : `u.${c.name}`;
    });
    this.sql = `INSERT INTO ${table} (${stored.map((c) => c.name).join(', ')}) SELECT ${select.join(', ')} FROM unnest(${params}) AS u(${sent})`;
  }

  get length(): number {
    return this.values[0]!.length;
  }

  add(...row: unknown[]): void {
    if (row.length !== this.columns.length) throw new Error(`${this.table}: ${row.length} values for ${this.columns.length} columns`);
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      this.values[i]!.push(Array.isArray(v) ? v.join(',') : v);
    }
  }

  async write(runner: QueryRunner): Promise<void> {
    for (let from = 0; from < this.length; from += ROWS_PER_STATEMENT) {
      const to = Math.min(this.length, from + ROWS_PER_STATEMENT);
      const params = this.columns.map((c, i) => arrayLiteral(this.values[i]!, from, to, !!c.arrayOf || c.type === 'text' || c.type === 'jsonb'));
      try {
        await runner.query(this.sql, params);
      } catch (err) {
        // The driver's error would carry every parameter: thousands of rows about people.
        throw new Error(`Seeding ${this.table} failed: ${(err as Error).message}`);
      }
    }
  }
}

function vacancyRows(): Rows {
  return new Rows('vacancy', [
    col('id', 'uuid'), col('company_id', 'uuid'), col('organisation_id', 'uuid'), col('programme_id', 'uuid'), col('title', 'text'), col('description', 'text'),
    col('occupation_uri', 'text'), col('required_skills', 'text', 'text'), col('optional_skills', 'text', 'text'), col('municipality_code', 'text'),
    col('weekly_hours', 'int'), col('contract_type', 'text'), col('required_licences', 'text', 'varchar'), col('status', 'text'),
    col('opened_on', 'date'), col('closed_on', 'date'), col('positions', 'int'),
    stamped('created_at', 'opened_on', 9), { name: 'updated_at', sql: "(coalesce(u.closed_on, u.opened_on) + time '9:00') AT TIME ZONE 'UTC'" },
  ]);
}

/** One batch of people's rows, in the order they are written (hires after nothing they need from the batch). */
function personRows() {
  return {
    job_seeker_profile: new Rows('job_seeker_profile', [
      col('id', 'uuid'), col('person_id', 'uuid'), col('programme_id', 'uuid'), col('employment_centre_id', 'uuid'), col('registered_on', 'date'),
      col('profiling_class', 'text'), col('education_level', 'text'), col('languages', 'jsonb'), col('driving_licences', 'text', 'varchar'),
      col('weekly_hours', 'int'), col('shifts', 'text', 'varchar'), col('mobility_radius_km', 'int'), col('domicile_municipality_code', 'text'),
      col('desired_occupations', 'text', 'text'), stamped('created_at', 'registered_on', 9), stamped('updated_at', 'registered_on', 9),
    ]),
    skill_record: new Rows('skill_record', [
      col('id', 'uuid'), col('person_id', 'uuid'), col('organisation_id', 'uuid'), col('programme_id', 'uuid'), col('skill_uri', 'text'), col('level', 'text'), col('source', 'text'),
      col('recorded_on', 'date'), stamped('created_at', 'recorded_on', 12), stamped('updated_at', 'recorded_on', 12),
    ]),
    work_experience: new Rows('work_experience', [
      col('id', 'uuid'), col('person_id', 'uuid'), col('organisation_id', 'uuid'), col('programme_id', 'uuid'), col('employer_name', 'text'), col('occupation_uri', 'text'),
      col('start_date', 'date'), col('end_date', 'date'), col('description', 'text'), helper('recorded_on', 'date'),
      stamped('created_at', 'recorded_on', 10),
    ]),
    orientation_session: new Rows('orientation_session', [
      col('id', 'uuid'), col('person_id', 'uuid'), col('organisation_id', 'uuid'), col('programme_id', 'uuid'), col('held_on', 'date'), col('kind', 'text'),
      col('duration_minutes', 'int'), col('operator_name', 'text'), col('summary', 'text'), stamped('created_at', 'held_on', 11),
    ]),
    skills_assessment: new Rows('skills_assessment', [
      col('id', 'uuid'), col('person_id', 'uuid'), col('organisation_id', 'uuid'), col('programme_id', 'uuid'), col('started_on', 'date'), col('completed_on', 'date'),
      col('status', 'text'), col('operator_name', 'text'), col('summary', 'text'), col('assessed_skills', 'jsonb'), stamped('created_at', 'started_on', 14),
    ]),
    hire: new Rows('hire', [
      col('id', 'uuid'), col('person_id', 'uuid'), col('organisation_id', 'uuid'), col('programme_id', 'uuid'), col('company_id', 'uuid'), col('vacancy_id', 'uuid'),
      col('start_date', 'date'), col('end_date', 'date'), col('contract_type', 'text'), col('weekly_hours', 'int'),
      col('gross_monthly_wage_cents', 'int'), col('occupation_uri', 'text'), helper('notified_on', 'date'),
      stamped('created_at', 'notified_on', 8),
    ]),
    follow_up_check: new Rows('follow_up_check', [
      col('id', 'uuid'), col('hire_id', 'uuid'), col('months_after', 'int'), col('checked_on', 'date'), col('still_employed', 'boolean'),
      col('note', 'text'), stamped('created_at', 'checked_on', 15),
    ]),
  };
}
type PersonRows = ReturnType<typeof personRows>;

function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** A uniformly drawn date in [from, to]. */
function dateBetween(random: Random, from: string, to: string): string {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return isoDate(b <= a ? a : random.int(a, b));
}

/** `count` distinct items, in their original order. */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  const wanted = Math.min(count, items.length);
  while (chosen.size < wanted) chosen.add(random.int(0, items.length - 1));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i]!);
}

// ---------------------------------------------------------------------------------------------
// Vacancies

/** How a job is advertised in Italian, for the catalogue's occupations; others use the ESCO label. */
const JOB_TITLES: Readonly<Record<string, string>> = {
  'e1cf6897-158d-4b48-a39e-2a3a8cac216c': 'Aiuto cuoco/a',
  'd5db9d5c-2ebf-4a54-a79a-1b7e7ff70471': 'Cameriere/a di sala',
  '731ecac4-06e8-4ec2-a559-101fecbd9183': 'Addetto/a ai piani',
  '90f75f67-495d-49fa-ab57-2f320e251d7e': 'Cuoco/a',
  'bea705fe-06ac-4147-b8e0-6e8ac1208d8f': 'Magazziniere/a',
  'cd94def5-3442-4c2e-ae3d-0761a3008bcb': 'Addetto/a al picking',
  'eeac6251-1974-42f5-91ed-513c6c883755': 'Carrellista',
  'f5cb9901-86fc-48d0-9cde-667fbe8cef3a': 'Addetto/a al confezionamento',
  '72d03aad-2003-404e-ae71-a37206e3566b': 'Addetto/a pelletteria',
  '978ae3a2-0831-415a-8396-b84dde656fc5': 'Sarto/a',
  '9980a417-f990-495a-ae11-66a112737f3b': 'Addetto/a alla ricottura del vetro',
  '3a55bf97-a0d2-47a0-a8b3-b248d32c7969': 'Incisore/a su vetro',
  'e7970c7a-7769-4002-87d3-0a8ea94fdd6f': 'Giardiniere/a',
  '1a9d99ba-4c08-4864-8f6a-1b0f2b4cf883': 'Operaio/a florovivaista',
  '303a1e34-cb16-4054-b323-81e5eec17397': 'Addetto/a alle pulizie',
  '1391bdf9-bd61-4fb5-91ca-c29036ab2b60': 'Assistente familiare',
  'd38c2107-98f2-47b7-8bb4-f69750d51082': 'Operatore/trice socio-sanitario/a',
  '0b15375e-dfdd-4047-9efb-096e0aaee7d2': 'Commesso/a',
  '2b871272-bd61-4206-bd1a-0b96d7023098': 'Cassiere/a',
  'd35f9e79-5778-43b4-8667-0e3ba1fcb19a': 'Addetto/a al rifornimento scaffali',
};

function jobTitle(occupationUri: string): string {
  return JOB_TITLES[occupationUri.slice(occupationUri.lastIndexOf('/') + 1)] ?? escoOccupation(occupationUri)!.label;
}

interface DemoVacancy {
  id: string;
  company: DemoCompany;
  occupationUri: string;
  openedOn: string;
  closedOn: string | null;
}

function contractFor(random: Random, company: DemoCompany): ContractType {
  return random.weighted<ContractType>([
    ['FIXED_TERM', 45], ['PERMANENT', 20], ['APPRENTICESHIP', 12], ['TEMPORARY_AGENCY', 10], ['SEASONAL', company.sector === 'HOSPITALITY' ? 25 : 3],
  ]);
}

/**
 * Three to five vacancies per company of the catalogue, for its sector's occupations, opened within
 * its programme: older ones mostly closed (filled or withdrawn), the latest always open.
 */
function writeVacancies(rows: Rows, seed: number): DemoVacancy[] {
  const vacancies: DemoVacancy[] = [];
  for (const company of DEMO_COMPANIES) {
    const random = new Random(mix32(seed, hashString(`vacancies/${company.key}`)));
    const programme = DEMO_PROGRAMMES.find((p) => p.code === company.programmeCode)!;
    const occupations = SECTOR_OCCUPATIONS[company.sector];
    const count = random.int(3, 5);
    for (let n = 0; n < count; n++) {
      const occupationUri = occupations[random.int(0, occupations.length - 1)]!;
      const occupation = escoOccupation(occupationUri)!;
      const latest = n === count - 1;
      const openedOn = latest
        ? dateBetween(random, addDays(REFERENCE_DATE, -60), REFERENCE_DATE)
        : dateBetween(random, programme.startDate, addDays(REFERENCE_DATE, -20));
      const ageDays = REFERENCE_DAY - dayNumber(openedOn);
      const closes = !latest && random.chance(ageDays > 120 ? 0.75 : 0.3);
      const closedOn = closes ? earlier(addDays(openedOn, random.int(20, 120)), REFERENCE_DATE) : null;
      const required = sample(random, occupation.essentialSkills, random.int(4, 7));
      const optional = sample(random, occupation.optionalSkills.filter((s) => !required.includes(s)), random.int(0, 3));
      const licences: DrivingLicence[] = company.sector === 'LOGISTICS' && random.chance(0.5) ? ['B'] : random.chance(0.15) ? ['B'] : [];
      const vacancy: DemoVacancy = { id: deterministicUuid(NS.vacancy, `${company.key}/${n}`), company, occupationUri, openedOn, closedOn };
      const title = jobTitle(occupationUri);
      rows.add(
        vacancy.id, company.id, employmentCentreOf.get(programme.id)!, programme.id, title, `${title} presso ${company.name}.`, occupationUri, required, optional, company.municipalityCode,
        random.pick([20, 24, 30, 36, 40]), contractFor(random, company), licences, closedOn ? 'CLOSED' : 'OPEN', openedOn, closedOn,
        random.int(1, 3),
      );
      vacancies.push(vacancy);
    }
  }
  return vacancies;
}

/** The vacancy a hire most plausibly answered: the company's latest for the occupation opened before the start. */
function vacancyOfHire(vacancies: readonly DemoVacancy[], hire: DemoHire): string | null {
  let best: DemoVacancy | null = null;
  for (const v of vacancies) {
    if (v.company.id !== hire.company.id || v.occupationUri !== hire.occupationUri || v.openedOn > hire.startDate) continue;
    if (!best || v.openedOn > best.openedOn) best = v;
  }
  return best?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// People

/** Mother tongue, then the official language learnt at school, of the demo's countries of birth. */
const COUNTRY_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  Z330: ['ar', 'fr'], Z100: ['sq'], Z129: ['ro'], Z140: ['ro', 'ru'], Z335: ['en'], Z318: ['en'], Z343: ['wo', 'fr'], Z317: ['en'],
  Z329: ['bm', 'fr'], Z313: ['fr'], Z138: ['uk', 'ru'], Z236: ['ur', 'en'], Z200: ['ps', 'fa'], Z249: ['bn', 'en'], Z352: ['ar', 'fr'],
  Z336: ['ar'], Z611: ['es'],
};

const PROFILING_OF_EMPLOYABILITY: Readonly<Record<string, ProfilingClass>> = {
  VERY_LOW: 'VERY_HIGH', LOW: 'HIGH', MEDIUM: 'MEDIUM', HIGH: 'LOW',
};

/** Past employers by sector; invented names. */
const EMPLOYERS: Readonly<Record<keyof typeof SECTOR_OCCUPATIONS, readonly string[]>> = {
  HOSPITALITY: ['Ristorante La Loggia', 'Hotel Bellavista', 'Bar Centrale', 'Pizzeria Da Gino', 'Mensa aziendale Serenissima'],
  LOGISTICS: ['Magazzini Generali Elsa', 'Trasporti Rapidi Toscana', 'Corriere Espresso Valdarno', 'Agenzia per il lavoro (magazzino)'],
  MANUFACTURING: ['Maglificio Valdarno', 'Pelletteria Il Ponte', 'Vetreria Artistica Senese', 'Laboratorio tessile Prato Sud'],
  GREEN_MAINTENANCE: ['Azienda agricola Il Colle', 'Vivaio Le Serre', 'Impresa di pulizie Sole', 'Cooperativa Ambiente Pulito'],
  CARE: ['Famiglia privata (assistenza)', 'Cooperativa Servizi Toscani', 'RSA Villa Serena'],
  RETAIL: ['Supermercato di quartiere', 'Mercato ortofrutticolo', 'Negozio Moda Elsa', 'Discount Risparmio'],
};

const SESSION_SUMMARIES: Readonly<Record<OrientationSessionKind, readonly string[]>> = {
  INDIVIDUAL: [
    'Interview on past experience, interests and constraints; professional goal outlined',
    'Review of the CV and of the skills to document; next steps agreed',
    'Individual session on the local labour market and realistic job targets',
  ],
  GROUP: ['Group session on job search channels and how to answer a vacancy', 'Group session on rights and contracts at work'],
  WORKSHOP: ['CV and cover letter workshop', 'Job interview simulation workshop', 'Digital job search workshop: portals, SPID, e-mail'],
};

const LEVELS: (readonly [SkillLevel, number])[] = [['BASIC', 45], ['INTERMEDIATE', 40], ['ADVANCED', 15]];

function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The équipe scored language from 1 (great difficulty) to 5; without that score, a typical level for people settled a while. */
const ITALIAN_LEVEL_OF_SCORE: Readonly<Record<number, string>> = { 1: 'A1', 2: 'A2', 3: 'B1', 4: 'B2', 5: 'C1' };

function italianLevel(p: DemoPathway, random: Random): string {
  const score = p.assessment?.scores.find((s) => s.dimension === 'LANGUAGE')?.score;
  return (score !== undefined && ITALIAN_LEVEL_OF_SCORE[score]) || random.pick(['A2', 'B1', 'B1', 'B2']);
}

function languagesOf(p: DemoPathway, random: Random): { language: string; level: string }[] {
  const code = p.person.birthPlaceCode;
  if (!code.startsWith('Z')) {
    const languages = [{ language: 'it', level: 'C2' }];
    if (random.chance(0.35)) languages.push({ language: 'en', level: random.pick(['A2', 'B1', 'B1', 'B2']) });
    return languages;
  }
  const [mother, second] = COUNTRY_LANGUAGES[code] ?? [];
  const languages = [{ language: 'it', level: italianLevel(p, random) }];
  if (mother) languages.push({ language: mother, level: 'C2' });
  if (second && random.chance(0.6)) languages.push({ language: second, level: random.pick(['A2', 'B1', 'B2', 'C1']) });
  return languages;
}

function educationOf(age: number, bornAbroad: boolean, random: Random): IscedLevel {
  if (age < 18) return random.weighted<IscedLevel>([['LOWER_SECONDARY', 80], ['PRIMARY', 20]]);
  return random.weighted<IscedLevel>([
    ['NONE', bornAbroad ? 10 : 1], ['PRIMARY', bornAbroad ? 18 : 6], ['LOWER_SECONDARY', 40], ['UPPER_SECONDARY', 33],
    ['POST_SECONDARY_NON_TERTIARY', 4], ['BACHELOR', bornAbroad ? 7 : 4], ['MASTER', 2],
  ]);
}

function licencesOf(p: DemoPathway, age: number, bornAbroad: boolean, random: Random): DrivingLicence[] {
  if (age < 18) return random.chance(0.3) ? ['AM'] : [];
  if (!random.chance(bornAbroad ? 0.25 : 0.55)) return [];
  if (p.sector === 'LOGISTICS' && random.chance(0.15)) return ['B', 'C', 'CQC'];
  return ['B'];
}

function shiftsOf(random: Random, singleParent: boolean): WorkShift[] {
  const shifts: WorkShift[] = ['MORNING'];
  if (!singleParent || random.chance(0.3)) shifts.push('AFTERNOON');
  if (random.chance(singleParent ? 0.05 : 0.3)) shifts.push('EVENING');
  if (!singleParent && random.chance(0.1)) shifts.push('NIGHT');
  if (random.chance(singleParent ? 0.05 : 0.25)) shifts.push('WEEKEND');
  return shifts;
}

/** The employment centre of each programme: the partner that receives the intake referral. */
const employmentCentreOf = new Map(
  DEMO_PROGRAMMES.map((p) => {
    const cpi = p.partners.map((pp) => DEMO_ORGANISATIONS.find((o) => o.key === pp.organisationKey)).find((o) => o?.kind === 'EMPLOYMENT_CENTRE');
    if (!cpi) throw new Error(`Demo programme ${p.code} has no employment centre`);
    return [p.id, cpi.id] as const;
  }),
);

const metByEmploymentCentre = (s: DemoPlanStep) => (s.kind === 'ORIENTATION' || s.kind === 'JOB_SEARCH') && (s.status === 'IN_PROGRESS' || s.status === 'DONE');

/**
 * The date the person gave the declaration of immediate availability: at the first contact of the
 * intake referral, else when the employment centre's first step started, else at the hire.
 */
function registrationDate(p: DemoPathway, cpiId: string, hire: DemoHire | null): string | null {
  const intake = p.referrals.find((r) => r.planStepId === null && r.toOrganisationId === cpiId);
  const taken = intake && (intake.status === 'ACCEPTED' || intake.status === 'COMPLETED');
  const step = p.plan?.steps.filter(metByEmploymentCentre).sort((a, b) => (a.plannedStart < b.plannedStart ? -1 : 1))[0];
  let date: string | null = null;
  if (taken) date = (intake.firstContactAt ?? intake.respondedAt ?? intake.sentAt).slice(0, 10);
  else if (step) date = step.plannedStart;
  else if (hire) date = hire.startDate;
  if (date === null) return null;
  return earlier(later(date, p.case.openedOn), REFERENCE_DATE);
}

function addPerson(t: PersonRows, p: DemoPathway, hire: DemoHire | null, vacancies: readonly DemoVacancy[], seed: number): void {
  const programmeId = p.case.programmeId;
  const cpiId = employmentCentreOf.get(programmeId)!;
  const personId = p.person.id;
  const registeredOn = registrationDate(p, cpiId, hire);
  if (registeredOn === null) return;
  const random = new Random(mix32(seed, p.index, 0xc1e0));
  const horizon = earlier(p.case.closedOn ?? REFERENCE_DATE, REFERENCE_DATE);
  const age = ageOn(p.person.birthDate, registeredOn);
  const bornAbroad = p.person.birthPlaceCode.startsWith('Z');
  const singleParent = p.person.targetGroups.includes('SINGLE_PARENT');
  const key = p.index;

  // --- registration
  const occupations = SECTOR_OCCUPATIONS[p.sector];
  const primary = hire?.occupationUri ?? occupations[random.int(0, occupations.length - 1)]!;
  const desired = [primary];
  const other = occupations[random.int(0, occupations.length - 1)]!;
  if (other !== primary && random.chance(0.4)) desired.push(other);
  const licences = licencesOf(p, age, bornAbroad, random);
  const profiling = p.assessment
    ? PROFILING_OF_EMPLOYABILITY[p.assessment.employabilityLevel]!
    : random.weighted<ProfilingClass>([['LOW', 15], ['MEDIUM', 35], ['HIGH', 35], ['VERY_HIGH', 15]]);
  t.job_seeker_profile.add(
    deterministicUuid(NS.profile, key), personId, programmeId, cpiId, registeredOn, profiling, educationOf(age, bornAbroad, random),
    JSON.stringify(languagesOf(p, random)), licences, singleParent ? random.pick([18, 20, 24, 25]) : random.pick([20, 24, 30, 36, 38, 40]),
    shiftsOf(random, singleParent), licences.includes('B') ? random.pick([15, 20, 30, 40]) : random.pick([5, 10, 15]),
    p.person.residenceMunicipalityCode, desired,
  );

  // --- work history: adults have some, the older the more
  const jobs = age < 22 ? 0 : age < 30 ? random.int(0, 1) : random.int(1, 3);
  let before = addDays(registeredOn, -random.int(30, 400));
  const earliestStart = addMonths(p.person.birthDate, 16 * 12);
  let workedInSector = false;
  for (let j = 0; j < jobs && before > earliestStart; j++) {
    const end = before;
    const start = later(addMonths(end, -random.int(3, 48)), earliestStart);
    const sector = random.chance(0.5) ? p.sector : random.pick(Object.keys(SECTOR_OCCUPATIONS) as (keyof typeof SECTOR_OCCUPATIONS)[]);
    const occupation = random.chance(0.8) ? random.pick(SECTOR_OCCUPATIONS[sector]) : null;
    if (sector === p.sector) workedInSector = true;
    const employer = random.pick(EMPLOYERS[sector]);
    t.work_experience.add(
      deterministicUuid(NS.workExperience, `${key}/${j}`), personId, cpiId, programmeId, employer, occupation, start, end,
      occupation ? `${jobTitle(occupation)} presso ${employer}` : 'Lavoro occasionale', registeredOn,
    );
    before = addDays(start, -random.int(30, 500));
  }

  // --- orientation sessions and the skills assessment of the orientation step
  const orientation = p.plan?.steps.find((s) => s.kind === 'ORIENTATION' && (s.status === 'IN_PROGRESS' || s.status === 'DONE'));
  let assessment: { started: string; completed: string | null } | null = null;
  const orientator = p.team.find((m) => m.role === 'ORIENTATOR')?.operatorName ?? 'Operatore CPI';
  if (orientation) {
    const from = later(orientation.plannedStart, registeredOn);
    const to = earlier(orientation.plannedEnd, horizon);
    if (from <= to) {
      const sessions = random.int(1, 3);
      for (let s = 0; s < sessions; s++) {
        const kind: OrientationSessionKind = s === 0 ? 'INDIVIDUAL' : random.weighted([['INDIVIDUAL', 50], ['GROUP', 25], ['WORKSHOP', 25]] as const);
        const heldOn = s === 0 ? from : dateBetween(random, from, to);
        t.orientation_session.add(
          deterministicUuid(NS.orientationSession, `${key}/${s}`), personId, cpiId, programmeId, heldOn, kind, kind === 'INDIVIDUAL' ? random.pick([45, 60, 90]) : random.pick([120, 180]),
          orientator, random.pick(SESSION_SUMMARIES[kind]),
        );
      }
      if (orientation.status === 'DONE') {
        const started = dateBetween(random, from, to);
        assessment = { started, completed: dateBetween(random, started, to) };
      } else if (random.chance(0.5)) {
        assessment = { started: dateBetween(random, from, to), completed: null };
      }
    }
  }

  // --- skills: part of the essential skills of the occupation the person aims at, a few optional ones
  const target = escoOccupation(primary)!;
  const essentials = target.essentialSkills;
  const held = sample(random, essentials, Math.max(1, Math.min(12, essentials.length - 2, Math.round(essentials.length * (0.25 + 0.4 * random.next())))));
  const essential = new Set(held);
  held.push(...sample(random, target.optionalSkills.filter((uri) => !essential.has(uri)), random.int(0, 2)));
  const assessed: { uri: string; level: SkillLevel }[] = [];
  held.forEach((uri, s) => {
    const level = random.weighted(LEVELS);
    let source: SkillSource = 'SELF_DECLARED';
    let recordedOn = registeredOn;
    if (assessment?.completed && random.chance(0.7)) {
      source = 'SKILLS_ASSESSMENT';
      recordedOn = assessment.completed;
      assessed.push({ uri, level });
    } else if (workedInSector && random.chance(0.4)) {
      source = 'WORK_EXPERIENCE';
    }
    t.skill_record.add(deterministicUuid(NS.skillRecord, `${key}/${s}`), personId, cpiId, programmeId, uri, level, source, recordedOn);
  });
  if (assessment) {
    t.skills_assessment.add(
      deterministicUuid(NS.skillsAssessment, key), personId, cpiId, programmeId, assessment.started, assessment.completed, assessment.completed ? 'COMPLETED' : 'IN_PROGRESS',
      orientator, assessment.completed ? `Skills assessment completed: ${assessed.length} skills documented for ${target.label}.` : null,
      JSON.stringify(assessed),
    );
  }

  // --- the hire and its follow-ups, exactly as the outcomes tell them
  if (hire) {
    t.hire.add(
      hire.id, personId, cpiId, hire.programmeId, hire.company.id, vacancyOfHire(vacancies, hire), hire.startDate, hire.endDate, hire.contractType,
      hire.weeklyHours, hire.grossMonthlyWageCents, hire.occupationUri, earlier(hire.startDate, REFERENCE_DATE),
    );
    for (const f of hire.followUps) {
      t.follow_up_check.add(
        deterministicUuid(NS.followUp, `${key}/${f.monthsAfter}`), hire.id, f.monthsAfter, f.checkedOn, f.stillEmployed,
        f.stillEmployed ? 'Still employed: contract in force' : 'No longer employed by the company',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the vacancies of the catalogue's companies and, for people 0 to `persons` − 1 of the demo
 * network, their job-seeker records, hires and follow-ups. One transaction: a failure leaves the
 * database as it was. A database that already holds employment-centre data is left alone
 * (`skipped: true`), and an advisory lock makes concurrent seeders agree. Deterministic: the same
 * options always give the same rows.
 */
export async function seedEmploymentCentre(dataSource: DataSource, options: EmploymentCentreSeedOptions): Promise<EmploymentCentreSeedSummary> {
  const { persons, onProgress } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(persons) || persons < 0) throw new RangeError(`persons must be a whole number ≥ 0, got ${persons}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const counts: Record<string, number> = Object.fromEntries(EMPLOYMENT_CENTRE_TABLES.map((t) => [t, 0]));

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [{ seeded }] = (await runner.query(
      'SELECT EXISTS (SELECT 1 FROM vacancy) OR EXISTS (SELECT 1 FROM job_seeker_profile) AS seeded',
    )) as { seeded: boolean }[];
    if (seeded) {
      await runner.rollbackTransaction();
      return { skipped: true, counts };
    }
    // Unique constraints too: at this volume they cost more to maintain row by row than the inserts
    // themselves (skill records above all: close to a million rows keyed by person and URI).
    const suspended = await suspendConstraints(runner, EMPLOYMENT_CENTRE_TABLES, { uniqueToo: true });

    const vacancyTable = vacancyRows();
    const vacancies = writeVacancies(vacancyTable, seed);
    counts.vacancy = vacancyTable.length;
    await vacancyTable.write(runner);

    let writing: Promise<void> | null = null;
    for (let from = 0; from < persons; from += PEOPLE_PER_BATCH) {
      const to = Math.min(persons, from + PEOPLE_PER_BATCH);
      const rows = personRows();
      for (let i = from; i < to; i++) {
        const pathway = demoPathway(i, seed);
        addPerson(rows, pathway, demoOutcomes(pathway, seed).hire, vacancies, seed);
        // Lets the previous batch's statements go out while this one is generated.
        if ((i & 127) === 127) await nextTick();
      }
      if (writing) {
        await writing;
        onProgress?.(from);
      }
      writing = (async () => {
        for (const table of Object.values(rows)) {
          counts[table.table] += table.length;
          await table.write(runner);
        }
      })();
      // Awaited on the next round or below; this only keeps an early failure from being reported as unhandled.
      writing.catch(() => undefined);
    }
    if (writing) await writing;
    await restoreConstraints(runner, suspended);
    onProgress?.(persons);
    await runner.commitTransaction();
    await analyse(runner, EMPLOYMENT_CENTRE_TABLES);
    return { skipped: false, counts };
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}
