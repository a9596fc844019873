import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { z } from 'zod';
import { DEFAULT_LIMITS, type OperationLimits } from './limits';
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
}

export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', '..', '..', 'supergraph.graphql');

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
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    AUTH_JWKS_URL: z.url().optional(),
    INTERNAL_JWT_PRIVATE_KEY: z.string().optional(),
    GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(100_000),
    GATEWAY_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_LIMITS.maxDepth),
    GATEWAY_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_LIMITS.maxAliases),
    GATEWAY_MAX_COST: z.coerce.number().int().min(100).default(DEFAULT_LIMITS.maxCost),
    GATEWAY_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_LIMITS.maxTokens),
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
  const subgraphs = subgraphsOf(supergraphSdl).map((s) => {
    const override = env[`${envPrefix(s.name)}_URL`];
    if (override !== undefined && !/^https?:\/\//.test(override)) problems.push(`${envPrefix(s.name)}_URL: must be an http(s) URL`);
    return { name: s.name, url: override ?? s.url };
  });

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
  };
}
