import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { z } from 'zod';
import { DEFAULT_LIMITS, DEFAULT_PUBLIC_LIMITS, type OperationLimits } from './limits';
import {
  ConfigError, DEV_AUDIENCE, DEV_ISSUER, dataDir, devIssuerKeyFile, envPrefix, internalKeyFile, loadOrCreateKeyPair, parseEnv,
  logLevel, nodeEnv, parseJwk, port, type ExternalAuthOptions,
} from '@intreccio/shared';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphSdl: string;
  subgraphs: SubgraphEndpoint[];
  auth: ExternalAuthOptions;
  /** Set when the development issuer is in use: its public key set is served for inspection. */
  devIssuerJwks?: { keys: JWK[] };
  internalPrivateKey: JWK;
  production: boolean;
  logLevel: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  limits: OperationLimits;
  /** Stricter limits for the public contract, open to anyone. */
  publicLimits: OperationLimits;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe, for the public rate limit's client address. */
  trustProxy: boolean | number | string;
  /** The public contract, served without a token at `/public/graphql`. */
  publicSupergraphSdl: string;
  /** Requests one client IP may send to `/public/graphql` in each window. */
  publicRateLimit: { limit: number; windowSeconds: number };
}

export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', '..', '..', 'supergraph.graphql');
export const DEFAULT_PUBLIC_SUPERGRAPH_PATH = join(__dirname, '..', '..', '..', 'supergraph.public.graphql');

/** The subgraphs a supergraph joins, with the URLs composition recorded for them. */
export function subgraphsOf(supergraphSdl: string): SubgraphEndpoint[] {
  const found: SubgraphEndpoint[] = [];
  for (const match of supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]*)"\)/g)) {
    found.push({ name: match[1]!, url: match[2]! });
  }
  return found;
}

