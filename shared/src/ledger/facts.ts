import { createHash } from 'node:crypto';
import type { RequestContext } from '../context';
import type { GrantScope } from '../access/grants';

/**
 * The facts each partner hands social services for the savings ledger of a programme (README,
 * "Savings ledger"). They travel through the gateway as `@inaccessible` fields of `Programme` that
 * social services' `Programme.savings` and `Programme.savingsLedger` require: no client can select
 * them, and each partner seals what it gave with a grant bound to the caller's organisation, this
 * request and a digest of the facts, so that social services compute only from facts the partner gave
 * in this request, unaltered (a forged or replayed representation computes nothing). They travel
 * packed (`packLedgerFacts`): one string per partner, whatever the number of people.
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

type Row = unknown[];

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isIds = (v: unknown): v is string[] => Array.isArray(v) && v.every(isId);

/** Malformed facts: a partner's seal vouches for its bytes, and this for their shape. */
class MalformedFacts extends Error {}
function check(condition: boolean): void {
  if (!condition) throw new MalformedFacts();
}

/**
 * How each kind of facts travels: one JSON array per item, its values in a fixed order, so that a
 * programme's thousands of people cross the gateway as one string each partner seals, not as
 * hundreds of thousands of GraphQL values for every hop to build and check.
 */
const CODECS: { [K in LedgerFactsKind]: { pack: (item: any) => Row; unpack: (row: Row) => unknown } } = {
  employment: {
    pack: (h: LedgerHireFact) => [
      h.hireId, h.personId, h.startDate, h.plannedEndDate, h.grossMonthlyWageCents,
      h.followUps.map((f) => [f.followUpId, f.monthsAfter, f.checkedOn, f.stillEmployed]),
    ],
    unpack: ([hireId, personId, startDate, plannedEndDate, grossMonthlyWageCents, followUps]): LedgerHireFact => {
      check(isId(hireId) && isId(personId) && isDate(startDate) && (plannedEndDate === null || isDate(plannedEndDate)) && isCount(grossMonthlyWageCents));
      check(Array.isArray(followUps));
      return {
        hireId, personId, startDate, plannedEndDate, grossMonthlyWageCents,
        followUps: (followUps as Row[]).map((f) => {
          check(Array.isArray(f));
          const [followUpId, monthsAfter, checkedOn, stillEmployed] = f;
          check(isId(followUpId) && isCount(monthsAfter) && isDate(checkedOn) && typeof stillEmployed === 'boolean');
          return { followUpId, monthsAfter, checkedOn, stillEmployed } as LedgerFollowUpFact;
        }),
      } as LedgerHireFact;
    },
  },
  training: {
    pack: (t: LedgerTrainingFact) => [t.personId, t.attendedHours, t.enrollmentIds],
    unpack: ([personId, attendedHours, enrollmentIds]): LedgerTrainingFact => {
      check(isId(personId) && isCount(attendedHours) && isIds(enrollmentIds));
      return { personId, attendedHours, enrollmentIds } as LedgerTrainingFact;
    },
  },
  companies: {
    pack: (c: LedgerCompanyFact) => [c.personId, c.allowancesPaidCents, c.allowancePaymentIds, c.tutoringHours, c.tutoringVisitIds],
    unpack: ([personId, allowancesPaidCents, allowancePaymentIds, tutoringHours, tutoringVisitIds]): LedgerCompanyFact => {
      check(isId(personId) && isCount(allowancesPaidCents) && isIds(allowancePaymentIds) && isIds(tutoringVisitIds));
      check(typeof tutoringHours === 'number' && tutoringHours >= 0 && Number.isSafeInteger(Math.round(tutoringHours * 100)));
      return { personId, allowancesPaidCents, allowancePaymentIds, tutoringHours, tutoringVisitIds } as LedgerCompanyFact;
    },
  },
};

export type LedgerFacts = { employment: LedgerHireFact; training: LedgerTrainingFact; companies: LedgerCompanyFact };

/** A partner's facts as they travel: a JSON array of rows. */
export function packLedgerFacts<K extends LedgerFactsKind>(kind: K, items: readonly LedgerFacts[K][]): string {
  return JSON.stringify(items.map(CODECS[kind].pack));
}

/** The facts a packed string holds, or null when it is not well formed. */
export function unpackLedgerFacts<K extends LedgerFactsKind>(kind: K, packed: string): LedgerFacts[K][] | null {
  try {
    const rows: unknown = JSON.parse(packed);
    if (!Array.isArray(rows)) return null;
    return rows.map((row) => {
      check(Array.isArray(row));
      return CODECS[kind].unpack(row as Row);
    }) as LedgerFacts[K][];
  } catch (err) {
    if (err instanceof MalformedFacts || err instanceof SyntaxError) return null;
    throw err;
  }
}

/** What a seal vouches for: the kind of facts, the programme and a digest of exactly these bytes. */
export function ledgerFactsSubject(kind: LedgerFactsKind, programmeId: string, packed: string): string {
  return `${kind}:${programmeId}:${createHash('sha256').update(packed).digest('hex')}`;
}

/**
 * Whom a partner gives its facts: the callers social services may show the ledger (coordinators its
 * totals, case managers their own people's lines). Anyone else gets none, without an error naming the
 * internal field; social services then refuse the ledger itself.
 */
export function mayReadLedgerFacts(ctx: RequestContext): boolean {
  return !ctx.access.anonymous && ctx.access.hasRole('coordinator', 'case_manager');
}

/** A partner's seal over its packed facts about a programme, for the caller's organisation in this request. */
export function sealLedgerFacts(ctx: RequestContext, kind: LedgerFactsKind, programmeId: string, packed: string): string {
  return ctx.access.grant(LEDGER_SCOPES[kind], ledgerFactsSubject(kind, programmeId, packed));
}

/**
 * The facts a representation carried, when they carry the partner's valid seal for exactly these
 * bytes, this programme, the caller's organisation and this request, and are well formed; null when
 * missing, forged, altered, replayed or malformed.
 */
export function unsealLedgerFacts<K extends LedgerFactsKind>(
  ctx: RequestContext, kind: K, programmeId: string, seal: unknown, packed: unknown,
): LedgerFacts[K][] | null {
  if (typeof seal !== 'string' || typeof packed !== 'string') return null;
  if (!ctx.access.verifyGrant(LEDGER_SCOPES[kind], ledgerFactsSubject(kind, programmeId, packed), seal)) return null;
  return unpackLedgerFacts(kind, packed);
}
