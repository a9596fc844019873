import { escoOccupation, escoSkill, municipalityByCadastralCode, searchEscoSkills } from '@intreccio/shared';
import { minimumHours, type CourseEditionStatus, type CourseKind, type EnrollmentStatus } from '@intreccio/training';
import type { DataSource, QueryRunner } from 'typeorm';
import { restoreConstraints, suspendConstraints, analyse } from './bulk-load';
import { SECTOR_OCCUPATIONS } from './catalogue';
import { dayNumber, isoDate, REFERENCE_DAY } from './dates';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES, type DemoOrganisation, type DemoProgramme, type Sector } from './demo-network';
import { deterministicUuid } from './ids';
import { DEFAULT_SEED, demoPathway, type DemoPathway, type DemoPlanStep } from './pathway';
import { hashString, mix32, Random } from './random';

/**
 * The training bodies' side of the demo network: each TRAINING_PROVIDER organisation's catalogue,
 * the editions its courses run in, and the enrolments and certificates that follow from every
 * person's personal plan (`demoPathway`), so a training step agreed with social services appears
 * here as a seat in a course of the same provider, at the step's dates.
 */

export const TRAINING_SEED_TABLES = ['training_provider', 'course', 'course_edition', 'enrollment', 'certification'] as const;
export type TrainingSeedTable = (typeof TRAINING_SEED_TABLES)[number];

export interface TrainingSeedOptions {
  /** How many people's pathways to read, as given to the social-services seeder. */
  persons: number;
  seed?: number;
  /** Called after each batch is written with the people handled so far; a callback that throws aborts the seed. */
  onProgress?: (done: number) => void;
}

export interface TrainingSeedSummary {
  skipped: boolean;
  counts: Record<TrainingSeedTable, number>;
}

// ---------------------------------------------------------------------------------------------
// The catalogue

/** An ESCO skill by its exact English label, so the catalogue reads as what it teaches and fails fast if ESCO changes. */
function skillLabelled(label: string): string {
  const skill = searchEscoSkills(label, 200).find((s) => s.label === label);
  if (!skill) throw new Error(`ESCO has no skill labelled "${label}"`);
  return skill.uri;
}

export interface DemoCourseSpec {
  key: string;
  title: string;
  kind: CourseKind;
  hours: number;
  costPerHourCents: number;
  description: string;
  skillsTaught: string[];
  /** Calendar days an edition lasts. */
  days: number;
  /** Days between two editions' starts. */
  cadenceDays: number;
  /** Weekday an edition starts on, counted from Monday, so a person can take a day course and the next one. */
  startOffset: number;
  /** The sector a PROFESSIONAL course trains for. */
  sector: Sector | null;
}

const PROFESSIONAL: Readonly<Record<Sector, { title: string; hours: number; costPerHourCents: number; description: string }>> = {
  HOSPITALITY: { title: 'Kitchen and dining room assistant', hours: 120, costPerHourCents: 1600, description: 'Food preparation, service in the dining room and kitchen hygiene, with a work placement.' },
  LOGISTICS: { title: 'Warehouse operator with forklift licence', hours: 80, costPerHourCents: 1800, description: 'Goods receiving, picking, stock control and forklift driving (licence under the 2012 State-Regions agreement).' },
  MANUFACTURING: { title: 'Production and finishing operator', hours: 100, costPerHourCents: 1700, description: 'Leather goods, tailoring and glass finishing: tools, materials and quality checks.' },
  GREEN_MAINTENANCE: { title: 'Gardening and green maintenance operator', hours: 90, costPerHourCents: 1500, description: 'Planting, pruning and care of green areas, garden machinery and cleaning of buildings.' },
  CARE: { title: 'Family care assistant', hours: 120, costPerHourCents: 1600, description: 'Help with daily living, hygiene and mobility of older and disabled people at home and in residences.' },
  RETAIL: { title: 'Sales assistant and cashier', hours: 80, costPerHourCents: 1400, description: 'Shelf stocking, customer service, till operations and refunds.' },
};

const SKILLS_PER_PROFESSIONAL_COURSE = 10;

