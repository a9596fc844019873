import type { Principal } from '../auth';
import { signedGrant } from './index';
import type { SubgraphHarness } from './subgraph-harness';

/**
 * What a partner's access tests share: reading a person's fields as a caller, with or without social
 * services' grant for the request; grants made at another time or with changed claims; the checks
 * that a refusal is where it should be; the access log of a request.
 */

/** Makes the grant for a request id, or none. */
export type GrantMaker = (rid: string) => Promise<string | undefined>;

export type AccessResponse = { data?: any; errors?: { extensions?: Record<string, unknown>; path?: unknown[]; message?: string }[] };

export const noGrant: GrantMaker = async () => undefined;

/** `token` with its claims changed and its tags kept. */
export function tampered(token: string, change: Record<string, unknown>): string {
  const [version, payload, ...tags] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...change };
  return [version, Buffer.from(JSON.stringify(claims)).toString('base64url'), ...tags].join('.');
}

/** The person resolves, and every field asked of them is refused on its own path. */
export function expectRefusedEntity(res: AccessResponse): void {
  const person = res.data?._entities?.[0] as Record<string, unknown>;
  const fields = Object.keys(person ?? {});
  expect(fields.length).toBeGreaterThan(0);
  expect(Object.values(person)).toEqual(fields.map(() => null));
  expect(res.errors?.map((e) => e.path).sort()).toEqual(fields.map((f) => ['_entities', 0, f]).sort());
  expect(res.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
}

/** The field at `path` is null, refused with FORBIDDEN on that path. */
export function expectRefusedField(res: AccessResponse, path: (string | number)[]): void {
  expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  expect(res.errors?.map((e) => e.path)).toContainEqual(path);
  let value: any = res.data;
  for (const key of path) value = value?.[key];
  expect(value).toBeNull();
}

/** Reads and grants through the harness `harness()` gives (set in `beforeAll`). */
export function partnerAccess(harness: () => SubgraphHarness) {
  const validGrant = (sub: string, who: Principal): GrantMaker => (rid) => harness().grant('social-services', 'person', sub, who, rid);

  /** A person grant signed with social services' key, as it would have been signed at `at`. */
  const grantSignedAt = (sub: string, who: Principal, rid: string, at: number): Promise<string> =>
    signedGrant(harness().env.dataDir, 'social-services', 'person', sub, who, rid, at);

  /** Reads `selection` on the person as `who` in a new request, with the grant `makeGrant` gives for it. */
  const readPerson = async (who: Principal, id: string, selection: string, makeGrant: GrantMaker = noGrant) => {
    const h = harness();
    const rid = h.newRequestId();
    const accessGrant = await makeGrant(rid);
    const res = await h.entities(who, [{ __typename: 'Person', id, ...(accessGrant ? { accessGrant } : {}) }], `... on Person { ${selection} }`, rid);
    return { ...res, rid, person: (res.data?._entities as any[] | undefined)?.[0] };
  };

  const logOf = (rid: string): Promise<any[]> =>
    harness().db.query('SELECT subject, organisation_id, roles, operation, person_id, fields, reasons FROM access_log WHERE request_id = $1 ORDER BY id', [rid]);

  return { validGrant, grantSignedAt, readPerson, logOf };
}
