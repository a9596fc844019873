import {
  conflict, forbidden, municipalityByCadastralCode, notFound, ProblemList, type RequestContext, type Role,
} from '@intreccio/shared';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Another partner's id (person, programme, organisation) cannot be looked up here: it must at least be a UUID. */
export function checkForeignId(problems: ProblemList, field: string, value: string | null | undefined): void {
  if (value != null && !isUuid(value)) problems.add(field, `${value} is not a valid id`);
}

/** Writes are limited to the roles that do them in real life; reads are refined by the access rules to come. */
export function requireRole(ctx: RequestContext, ...roles: Role[]): void {
  if (!ctx.principal.roles.some((r) => roles.includes(r))) {
    throw forbidden(`This operation needs one of the roles: ${roles.join(', ')}`);
  }
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
    ...(lock ? { lock: { mode: lock === 'shared' ? 'pessimistic_read' as const : 'pessimistic_write' as const } } : {}),
  });
  if (!row) throw notFound(what, id, field);
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

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Reads a row just written, outside the request's loader cache. */
export async function reloaded<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>, id: string, what: string): Promise<T> {
  const row = await ctx.db.getRepository(entity).findOneBy({ id } as never);
  if (!row) throw notFound(what, id);
  return row;
}

export interface ConstraintConflict {
  field: string;
  message: string;
}

/**
 * The database has the last word on uniqueness and overlaps: when two requests race past the
 * checks a mutation makes first, the loser's unique or exclusion violation becomes the same
 * CONFLICT the check would have given.
 */
export async function conflictsAsErrors<T>(work: () => Promise<T>, constraints: Record<string, ConstraintConflict>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError ?? (err as { code?: string; constraint?: string });
    const known = driver?.constraint ? constraints[driver.constraint] : undefined;
    if (known && (driver.code === '23505' || driver.code === '23P01')) throw conflict(known.message, known.field);
    throw err;
  }
}

/** Money for messages: 45000 → "€450.00". */
export function euros(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

/** "an ACTIVE", "a COMPLETED": status names read as words in messages. */
export function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}
