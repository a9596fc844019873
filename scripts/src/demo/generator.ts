import { fiscalCodeCheckCharacter, partitaIvaCheckDigit } from '@intreccio/shared';
import type { DataSource, QueryRunner } from 'typeorm';
import { arrayLiteral, restoreConstraints, suspendConstraints, analyse } from './bulk-load';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES } from './demo-network';
import { programmePartnerId } from './ids';
import { insertDemoLedgerSettings } from './ledger';
import { DEFAULT_SEED, demoPathway, type DemoPathway } from './pathway';

export const SEED_TABLES = [
  'organisation', 'programme', 'programme_partner', 'person', 'case_file', 'case_team_member', 'consent', 'assessment',
  'personal_plan', 'plan_step', 'referral', 'benefit',
] as const;
export type SeedTable = (typeof SEED_TABLES)[number];

export interface SeedOptions {
  /** How many people to take in charge across the demo programmes. */
  persons: number;
  seed?: number;
  /**
   * Called after each batch is written, with the number of people written so far, the last time just
   * before the commit. A callback that throws aborts the seed and nothing is kept.
   */
  onProgress?: (done: number) => void;
}

export interface SeedSummary {
  /** True when the database already held a network, so nothing was written. */
  skipped: boolean;
  seed: number;
  /** Rows written per table. */
  counts: Record<SeedTable, number>;
}

/** People generated and written per round trip; keeps the largest table near 5,000 rows per statement. */
const PEOPLE_PER_BATCH = 1250;
const ROWS_PER_STATEMENT = 5000;
const SEED_LOCK = 7_324_101;

export async function isSeeded(dataSource: DataSource): Promise<boolean> {
  const rows: { seeded: boolean }[] = await dataSource.query('SELECT EXISTS (SELECT 1 FROM organisation) AS seeded');
  return rows[0].seeded;
}

// ---------------------------------------------------------------------------------------------
// Column-wise bulk inserts: one array parameter per column, unnested server side.

type SqlType = 'uuid' | 'text' | 'date' | 'int' | 'timestamptz' | 'jsonb';

interface ColumnSpec {
  name: string;
  type: SqlType;
  /** Array columns travel as comma-joined text; ragged arrays cannot be unnested directly. */
  arrayOf?: 'uuid' | 'varchar';
}

class TableRows {
  readonly columns: unknown[][];
  private readonly sql: string;

  constructor(readonly table: SeedTable, private readonly specs: readonly ColumnSpec[]) {
    this.columns = specs.map(() => []);
    const names = specs.map((c) => c.name).join(', ');
    const params = specs.map((c, i) => `$${i + 1}::${c.arrayOf ? 'text' : c.type}[]`).join(', ');
    const selected = specs.map((c) => (c.arrayOf ? `string_to_array(u.${c.name}, ',')::${c.arrayOf}[]` : `u.${c.name}`)).join(', ');
    this.sql = `INSERT INTO ${table} (${names}) SELECT ${selected} FROM unnest(${params}) AS u(${names})`;
  }

  get length(): number {
    return this.columns[0].length;
  }

  push(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.columns[i].push(values[i]);
  }

  async write(runner: QueryRunner): Promise<void> {
    for (let from = 0; from < this.length; from += ROWS_PER_STATEMENT) {
      const to = Math.min(from + ROWS_PER_STATEMENT, this.length);
      const parameters = this.columns.map((column, i) => arrayLiteral(column, from, to, this.specs[i].type === 'text' || this.specs[i].type === 'jsonb'));
      try {
        await runner.query(this.sql, parameters);
      } catch (err) {
        // The driver's error carries every parameter: thousands of rows of personal-looking data.
        throw new Error(`Seeding ${this.table} failed: ${(err as Error).message}`);
      }
    }
  }
}

