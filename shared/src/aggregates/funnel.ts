import { createHash } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { Role } from '../auth';
import { requestLoader, type RequestContext } from '../context';
import { deny, type TypePolicy, type VisibilityRule } from '../access/policy';
import { isUuid } from '../rules';

/**
 * The outcome funnel of a programme, as the four partners compute it together (README, "Outcome
 * funnel"). Social services own the cohort: the people taken in charge in the programme, by the
 * quarter of their first case and their municipality of residence. Through `@requires` the gateway
 * hands the cohort's person ids (`OutcomeFunnel.members`) with social services' grant to the three
 * other partners; each answers with the dates of its own records that mark a stage (a completed
 * course, an internship's start, a hire and its follow-ups), and the gateway hands those back to
 * social services, who put each person's stages in order and return counts and medians only.
 *
 * What travels between subgraphs is compact: person ids as 16 raw bytes and dates as day numbers,
 * base64-encoded, so that a cohort of 10,000 people costs a few hundred kilobytes between services and
 * no per-person objects in the gateway.
 */

export const FUNNEL_STAGES = [
  'IN_CHARGE', 'EVALUATED', 'PLAN_SIGNED', 'TRAINED', 'INTERNSHIP', 'HIRED', 'EMPLOYED_6_MONTHS', 'EMPLOYED_12_MONTHS',
] as const;
export type FunnelStageName = (typeof FUNNEL_STAGES)[number];

/** Who may read a programme's funnel at all; social services then check the programme (its lead body, its partners). */
export const FUNNEL_ROLES: readonly Role[] = ['coordinator', 'case_manager', 'cpi_operator', 'training_operator', 'company_network_operator'];

/** A funnel of one programme, for one cohort and one municipality of residence, or all of them. */
export interface FunnelKey {
  programmeId: string;
  /** A quarter (`2025-Q1`) or a year (`2025`). */
  cohort: string | null;
  /** The cadastral code of a municipality of the programme's territory. */
  territory: string | null;
}

const COHORT = /^(\d{4})(?:-Q([1-4]))?$/;
const TERRITORY = /^[A-Z]\d{3}$/;

