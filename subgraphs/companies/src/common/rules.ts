// The checks every subgraph makes the same way live in the shared package.
export {
  isUuid, checkForeignId, referenced, reloaded, checkVersion, checkMunicipality, checkDateOrder, today, conflictsAsErrors, type ConstraintConflict,
} from '@intreccio/shared';

/** Money for messages: 45000 → "€450.00". */
export function euros(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

/** "an ACTIVE", "a COMPLETED": status names read as words in messages. */
export function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}
