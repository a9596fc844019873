import { join, resolve } from 'node:path';
import type { JWK } from 'jose';
import { z } from 'zod';
import type { MixedList, EntitySchema } from 'typeorm';
import { decodeKey, GrantSigner, GrantVerifier, loadOrCreateSecret, pairKey, type GrantScope } from './access/grants';
import { CursorSealer } from './access/cursors';
import type { AccessServices } from './access/session';
import { InternalTokenVerifier, loadOrCreateKeyPair, parseJwk } from './auth';
import { ConfigError, databaseUrlFor, logLevel, nodeEnv, parseEnv, port, postgresUrl } from './config';
import { openDatabase, type Database, StatementCounter } from './database';
import type { FederatedSchema } from './federation';
import { createLogger, type Logger } from './logger';
import { startSubgraphServer, type RunningServer } from './server';
import { eventInbox, type EventHandler } from './notify/inbox';
import { OutboxRelay } from './notify/relay';
import { notificationSettingsFromEnv, type NotificationSettings } from './notify/settings';

/** Where local state lives: embedded PostgreSQL, development keys. Git-ignored. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.INTRECCIO_DATA_DIR ?? join(__dirname, '..', '..', '..', '.data'));
}

export const internalKeyFile = (dir: string) => join(dir, 'keys', 'gateway-internal.json');
export const devIssuerKeyFile = (dir: string) => join(dir, 'keys', 'dev-issuer.json');
/** The secret a subgraph derives its grant keys from (see `access/grants.ts`). */
export const grantSecretFile = (dir: string, subgraph: string) => join(dir, 'keys', `grant-secret-${subgraph}`);

/** What a subgraph package tells the platform about itself. */
export interface SubgraphDefinition {
  /** e.g. `social-services`; also the audience of the gateway's token and the database name suffix. */
  name: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  buildSchema(): Promise<FederatedSchema>;
  /** The subgraphs whose grants this one accepts, per scope. */
  trustsGrants: Partial<Record<GrantScope, readonly string[]>>;
  /** The subgraphs that accept this one's grants: each gets its own key. */
  grantAudience: readonly string[];
  /**
   * Events between partner subgraphs (see `notify/`): the subgraphs this one sends events to, those
   * it takes events from at `POST /events`, and what it does with them.
   */
  events?: { sendsTo?: readonly string[]; receivesFrom?: readonly string[]; relayers?: readonly string[]; handle?: EventHandler };
}

export interface SubgraphConfig {
  port: number;
  host: string;
  databaseUrl: string;
  internalPublicKey: JWK;
  /** The secret this subgraph derives its grant keys from. */
  grantSecret: Buffer;
  /** The keys the subgraphs whose grants it accepts share with it, by issuer. */
  grantKeys: Record<string, Buffer>;
  production: boolean;
  logLevel: string;
  notifications: NotificationSettings;
}

export function envPrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * A subgraph's settings from the environment: `<NAME>_PORT`, `<NAME>_HOST`, `<NAME>_DATABASE_URL` or
 * `DATABASE_URL` (a server, to which `/intreccio_<name>` is appended), and the gateway's public key.
 */
export async function subgraphConfigFromEnv(def: SubgraphDefinition, env: NodeJS.ProcessEnv = process.env): Promise<SubgraphConfig> {
  const p = envPrefix(def.name);
  const { values, problems } = parseEnv({
    [`${p}_PORT`]: port(def.defaultPort),
    [`${p}_HOST`]: z.string().min(1).default('127.0.0.1'),
    [`${p}_DATABASE_URL`]: postgresUrl.optional(),
    DATABASE_URL: postgresUrl.optional(),
    INTERNAL_JWT_PUBLIC_KEY: z.string().optional(),
    GRANT_SECRET: z.string().optional(),
    GRANT_KEYS: z.string().optional(),
    NODE_ENV: nodeEnv,
    LOG_LEVEL: logLevel,
  }, env);
  const raw = values as Record<string, string | number | undefined>;
  const databaseUrl = databaseUrlFor(raw.DATABASE_URL as string | undefined, raw[`${p}_DATABASE_URL`] as string | undefined, `intreccio_${def.name.replace(/-/g, '_')}`);
  if (!databaseUrl) problems.push(`DATABASE_URL or ${p}_DATABASE_URL: one of them is required`);
  const production = raw.NODE_ENV === 'production';
  let internalPublicKey: JWK | undefined;
  if (raw.INTERNAL_JWT_PUBLIC_KEY) {
    try {
      internalPublicKey = parseJwk(raw.INTERNAL_JWT_PUBLIC_KEY as string, 'INTERNAL_JWT_PUBLIC_KEY');
    } catch (err) {
      problems.push(`INTERNAL_JWT_PUBLIC_KEY: ${(err as Error).message}`);
    }
  } else if (production) {
    problems.push('INTERNAL_JWT_PUBLIC_KEY: required in production (the gateway’s public JWK)');
  } else {
    internalPublicKey = (await loadOrCreateKeyPair(internalKeyFile(dataDir(env)))).publicJwk;
  }
  const { secret: grantSecret, keys: grantKeys } = grantKeysFromEnv(def, raw, production, dataDir(env), problems);
  const notifications = grantSecret
    ? notificationSettingsFromEnv(
      { name: def.name, secret: grantSecret, sendsTo: def.events?.sendsTo ?? [], receivesFrom: def.events?.receivesFrom ?? [] },
      env,
      { production, dataDir: dataDir(env), secretFile: (s) => grantSecretFile(dataDir(env), s) },
      problems,
    )
    : undefined;
  if (problems.length) throw new ConfigError(problems);
  return {
    port: raw[`${p}_PORT`] as number,
    host: raw[`${p}_HOST`] as string,
    databaseUrl: databaseUrl!,
    internalPublicKey: internalPublicKey!,
    grantSecret: grantSecret!,
    grantKeys,
    production,
    logLevel: raw.LOG_LEVEL as string,
    notifications: notifications!,
  };
}