/** The first and last day of a cohort (`2025-Q2` → 2025-04-01…2025-06-30, `2025` → the year), or null when it is not one. */
export function cohortPeriod(cohort: string): { from: string; to: string } | null {
  const m = COHORT.exec(cohort);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  const quarter = m[2] ? Number(m[2]) : null;
  const firstMonth = quarter ? (quarter - 1) * 3 + 1 : 1;
  const lastMonth = quarter ? firstMonth + 2 : 12;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** The funnel's entity key: opaque to clients (the field is `@inaccessible`), read by every partner. */
export function funnelId(key: FunnelKey): string {
  return `${key.programmeId}/${key.cohort ?? '*'}/${key.territory ?? '*'}`;
}

/** The key back from an id, or null when the id is not one `funnelId` makes. */
export function parseFunnelId(id: unknown): FunnelKey | null {
  if (typeof id !== 'string') return null;
  const [programmeId, cohort, territory, ...rest] = id.split('/');
  if (rest.length || !isUuid(programmeId) || cohort === undefined || territory === undefined) return null;
  if (cohort !== '*' && !cohortPeriod(cohort)) return null;
  if (territory !== '*' && !TERRITORY.test(territory)) return null;
  return { programmeId, cohort: cohort === '*' ? null : cohort, territory: territory === '*' ? null : territory };
}

/** What social services' aggregate grant for a funnel is about: the funnel and exactly this member list. */
export function funnelGrantSubject(id: string, members: string): string {
  return `funnel:${id}:${createHash('sha256').update(members).digest('base64url')}`;
}

// ------------------------------------------------------------------------------------------------
// Records: fixed-width rows of a 16-byte person id and some 4-byte numbers, mostly days.

/** A day number standing for no date. */
export const NO_DAY = -2147483648;
const EPOCH = Date.UTC(1970, 0, 1);
const DAY_MS = 86_400_000;

export const dayNumber = (isoDate: string): number => Math.round((Date.parse(`${isoDate}T00:00:00Z`) - EPOCH) / DAY_MS);

/** SQL of a date as a day number (NULL stays NULL). */
export const daySql = (date: string): string => `((${date}) - DATE '1970-01-01')`;

/**
 * SQL for the bytes of one record: `uuid_send(person) || int4send(value) …`, each value an integer
 * SQL expression that may be NULL (written as `NO_DAY`), usually a day (`daySql`).
 */
export function recordSql(person: string, values: readonly string[]): string {
  return [`uuid_send(${person})`, ...values.map((v) => `int4send(coalesce(${v}, ${NO_DAY}))`)].join(' || ');
}

/** SQL aggregating records into one base64 text (no line breaks), in `order`. */
export function recordsAggregateSql(record: string, order: string): string {
  return `coalesce(translate(encode(string_agg(${record}, ''::bytea ORDER BY ${order}), 'base64'), E'\\n', ''), '')`;
}

/**
 * Records as they travel, read in place: no object per record, so a cohort of tens of thousands costs
 * no garbage. Each record is a 16-byte person id, then `width` signed 4-byte numbers (NO_DAY for none).
 * The SQL that writes them sorts them by person id (PostgreSQL compares uuids byte by byte), so two
 * lists can be merged by id without a map.
 */
export class Records {
  readonly size: number;
  readonly count: number;

  constructor(readonly bytes: Buffer, readonly width: number) {
    this.size = 16 + 4 * width;
    if (bytes.length % this.size !== 0) throw new Error(`funnel records of ${bytes.length} bytes are not a whole number of ${this.size}-byte records`);
    this.count = bytes.length / this.size;
  }

  static decode(payload: string, width: number): Records {
    return new Records(Buffer.from(payload, 'base64'), width);
  }

  /** The `j`th number of record `i`, or null. */
  value(i: number, j: number): number | null {
    const v = this.bytes.readInt32BE(i * this.size + 16 + 4 * j);
    return v === NO_DAY ? null : v;
  }

  /** Orders record `i` here and record `j` of `other` by person id. */
  compareId(i: number, other: Records, j: number): number {
    return this.bytes.compare(other.bytes, j * other.size, j * other.size + 16, i * this.size, i * this.size + 16);
  }

  personId(i: number): string {
    const hex = this.bytes.toString('hex', i * this.size, i * this.size + 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** The ids of the records `keep` holds, as a member list (16 bytes each, base64). */
  memberList(keep: (i: number) => boolean = () => true): string {
    const out = Buffer.allocUnsafe(this.count * 16);
    let n = 0;
    for (let i = 0; i < this.count; i++) if (keep(i)) this.bytes.copy(out, 16 * n++, i * this.size, i * this.size + 16);
    return out.toString('base64', 0, 16 * n);
  }
}

// ------------------------------------------------------------------------------------------------
// The partners' side.

/** An `OutcomeFunnel` as a partner receives it from the gateway: the key, the cohort and the grant. */
export interface FunnelReference {
  id: string;
  key: FunnelKey;
  members: string | null;
  aggregateGrant: string | null;
}

/** Keeps what the representation brought; an id that is not a funnel's resolves to nothing. */
export const funnelReference = {
  __resolveReference: (ref: { id?: unknown; members?: unknown; aggregateGrant?: unknown }): FunnelReference | null => {
    const key = parseFunnelId(ref.id);
    if (!key) return null;
    return {
      id: ref.id as string, key,
      members: typeof ref.members === 'string' ? ref.members : null,
      aggregateGrant: typeof ref.aggregateGrant === 'string' ? ref.aggregateGrant : null,
    };
  },
};

/** Social services' grant for this funnel, this member list, the caller's organisation and this request. */
export function funnelGranted(ctx: RequestContext, funnel: FunnelReference): boolean {
  if (ctx.access.anonymous || ctx.access.pseudonymised || !ctx.access.hasRole(...FUNNEL_ROLES)) return false;
  if (typeof funnel.id !== 'string' || typeof funnel.members !== 'string') return false;
  return ctx.access.verifyGrant('aggregate', funnelGrantSubject(funnel.id, funnel.members), funnel.aggregateGrant);
}

const FUNNEL_REFUSED = "the funnel's records are counted only for a cohort social services vouched for in this request";
const granted: VisibilityRule<FunnelReference> = (ctx, f) => (funnelGranted(ctx, f) ? 'public' : deny(FUNNEL_REFUSED));

/** How a partner sees a funnel: only with social services' grant for it (its fields are aggregates' inputs, never shown to clients). */
export const partnerFunnelPolicy: TypePolicy<FunnelReference> = { visible: granted, entity: granted };

/**
 * SQL of the cohort's members, one row per funnel and person: `k` (the funnel's position in the batch),
 * `programme_id`, `person_id`. Parameters: `$1` int[] positions, `$2` uuid[] programmes, `$3` int[]
 * each funnel's first member and `$4` int[] its number of members in `$5`, the member lists end to end
 * (bytea, 16 bytes a person, read in place).
 */
export const FUNNEL_MEMBERS_SQL = `
  SELECT f.k, f.programme_id, encode(substring($5::bytea FROM (f.first + g.i) * 16 + 1 FOR 16), 'hex')::uuid AS person_id
    FROM unnest($1::int[], $2::uuid[], $3::int[], $4::int[]) AS f(k, programme_id, first, n)
   CROSS JOIN LATERAL generate_series(0, f.n - 1) AS g(i)`;

/**
 * A partner's records for every funnel asked in the request, in one statement: `sql` selects `k` and
 * `records` (see `recordsAggregateSql`) grouped by `k`, with the members as `FUNNEL_MEMBERS_SQL` gives them.
 */
export function funnelRecordsOf(ctx: RequestContext, name: string, sql: string): DataLoader<FunnelReference, string, string> {
  return ctx.loaders.get(`OutcomeFunnel#${name}`, () =>
    requestLoader<FunnelReference, string, string>(ctx.loaders, async (funnels) => {
      const lists = funnels.map((f) => Records.decode(f.members ?? '', 0));
      const firsts = lists.map((_l, i) => lists.slice(0, i).reduce((sum, l) => sum + l.count, 0));
      const total = lists.reduce((sum, l) => sum + l.count, 0);
      const rows: { k: number; records: string }[] = total
        ? await ctx.db.query(sql, [
          funnels.map((_f, i) => i), funnels.map((f) => f.key.programmeId), firsts, lists.map((l) => l.count), Buffer.concat(lists.map((l) => l.bytes)),
        ])
        : [];
      const byK = new Map(rows.map((r) => [Number(r.k), r.records]));
      return funnels.map((_f, i) => byK.get(i) ?? '');
    }, { cacheKeyFn: (f) => f.id }),
  );
}
