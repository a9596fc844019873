import { badInput, conflict, ProblemList } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { addDays, addMonths } from '../common/dates';
import type { InternshipOutcome, InternshipStatus } from '../common/enums';
import { euros, withArticle } from '../common/rules';
import { Internship, InternshipRules } from './internship.type';

export const INTERNSHIP_TRANSITIONS: Record<InternshipStatus, readonly InternshipStatus[]> = {
  PLANNED: ['ACTIVE', 'INTERRUPTED'],
  ACTIVE: ['SUSPENDED', 'COMPLETED', 'INTERRUPTED'],
  SUSPENDED: ['ACTIVE', 'INTERRUPTED'],
  COMPLETED: [],
  INTERRUPTED: [],
};

/** Outcomes that make sense for each way of ending: a person hired before the planned end interrupts the internship. */
export const OUTCOMES_ON: Partial<Record<InternshipStatus, readonly InternshipOutcome[]>> = {
  COMPLETED: ['HIRED', 'NOT_HIRED'],
  INTERRUPTED: ['ENDED_EARLY', 'HIRED'],
};

/** Internships that still hold the person's time and the tutor's attention. */
export const LIVE_STATUSES: readonly InternshipStatus[] = ['PLANNED', 'ACTIVE', 'SUSPENDED'];

/**
 * Under the State–Regions guidelines on internships (2017), which the regional rules adopt, a company
 * tutor accompanies at most three interns at the same time. Counted over live internships whose dates
 * overlap: on no day may a tutor have more than three.
 */
export const MAX_INTERNS_PER_TUTOR = 3;

export interface InternshipTerms {
  startDate: string;
  endDate: string;
  weeklyHours: number;
  monthlyAllowanceCents: number;
}

export interface TermFields {
  allowance: string;
  hours: string;
  endDate: string;
}

export async function rulesFor(m: EntityManager, programmeId: string): Promise<InternshipRules> {
  const rules = await m.getRepository(InternshipRules).findOneBy({ programmeId });
  if (!rules) throw badInput({ field: 'input.programmeId', message: 'no internship rules for this programme; its coordinator sets them with setInternshipRules' });
  return rules;
}

/** The programme's bounds on allowance, hours and duration; each problem on the field given for it. */
export function checkAgainstRules(problems: ProblemList, rules: InternshipRules, terms: InternshipTerms, fields: TermFields): void {
  if (terms.monthlyAllowanceCents < rules.allowanceMinCents || terms.monthlyAllowanceCents > rules.allowanceMaxCents) {
    problems.add(fields.allowance, `${euros(terms.monthlyAllowanceCents)} a month is outside the programme's bounds: between ${euros(rules.allowanceMinCents)} and ${euros(rules.allowanceMaxCents)} (${rules.allowanceMinCents}–${rules.allowanceMaxCents} cents)`);
  }
  if (terms.weeklyHours < rules.minWeeklyHours || terms.weeklyHours > rules.maxWeeklyHours) {
    problems.add(fields.hours, `${terms.weeklyHours} hours a week is outside the programme's bounds: between ${rules.minWeeklyHours} and ${rules.maxWeeklyHours}`);
  }
  const latestEnd = addDays(addMonths(terms.startDate, rules.maxMonths), -1);
  if (terms.endDate > latestEnd) {
    problems.add(fields.endDate, `the programme allows internships of at most ${rules.maxMonths} months: starting on ${terms.startDate}, it must end by ${latestEnd}`);
  }
}

type Span = Pick<Internship, 'startDate' | 'endDate'>;

/** The most spans covering one day between `from` and `to`: coverage peaks on `from` or on a span's first day. */
export function peakOverlap(spans: readonly Span[], from: string, to: string): number {
  const days = [from, ...spans.map((s) => s.startDate).filter((d) => d > from && d <= to)];
  let peak = 0;
  for (const day of days) peak = Math.max(peak, spans.filter((s) => s.startDate <= day && s.endDate >= day).length);
  return peak;
}

function liveOverlapping(m: EntityManager, column: 'person_id' | 'company_tutor_id', id: string, span: Span, exceptId?: string) {
  const qb = m.getRepository(Internship).createQueryBuilder('i')
    .where(`i.${column} = :id`, { id })
    .andWhere('i.status IN (:...live)', { live: LIVE_STATUSES })
    .andWhere('i.start_date <= :end AND i.end_date >= :start', { start: span.startDate, end: span.endDate })
    .orderBy('i.start_date', 'ASC');
  if (exceptId) qb.andWhere('i.id <> :exceptId', { exceptId });
  return qb.getMany();
}

const PERSON_LOCK_SPACE = 7_324_404;

/**
 * One person, one internship at a time. The person lives in another subgraph, so there is no row to
 * lock: a transaction-scoped advisory lock on the person's id serialises the check and the write of
 * concurrent requests for one person, and the exclusion constraint on the table backs it.
 */
export async function assertPersonFree(m: EntityManager, personId: string, span: Span, promoter: string, exceptId?: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PERSON_LOCK_SPACE, personId]);
  const [clash] = await liveOverlapping(m, 'person_id', personId, span, exceptId);
  if (!clash) return;
  // Another promoter's internship is its record: say that there is one, not what it is.
  if (clash.promoterOrganisationId !== promoter) throw conflict(INTERNSHIP_CONSTRAINTS.internship_no_overlap.message, 'input.startDate');
  throw conflict(`The person already has ${withArticle(clash.status)} internship from ${clash.startDate} to ${clash.endDate} overlapping these dates`, 'input.startDate');
}

export const INTERNSHIP_CONSTRAINTS = {
  internship_no_overlap: { field: 'input.startDate', message: 'The person already has a live internship overlapping these dates' },
};

/** The tutor row must be locked by the caller, so two requests cannot both give a tutor their fourth intern. */
export async function checkTutorCapacity(m: EntityManager, problems: ProblemList, field: string, tutorId: string, span: Span, exceptId?: string): Promise<void> {
  const others = await liveOverlapping(m, 'company_tutor_id', tutorId, span, exceptId);
  if (peakOverlap(others, span.startDate, span.endDate) >= MAX_INTERNS_PER_TUTOR) {
    problems.add(field, `the tutor already follows ${MAX_INTERNS_PER_TUTOR} interns at some time between ${span.startDate} and ${span.endDate}, the most allowed at once; choose or add another tutor`);
  }
}
