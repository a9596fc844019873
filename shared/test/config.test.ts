import { ConfigError } from '../src/config';
import { subgraphConfigFromEnv, type SubgraphDefinition } from '../src/service';

const definition: SubgraphDefinition = {
  name: 'social-services',
  defaultPort: 4001,
  entities: [],
  migrations: [],
  buildSchema: async () => {
    throw new Error('not needed');
  },
};

describe('subgraph configuration', () => {
  it('lists every problem at once', async () => {
    const failure = await subgraphConfigFromEnv(definition, {
      SOCIAL_SERVICES_PORT: 'eighty',
      DATABASE_URL: 'mysql://db',
      LOG_LEVEL: 'chatty',
      NODE_ENV: 'production',
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ConfigError);
    const problems = (failure as ConfigError).problems.join('\n');
    for (const variable of ['SOCIAL_SERVICES_PORT', 'DATABASE_URL', 'LOG_LEVEL', 'INTERNAL_JWT_PUBLIC_KEY']) expect(problems).toContain(variable);
  });

  it('derives the subgraph database from a server URL, and a URL of its own wins', async () => {
    const env = { INTERNAL_JWT_PUBLIC_KEY: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }) };
    const shared = await subgraphConfigFromEnv(definition, { ...env, DATABASE_URL: 'postgres://u:p@db:5432' });
    expect(shared.databaseUrl).toBe('postgres://u:p@db:5432/intreccio_social_services');
    expect(shared.port).toBe(4001);
    const own = await subgraphConfigFromEnv(definition, { ...env, DATABASE_URL: 'postgres://db', SOCIAL_SERVICES_DATABASE_URL: 'postgres://other/mine' });
    expect(own.databaseUrl).toBe('postgres://other/mine');
  });
});
