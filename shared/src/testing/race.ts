import { Client } from 'pg';
import type { GraphQLResponse } from './index';

/**
 * Races `n` calls: all are started before any is awaited, so each goes out on its own HTTP request
 * and runs in its own transaction on its own database connection while the others are in flight.
 */
export function race<T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => call(i)));
}

export interface RaceOutcome<T> {
  /** The answers without errors, in the order the calls were made. */
  won: GraphQLResponse<T>[];
  /** The answers with errors, in the order the calls were made. */
  lost: GraphQLResponse<T>[];
  /** The index of each winning call. */
  winners: number[];
}

/** Splits a race's answers into those that wrote and those that were refused. */
export function outcome<T>(answers: GraphQLResponse<T>[]): RaceOutcome<T> {
  const winners = answers.flatMap((a, i) => (a.errors?.length ? [] : [i]));
  return {
    won: winners.map((i) => answers[i]!),
    lost: answers.filter((a) => a.errors?.length),
    winners,
  };
}

/** The first error of each refused answer, as `{ code, field, message }`, for matching in one expectation. */
export function refusals<T>(answers: GraphQLResponse<T>[]): { code: unknown; field: unknown; message: string }[] {
  return answers
    .filter((a) => a.errors?.length)
    .map((a) => ({ code: a.errors![0]!.extensions?.code, field: a.errors![0]!.extensions?.field, message: a.errors![0]!.message }));
}

/**
 * Makes requests meet at a lock: holds `lock` (a statement taking row locks) in a transaction of a
 * connection of its own, starts the requests, waits until `waiting` of the database's other sessions
 * wait for a lock, then lets them all go at once. The requests then contend from the same point,
 * whatever the order they arrived in.
 */
export async function releasedTogether<T>(
  databaseUrl: string, lock: string, params: unknown[], waiting: number, start: () => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let settled = false;
  let pending: Promise<T> | undefined;
  try {
    await client.query('BEGIN');
    await client.query(lock, params);
    pending = start();
    pending.then(() => { settled = true; }, () => { settled = true; });
    // Statistics are a snapshot for the whole transaction unless cleared before each look.
    const blocked = async () => {
      await client.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      return rows[0].n as number;
    };
    while (!settled && (await blocked()) < waiting) await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    await client.query('COMMIT').catch(() => undefined);
    await client.end();
  }
  return pending;
}
