import { conflict, forbidden, notFound, ProblemList, municipalityByCadastralCode, type RequestContext, type Role } from '@intreccio/shared';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Writes are limited to the roles that do them in real life; reads are refined by the access issue's rules. */
export function requireRole(ctx: RequestContext, ...roles: Role[]): void {
  if (!ctx.principal.roles.some((r) => roles.includes(r))) {
    throw forbidden(`This operation needs one of the roles: ${roles.join(', ')}`);
  }
}

/** Loads a row a mutation refers to, or reports the input field that holds the stale or wrong id. */
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

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Reads a row just written, outside the request's loader cache. */
export async function reloaded<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>, id: string, what: string): Promise<T> {
  const row = await ctx.db.getRepository(entity).findOneBy({ id } as never);
  if (!row) throw notFound(what, id);
  return row;
}
