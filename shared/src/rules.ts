import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestContext } from './context';
import { today } from './dates';
import { conflict, notFound, type ProblemList } from './errors';
import { municipalityByCadastralCode } from './reference';

/** The checks every subgraph's mutations make the same way. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Another partner's id (a person, a programme, an organisation) cannot be looked up in this
 * subgraph's database: it must at least be an id, so a typo is caught before it is stored.
 */
export function checkForeignId(problems: ProblemList, field: string, id: string | null | undefined, what?: string): void {
  if (id != null && !isUuid(id)) problems.add(field, `is not a valid ${what ? `${what} ` : ''}id (a UUID is expected)`);
}

/**
 * Loads a row a mutation refers to, or reports the input field that holds the stale or wrong id.
 * `lock`: true to change the row; 'shared' to keep it from changing while rows that depend on it are written.
 */
export async function referenced<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  field: string,
  what: string,
  lock: boolean | 'shared' = false,
): Promise<T> {
  if (!isUuid(id)) throw notFound(what, id, field);
  const row = await manager.getRepository(entity).findOne({
    where: { id } as never,
    ...(lock ? { lock: { mode: lock === 'shared' ? ('pessimistic_read' as const) : ('pessimistic_write' as const) } } : {}),
  });
  if (!row) throw notFound(what, id, field);
  return row;
}

/** Reads a row just written, outside the request's loader cache. */
export async function reloaded<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>, id: string, what: string): Promise<T> {
  const row = await ctx.db.getRepository(entity).findOneBy({ id } as never);
  if (!row) throw notFound(what, id);
  return row;
}

/** Optimistic locking: a client that read version n may only write over version n. */
export function checkVersion(current: { version: number }, expected: number | null | undefined, what: string): void {
  if (expected != null && expected !== current.version) {
    throw conflict(`${what} was changed by someone else (version ${current.version}, expected ${expected}); read it again and retry`, 'expectedVersion');
  }
}

export function checkMunicipality(problems: ProblemList, field: string, code: string | null | undefined): void {
  if (code == null) return;
  if (!municipalityByCadastralCode(code)) problems.add(field, `${code} is not the cadastral code of a current Italian municipality`);
}

export function checkDateOrder(problems: ProblemList, fromName: string, from: string | null | undefined, toField: string, to: string | null | undefined): void {
  if (from && to && to < from) problems.add(toField, `must not be before ${fromName} (${from})`);
}

export function checkNotFuture(problems: ProblemList, field: string, date: string | null | undefined): void {
  if (date && date > today()) problems.add(field, 'must not be in the future');
}

/**
 * The unique index or exclusion constraint that refused a write, when that is why it failed: two
 * requests raced past the check a mutation makes first, and the database had the last word.
 */
export function violatedConstraint(err: unknown): string | undefined {
  const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError ?? (err as { code?: string; constraint?: string });
  return driver?.code === '23505' || driver?.code === '23P01' ? driver.constraint : undefined;
}

export interface ConstraintConflict {
  field: string;
  message: string;
}

/**
 * Runs a mutation whose uniqueness the database backs: the loser of a race past its checks gets the
 * CONFLICT the check would have given, not an internal error.
 */
export async function conflictsAsErrors<T>(work: () => Promise<T>, constraints: Record<string, ConstraintConflict>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const known = constraints[violatedConstraint(err) ?? ''];
    if (known) throw conflict(known.message, known.field);
    throw err;
  }
}
