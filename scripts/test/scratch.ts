import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A throwaway database on the test server, named so parallel runs never meet. */
export function scratchUrl(prefix: string, label: string): string {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL must name a PostgreSQL server');
  const url = new URL(server);
  url.pathname = `/${prefix}_${label}_${process.pid}_${Math.floor(performance.timeOrigin).toString(36)}`;
  return url.toString();
}

export async function count(ds: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const rows: { n: string }[] = await ds.query(sql, params);
  return Number(rows[0]!.n);
}

/** A digest of every row of the tables, in key order: equal digests mean identical data. */
export async function dumpHash(ds: DataSource, tables: readonly string[], keyOf: (table: string) => string = () => 'id'): Promise<string> {
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows: { dump: string | null }[] = await ds.query(`SELECT string_agg(t::text, E'\\n' ORDER BY t.${keyOf(table)}) AS dump FROM ${table} t`);
    hash.update(`${table}\n${rows[0]!.dump ?? ''}\n`);
  }
  return hash.digest('hex');
}