function batchTables() {
  return {
    person: new TableRows('person', [
      { name: 'id', type: 'uuid' }, { name: 'fiscal_code', type: 'text' }, { name: 'given_name', type: 'text' }, { name: 'family_name', type: 'text' },
      { name: 'birth_date', type: 'date' }, { name: 'sex', type: 'text' }, { name: 'birth_place_code', type: 'text' },
      { name: 'residence_municipality_code', type: 'text' }, { name: 'email', type: 'text' }, { name: 'phone', type: 'text' },
      { name: 'target_groups', type: 'text', arrayOf: 'varchar' }, { name: 'created_at', type: 'timestamptz' }, { name: 'updated_at', type: 'timestamptz' },
      { name: 'registered_by_organisation_id', type: 'uuid' },
    ]),
    case_file: new TableRows('case_file', [
      { name: 'id', type: 'uuid' }, { name: 'person_id', type: 'uuid' }, { name: 'programme_id', type: 'uuid' }, { name: 'owner_organisation_id', type: 'uuid' },
      { name: 'status', type: 'text' }, { name: 'opened_on', type: 'date' }, { name: 'closed_on', type: 'date' }, { name: 'closure_reason', type: 'text' },
      { name: 'case_manager_name', type: 'text' }, { name: 'created_at', type: 'timestamptz' },
    ]),
    case_team_member: new TableRows('case_team_member', [
      { name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'organisation_id', type: 'uuid' }, { name: 'role', type: 'text' },
      { name: 'operator_name', type: 'text' }, { name: 'joined_on', type: 'date' }, { name: 'left_on', type: 'date' },
    ]),
    consent: new TableRows('consent', [
      { name: 'id', type: 'uuid' }, { name: 'person_id', type: 'uuid' }, { name: 'organisation_id', type: 'uuid' }, { name: 'purpose', type: 'text' },
      { name: 'status', type: 'text' }, { name: 'given_on', type: 'date' }, { name: 'revoked_on', type: 'date' },
    ]),
    assessment: new TableRows('assessment', [
      { name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'assessed_on', type: 'date' }, { name: 'scores', type: 'jsonb' },
      { name: 'employability_level', type: 'text' }, { name: 'notes', type: 'text' }, { name: 'author_ids', type: 'text', arrayOf: 'uuid' },
      { name: 'created_at', type: 'timestamptz' },
    ]),
    personal_plan: new TableRows('personal_plan', [
      { name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'assessment_id', type: 'uuid' }, { name: 'status', type: 'text' },
      { name: 'goals', type: 'text' }, { name: 'start_date', type: 'date' }, { name: 'end_date', type: 'date' }, { name: 'signed_on', type: 'date' },
      { name: 'created_at', type: 'timestamptz' },
    ]),
    plan_step: new TableRows('plan_step', [
      { name: 'id', type: 'uuid' }, { name: 'plan_id', type: 'uuid' }, { name: 'position', type: 'int' }, { name: 'kind', type: 'text' },
      { name: 'owner_organisation_id', type: 'uuid' }, { name: 'description', type: 'text' }, { name: 'status', type: 'text' },
      { name: 'planned_start', type: 'date' }, { name: 'planned_end', type: 'date' },
    ]),
    referral: new TableRows('referral', [
      { name: 'id', type: 'uuid' }, { name: 'case_id', type: 'uuid' }, { name: 'person_id', type: 'uuid' }, { name: 'programme_id', type: 'uuid' },
      { name: 'from_organisation_id', type: 'uuid' }, { name: 'to_organisation_id', type: 'uuid' }, { name: 'plan_step_id', type: 'uuid' },
      { name: 'reason', type: 'text' }, { name: 'status', type: 'text' }, { name: 'sent_at', type: 'timestamptz' }, { name: 'responded_at', type: 'timestamptz' },
      { name: 'decline_reason', type: 'text' }, { name: 'first_contact_at', type: 'timestamptz' }, { name: 'completed_at', type: 'timestamptz' },
      { name: 'outcome', type: 'text' },
    ]),
    benefit: new TableRows('benefit', [
      { name: 'id', type: 'uuid' }, { name: 'person_id', type: 'uuid' }, { name: 'paying_organisation_id', type: 'uuid' }, { name: 'kind', type: 'text' },
      { name: 'monthly_amount_cents', type: 'int' }, { name: 'start_date', type: 'date' }, { name: 'end_date', type: 'date' },
      { name: 'entitlement_end_date', type: 'date' },
    ]),
  };
}
type BatchTables = ReturnType<typeof batchTables>;

