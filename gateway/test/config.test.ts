import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@intreccio/shared';
import { gatewayConfigFromEnv, subgraphsOf } from '../src/config';

const SUPERGRAPH = `enum join__Graph {
  SOCIAL_SERVICES @join__graph(name: "social-services", url: "http://127.0.0.1:4001/graphql")
}`;

let dir: string;
let supergraph: string;
let publicSupergraph: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-config-'));
  supergraph = join(dir, 'supergraph.graphql');
  writeFileSync(supergraph, SUPERGRAPH);
  publicSupergraph = join(dir, 'supergraph.public.graphql');
  writeFileSync(publicSupergraph, SUPERGRAPH);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gateway configuration', () => {
  it('reads the subgraphs a supergraph joins', () => {
    expect(subgraphsOf(SUPERGRAPH)).toEqual([{ name: 'social-services', url: 'http://127.0.0.1:4001/graphql' }]);
  });

  it('uses the development issuer when no provider is configured, outside production', async () => {
    const config = await gatewayConfigFromEnv({ SUPERGRAPH_PATH: supergraph, PUBLIC_SUPERGRAPH_PATH: publicSupergraph, INTRECCIO_DATA_DIR: dir, SOCIAL_SERVICES_URL: 'http://ss:4001/graphql' });
    expect(config.auth.issuer).toBe('intreccio-dev-issuer');
    expect(config.subgraphs).toEqual([{ name: 'social-services', url: 'http://ss:4001/graphql' }]);
  });

  it('refuses the development issuer in production and lists every problem', async () => {
    const failure = await gatewayConfigFromEnv({
      NODE_ENV: 'production', SUPERGRAPH_PATH: supergraph, PUBLIC_SUPERGRAPH_PATH: publicSupergraph, GATEWAY_PORT: '99999', AUTH_ISSUER: 'https://sso.example.it/realms/x',
      SOCIAL_SERVICES_URL: 'ftp://x',
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ConfigError);
    const problems = (failure as ConfigError).problems.join('\n');
    for (const text of ['GATEWAY_PORT', 'AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL', 'INTERNAL_JWT_PRIVATE_KEY', 'SOCIAL_SERVICES_URL']) expect(problems).toContain(text);
  });

  it('takes an OpenID Connect provider when all three settings are given', async () => {
    const config = await gatewayConfigFromEnv({
      SUPERGRAPH_PATH: supergraph, PUBLIC_SUPERGRAPH_PATH: publicSupergraph, INTRECCIO_DATA_DIR: dir,
      AUTH_ISSUER: 'https://sso.example.it/realms/intreccio', AUTH_AUDIENCE: 'intreccio-gateway',
      AUTH_JWKS_URL: 'https://sso.example.it/realms/intreccio/protocol/openid-connect/certs',
    });
    expect(config.auth).toMatchObject({ issuer: 'https://sso.example.it/realms/intreccio', audience: 'intreccio-gateway' });
    expect(config.devIssuerJwks).toBeUndefined();
  });

  it('reads the public contract and its rate limit', async () => {
    const config = await gatewayConfigFromEnv({
      SUPERGRAPH_PATH: supergraph, PUBLIC_SUPERGRAPH_PATH: publicSupergraph, INTRECCIO_DATA_DIR: dir, PUBLIC_RATE_LIMIT: '10', PUBLIC_RATE_WINDOW_SECONDS: '30',
    });
    expect(config.publicSupergraphSdl).toBe(SUPERGRAPH);
    expect(config.publicRateLimit).toEqual({ limit: 10, windowSeconds: 30 });
    const defaults = await gatewayConfigFromEnv({ SUPERGRAPH_PATH: supergraph, PUBLIC_SUPERGRAPH_PATH: publicSupergraph, INTRECCIO_DATA_DIR: dir });
    expect(defaults.publicRateLimit).toEqual({ limit: 120, windowSeconds: 60 });
  });

  it('lists a missing public contract, a bad rate limit and a public contract over other subgraphs as problems', async () => {
    const problemsOf = async (env: NodeJS.ProcessEnv) => {
      const failure = await gatewayConfigFromEnv({ SUPERGRAPH_PATH: supergraph, INTRECCIO_DATA_DIR: dir, ...env }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(ConfigError);
      return (failure as ConfigError).problems.join('\n');
    };
    const missing = await problemsOf({ PUBLIC_SUPERGRAPH_PATH: join(dir, 'nowhere.graphql'), PUBLIC_RATE_LIMIT: '0', PUBLIC_RATE_WINDOW_SECONDS: 'soon' });
    for (const text of [`PUBLIC_SUPERGRAPH_PATH: cannot read ${join(dir, 'nowhere.graphql')}`, 'PUBLIC_RATE_LIMIT', 'PUBLIC_RATE_WINDOW_SECONDS']) expect(missing).toContain(text);
    const other = join(dir, 'other.public.graphql');
    writeFileSync(other, `${SUPERGRAPH}\n  TRAINING @join__graph(name: "training", url: "http://127.0.0.1:4003/graphql")`);
    expect(await problemsOf({ PUBLIC_SUPERGRAPH_PATH: other })).toContain('PUBLIC_SUPERGRAPH_PATH: joins training');
  });
});
