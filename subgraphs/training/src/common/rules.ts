import {
  badInput, conflict, escoSkillProblem, forbidden, municipalityByCadastralCode, notFound, ProblemList, type RequestContext,
} from '@intreccio/shared';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Writes belong to the training bodies' operators; reads are refined by the access rules later. */
export function requireTrainingOperator(ctx: RequestContext): void {
  if (!ctx.principal.roles.includes('training_operator')) {
    throw forbidden('This operation needs the role: training_operator');
  }
}

/** Ids of other partners' records (people, programmes, organisations) cannot be looked up here: only their shape is checked. */
export function checkForeignId(problems: ProblemList, field: string, id: string | null | undefined): void {
  if (id != null && !isUuid(id)) problems.add(field, 'not a valid id (a UUID is expected)');
}

/** Loads a row a mutation refers to, or reports the input field holding the stale or wrong id. */
export async function referenced<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  field: string,
  what: string,
  lock = false,
): Promise<T> {
  if (!isUuid(id)) throw notFound(what, id, field);
  const row = await manager.getRepository(entity).findOne({
    where: { id } as never,
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
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

export function checkDateOrder(problems: ProblemList, fromField: string, from: string | null | undefined, toField: string, to: string | null | undefined): void {
  if (from && to && to < from) problems.add(toField, `must not be before ${fromField} (${from})`);
}

export function checkNotFuture(problems: ProblemList, field: string, date: string | null | undefined): void {
  if (date && date > today()) problems.add(field, 'must not be in the future');
}

/** Each listed URI must be an ESCO skill, listed once; problems name the position, e.g. `input.skillsTaught.1`. */
export function checkEscoSkills(problems: ProblemList, field: string, uris: readonly string[]): void {
  const seen = new Set<string>();
  uris.forEach((uri, i) => {
    const problem = escoSkillProblem(uri);
    if (problem) problems.add(`${field}.${i}`, problem);
    else if (seen.has(uri)) problems.add(`${field}.${i}`, `${uri} is listed twice`);
    seen.add(uri);
  });
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

/**
 * Runs a write whose duplicates a unique index refuses. Checks in code give the friendly error; this
 * catches the request that raced past them, so a duplicate is always a CONFLICT and never a crash.
 */
export async function unlessDuplicate<T>(write: () => Promise<T>, message: string, field: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string }).code === '23505' || (err as { driverError?: { code?: string } }).driverError?.code === '23505') {
      throw conflict(message, field);
    }
    throw err;
  }
}

export function invalidId(field: string): never {
  throw badInput({ field, message: 'not a valid id' });
}