export async function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  const { values: raw, problems } = parseEnv({
    GATEWAY_PORT: port(4000),
    GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
    PUBLIC_SUPERGRAPH_PATH: z.string().default(DEFAULT_PUBLIC_SUPERGRAPH_PATH),
    PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
    PUBLIC_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    AUTH_JWKS_URL: z.url().optional(),
    INTERNAL_JWT_PRIVATE_KEY: z.string().optional(),
    GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(100_000),
    GATEWAY_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_LIMITS.maxDepth),
    GATEWAY_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_LIMITS.maxAliases),
    GATEWAY_MAX_COST: z.coerce.number().int().min(100).default(DEFAULT_LIMITS.maxCost),
    GATEWAY_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_LIMITS.maxTokens),
    PUBLIC_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_PUBLIC_LIMITS.maxDepth),
    PUBLIC_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_PUBLIC_LIMITS.maxAliases),
    PUBLIC_MAX_COST: z.coerce.number().int().min(100).default(DEFAULT_PUBLIC_LIMITS.maxCost),
    PUBLIC_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_PUBLIC_LIMITS.maxTokens),
    GATEWAY_TRUST_PROXY: z.string().regex(/^(false|true|loopback|uniquelocal|\d{1,2}|[0-9a-f.:/, ]+)$/i, 'must be false, a number of proxy hops, loopback or a list of proxy addresses').default('false'),
    NODE_ENV: nodeEnv,
    LOG_LEVEL: logLevel,
  }, env);
  const production = raw.NODE_ENV === 'production';
  let supergraphSdl = '';
  try {
    supergraphSdl = readFileSync(raw.SUPERGRAPH_PATH, 'utf8');
  } catch {
    problems.push(`SUPERGRAPH_PATH: cannot read ${raw.SUPERGRAPH_PATH} (run npm run compose)`);
  }
  let publicSupergraphSdl = '';
  try {
    publicSupergraphSdl = readFileSync(raw.PUBLIC_SUPERGRAPH_PATH, 'utf8');
  } catch {
    problems.push(`PUBLIC_SUPERGRAPH_PATH: cannot read ${raw.PUBLIC_SUPERGRAPH_PATH} (run npm run compose)`);
  }
  const subgraphs = subgraphsOf(supergraphSdl).map((s) => {
    const override = env[`${envPrefix(s.name)}_URL`];
    if (override !== undefined && !/^https?:\/\//.test(override)) problems.push(`${envPrefix(s.name)}_URL: must be an http(s) URL`);
    return { name: s.name, url: override ?? s.url };
  });
  // The public contract reaches the subgraphs at the network graph's URLs: it must join no other.
  const strangers = subgraphsOf(publicSupergraphSdl).filter((p) => !subgraphs.some((s) => s.name === p.name)).map((p) => p.name);
  if (supergraphSdl && strangers.length) {
    problems.push(`PUBLIC_SUPERGRAPH_PATH: joins ${strangers.join(', ')}, which ${raw.SUPERGRAPH_PATH} does not (compose both with npm run compose)`);
  }

  const dir = dataDir(env);
  let auth: ExternalAuthOptions | undefined;
  let devIssuerJwks: { keys: JWK[] } | undefined;
  const external = [raw.AUTH_ISSUER, raw.AUTH_AUDIENCE, raw.AUTH_JWKS_URL];
  if (external.every((v) => v)) {
    auth = { issuer: raw.AUTH_ISSUER!, audience: raw.AUTH_AUDIENCE!, jwks: new URL(raw.AUTH_JWKS_URL!) };
  } else if (external.some((v) => v)) {
    problems.push('AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL: set all three to use an OpenID Connect provider, or none for the development issuer');
  } else if (production) {
    problems.push('AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL: required in production (the development issuer is for local use only)');
  } else {
    const pair = await loadOrCreateKeyPair(devIssuerKeyFile(dir));
    devIssuerJwks = { keys: [pair.publicJwk] };
    auth = { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: devIssuerJwks };
  }

  let internalPrivateKey: JWK | undefined;
  if (raw.INTERNAL_JWT_PRIVATE_KEY) {
    try {
      internalPrivateKey = parseJwk(raw.INTERNAL_JWT_PRIVATE_KEY, 'INTERNAL_JWT_PRIVATE_KEY');
    } catch (err) {
      problems.push(`INTERNAL_JWT_PRIVATE_KEY: ${(err as Error).message}`);
    }
  } else if (production) {
    problems.push('INTERNAL_JWT_PRIVATE_KEY: required in production (the private JWK that signs calls to subgraphs)');
  } else {
    internalPrivateKey = (await loadOrCreateKeyPair(internalKeyFile(dir))).privateJwk;
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port: raw.GATEWAY_PORT,
    host: raw.GATEWAY_HOST,
    supergraphSdl,
    subgraphs,
    auth: auth!,
    devIssuerJwks,
    internalPrivateKey: internalPrivateKey!,
    production,
    logLevel: raw.LOG_LEVEL,
    maxBodyBytes: raw.GATEWAY_MAX_BODY_BYTES,
    limits: { maxDepth: raw.GATEWAY_MAX_DEPTH, maxAliases: raw.GATEWAY_MAX_ALIASES, maxCost: raw.GATEWAY_MAX_COST, maxTokens: raw.GATEWAY_MAX_TOKENS },
    publicLimits: { maxDepth: raw.PUBLIC_MAX_DEPTH, maxAliases: raw.PUBLIC_MAX_ALIASES, maxCost: raw.PUBLIC_MAX_COST, maxTokens: raw.PUBLIC_MAX_TOKENS },
    trustProxy: trustProxySetting(raw.GATEWAY_TRUST_PROXY),
    publicSupergraphSdl,
    publicRateLimit: { limit: raw.PUBLIC_RATE_LIMIT, windowSeconds: raw.PUBLIC_RATE_WINDOW_SECONDS },
  };
}

function trustProxySetting(value: string): boolean | number | string {
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
