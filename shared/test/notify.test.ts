import { randomBytes } from 'node:crypto';
import { ConfigError } from '../src/config';
import { generateSigningKeyPair } from '../src/auth';
import { retryDelay } from '../src/notify/relay';
import { parseWebhooks } from '../src/notify/settings';
import { signWebhook, verifyWebhook } from '../src/notify/signature';
import { subgraphConfigFromEnv, type SubgraphDefinition } from '../src/service';

describe('webhook signatures', () => {
  const secret = randomBytes(32).toString('base64url');
  const body = JSON.stringify({ id: 'e1', type: 'referral.sent' });
  const now = Date.UTC(2026, 11, 1, 12);

  it('verify the body they were made for, under the secret they were made with', () => {
    const header = signWebhook(secret, body, now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, header, body, now)).toBe(true);
    expect(verifyWebhook(secret, header, `${body} `, now)).toBe(false);
    expect(verifyWebhook(randomBytes(32).toString('base64url'), header, body, now)).toBe(false);
  });

  it('expire, so that a delivery recorded on the way cannot be replayed later', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(secret, header, body, now + 299_000)).toBe(true);
    expect(verifyWebhook(secret, header, body, now + 301_000)).toBe(false);
  });

  it('refuse a header whose timestamp was changed, or that is malformed', () => {
    const header = signWebhook(secret, body, now);
    const moved = header.replace(/t=(\d+)/, (_, t: string) => `t=${Number(t) + 60}`);
    expect(verifyWebhook(secret, moved, body, now)).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', 't=x,v1=00', `t=${Math.floor(now / 1000)},v1=zz`]) {
      expect(verifyWebhook(secret, bad, body, now)).toBe(false);
    }
  });
});

describe('the retry backoff', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(a, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('webhook configuration', () => {
  const url = 'https://partner.example/hooks/intreccio';
  const secret = 'x'.repeat(40);

  it('takes endpoints by organisation id', () => {
    const hooks = parseWebhooks(JSON.stringify({ '7b0c4c1e-2d7a-4d1e-9f3c-3b8e0f1a2b3c': { url, secret } }), 'WEBHOOKS');
    expect(hooks.get('7b0c4c1e-2d7a-4d1e-9f3c-3b8e0f1a2b3c')).toEqual({ url, secret });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['a key that is not an organisation id', JSON.stringify({ 'cpi-poggibonsi': { url, secret } }), /uuid|Invalid/i],
    ['a URL that is not http(s)', JSON.stringify({ '7b0c4c1e-2d7a-4d1e-9f3c-3b8e0f1a2b3c': { url: 'ftp://x.example/', secret } }), /http/],
    ['a short secret', JSON.stringify({ '7b0c4c1e-2d7a-4d1e-9f3c-3b8e0f1a2b3c': { url, secret: 'short' } }), /32 characters/],
  ])('refuses %s', (_, json, message) => {
    expect(() => parseWebhooks(json, 'WEBHOOKS')).toThrow(message);
  });

  it('needs the event keys in production, and names every problem', async () => {
    const definition: SubgraphDefinition = {
      name: 'companies', defaultPort: 4004, entities: [], migrations: [], buildSchema: async () => { throw new Error('not needed'); },
      trustsGrants: {}, grantAudience: [], events: { sendsTo: ['social-services'] },
    };
    const { publicJwk } = await generateSigningKeyPair();
    const failure = await subgraphConfigFromEnv(definition, {
      NODE_ENV: 'production', DATABASE_URL: 'postgres://db', INTERNAL_JWT_PUBLIC_KEY: JSON.stringify(publicJwk),
      GRANT_SECRET: randomBytes(32).toString('base64url'), WEBHOOKS: '{', WEBHOOK_POLL_MS: 'soon',
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ConfigError);
    const problems = (failure as ConfigError).problems.join('\n');
    for (const variable of ['EVENT_KEYS', 'EVENTS_SOCIAL_SERVICES_URL', 'WEBHOOKS', 'WEBHOOK_POLL_MS']) expect(problems).toContain(variable);
  });

  it('takes only https endpoints in production', async () => {
    const definition: SubgraphDefinition = {
      name: 'training', defaultPort: 4003, entities: [], migrations: [], buildSchema: async () => { throw new Error('not needed'); },
      trustsGrants: {}, grantAudience: [],
    };
    const { publicJwk } = await generateSigningKeyPair();
    const failure = await subgraphConfigFromEnv(definition, {
      NODE_ENV: 'production', DATABASE_URL: 'postgres://db', INTERNAL_JWT_PUBLIC_KEY: JSON.stringify(publicJwk),
      GRANT_SECRET: randomBytes(32).toString('base64url'),
      WEBHOOKS: JSON.stringify({ '7b0c4c1e-2d7a-4d1e-9f3c-3b8e0f1a2b3c': { url: 'http://partner.example/hook', secret: 'x'.repeat(40) } }),
    }).catch((err: unknown) => err);
    expect((failure as ConfigError).problems.join('\n')).toMatch(/WEBHOOKS\.7b0c4c1e[^:]*: must be an https URL in production/);
  });
});