function addPathway(t: BatchTables, p: DemoPathway, fiscalCode: string | null): void {
  const person = p.person;
  const theCase = p.case;
  t.person.push(
    person.id, fiscalCode, person.givenName, person.familyName, person.birthDate, person.sex, person.birthPlaceCode,
    person.residenceMunicipalityCode, person.email, person.phone, person.targetGroups.join(','), person.createdAt, person.createdAt,
    theCase.ownerOrganisationId,
  );
  t.case_file.push(
    theCase.id, person.id, theCase.programmeId, theCase.ownerOrganisationId, theCase.status, theCase.openedOn, theCase.closedOn,
    theCase.closureReason, theCase.caseManagerName, theCase.createdAt,
  );
  for (const m of p.team) t.case_team_member.push(m.id, theCase.id, m.organisationId, m.role, m.operatorName, m.joinedOn, m.leftOn);
  for (const c of p.consents) t.consent.push(c.id, person.id, c.organisationId, 'DATA_SHARING', c.status, c.givenOn, c.revokedOn);
  const a = p.assessment;
  if (a) t.assessment.push(a.id, theCase.id, a.assessedOn, JSON.stringify(a.scores), a.employabilityLevel, a.notes, a.authorIds.join(','), a.createdAt);
  const plan = p.plan;
  if (plan) {
    t.personal_plan.push(plan.id, theCase.id, plan.assessmentId, plan.status, plan.goals, plan.startDate, plan.endDate, plan.signedOn, plan.createdAt);
    for (const s of plan.steps) {
      t.plan_step.push(s.id, plan.id, s.position, s.kind, s.ownerOrganisationId, s.description, s.status, s.plannedStart, s.plannedEnd);
    }
  }
  for (const r of p.referrals) {
    t.referral.push(
      r.id, theCase.id, person.id, theCase.programmeId, r.fromOrganisationId, r.toOrganisationId, r.planStepId, r.reason, r.status,
      r.sentAt, r.respondedAt, r.declineReason, r.firstContactAt, r.completedAt, r.outcome,
    );
  }
  for (const b of p.benefits) {
    t.benefit.push(b.id, person.id, theCase.ownerOrganisationId, b.kind, b.monthlyAmountCents, b.startDate, b.endDate, b.entitlementEndDate);
  }
}

// ---------------------------------------------------------------------------------------------
// Fiscal codes must be unique

// Omocodia: the Agenzia delle Entrate tells identical codes apart by replacing digits with letters,
// starting from the rightmost digit position.
const OMOCODIA_POSITIONS = [14, 13, 12, 10, 9, 7, 6];
const OMOCODIA_LETTERS = 'LMNPQRSTUV';

function omocodiaVariant(code: string, level: number): string {
  const chars = code.slice(0, 15).split('');
  for (const position of OMOCODIA_POSITIONS.slice(0, level)) chars[position] = OMOCODIA_LETTERS[Number(chars[position])];
  const first15 = chars.join('');
  return first15 + fiscalCodeCheckCharacter(first15);
}

function nextProvisional(code: string): string {
  const first10 = String((Number(code.slice(0, 7)) + 1) % 10_000_000).padStart(7, '0') + code.slice(7, 10);
  return first10 + String(partitaIvaCheckDigit(first10));
}

/** Gives each person a code nobody seeded before them has, the way the real registry does. */
function uniqueFiscalCode(taken: Set<string>, p: DemoPathway): string | null {
  let code = p.person.fiscalCode;
  if (code === null) return null;
  if (code.length === 16) {
    for (let level = 1; taken.has(code) && level <= OMOCODIA_POSITIONS.length; level++) code = omocodiaVariant(p.person.fiscalCode as string, level);
    if (taken.has(code)) throw new Error(`Person ${p.index}: every omocodia variant of ${p.person.fiscalCode} is taken`);
  } else {
    while (taken.has(code)) code = nextProvisional(code);
  }
  taken.add(code);
  return code;
}

// ---------------------------------------------------------------------------------------------

