import { conflict } from '@intreccio/shared';

// The checks every subgraph makes the same way live in the shared package.
export { isUuid, checkForeignId, referenced, reloaded, checkVersion, checkMunicipality, checkDateOrder, today } from '@intreccio/shared';

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
