import { ConfigError } from '../src/config';
import { randomBytes } from 'node:crypto';
import { generateSigningKeyPair } from '../src/auth';
import { subgraphConfigFromEnv, type SubgraphDefinition } from '../src/service';

const definition: SubgraphDefinition = {
  name: 'social-services',
  defaultPort: 4001,
  entities: [],
  migrations: [],
  buildSchema: async () => {
    throw new Error('not needed');
  },
  trustsGrants: { candidate: ['employment-centre'] },
  grantAudience: ['employment-centre', 'training', 'companies'],
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
    for (const variable of ['SOCIAL_SERVICES_PORT', 'DATABASE_URL', 'LOG_LEVEL', 'INTERNAL_JWT_PUBLIC_KEY', 'GRANT_SECRET', 'GRANT_KEYS']) {
      expect(problems).toContain(variable);
    }
  });

  it('names the trusted subgraph whose grant key is missing, and a secret too short', async () => {
    const own = await generateSigningKeyPair();
    const failure = await subgraphConfigFromEnv(definition, {
      DATABASE_URL: 'postgres://db',
      NODE_ENV: 'production',
      INTERNAL_JWT_PUBLIC_KEY: JSON.stringify(own.publicJwk),
      GRANT_SECRET: 'c2hvcnQ',
      GRANT_KEYS: JSON.stringify({ companies: randomBytes(32).toString('base64url') }),
    }).catch((err: unknown) => err);
    expect((failure as ConfigError).problems).toEqual([
      'GRANT_SECRET must be at least 32 bytes, base64url',
      'GRANT_KEYS: no key from employment-centre, whose grants social-services accepts',
    ]);
  });

  it('derives the subgraph database from a server URL, and a URL of its own wins', async () => {
    const pair = await generateSigningKeyPair();
    const env = {
      INTERNAL_JWT_PUBLIC_KEY: JSON.stringify(pair.publicJwk),
      GRANT_SECRET: randomBytes(32).toString('base64url'),
      GRANT_KEYS: JSON.stringify({ 'employment-centre': randomBytes(32).toString('base64url') }),
    };
    const shared = await subgraphConfigFromEnv(definition, { ...env, DATABASE_URL: 'postgres://u:p@db:5432' });
    expect(shared.databaseUrl).toBe('postgres://u:p@db:5432/intreccio_social_services');
    expect(shared.port).toBe(4001);
    const own = await subgraphConfigFromEnv(definition, { ...env, DATABASE_URL: 'postgres://db', SOCIAL_SERVICES_DATABASE_URL: 'postgres://other/mine' });
    expect(own.databaseUrl).toBe('postgres://other/mine');
  });
});