async function insertNetwork(runner: QueryRunner, counts: Record<SeedTable, number>): Promise<void> {
  for (const o of DEMO_ORGANISATIONS) {
    const since = DEMO_PROGRAMMES.flatMap((p) => p.partners).filter((pp) => pp.organisationKey === o.key).map((pp) => pp.joinedOn).sort()[0];
    await runner.query(
      'INSERT INTO organisation (id, name, kind, municipality_code, tax_code, email, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [o.id, o.name, o.kind, o.municipalityCode, o.taxCode, o.email, `${since}T08:00:00.000Z`],
    );
    counts.organisation++;
  }
  for (const p of DEMO_PROGRAMMES) {
    await runner.query(
      `INSERT INTO programme (id, code, name, description, lead_organisation_id, territory, start_date, end_date, budget_cents,
         referral_response_days, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::char(4)[], $7, $8, $9, $10, $11)`,
      [
        p.id, p.code, p.name, p.description, DEMO_ORGANISATIONS.find((o) => o.key === p.leadOrganisationKey)?.id, p.territory, p.startDate, p.endDate,
        p.budgetCents, p.referralResponseDays, `${p.startDate}T08:00:00.000Z`,
      ],
    );
    counts.programme++;
    for (const partner of p.partners) {
      await runner.query(
        'INSERT INTO programme_partner (id, programme_id, organisation_id, role, joined_on) VALUES ($1, $2, $3, $4, $5)',
        [programmePartnerId(p.code, partner.organisationKey), p.id, DEMO_ORGANISATIONS.find((o) => o.key === partner.organisationKey)?.id, partner.role, partner.joinedOn],
      );
      counts.programme_partner++;
    }
  }
  await insertDemoLedgerSettings(runner);
}

/** Tables that receive one row or more per person. */
const PERSON_TABLES: readonly SeedTable[] = SEED_TABLES.filter((t) => !['organisation', 'programme', 'programme_partner'].includes(t));

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the demo network and `persons` people with their pathways.
 *
 * Everything goes in one transaction: a crash or a failed insert leaves the database as it was, so
 * a rerun starts clean. PostgreSQL handles a few million uncommitted rows without trouble, and
 * batching the statements (not the transactions) is what makes it fast.
 *
 * Seeding a database that already has organisations is a no-op returning `skipped: true`, so
 * startup code can call it unconditionally; an advisory lock makes two concurrent seeders agree.
 * While it runs, the person-level tables are locked (their keys and indexes are being rebuilt):
 * seed before the service takes traffic.
 */
export async function seedSocialServices(dataSource: DataSource, options: SeedOptions): Promise<SeedSummary> {
  const { persons, onProgress } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(persons) || persons < 0) throw new RangeError(`persons must be a whole number ≥ 0, got ${persons}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const counts = Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as Record<SeedTable, number>;

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [{ seeded }] = (await runner.query('SELECT EXISTS (SELECT 1 FROM organisation) AS seeded')) as { seeded: boolean }[];
    if (seeded) {
      await runner.rollbackTransaction();
      return { skipped: true, seed, counts };
    }
    await insertNetwork(runner, counts);
    const suspended = await suspendConstraints(runner, PERSON_TABLES);

    const taken = new Set<string>();
    let writing: Promise<void> | null = null;
    for (let from = 0; from < persons; from += PEOPLE_PER_BATCH) {
      const to = Math.min(from + PEOPLE_PER_BATCH, persons);
      const tables = batchTables();
      for (let i = from; i < to; i++) {
        const pathway = demoPathway(i, seed);
        addPathway(tables, pathway, uniqueFiscalCode(taken, pathway));
        // Let the previous batch's statements flow while this one is generated.
        if ((i & 127) === 127) await yieldToIo();
      }
      if (writing) {
        await writing;
        onProgress?.(from);
      }
      writing = (async () => {
        // In dependency order: each table's rows refer only to tables written before it.
        for (const t of Object.values(tables)) {
          counts[t.table] += t.length;
          await t.write(runner);
        }
      })();
      // Awaited later; this only stops Node reporting a failure that arrives before then as unhandled.
      writing.catch(() => undefined);
    }
    if (writing) await writing;
    await restoreConstraints(runner, suspended);
    onProgress?.(persons);
    await runner.commitTransaction();
    await analyse(runner, SEED_TABLES);
    return { skipped: false, seed, counts };
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}
