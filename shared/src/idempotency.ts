import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { RequestContext } from './context';
import { ErrorCode } from './errors';

/** Stable JSON: object keys sorted, so equal inputs hash equally whatever their key order. */
function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

export interface MutationRequest {
  /** Operation name, e.g. `createPerson`: a key reused for another operation is refused. */
  operation: string;
  idempotencyKey?: string | null;
  /** The mutation's input; a key reused with different input is refused. */
  input: unknown;
}

/**
 * What an idempotency key's operation becomes once the record it wrote was erased (GDPR art. 17): its
 * request hash (computed over the person's data) and result go, the key stays, so that a late retry
 * is refused instead of writing the person back.
 */
export const ERASED_OPERATION = 'ERASED';

/**
 * Runs a mutation as one transaction. With an idempotency key, the key is claimed inside the same
 * transaction: a retry after success returns the first result without writing again; a retry after a
 * failure runs afresh (the failed attempt's claim was rolled back); two concurrent requests with one
 * key serialise on the key's unique index. Keys are scoped to the caller's organisation.
 */
export async function runMutation(
  ctx: RequestContext,
  request: MutationRequest,
  work: (manager: EntityManager) => Promise<string>,
): Promise<{ id: string; replayed: boolean }> {
  const result = await ctx.db.transaction(async (manager) => {
    const key = request.idempotencyKey;
    if (key) {
      const hash = createHash('sha256').update(stableStringify(request.input)).digest('hex');
      const claimed: unknown[] = await manager.query(
        `INSERT INTO idempotency_key (organisation_id, key, operation, request_hash)
         VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id, key) DO NOTHING RETURNING key`,
        [ctx.principal.organisationId, key, request.operation, hash],
      );
      if (claimed.length === 0) {
        const [previous] = (await manager.query(
          'SELECT operation, request_hash, result_id FROM idempotency_key WHERE organisation_id = $1 AND key = $2',
          [ctx.principal.organisationId, key],
        )) as { operation: string; request_hash: string; result_id: string }[];
        if (previous?.operation === ERASED_OPERATION) {
          throw new GraphQLError("idempotencyKey: what this key's request wrote was erased at the person's request; it is not written again", {
            extensions: { code: ErrorCode.CONFLICT, field: 'idempotencyKey' },
          });
        }
        if (!previous || previous.operation !== request.operation || previous.request_hash !== hash) {
          throw new GraphQLError('idempotencyKey: this key was already used for a different request', {
            extensions: { code: ErrorCode.IDEMPOTENCY_KEY_REUSED, field: 'idempotencyKey' },
          });
        }
        return { id: previous.result_id, replayed: true };
      }
      const id = await work(manager);
      await manager.query('UPDATE idempotency_key SET result_id = $3 WHERE organisation_id = $1 AND key = $2', [
        ctx.principal.organisationId,
        key,
        id,
      ]);
      return { id, replayed: false };
    }
    return { id: await work(manager), replayed: false };
  });
  ctx.loaders.clearAll();
  return result;
}

/** The idempotency table every subgraph keeps; each subgraph's first migration creates it. */
export async function createIdempotencyTable(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE idempotency_key (
      organisation_id uuid NOT NULL,
      key varchar(200) NOT NULL,
      operation varchar(100) NOT NULL,
      request_hash char(64) NOT NULL,
      result_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, key)
    )`);
}

export type { MigrationInterface };
