import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRANT_TTL_SECONDS, GrantSigner, loadOrCreateSecret, type GrantScope } from '../access/grants';
import {
  InternalTokenSigner, loadOrCreateKeyPair, mintDevToken, type OrganisationKind, type Principal, type Role,
} from '../auth';
import { dropDatabase } from '../database';
import { devIssuerKeyFile, envPrefix, grantSecretFile, internalKeyFile } from '../service';

/**
 * An isolated environment for one test file: its own databases on the test server (named after the
 * file and a random suffix, so parallel workers never share rows) and its own key folder.
 */
export interface TestEnvironment {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  databaseUrl(subgraph: string): string;
  cleanup(): Promise<void>;
}

export function testEnvironment(label: string, subgraphs: readonly string[]): TestEnvironment {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL is not set: run tests through `npm test` (its global setup provides a server)');
  const suffix = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'intreccio-test-'));
  const urls = new Map<string, string>();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, INTRECCIO_DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', NODE_ENV: 'test' };
  for (const name of subgraphs) {
    const url = new URL(server);
    url.pathname = `/t_${name.replace(/-/g, '_')}_${suffix}`;
    urls.set(name, url.toString());
    env[`${envPrefix(name)}_DATABASE_URL`] = url.toString();
  }
  return {
    env,
    dataDir,
    databaseUrl: (name) => urls.get(name)!,
    cleanup: async () => {
      await Promise.allSettled([...urls.values()].map((u) => dropDatabase(u)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function principal(role: Role, organisationId: string, organisationKind: OrganisationKind, programmes: string[] = []): Principal {
  return { subject: `${role}-test`, organisationId, organisationKind, roles: [role], programmes };
}

/** A caller's bearer token from the development issuer of this environment. */
export async function callerToken(dataDir: string, who: Principal): Promise<string> {
  const { privateJwk } = await loadOrCreateKeyPair(devIssuerKeyFile(dataDir));
  return mintDevToken(privateJwk, who, '10m');
}

export const testRequestId = (): string => `test-${randomBytes(6).toString('hex')}`;

/** The gateway's token for one subgraph, as if the gateway had sent the call (for request `requestId`). */
export async function gatewayToken(dataDir: string, who: Principal, audience: string, requestId: string = testRequestId()): Promise<string> {
  const { privateJwk } = await loadOrCreateKeyPair(internalKeyFile(dataDir));
  return new InternalTokenSigner(privateJwk).sign(who, audience, requestId, 'TestOperation');
}

/**
 * A grant as `issuer` would sign it for `who` in request `requestId` (or, for a lasting grant,
 * `lastingRid(who.subject)` with its `ttlSeconds`): what the gateway would carry from the issuing
 * partner to the one under test, or what the caller would pass on.
 */
export async function signedGrant(
  dataDir: string, issuer: string, scope: GrantScope, sub: string, who: Principal, requestId: string, at = Date.now(), ttlSeconds = GRANT_TTL_SECONDS,
): Promise<string> {
  const signer = new GrantSigner(issuer, loadOrCreateSecret(grantSecretFile(dataDir, issuer)), ALL_SUBGRAPHS);
  return signer.sign({ scope, sub, org: who.organisationId, rid: requestId }, at, ttlSeconds);
}

/** Grants made in tests carry a tag for every subgraph, whichever the test calls. */
const ALL_SUBGRAPHS = ['social-services', 'employment-centre', 'training', 'companies'];

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: GraphQLResponse['errors'] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: res.status, data: body.data ?? undefined, errors: body.errors };
}
export * from './subgraph-harness';
export * from './access';
export * from './race';
