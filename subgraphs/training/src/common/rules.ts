import { badInput, conflict, escoSkillProblem, type ProblemList } from '@intreccio/shared';

// The checks every subgraph makes the same way live in the shared package.
export { isUuid, checkForeignId, referenced, reloaded, checkVersion, checkMunicipality, checkDateOrder, checkNotFuture, today } from '@intreccio/shared';

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