/**
 * The skills a sector's course teaches: essential skills of the occupations the sector hires for,
 * taken in turns from each occupation (those shared by more of the sector's occupations first,
 * then alphabetically), so that every occupation's gaps lead to the course.
 */
export function professionalSkills(sector: Sector): string[] {
  const occupations = SECTOR_OCCUPATIONS[sector].map((uri) => {
    const occupation = escoOccupation(uri);
    if (!occupation) throw new Error(`${sector}: ${uri} is not an ESCO occupation`);
    return occupation;
  });
  const shared = new Map<string, number>();
  for (const o of occupations) for (const uri of o.essentialSkills) shared.set(uri, (shared.get(uri) ?? 0) + 1);
  const label = (uri: string) => escoSkill(uri)?.label ?? uri;
  const queues = occupations.map((o) => [...o.essentialSkills].sort((a, b) => (shared.get(b)! - shared.get(a)!) || label(a).localeCompare(label(b))));
  const chosen: string[] = [];
  for (let round = 0; chosen.length < SKILLS_PER_PROFESSIONAL_COURSE && queues.some((q) => q.length > 0); round++) {
    for (const queue of queues) {
      while (queue.length > 0 && chosen.includes(queue[0]!)) queue.shift();
      const next = queue.shift();
      if (next && chosen.length < SKILLS_PER_PROFESSIONAL_COURSE) chosen.push(next);
    }
  }
  return chosen;
}

let catalogue: DemoCourseSpec[] | undefined;

/** The courses every demo provider offers: general training, Italian, digital, soft skills, a self-employment lab, one course per sector. */
export function demoCourseCatalogue(): readonly DemoCourseSpec[] {
  if (catalogue) return catalogue;
  const general = (key: string, kind: CourseKind, title: string, hours: number, costPerHourCents: number, description: string, labels: string[], days: number, cadenceDays: number, startOffset = 0): DemoCourseSpec => ({
    key, kind, title, hours, costPerHourCents, description, skillsTaught: labels.map(skillLabelled), days, cadenceDays, startOffset, sector: null,
  });
  catalogue = [
    general('safety-general', 'WORKPLACE_SAFETY', 'Workplace safety: general training (D.Lgs. 81/08)', 4, 1200,
      'The general part every worker takes: risk, harm, prevention and protection, the organisation of prevention in the company, rights and duties.',
      ['health and safety in the workplace', 'health, safety and hygiene legislation', 'apply health and safety standards'], 1, 7),
    general('safety-specific', 'WORKPLACE_SAFETY', 'Workplace safety: specific training, medium risk (D.Lgs. 81/08)', 8, 1200,
      'The specific part for medium-risk sectors: the risks of the job, protective equipment, safe handling of loads, fire and emergencies.',
      ['follow safety precautions in work practices', 'use personal protection equipment', 'work ergonomically', 'fire prevention procedures'], 2, 7, 1),
    general('haccp', 'HACCP', 'HACCP food hygiene for food handlers', 8, 1300,
      'Food hygiene under Regulation (EC) 852/2004: hazards, critical control points, personal hygiene, cleaning and self-monitoring records.',
      ['comply with food safety and hygiene', 'apply HACCP', 'food hygiene rules', 'maintain personal hygiene standards'], 2, 7, 3),
    general('italian-a2', 'LANGUAGE', 'Italian for work, level A2', 60, 1100,
      'Italian as a second language for everyday work situations, towards the A2 level of the Common European Framework.',
      ['understand spoken Italian', 'interact verbally in Italian'], 35, 14),
    general('italian-b1', 'LANGUAGE', 'Italian for work, level B1', 80, 1100,
      'Italian as a second language at B1: reading instructions and forms, writing short messages, talking with colleagues and customers.',
      ['understand spoken Italian', 'interact verbally in Italian', 'understand written Italian', 'write Italian'], 49, 28),
    general('digital', 'DIGITAL', 'Digital skills lab: e-mail, SPID and online job search', 20, 1300,
      'Using a computer and a smartphone, e-mail, the SPID digital identity, online public services and job portals.',
      ['have computer literacy', 'manage digital identity', 'browse, search and filter data, information and digital content', 'use e-services', 'online job platforms'], 10, 14),
    general('soft-skills', 'SOFT_SKILLS', 'Soft skills for work: teamwork, communication, time keeping', 24, 1200,
      'Working with others, keeping time and commitments, taking feedback and adapting how one speaks to colleagues and customers.',
      ['work in teams', 'manage time', 'act reliably', 'accept criticism and guidance', 'adapt communication style according to recipient'], 14, 28),
    general('self-employment', 'SELF_EMPLOYMENT_LAB', 'Self-employment lab: from an idea to a business plan', 40, 1500,
      'From an idea to a business plan: the market, costs and prices, legal forms, microcredit and start-up support.',
      ['show entrepreneurial spirit', 'develop business plans', 'manage budgets', 'entrepreneurship'], 28, 56),
    ...(Object.keys(PROFESSIONAL) as Sector[]).map((sector): DemoCourseSpec => {
      const p = PROFESSIONAL[sector];
      return {
        key: `professional-${sector.toLowerCase().replace(/_/g, '-')}`,
        kind: 'PROFESSIONAL',
        title: `${p.title} (${p.hours} h)`,
        hours: p.hours,
        costPerHourCents: p.costPerHourCents,
        description: p.description,
        skillsTaught: professionalSkills(sector),
        // Twenty hours a week.
        days: Math.ceil(p.hours / 20) * 7 - 2,
        cadenceDays: 14,
        startOffset: 0,
        sector,
      };
    }),
  ];
  return catalogue;
}

