import type { QueryRunner } from 'typeorm';

/**
 * A PostgreSQL array literal of `values[from, to)`, for one `unnest` parameter. Built here rather
 * than by the driver, whose general-purpose conversion of millions of elements costs more than
 * generating the data. Unquoted elements must be ones PostgreSQL reads as they print: numbers,
 * booleans, dates, uuids.
 */
export function arrayLiteral(values: readonly unknown[], from: number, to: number, quoted: boolean): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      parts[i - from] = 'NULL';
    } else if (!quoted) {
      parts[i - from] = String(value);
    } else {
      const text = String(value);
      parts[i - from] = /["\\]/.test(text) ? `"${text.replace(/(["\\])/g, '\\$1')}"` : `"${text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/** The statements that put back what `suspendConstraints` dropped, in the order they must run. */
export type SuspendedConstraints = readonly string[];

export interface SuspendOptions {
  /**
   * Drop the unique constraints as well, where keeping them up to date row by row is what dominates
   * the load. Re-added at the end, one still refuses a duplicate, failing the whole seed.
   */
  uniqueToo?: boolean;
}

/**
 * Checking foreign keys row by row, and updating secondary indexes row by row, cost several times
 * the inserts themselves at this volume. So the load follows PostgreSQL's advice for populating a
 * database: drop the foreign keys and the plain (non-unique) indexes of the tables being filled,
 * and add them back at the end, which re-checks every row in one join and builds each index in one
 * sort. Unique indexes stay, so their rules are enforced as rows arrive, unless `uniqueToo` says
 * otherwise; primary keys always stay. The definitions are read from the catalogue, so whatever the
 * migrations declare comes back unchanged, and it all happens inside the seeding transaction: other
 * sessions never see the tables without them, and a failure restores them with the rollback.
 *
 * Hand the result to `restoreConstraints` once the data is in.
 */
export async function suspendConstraints(
  runner: QueryRunner,
  tables: readonly string[],
  options: SuspendOptions = {},
): Promise<SuspendedConstraints> {
  const constraints: { kind: 'f' | 'u'; drop: string; add: string }[] = await runner.query(
    `SELECT c.contype AS kind,
            format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS add
       FROM pg_constraint c
      WHERE c.contype = ANY ($2::"char"[]) AND c.conrelid = ANY ($1::regclass[])
      ORDER BY c.conrelid::regclass::text, c.conname`,
    [tables, options.uniqueToo ? ['f', 'u'] : ['f']],
  );
  const indexes: { drop: string; add: string }[] = await runner.query(
    `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS add
       FROM pg_index i
      WHERE i.indrelid = ANY ($1::regclass[]) AND NOT i.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY i.indexrelid::regclass::text`,
    [tables],
  );
  const foreignKeys = constraints.filter((c) => c.kind === 'f');
  const uniques = constraints.filter((c) => c.kind === 'u');
  // Foreign keys go first and come back last: one may rest on a unique constraint's index, and
  // re-checking a key is quicker with the indexes in place.
  for (const s of [...foreignKeys, ...uniques, ...indexes]) await runner.query(s.drop);
  return [...uniques, ...indexes, ...foreignKeys].map((s) => s.add);
}

/** Puts back what `suspendConstraints` dropped; runs inside the same transaction, after the data. */
export async function restoreConstraints(runner: QueryRunner, suspended: SuspendedConstraints): Promise<void> {
  // Lets each index build sort in memory rather than spill to disk; LOCAL ends with the transaction.
  await runner.query("SET LOCAL maintenance_work_mem = '256MB'");
  for (const statement of suspended) await runner.query(statement);
}

/**
 * Refreshes the planner's statistics of freshly loaded tables. Without them PostgreSQL plans the
 * access checks over a hundred thousand people as if the tables were empty, and a page of people
 * takes minutes instead of milliseconds until autovacuum comes round.
 */
export async function analyse(runner: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) await runner.query(`ANALYZE ${table}`);
}
