import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decodeKey, loadOrCreateSecret, pairKey } from '../access/grants';
import { parseEnv } from '../config';

/** Where an event is sent and the secret its signature is made with. */
export interface Endpoint {
  url: string;
  secret: string | Buffer;
}

/** How a subgraph sends and receives events (see `settingsFromEnv`). */
export interface NotificationSettings {
  /** The organisations' webhooks, by organisation id; read again when the local file changes. */
  webhooks(): ReadonlyMap<string, Endpoint>;
  /** The partner subgraphs this one sends events to: URL (when known) and key, by subgraph name. */
  partners: Map<string, { url?: string; key: Buffer }>;
  /** The keys of the partner subgraphs this one accepts events from, by sender. */
  inboundKeys: Record<string, Buffer>;
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  timeoutMs: number;
  retentionDays: number;
}

/** The key with which `sender` signs the events it sends to `receiver`: derived from the receiver's secret. */
export const eventKey = (receiverSecret: Buffer, sender: string): Buffer => pairKey(receiverSecret, `events:${sender}`);

export const webhooksFile = (dataDir: string): string => join(dataDir, 'webhooks.json');

const endpointSchema = z.object({
  url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
  secret: z.string().min(32, 'must be at least 32 characters'),
});
const webhooksSchema = z.record(z.string().uuid(), endpointSchema);

export function parseWebhooks(json: string, what: string): Map<string, Endpoint> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`${what}: not JSON`);
  }
  const parsed = webhooksSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  return new Map(Object.entries(parsed.data));
}

/** The webhooks file, read again whenever it changes, so `npm run webhook` takes effect without a restart. */
function watchedWebhooks(file: string): () => ReadonlyMap<string, Endpoint> {
  let seen = -1;
  let current: ReadonlyMap<string, Endpoint> = new Map();
  return () => {
    const mtime = existsSync(file) ? statSync(file).mtimeMs : 0;
    if (mtime !== seen) {
      seen = mtime;
      try {
        current = mtime ? parseWebhooks(readFileSync(file, 'utf8'), file) : new Map();
      } catch {
        // A half-written or broken file keeps the previous endpoints; `npm run webhook` writes whole files.
      }
    }
    return current;
  };
}

const ms = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * Notification settings from the environment:
 *
 * - `WEBHOOKS`: the organisations' endpoints, JSON `{ "<organisation id>": { "url", "secret" } }`;
 *   without it, locally, the data folder's `webhooks.json` (`npm run webhook`);
 * - `EVENTS_<SUBGRAPH>_URL`: the event inbox of each partner subgraph this one sends to (set by the
 *   network itself when it runs in one process);
 * - `EVENT_KEYS`: the keys to sign them with, JSON by receiving subgraph (`npm run grant-keys` prints
 *   them); required in production, derived locally from the receivers' secrets in the data folder;
 * - `WEBHOOK_POLL_MS`, `WEBHOOK_RETRY_BASE_MS`, `WEBHOOK_RETRY_MAX_MS`, `WEBHOOK_MAX_ATTEMPTS`,
 *   `WEBHOOK_TIMEOUT_MS`, `WEBHOOK_RETENTION_DAYS`: how often the outbox is read, the retry backoff,
 *   when to give up, and how long delivered events are kept.
 */
export function notificationSettingsFromEnv(
  self: { name: string; secret: Buffer; sendsTo: readonly string[]; receivesFrom: readonly string[] },
  env: NodeJS.ProcessEnv,
  local: { production: boolean; dataDir: string; secretFile: (subgraph: string) => string },
  problems: string[],
): NotificationSettings {
  const { values, problems: invalid } = parseEnv({
    WEBHOOK_POLL_MS: ms(1000),
    WEBHOOK_RETRY_BASE_MS: ms(2000),
    WEBHOOK_RETRY_MAX_MS: ms(15 * 60_000),
    WEBHOOK_MAX_ATTEMPTS: ms(20),
    WEBHOOK_TIMEOUT_MS: ms(10_000),
    WEBHOOK_RETENTION_DAYS: ms(30),
  }, env);
  problems.push(...invalid);

  let webhooks: () => ReadonlyMap<string, Endpoint> = () => new Map();
  if (env.WEBHOOKS) {
    try {
      const fixed = parseWebhooks(env.WEBHOOKS, 'WEBHOOKS');
      if (local.production) {
        for (const [org, hook] of fixed) if (!hook.url.startsWith('https://')) problems.push(`WEBHOOKS.${org}: must be an https URL in production`);
      }
      webhooks = () => fixed;
    } catch (err) {
      problems.push((err as Error).message);
    }
  } else if (!local.production) {
    webhooks = watchedWebhooks(webhooksFile(local.dataDir));
  }

  let givenKeys: Record<string, unknown> | undefined;
  if (env.EVENT_KEYS) {
    try {
      givenKeys = JSON.parse(env.EVENT_KEYS) as Record<string, unknown>;
    } catch {
      problems.push('EVENT_KEYS: must be a JSON object of keys by receiving subgraph');
    }
  }
  const partners = new Map<string, { url?: string; key: Buffer }>();
  for (const receiver of self.sendsTo) {
    const prefix = receiver.toUpperCase().replace(/-/g, '_');
    const url = env[`EVENTS_${prefix}_URL`];
    if (local.production && !url) problems.push(`EVENTS_${prefix}_URL: required in production (the event inbox of ${receiver}, which ${self.name} sends events to)`);
    let key: Buffer | undefined;
    if (givenKeys) {
      if (typeof givenKeys[receiver] !== 'string') problems.push(`EVENT_KEYS: no key for ${receiver}, which ${self.name} sends events to`);
      else {
        try {
          key = decodeKey(givenKeys[receiver] as string, `EVENT_KEYS.${receiver}`);
        } catch (err) {
          problems.push((err as Error).message);
        }
      }
    } else if (local.production) {
      problems.push(`EVENT_KEYS: required in production (the keys ${self.name} signs its events to ${self.sendsTo.join(', ')} with)`);
    } else {
      key = eventKey(loadOrCreateSecret(local.secretFile(receiver)), self.name);
    }
    if (key) partners.set(receiver, { url, key });
  }
  const inboundKeys = Object.fromEntries(self.receivesFrom.map((sender) => [sender, eventKey(self.secret, sender)]));
  const v = values as Record<string, number>;
  return {
    webhooks,
    partners,
    inboundKeys,
    pollMs: v.WEBHOOK_POLL_MS!,
    retryBaseMs: v.WEBHOOK_RETRY_BASE_MS!,
    retryMaxMs: v.WEBHOOK_RETRY_MAX_MS!,
    maxAttempts: v.WEBHOOK_MAX_ATTEMPTS!,
    timeoutMs: v.WEBHOOK_TIMEOUT_MS!,
    retentionDays: v.WEBHOOK_RETENTION_DAYS!,
  };
}