function course(key: string): DemoCourseSpec {
  const spec = demoCourseCatalogue().find((c) => c.key === key);
  if (!spec) throw new Error(`No demo course ${key}`);
  return spec;
}

export function trainingProviderId(organisationKey: string): string {
  return deterministicUuid('training:provider', organisationKey);
}

export function demoCourseId(organisationKey: string, courseKey: string): string {
  return deterministicUuid('training:course', `${organisationKey}/${courseKey}`);
}

const PROVIDERS: readonly DemoOrganisation[] = DEMO_ORGANISATIONS.filter((o) => o.kind === 'TRAINING_PROVIDER');

/** A Tuscan accreditation code: the province of the provider's seat and a number. */
function accreditationCode(organisation: DemoOrganisation): string {
  const province = municipalityByCadastralCode(organisation.municipalityCode)?.province ?? 'XX';
  return `${province}${String(100 + (hashString(`accreditation:${organisation.key}`) % 900)).padStart(4, '0')}`;
}

/** The courses a plan step stands for: safety training has a general and a specific part. */
function coursesForStep(step: DemoPlanStep, sector: Sector): DemoCourseSpec[] {
  if (step.kind === 'PROFESSIONAL_TRAINING') return [demoCourseCatalogue().find((c) => c.sector === sector)!];
  if (/italian/i.test(step.description)) return [course('italian-a2')];
  if (/safety/i.test(step.description)) return [course('safety-general'), course('safety-specific')];
  if (/haccp/i.test(step.description)) return [course('haccp')];
  if (/digital/i.test(step.description)) return [course('digital')];
  return [course('soft-skills')];
}

// ---------------------------------------------------------------------------------------------
// Editions: a calendar per programme, provider and course, with editions opened as seats run out

interface DemoEdition {
  id: string;
  courseId: string;
  programmeId: string;
  startDay: number;
  endDay: number;
  seats: number;
  taken: number;
  municipalityCode: string;
  venue: string;
  createdDay: number;
}

/** Editions start on a fixed calendar (from the first Monday of the programme), so people planned for the same weeks share them. */
class EditionCalendar {
  private readonly firstStart: number;
  private readonly lastSlot: number;
  private readonly slots = new Map<number, DemoEdition[]>();

  constructor(
    private readonly programme: DemoProgramme,
    private readonly provider: DemoOrganisation,
    readonly spec: DemoCourseSpec,
    private readonly created: DemoEdition[],
  ) {
    const start = dayNumber(programme.startDate);
    const weekday = (start + 4) % 7; // 1970-01-01 was a Thursday; 1 = Monday
    this.firstStart = start + ((8 - weekday) % 7) + spec.startOffset;
    this.lastSlot = Math.floor((dayNumber(programme.endDate) - spec.days + 1 - this.firstStart) / spec.cadenceDays);
  }

