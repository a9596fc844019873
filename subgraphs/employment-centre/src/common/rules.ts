import {
  conflict, escoOccupationProblem, escoSkillProblem, forbidden, municipalityByCadastralCode, notFound, ProblemList, type RequestContext, type Role,
} from '@intreccio/shared';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CEFR_LEVELS, isCefrLevel, isIsoLanguage } from './languages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Writes are kept to the employment centre's operators; reads are refined by the access rules to come. */
export function requireRole(ctx: RequestContext, ...roles: Role[]): void {
  if (!ctx.principal.roles.some((r) => roles.includes(r))) {
    throw forbidden(`This operation needs one of the roles: ${roles.join(', ')}`);
  }
}

/**
 * Ids of records other partners own (people, programmes, companies) cannot be looked up here; they
 * must at least be ids, so a typo is caught before it is stored.
 */
export function checkForeignId(problems: ProblemList, field: string, id: string | null | undefined, what: string): void {
  if (id != null && !isUuid(id)) problems.add(field, `is not a valid ${what} id`);
}

/** Loads a row of this subgraph a mutation refers to, or reports the input field with the stale or wrong id. */
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

export function checkRange(problems: ProblemList, field: string, value: number | null | undefined, min: number, max: number): void {
  if (value != null && (!Number.isInteger(value) || value < min || value > max)) problems.add(field, `must be a whole number from ${min} to ${max}`);
}

export function checkSkillUris(problems: ProblemList, field: string, uris: readonly string[] | null | undefined): void {
  uris?.forEach((uri, i) => {
    const problem = escoSkillProblem(uri);
    if (problem) problems.add(`${field}.${i}`, problem);
    else if (uris.indexOf(uri) !== i) problems.add(`${field}.${i}`, 'is listed twice');
  });
}

export function checkOccupationUri(problems: ProblemList, field: string, uri: string | null | undefined): void {
  if (uri == null) return;
  const problem = escoOccupationProblem(uri);
  if (problem) problems.add(field, problem);
}

export function checkOccupationUris(problems: ProblemList, field: string, uris: readonly string[] | null | undefined): void {
  uris?.forEach((uri, i) => {
    checkOccupationUri(problems, `${field}.${i}`, uri);
    if (uris.indexOf(uri) !== i) problems.add(`${field}.${i}`, 'is listed twice');
  });
}

export interface LanguageEntry {
  language: string;
  level: string;
}

/** Normalises language entries to lower-case ISO 639-1 codes and upper-case CEFR levels, reporting what is wrong. */
export function checkLanguages(problems: ProblemList, field: string, entries: readonly LanguageEntry[] | null | undefined): LanguageEntry[] | undefined {
  if (entries == null) return undefined;
  const normalised = entries.map((e) => ({ language: e.language.trim().toLowerCase(), level: e.level.trim().toUpperCase() }));
  normalised.forEach((e, i) => {
    if (!isIsoLanguage(e.language)) problems.add(`${field}.${i}.language`, `${entries[i].language} is not an ISO 639-1 language code (e.g. it, ar, en)`);
    else if (normalised.findIndex((o) => o.language === e.language) !== i) problems.add(`${field}.${i}.language`, 'is listed twice');
    if (!isCefrLevel(e.level)) problems.add(`${field}.${i}.level`, `${entries[i].level} is not a CEFR level (${CEFR_LEVELS.join(', ')})`);
  });
  return normalised;
}

/** Today's date in UTC: the day the operator records things on. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The same day of the month n months later, clamped to the month's end (as PostgreSQL's date + interval does). */
export function addMonths(iso: string, months: number): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1 + months;
  const day = Number(iso.slice(8, 10));
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, last))).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Reads a row just written, outside the request's loader cache. */
export async function reloaded<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>, id: string, what: string): Promise<T> {
  const row = await ctx.db.getRepository(entity).findOneBy({ id } as never);
  if (!row) throw notFound(what, id);
  return row;
}

/** A unique index refused a row: two requests raced past the existence check, or a retry without a key. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && name === constraint;
}

/** Page sizes of lists computed in memory (matches, searches). */
export function checkFirst(problems: ProblemList, first: number, max: number): void {
  if (!Number.isInteger(first) || first < 0 || first > max) problems.add('first', `must be from 0 to ${max}`);
}