/**
 * Grant keys: `GRANT_SECRET` (this subgraph's secret, 32 bytes or more, base64url) and `GRANT_KEYS`
 * (a JSON object of the keys the trusted subgraphs share with this one, by issuer), required in
 * production; `npm run grant-keys` derives them from the secrets. Locally, one secret per subgraph is
 * kept in the data folder, and each service derives the keys it needs from the issuers' secrets there.
 */
/** The subgraphs whose grants `def` accepts, whatever the scope. */
export function grantIssuers(def: SubgraphDefinition): string[] {
  return [...new Set(Object.values(def.trustsGrants).flat())] as string[];
}

function grantKeysFromEnv(
  def: SubgraphDefinition,
  raw: Record<string, unknown>,
  production: boolean,
  dir: string,
  problems: string[],
): { secret?: Buffer; keys: Record<string, Buffer> } {
  const issuers = grantIssuers(def);
  const keys: Record<string, Buffer> = {};
  let secret: Buffer | undefined;
  if (raw.GRANT_SECRET) {
    try {
      secret = decodeKey(raw.GRANT_SECRET as string, 'GRANT_SECRET');
    } catch (err) {
      problems.push((err as Error).message);
    }
  } else if (production) {
    problems.push(`GRANT_SECRET: required in production (the secret ${def.name} derives its grant keys from)`);
  } else {
    secret = loadOrCreateSecret(grantSecretFile(dir, def.name));
  }
  if (raw.GRANT_KEYS) {
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(raw.GRANT_KEYS as string) as Record<string, unknown>;
    } catch {
      problems.push('GRANT_KEYS: must be a JSON object of keys by subgraph name');
    }
    for (const issuer of issuers) {
      if (typeof parsed[issuer] !== 'string') problems.push(`GRANT_KEYS: no key from ${issuer}, whose grants ${def.name} accepts`);
      else {
        try {
          keys[issuer] = decodeKey(parsed[issuer] as string, `GRANT_KEYS.${issuer}`);
        } catch (err) {
          problems.push((err as Error).message);
        }
      }
    }
  } else if (production && issuers.length) {
    problems.push(`GRANT_KEYS: required in production (the keys ${issuers.join(', ')} share with ${def.name}; see npm run grant-keys)`);
  } else {
    for (const issuer of issuers) keys[issuer] = pairKey(loadOrCreateSecret(grantSecretFile(dir, issuer)), def.name);
  }
  return { secret, keys };
}

export function accessServices(def: SubgraphDefinition, config: SubgraphConfig): AccessServices {
  return {
    subgraph: def.name,
    signer: new GrantSigner(def.name, config.grantSecret, def.grantAudience),
    verifier: new GrantVerifier(def.name, config.grantKeys),
    cursors: new CursorSealer(config.grantSecret),
    trusted: def.trustsGrants,
  };
}

export interface RunningSubgraph {
  name: string;
  server: RunningServer;
  database: Database;
  counter: StatementCounter;
  /** Delivers the subgraph's outbox to organisations' webhooks and partner subgraphs. */
  relay: OutboxRelay;
  close(): Promise<void>;
}

export async function runSubgraph(def: SubgraphDefinition, config: SubgraphConfig, logger?: Logger): Promise<RunningSubgraph> {
  const log = logger ?? createLogger(def.name, config.logLevel);
  const [database, { schema }] = await Promise.all([
    openDatabase({ url: config.databaseUrl, entities: def.entities, migrations: def.migrations, logger: log }),
    def.buildSchema(),
  ]);
  const server = await startSubgraphServer({
    name: def.name,
    schema,
    db: database.dataSource,
    verifier: new InternalTokenVerifier(config.internalPublicKey, def.name),
    access: accessServices(def, config),
    logger: log,
    port: config.port,
    host: config.host,
    production: config.production,
    routers: def.events?.handle
      ? [eventInbox({ db: database.dataSource, keys: config.notifications.inboundKeys, relayers: def.events.relayers, handle: def.events.handle, log })]
      : [],
  });
  const relay = new OutboxRelay(database.dataSource, def.name, config.notifications, log);
  relay.start();
  return {
    name: def.name,
    server,
    database,
    counter: database.counter,
    relay,
    close: async () => {
      await relay.close();
      await server.close();
      await database.close();
    },
  };
}

/**
 * Runs one service as its own process (docker-compose, production): a bad configuration exits 2 with
 * every problem listed, any other start failure exits 1, and SIGINT/SIGTERM close it cleanly.
 */
export async function runServiceProcess(name: string, start: (log: Logger) => Promise<{ close(): Promise<void> }>): Promise<void> {
  const log = createLogger(name);
  let running: { close(): Promise<void> };
  try {
    running = await start(log);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exit(2);
    }
    log.fatal({ err: { message: (err as Error).message, stack: (err as Error).stack } }, 'could not start');
    process.exit(1);
  }
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Entry point of a subgraph started alone. */
export function mainSubgraph(def: SubgraphDefinition): Promise<void> {
  return runServiceProcess(def.name, async (log) => runSubgraph(def, await subgraphConfigFromEnv(def), log));
}