  start(slot: number): number {
    return this.firstStart + slot * this.spec.cadenceDays;
  }

  end(slot: number): number {
    return this.start(slot) + this.spec.days - 1;
  }

  /** The first slot starting on or after the day, the last one if none. */
  onOrAfter(day: number): number {
    return Math.min(this.lastSlot, Math.max(0, Math.ceil((day - this.firstStart) / this.spec.cadenceDays)));
  }

  /** The last slot starting on or before the day, or -1. */
  onOrBefore(day: number): number {
    return Math.min(this.lastSlot, Math.floor((day - this.firstStart) / this.spec.cadenceDays));
  }

  /** Every quarter or so an edition is on the calendar whoever enrols, so the catalogue shows what runs when. */
  scheduleRegularEditions(): void {
    const every = Math.max(1, Math.round(91 / this.spec.cadenceDays));
    for (let slot = 0; slot <= this.lastSlot; slot += every) this.open(slot, Math.min(this.start(slot) - 45, REFERENCE_DAY));
  }

  /** A seat in the slot's editions: the first with room, or a new parallel edition when all are full. */
  seat(slot: number, enrolledDay: number): DemoEdition {
    const editions = this.slots.get(slot) ?? [];
    const edition = editions.find((e) => e.taken < e.seats) ?? this.open(slot, Math.min(enrolledDay, this.start(slot) - 45, REFERENCE_DAY));
    edition.taken++;
    return edition;
  }

  private open(slot: number, createdDay: number): DemoEdition {
    const editions = this.slots.get(slot) ?? [];
    const startDay = this.start(slot);
    const key = `${this.programme.code}/${this.provider.key}/${this.spec.key}/${isoDate(startDay)}/${editions.length + 1}`;
    const inTerritory = this.programme.territory.includes(this.provider.municipalityCode);
    const municipalityCode = inTerritory ? this.provider.municipalityCode : this.programme.territory[0]!;
    const edition: DemoEdition = {
      id: deterministicUuid('training:edition', key),
      courseId: demoCourseId(this.provider.key, this.spec.key),
      programmeId: this.programme.id,
      startDay,
      endDay: this.end(slot),
      seats: 12 + (hashString(key) % 9),
      taken: 0,
      municipalityCode,
      venue: `Aula ${1 + (editions.length % 4)}, ${this.provider.name} – ${municipalityByCadastralCode(municipalityCode)?.name ?? municipalityCode}`,
      createdDay,
    };
    editions.push(edition);
    this.slots.set(slot, editions);
    this.created.push(edition);
    return edition;
  }
}

class Calendars {
  private readonly calendars = new Map<string, EditionCalendar>();
  /** Editions opened and not written yet. */
  pending: DemoEdition[] = [];

  get(programme: DemoProgramme, provider: DemoOrganisation, spec: DemoCourseSpec): EditionCalendar {
    const key = `${programme.code}/${provider.key}/${spec.key}`;
    let calendar = this.calendars.get(key);
    if (!calendar) {
      calendar = new EditionCalendar(programme, provider, spec, this.pending);
      this.calendars.set(key, calendar);
    }
    return calendar;
  }
}

function editionStatus(e: DemoEdition): CourseEditionStatus {
  if (e.startDay > REFERENCE_DAY) return 'SCHEDULED';
  return e.endDay >= REFERENCE_DAY ? 'RUNNING' : 'COMPLETED';
}

// ---------------------------------------------------------------------------------------------
// Enrolments from the personal plan

export interface DemoEnrollment {
  id: string;
  personId: string;
  programmeId: string;
  edition: DemoEdition;
  course: DemoCourseSpec;
  providerId: string;
  /** The provider's organisation in the registry, which holds the record. */
  organisationId: string;
  status: EnrollmentStatus;
  enrolledDay: number;
  attendedHours: number;
  completedDay: number | null;
  withdrawnDay: number | null;
  withdrawalReason: string | null;
}

