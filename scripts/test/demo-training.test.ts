import { dropDatabase, escoOccupation, escoSkill, openDatabase, type Database } from '@intreccio/shared';
import { entities, minimumHours, training } from '@intreccio/training';
import { SECTOR_OCCUPATIONS } from '../src/demo/catalogue';
import { REFERENCE_DATE } from '../src/demo/dates';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES, type Sector } from '../src/demo/demo-network';
import { deterministicUuid } from '../src/demo/ids';
import { demoPathway } from '../src/demo/pathway';
import {
  demoCourseCatalogue, isTrainingSeeded, seedTraining, TRAINING_SEED_TABLES, type TrainingSeedSummary,
} from '../src/demo/training';
import { count, dumpHash, scratchUrl } from './scratch';

const PERSONS = 300;
const SEED = 7;

const urlA = scratchUrl('seed_training_test', 'a');
const urlB = scratchUrl('seed_training_test', 'b');
let a: Database;
let b: Database;
let summary: TrainingSeedSummary;

function open(url: string): Promise<Database> {
  return openDatabase({ url, entities, migrations: training.migrations, poolSize: 2 });
}

const pathways = Array.from({ length: PERSONS }, (_, i) => demoPathway(i, SEED));

/**
 * People who must have enrolments: a signed plan with a training step the provider accepted, or one
 * still planned and not declined.
 */
function peopleInTraining(): Set<string> {
  const people = new Set<string>();
  for (const p of pathways) {
    if (!p.plan?.signedOn) continue;
    for (const step of p.plan.steps) {
      if (step.kind !== 'GENERAL_TRAINING' && step.kind !== 'PROFESSIONAL_TRAINING') continue;
      const referral = p.referrals.find((r) => r.planStepId === step.id);
      const accepted = referral?.status === 'ACCEPTED' || referral?.status === 'COMPLETED';
      const stillPlanned = step.status === 'PLANNED' && (!referral || referral.status === 'SENT');
      if (accepted || stillPlanned) people.add(p.person.id);
    }
  }
  return people;
}

beforeAll(async () => {
  a = await open(urlA);
  b = await open(urlB);
  summary = await seedTraining(a.dataSource, { persons: PERSONS, seed: SEED });
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await dropDatabase(urlA);
  await dropDatabase(urlB);
});

