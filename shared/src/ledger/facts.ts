import { createHash } from 'node:crypto';
import type { RequestContext } from '../context';
import type { GrantScope } from '../access/grants';

/**
 * The facts each partner hands social services for the savings ledger of a programme (README,
 * "Savings ledger"). They travel through the gateway as `@inaccessible` fields of `Programme` that
 * social services' `Programme.savings` and `Programme.savingsLedger` require: no client can select
 * them, and each partner seals what it gave with a grant bound to the caller's organisation, this
 * request and a digest of the facts, so that social services compute only from facts the partner gave
 * in this request, unaltered (a forged or replayed representation computes nothing).
 */

/** One follow-up check of a hire, as the employment centre recorded it. */
export interface LedgerFollowUpFact {
  followUpId: string;
  monthsAfter: number;
  checkedOn: string;
  stillEmployed: boolean;
}

/** One hire under the programme, as the employment centre recorded it from the mandatory notice. */
export interface LedgerHireFact {
  hireId: string;
  personId: string;
  startDate: string;
  /** The planned end of a fixed-term contract; null when open-ended. */
  plannedEndDate: string | null;
  grossMonthlyWageCents: number;
  followUps: LedgerFollowUpFact[];
}

/** A person's training under the programme: hours attended over their enrolments. */
export interface LedgerTrainingFact {
  personId: string;
  attendedHours: number;
  enrollmentIds: string[];
}

/** A person's internships under the programme: allowances paid and tutoring hours. */
export interface LedgerCompanyFact {
  personId: string;
  allowancesPaidCents: number;
  allowancePaymentIds: string[];
  /** Hours of tutoring visits, company and promoter tutors together (hundredths of an hour at most). */
  tutoringHours: number;
  tutoringVisitIds: string[];
}

export type LedgerFactsKind = 'employment' | 'training' | 'companies';

/** One scope per kind, each trusted from the one partner that holds those records. */
export const LEDGER_SCOPES: Record<LedgerFactsKind, GrantScope> = {
  employment: 'ledger-employment',
  training: 'ledger-training',
  companies: 'ledger-companies',
};

/**
 * The facts as rows of values in a fixed order, as they travel (strings, numbers, booleans, nulls):
 * what the seal is computed over on both sides, whatever the order of fields in the representation.
 */
const ROWS: Record<LedgerFactsKind, (items: any[]) => unknown[]> = {
  employment: (hires: LedgerHireFact[]) => hires.map((h) => [
    h.hireId, h.personId, h.startDate, h.plannedEndDate, h.grossMonthlyWageCents,
    (h.followUps ?? []).map((f) => [f.followUpId, f.monthsAfter, f.checkedOn, f.stillEmployed]),
  ]),
  training: (people: LedgerTrainingFact[]) => people.map((p) => [p.personId, p.attendedHours, p.enrollmentIds]),
  companies: (people: LedgerCompanyFact[]) => people.map((p) => [
    p.personId, p.allowancesPaidCents, p.allowancePaymentIds, p.tutoringHours, p.tutoringVisitIds,
  ]),
};

/** What a seal vouches for: the kind of facts, the programme and a digest of exactly these items. */
export function ledgerFactsSubject(kind: LedgerFactsKind, programmeId: string, items: unknown[]): string {
  const digest = createHash('sha256').update(JSON.stringify(ROWS[kind](items))).digest('hex');
  return `${kind}:${programmeId}:${digest}`;
}

/**
 * Whom a partner gives its facts: the callers social services may show the ledger (coordinators its
 * totals, case managers their own people's lines). Anyone else gets none, without an error naming the
 * internal field; social services then refuse the ledger itself.
 */
export function mayReadLedgerFacts(ctx: RequestContext): boolean {
  return !ctx.access.anonymous && ctx.access.hasRole('coordinator', 'case_manager');
}

/** A partner's seal over its facts about a programme, for the caller's organisation in this request. */
export function sealLedgerFacts(ctx: RequestContext, kind: LedgerFactsKind, programmeId: string, items: unknown[]): string {
  return ctx.access.grant(LEDGER_SCOPES[kind], ledgerFactsSubject(kind, programmeId, items));
}

/**
 * Whether a representation's facts carry the partner's valid seal for exactly these items, this
 * programme, the caller's organisation and this request (not when missing, forged, altered or replayed).
 */
export function ledgerFactsSealed(ctx: RequestContext, kind: LedgerFactsKind, programmeId: string, seal: unknown, items: unknown): boolean {
  if (typeof seal !== 'string' || !Array.isArray(items)) return false;
  let subject: string;
  try {
    subject = ledgerFactsSubject(kind, programmeId, items);
  } catch {
    return false;
  }
  return ctx.access.verifyGrant(LEDGER_SCOPES[kind], subject, seal);
}