export interface DemoCertification {
  id: string;
  enrollment: DemoEnrollment;
  kind: 'ATTENDANCE' | 'COMPETENCE_CERTIFICATION';
  title: string;
  issuedDay: number;
  certifiedSkills: string[];
}

const STEP_TO_ENROLLMENT: Readonly<Record<DemoPlanStep['status'], EnrollmentStatus>> = {
  PLANNED: 'ENROLLED',
  IN_PROGRESS: 'ATTENDING',
  DONE: 'COMPLETED',
  CANCELLED: 'WITHDRAWN',
};

const WITHDRAWAL_REASON: Readonly<Record<string, string>> = {
  DROPPED_OUT: 'Stopped attending and left the pathway',
  MOVED_AWAY: 'Moved away from the area',
  TRANSFERRED: 'Transferred to another service',
  EMPLOYED: 'Found a job before the end of the course',
};

const day = (instant: string) => dayNumber(instant.slice(0, 10));

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** Hours attended by a day, in proportion to the lessons held so far, less some absences; always short of the whole course. */
function partialHours(random: Random, spec: DemoCourseSpec, edition: DemoEdition, byDay: number, atLeastOne: boolean): number {
  const held = clamp((byDay - edition.startDay + 1) / spec.days, 0, 1);
  const hours = Math.floor(spec.hours * held * (0.6 + 0.4 * random.next()));
  return clamp(hours, atLeastOne ? 1 : 0, spec.hours - 1);
}

/**
 * When the provider gave the person a seat for a training step, or null if it never did. The
 * provider sits in the équipe that agrees the plan, so a seat is booked once the plan is signed and
 * confirmed when the referral is accepted; a declined or unanswered referral, or a plan cancelled
 * before the provider took the person on, leaves no enrolment.
 */
function enrolmentDay(p: DemoPathway, step: DemoPlanStep): number | null {
  const referral = p.referrals.find((r) => r.planStepId === step.id);
  if ((referral?.status === 'ACCEPTED' || referral?.status === 'COMPLETED') && referral.respondedAt) return day(referral.respondedAt);
  if (step.status !== 'PLANNED' || (referral && referral.status !== 'SENT')) return null;
  return referral ? day(referral.sentAt) : dayNumber(p.plan!.signedOn!);
}

/**
 * The enrolments a person's plan implies, one per course of each training step with a seat; its status follows the step's (an in-progress step whose course has
 * not started yet is an enrolment waiting for it), and the edition is the one on the provider's
 * calendar that fits the dates: a future or current one while enrolled, the latest started one
 * while attending, one that started by the completion date when completed.
 */
