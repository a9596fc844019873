import { escoOccupationProblem, escoSkillProblem, type ProblemList } from '@intreccio/shared';
import { CEFR_LEVELS, isCefrLevel, isIsoLanguage } from './languages';

// The checks every subgraph makes the same way live in the shared package.
export { isUuid, checkForeignId, referenced, reloaded, checkVersion, checkMunicipality, checkDateOrder, checkNotFuture, today, addMonths, addDays } from '@intreccio/shared';

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