describe('seedTraining', () => {
  it('writes the providers of the network with their catalogue, and the counts it reports', async () => {
    const ds = a.dataSource;
    expect(summary.skipped).toBe(false);
    for (const table of TRAINING_SEED_TABLES) {
      expect({ table, rows: await count(ds, `SELECT count(*) AS n FROM ${table}`) }).toEqual({ table, rows: summary.counts[table] });
    }
    const providers = DEMO_ORGANISATIONS.filter((o) => o.kind === 'TRAINING_PROVIDER');
    const rows: { id: string; organisation_id: string; accreditation_code: string }[] = await ds.query('SELECT id, organisation_id, accreditation_code FROM training_provider ORDER BY name');
    expect(rows.map((r) => [r.id, r.organisation_id]).sort()).toEqual(providers.map((o) => [deterministicUuid('training:provider', o.key), o.id]).sort());
    for (const r of rows) expect(r.accreditation_code).toMatch(/^(SI|FI)\d{4}$/);
    expect(summary.counts.course).toBe(providers.length * demoCourseCatalogue().length);
    expect(await count(ds, "SELECT count(DISTINCT kind) AS n FROM course")).toBe(7);
    expect(summary.counts.enrollment).toBeGreaterThan(PERSONS / 4);
    for (const status of ['ENROLLED', 'ATTENDING', 'COMPLETED', 'WITHDRAWN']) {
      expect({ status, some: (await count(ds, 'SELECT count(*) AS n FROM enrollment WHERE status = $1', [status])) > 0 }).toEqual({ status, some: true });
    }
    expect(summary.counts.certification).toBe(await count(ds, "SELECT count(*) AS n FROM enrollment WHERE status = 'COMPLETED'"));
  });

  it('enrols exactly the people whose plan has a training step the provider took on, with that step’s provider', async () => {
    const ds = a.dataSource;
    const enrolled: { person_id: string }[] = await ds.query('SELECT DISTINCT person_id FROM enrollment');
    expect(new Set(enrolled.map((r) => r.person_id))).toEqual(peopleInTraining());
    const byPerson = new Map(pathways.map((p) => [p.person.id, p]));
    const rows: { person_id: string; programme_id: string; organisation_id: string; kind: string; title: string }[] = await ds.query(
      `SELECT e.person_id, e.programme_id, p.organisation_id, c.kind, c.title FROM enrollment e
         JOIN course_edition ed ON ed.id = e.edition_id JOIN course c ON c.id = ed.course_id JOIN training_provider p ON p.id = c.provider_id`,
    );
    for (const r of rows) {
      const pathway = byPerson.get(r.person_id)!;
      const owners = pathway.plan!.steps.filter((s) => s.kind.endsWith('_TRAINING')).map((s) => s.ownerOrganisationId);
      expect({ person: r.person_id, ok: owners.includes(r.organisation_id) && r.programme_id === pathway.case.programmeId }).toEqual({ person: r.person_id, ok: true });
      if (r.kind === 'PROFESSIONAL') expect(r.title.toLowerCase()).toContain(({
        HOSPITALITY: 'kitchen', LOGISTICS: 'warehouse', MANUFACTURING: 'production', GREEN_MAINTENANCE: 'gardening', CARE: 'care', RETAIL: 'sales',
      } as Record<Sector, string>)[pathway.sector]);
    }
  });

  it('keeps every edition within its seats, its programme and a status that matches its dates', async () => {
    const ds = a.dataSource;
    const earliest = DEMO_PROGRAMMES.map((p) => p.startDate).sort()[0];
    const latest = DEMO_PROGRAMMES.map((p) => p.endDate).sort().at(-1);
    const violations: [string, string, unknown[]][] = [
      ['more enrolments than seats', `
        SELECT count(*) AS n FROM course_edition ed
         WHERE (SELECT count(*) FROM enrollment e WHERE e.edition_id = ed.id) > ed.seats OR ed.seats NOT BETWEEN 12 AND 20`, []],
      ['editions outside their programme', `
        SELECT count(*) AS n FROM course_edition ed
         WHERE ed.programme_id IS NULL OR ed.start_date < $1::date OR ed.end_date > $2::date`, [earliest, latest]],
      ['status not following the dates', `
        SELECT count(*) AS n FROM course_edition ed
         WHERE ed.status <> CASE WHEN ed.start_date > $1::date THEN 'SCHEDULED' WHEN ed.end_date >= $1::date THEN 'RUNNING' ELSE 'COMPLETED' END`, [REFERENCE_DATE]],
    ];
    for (const [rule, sql, params] of violations) {
      expect({ rule, violations: await count(ds, sql, params) }).toEqual({ rule, violations: 0 });
    }
  });

  it('keeps attendance within the course hours and completion at 70 % or more, in editions that had started', async () => {
    const ds = a.dataSource;
    const violations: Record<string, string> = {
      'attendance beyond the course hours': `
        SELECT count(*) AS n FROM enrollment e JOIN course_edition ed ON ed.id = e.edition_id JOIN course c ON c.id = ed.course_id
         WHERE e.attended_hours > c.hours`,
      'completed under 70 %': `
        SELECT count(*) AS n FROM enrollment e JOIN course_edition ed ON ed.id = e.edition_id JOIN course c ON c.id = ed.course_id
         WHERE e.status = 'COMPLETED' AND e.attended_hours * 100 < c.hours * 70`,
      'completed before the edition started': `
        SELECT count(*) AS n FROM enrollment e JOIN course_edition ed ON ed.id = e.edition_id
         WHERE e.status = 'COMPLETED' AND e.completed_on < ed.start_date`,
      'attending an edition not yet started': `
        SELECT count(*) AS n FROM enrollment e JOIN course_edition ed ON ed.id = e.edition_id
         WHERE e.status = 'ATTENDING' AND ed.start_date > $1::date`,
      'enrolled in an edition already over': `
        SELECT count(*) AS n FROM enrollment e JOIN course_edition ed ON ed.id = e.edition_id
         WHERE e.status = 'ENROLLED' AND ed.end_date < $1::date`,
      'dates after the reference date': `
        SELECT count(*) AS n FROM enrollment e
         WHERE e.enrolled_on > $1::date OR e.completed_on > $1::date OR e.withdrawn_on > $1::date`,
    };
    for (const [rule, sql] of Object.entries(violations)) {
      expect({ rule, violations: await count(ds, sql, sql.includes('$1') ? [REFERENCE_DATE] : []) }).toEqual({ rule, violations: 0 });
    }
    const hours: { hours: number; attended: number }[] = await ds.query(
      `SELECT c.hours, e.attended_hours AS attended FROM enrollment e JOIN course_edition ed ON ed.id = e.edition_id JOIN course c ON c.id = ed.course_id WHERE e.status = 'COMPLETED'`,
    );
    for (const h of hours) expect(h.attended).toBeGreaterThanOrEqual(minimumHours(h.hours));
  });

  it('certifies completed enrolments only, with skills the course teaches', async () => {
    const ds = a.dataSource;
    const violations: Record<string, string> = {
      'certificates of enrolments not completed, or of someone else': `
        SELECT count(*) AS n FROM certification k JOIN enrollment e ON e.id = k.enrollment_id
         WHERE e.status <> 'COMPLETED' OR e.person_id <> k.person_id OR e.programme_id <> k.programme_id OR k.issued_on < e.completed_on OR k.issued_on > $1::date`,
      'skills certified that the course does not teach': `
        SELECT count(*) AS n FROM certification k JOIN enrollment e ON e.id = k.enrollment_id
          JOIN course_edition ed ON ed.id = e.edition_id JOIN course c ON c.id = ed.course_id
         WHERE NOT (k.certified_skills <@ c.skills_taught) OR k.provider_id <> c.provider_id
            OR (k.kind = 'ATTENDANCE') <> (cardinality(k.certified_skills) = 0)
            OR (k.kind = 'COMPETENCE_CERTIFICATION') <> (c.kind = 'PROFESSIONAL')`,
    };
    for (const [rule, sql] of Object.entries(violations)) {
      expect({ rule, violations: await count(ds, sql, sql.includes('$1') ? [REFERENCE_DATE] : []) }).toEqual({ rule, violations: 0 });
    }
    expect(await count(ds, "SELECT count(*) AS n FROM certification WHERE kind = 'COMPETENCE_CERTIFICATION'")).toBeGreaterThan(0);
  });

  it('uses real ESCO skills, and teaches essential skills of every occupation the sectors hire for', async () => {
    const ds = a.dataSource;
    const uris: { uri: string }[] = await ds.query(
      'SELECT DISTINCT unnest(skills_taught) AS uri FROM course UNION SELECT DISTINCT unnest(certified_skills) FROM certification',
    );
    expect(uris.length).toBeGreaterThan(50);
    expect(uris.filter((u) => !escoSkill(u.uri))).toEqual([]);
    const taught: { uri: string }[] = await ds.query('SELECT DISTINCT unnest(skills_taught) AS uri FROM course');
    const taughtSet = new Set(taught.map((t) => t.uri));
    for (const [sector, occupations] of Object.entries(SECTOR_OCCUPATIONS)) {
      const professional = demoCourseCatalogue().find((c) => c.sector === sector)!;
      const essential = new Set(occupations.flatMap((o) => escoOccupation(o)!.essentialSkills));
      expect({ sector, strays: professional.skillsTaught.filter((s) => !essential.has(s)) }).toEqual({ sector, strays: [] });
      for (const occupation of occupations) {
        const covered = escoOccupation(occupation)!.essentialSkills.filter((s) => taughtSet.has(s)).length;
        expect({ occupation, covered: covered >= 2 }).toEqual({ occupation, covered: true });
      }
    }
  });

  it('is a no-op on a database that already has providers', async () => {
    const before = await dumpHash(a.dataSource, TRAINING_SEED_TABLES);
    expect(await isTrainingSeeded(a.dataSource)).toBe(true);
    const again = await seedTraining(a.dataSource, { persons: 50, seed: 99 });
    expect(again.skipped).toBe(true);
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect(await dumpHash(a.dataSource, TRAINING_SEED_TABLES)).toBe(before);
  });

  it('leaves nothing behind when seeding fails, and gives identical rows for the same seed', async () => {
    const keys = await count(b.dataSource, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'");
    const indexes = await count(b.dataSource, "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'public'");
    await expect(seedTraining(b.dataSource, {
      persons: 40,
      seed: SEED,
      onProgress: () => {
        throw new Error('crash while seeding');
      },
    })).rejects.toThrow('crash while seeding');
    expect(await isTrainingSeeded(b.dataSource)).toBe(false);
    expect(await count(b.dataSource, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'")).toBe(keys);

    const rerun = await seedTraining(b.dataSource, { persons: PERSONS, seed: SEED });
    expect(rerun.counts).toEqual(summary.counts);
    expect(await dumpHash(b.dataSource, TRAINING_SEED_TABLES)).toBe(await dumpHash(a.dataSource, TRAINING_SEED_TABLES));
    expect(await count(b.dataSource, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'")).toBe(keys);
    expect(await count(b.dataSource, "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'public'")).toBe(indexes);
  }, 120_000);
});