function enrollmentsOf(p: DemoPathway, seed: number, calendars: Calendars): { enrollments: DemoEnrollment[]; certifications: DemoCertification[] } {
  const enrollments: DemoEnrollment[] = [];
  const certifications: DemoCertification[] = [];
  if (!p.plan?.signedOn) return { enrollments, certifications };
  const random = new Random(mix32(seed, p.index, 0x7a1e));
  const programme = DEMO_PROGRAMMES.find((g) => g.id === p.case.programmeId)!;
  for (const step of p.plan.steps) {
    if (step.kind !== 'GENERAL_TRAINING' && step.kind !== 'PROFESSIONAL_TRAINING') continue;
    const enrolledDay = enrolmentDay(p, step);
    if (enrolledDay === null) continue;
    const referral = p.referrals.find((r) => r.planStepId === step.id);
    const provider = PROVIDERS.find((o) => o.id === step.ownerOrganisationId);
    if (!provider) throw new Error(`Person ${p.index}: step ${step.position} is owned by ${step.ownerOrganisationId}, not a training provider`);
    const planned = Math.max(enrolledDay, dayNumber(step.plannedStart));
    for (const spec of coursesForStep(step, p.sector)) {
      const calendar = calendars.get(programme, provider, spec);
      let status = STEP_TO_ENROLLMENT[step.status];
      let slot: number;
      let completedDay: number | null = null;
      // A step is in progress from the provider's first contact; the course itself may start later.
      if (status === 'ATTENDING' && calendar.onOrAfter(planned) > calendar.onOrBefore(REFERENCE_DAY)) status = 'ENROLLED';
      switch (status) {
        case 'ENROLLED':
          slot = calendar.onOrAfter(Math.max(planned, REFERENCE_DAY - spec.days + 1));
          break;
        case 'ATTENDING':
          // The latest edition to have started, which is on or after the planned start.
          slot = calendar.onOrBefore(REFERENCE_DAY);
          break;
        case 'COMPLETED': {
          completedDay = day(referral!.completedAt as string);
          slot = calendar.onOrAfter(planned);
          // Prefer an edition that ended by the completion; at least one that had started.
          if (calendar.end(slot) > completedDay) slot = calendar.onOrBefore(completedDay - spec.days + 1);
          if (slot < 0 || calendar.start(slot) < enrolledDay - spec.cadenceDays) slot = calendar.onOrBefore(completedDay);
          break;
        }
        case 'WITHDRAWN':
          slot = calendar.onOrAfter(planned);
          break;
      }
      if (slot < 0) throw new Error(`Person ${p.index}: no ${spec.key} edition fits a ${status} enrolment`);
      const edition = calendar.seat(slot, enrolledDay);
      const enrollment: DemoEnrollment = {
        id: deterministicUuid('training:enrollment', `${p.index}/${step.position}/${spec.key}`),
        personId: p.person.id,
        programmeId: programme.id,
        edition,
        course: spec,
        providerId: trainingProviderId(provider.key),
        organisationId: provider.id,
        status,
        enrolledDay,
        attendedHours: 0,
        completedDay,
        withdrawnDay: null,
        withdrawalReason: null,
      };
      if (status === 'ATTENDING') {
        enrollment.attendedHours = partialHours(random, spec, edition, REFERENCE_DAY, true);
      } else if (status === 'COMPLETED') {
        const needed = minimumHours(spec.hours);
        enrollment.attendedHours = needed + random.int(0, spec.hours - needed);
      } else if (status === 'WITHDRAWN') {
        enrollment.withdrawnDay = p.case.closedOn ? dayNumber(p.case.closedOn) : REFERENCE_DAY;
        enrollment.withdrawalReason = WITHDRAWAL_REASON[p.case.closureReason ?? ''] ?? 'The personal plan was closed';
        enrollment.attendedHours = referral?.firstContactAt ? partialHours(random, spec, edition, enrollment.withdrawnDay, false) : 0;
      }
      enrollments.push(enrollment);
      if (status === 'COMPLETED') certifications.push(certificateFor(random, enrollment, `${p.index}/${step.position}/${spec.key}`));
    }
  }
  return { enrollments, certifications };
}

/** An attendance certificate for general courses; professional courses end with a certification of the competences assessed. */
function certificateFor(random: Random, enrollment: DemoEnrollment, key: string): DemoCertification {
  const spec = enrollment.course;
  const issuedDay = Math.min((enrollment.completedDay as number) + random.int(3, 20), REFERENCE_DAY);
  if (spec.kind !== 'PROFESSIONAL') {
    return { id: deterministicUuid('training:certification', key), enrollment, kind: 'ATTENDANCE', title: `Certificate of attendance: ${spec.title}`, issuedDay, certifiedSkills: [] };
  }
  let certified = spec.skillsTaught.filter(() => random.chance(0.8));
  if (certified.length === 0) certified = [spec.skillsTaught[random.int(0, spec.skillsTaught.length - 1)]!];
  return {
    id: deterministicUuid('training:certification', key),
    enrollment,
    kind: 'COMPETENCE_CERTIFICATION',
    title: `Certification of competences: ${spec.title}`,
    issuedDay,
    certifiedSkills: certified,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

const ROWS_PER_STATEMENT = 5000;
const PEOPLE_PER_BATCH = 2500;
const SEED_LOCK = 7_324_103;

type SqlType = 'uuid' | 'text' | 'date' | 'int' | 'timestamptz' | 'varchar[]';

/** Rows gathered column by column and inserted with one array parameter per column. */
class Rows {
  private columns: unknown[][];
  private readonly sql: string;

  constructor(readonly table: TrainingSeedTable, private readonly spec: readonly (readonly [string, SqlType])[]) {
    this.columns = spec.map(() => []);
    const names = spec.map(([name]) => name).join(', ');
    // Ragged arrays cannot travel as one array parameter: each row's list goes as text and is split in the server.
    const params = spec.map(([, type], i) => `$${i + 1}::${type === 'varchar[]' ? 'text' : type}[]`).join(', ');
    const values = spec.map(([name, type]) => (type === 'varchar[]' ? `coalesce(string_to_array(nullif(u.${name}, ''), ' '), '{}')::varchar[]` : `u.${name}`)).join(', ');
    this.sql = `INSERT INTO ${table} (${names}) SELECT ${values} FROM unnest(${params}) AS u(${names})`;
  }

  get length(): number {
    return this.columns[0]!.length;
  }

  add(...values: unknown[]): void {
    values.forEach((v, i) => this.columns[i]!.push(this.spec[i]![1] === 'varchar[]' ? (v as string[]).join(' ') : v));
  }

  /** Writes what was gathered and starts afresh; returns the rows written. */
  async flush(runner: QueryRunner): Promise<number> {
    const written = this.length;
    for (let from = 0; from < written; from += ROWS_PER_STATEMENT) {
      try {
        await runner.query(this.sql, this.columns.map((c) => c.slice(from, from + ROWS_PER_STATEMENT)));
      } catch (err) {
        // The driver's error repeats every parameter: thousands of rows.
        throw new Error(`Seeding ${this.table} failed: ${(err as Error).message}`);
      }
    }
    this.columns = this.spec.map(() => []);
    return written;
  }
}

function tables() {
  return {
    training_provider: new Rows('training_provider', [['id', 'uuid'], ['name', 'text'], ['organisation_id', 'uuid'], ['accreditation_code', 'text'], ['municipality_code', 'text'], ['created_at', 'timestamptz']]),
    course: new Rows('course', [
      ['id', 'uuid'], ['provider_id', 'uuid'], ['title', 'text'], ['kind', 'text'], ['hours', 'int'], ['description', 'text'], ['skills_taught', 'varchar[]'],
      ['cost_per_hour_cents', 'int'], ['created_at', 'timestamptz'],
    ]),
    course_edition: new Rows('course_edition', [
      ['id', 'uuid'], ['course_id', 'uuid'], ['programme_id', 'uuid'], ['start_date', 'date'], ['end_date', 'date'], ['seats', 'int'], ['municipality_code', 'text'],
      ['venue', 'text'], ['status', 'text'], ['created_at', 'timestamptz'],
    ]),
    enrollment: new Rows('enrollment', [
      ['id', 'uuid'], ['person_id', 'uuid'], ['organisation_id', 'uuid'], ['programme_id', 'uuid'], ['edition_id', 'uuid'], ['status', 'text'], ['enrolled_on', 'date'], ['attended_hours', 'int'],
      ['completed_on', 'date'], ['withdrawn_on', 'date'], ['withdrawal_reason', 'text'], ['created_at', 'timestamptz'],
    ]),
    certification: new Rows('certification', [
      ['id', 'uuid'], ['person_id', 'uuid'], ['organisation_id', 'uuid'], ['programme_id', 'uuid'], ['enrollment_id', 'uuid'], ['provider_id', 'uuid'], ['kind', 'text'], ['title', 'text'],
      ['issued_on', 'date'], ['certified_skills', 'varchar[]'], ['created_at', 'timestamptz'],
    ]),
  };
}
type Tables = ReturnType<typeof tables>;

const at = (d: number, hour: number) => `${isoDate(d)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const orNull = (d: number | null) => (d === null ? null : isoDate(d));

function addEditions(t: Tables, editions: DemoEdition[]): void {
  for (const e of editions) {
    t.course_edition.add(e.id, e.courseId, e.programmeId, isoDate(e.startDay), isoDate(e.endDay), e.seats, e.municipalityCode, e.venue, editionStatus(e), at(e.createdDay, 8));
  }
  editions.length = 0;
}

function addCatalogue(t: Tables): void {
  const since = (organisation: DemoOrganisation) =>
    DEMO_PROGRAMMES.flatMap((p) => p.partners).filter((pp) => pp.organisationKey === organisation.key).map((pp) => pp.joinedOn).sort()[0]!;
  for (const o of PROVIDERS) {
    const id = trainingProviderId(o.key);
    t.training_provider.add(id, o.name, o.id, accreditationCode(o), o.municipalityCode, `${since(o)}T08:00:00.000Z`);
    for (const spec of demoCourseCatalogue()) {
      t.course.add(demoCourseId(o.key, spec.key), id, spec.title, spec.kind, spec.hours, spec.description, spec.skillsTaught, spec.costPerHourCents, `${since(o)}T09:00:00.000Z`);
    }
  }
}

export async function isTrainingSeeded(dataSource: DataSource): Promise<boolean> {
  const rows: { seeded: boolean }[] = await dataSource.query('SELECT EXISTS (SELECT 1 FROM training_provider) AS seeded');
  return rows[0]!.seeded;
}

/**
 * Writes the training side of the demo network for the first `persons` people of `demoPathway`.
 *
 * One transaction under an advisory lock: a failure leaves the database as it was, and seeding a
 * database that already has providers is a no-op returning `skipped: true`. The same options always
 * give the same rows: ids are derived from keys, dates from the reference date, and people are read
 * in order, so editions fill and open in the same order.
 */
export async function seedTraining(dataSource: DataSource, options: TrainingSeedOptions): Promise<TrainingSeedSummary> {
  const { persons, onProgress } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(persons) || persons < 0) throw new RangeError(`persons must be a whole number ≥ 0, got ${persons}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const counts = Object.fromEntries(TRAINING_SEED_TABLES.map((t) => [t, 0])) as Record<TrainingSeedTable, number>;

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [{ seeded }] = (await runner.query('SELECT EXISTS (SELECT 1 FROM training_provider) AS seeded')) as { seeded: boolean }[];
    if (seeded) {
      await runner.rollbackTransaction();
      return { skipped: true, counts };
    }
    const t = tables();
    addCatalogue(t);
    counts.training_provider += await t.training_provider.flush(runner);
    counts.course += await t.course.flush(runner);
    // Only the tables that grow with the number of people: the catalogue is already written.
    const suspended = await suspendConstraints(runner, ['course_edition', 'enrollment', 'certification']);

    const calendars = new Calendars();
    for (const programme of DEMO_PROGRAMMES) {
      for (const partner of programme.partners) {
        const provider = PROVIDERS.find((o) => o.key === partner.organisationKey);
        if (!provider) continue;
        for (const spec of demoCourseCatalogue()) calendars.get(programme, provider, spec).scheduleRegularEditions();
      }
    }
    for (let from = 0; from < persons || from === 0; from += PEOPLE_PER_BATCH) {
      const to = Math.min(from + PEOPLE_PER_BATCH, persons);
      for (let i = from; i < to; i++) {
        const { enrollments, certifications } = enrollmentsOf(demoPathway(i, seed), seed, calendars);
        for (const e of enrollments) {
          t.enrollment.add(
            e.id, e.personId, e.organisationId, e.programmeId, e.edition.id, e.status, isoDate(e.enrolledDay), e.attendedHours, orNull(e.completedDay), orNull(e.withdrawnDay),
            e.withdrawalReason, at(e.enrolledDay, 10),
          );
        }
        for (const c of certifications) {
          t.certification.add(c.id, c.enrollment.personId, c.enrollment.organisationId, c.enrollment.programmeId, c.enrollment.id, c.enrollment.providerId, c.kind, c.title, isoDate(c.issuedDay), c.certifiedSkills, at(c.issuedDay, 11));
        }
      }
      addEditions(t, calendars.pending);
      counts.course_edition += await t.course_edition.flush(runner);
      counts.enrollment += await t.enrollment.flush(runner);
      counts.certification += await t.certification.flush(runner);
      onProgress?.(to);
      if (to >= persons) break;
    }
    await restoreConstraints(runner, suspended);
    await runner.commitTransaction();
    await analyse(runner, TRAINING_SEED_TABLES);
    return { skipped: false, counts };
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}
