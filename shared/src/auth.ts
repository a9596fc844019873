import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  SignJWT, jwtVerify, generateKeyPair, exportJWK, importJWK, createLocalJWKSet, createRemoteJWKSet,
  type JWK, type JWTPayload, type KeyLike, type JWTVerifyGetKey,
} from 'jose';

export const ROLES = [
  'case_manager',
  'cpi_operator',
  'training_operator',
  'company_network_operator',
  'company_tutor',
  'coordinator',
  'data_protection_officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  'SOCIAL_SERVICES',
  'EMPLOYMENT_CENTRE',
  'TRAINING_PROVIDER',
  'COMPANY_NETWORK',
  'COMPANY',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Who is calling, as verified by the gateway. */
export interface Principal {
  subject: string;
  organisationId: string;
  /** Null only for the anonymous caller of the public contract. */
  organisationKind: OrganisationKind | null;
  roles: Role[];
  /** Programme ids the caller works in; empty means none. */
  programmes: string[];
  /** A caller of the public contract: no organisation, no role, public elements only. */
  anonymous?: boolean;
}

/** Who calls the public contract, as the gateway tells subgraphs. */
export const ANONYMOUS: Principal = Object.freeze({
  subject: 'anonymous', organisationId: '', organisationKind: null, roles: [], programmes: [], anonymous: true,
});

const INTERNAL_ISSUER = 'intreccio-gateway';
const INTERNAL_TTL_SECONDS = 60;
const ALG = 'EdDSA';

export interface KeyPairFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateSigningKeyPair(): Promise<KeyPairFile> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  return { privateJwk, publicJwk };
}

/** Reads a key pair kept in the local data folder, creating it on first use (private file mode). */
export async function loadOrCreateKeyPair(file: string): Promise<KeyPairFile> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyPairFile;
  const pair = await generateSigningKeyPair();
  mkdirSync(dirname(file), { recursive: true });
  // Several services may start together: write aside, then link into place, so exactly one key wins
  // and nobody reads a half-written file.
  const temporary = `${file}.${process.pid}.${randomUUID()}`;
  writeFileSync(temporary, JSON.stringify(pair, null, 2), { mode: 0o600 });
  try {
    linkSync(temporary, file);
    return pair;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return JSON.parse(readFileSync(file, 'utf8')) as KeyPairFile;
  } finally {
    unlinkSync(temporary);
  }
}

export function parseJwk(value: string, what: string): JWK {
  try {
    const jwk = JSON.parse(value) as JWK;
    if (typeof jwk !== 'object' || !jwk.kty) throw new Error('not a JWK');
    return jwk;
  } catch {
    throw new Error(`${what} must be a JSON Web Key`);
  }
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function isOrganisationKind(value: unknown): value is OrganisationKind {
  return typeof value === 'string' && (ORGANISATION_KINDS as readonly string[]).includes(value);
}

/**
 * Maps verified claims to a principal. Roles come from `roles` or, as Keycloak issues them, from
 * `realm_access.roles`; unknown roles are ignored rather than trusted.
 */
export function principalFromClaims(payload: JWTPayload, options: { allowAnonymous?: boolean } = {}): Principal {
  const claims = payload as Record<string, unknown>;
  if (claims.anon === true) {
    if (!options.allowAnonymous) throw new Error('anonymous tokens are only valid inside the network');
    return ANONYMOUS;
  }
  const realmRoles = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const rawRoles = Array.isArray(claims.roles) ? claims.roles : Array.isArray(realmRoles) ? realmRoles : [];
  const roles = rawRoles.filter(isRole);
  const organisationId = claims.org_id;
  const organisationKind = claims.org_kind;
  if (!payload.sub) throw new Error('token has no subject');
  if (typeof organisationId !== 'string' || !organisationId) throw new Error('token has no org_id claim');
  if (!isOrganisationKind(organisationKind)) throw new Error('token has no valid org_kind claim');
  if (roles.length === 0) throw new Error('token grants no known role');
  const programmes = Array.isArray(claims.programmes) ? claims.programmes.filter((p): p is string => typeof p === 'string') : [];
  return { subject: payload.sub, organisationId, organisationKind, roles, programmes };
}

function principalClaims(p: Principal): Record<string, unknown> {
  if (p.anonymous) return { anon: true };
  return { org_id: p.organisationId, org_kind: p.organisationKind, roles: p.roles, programmes: p.programmes };
}

/** Signs the short-lived token the gateway sends to one subgraph on behalf of a caller. */
export class InternalTokenSigner {
  private key?: Promise<KeyLike | Uint8Array>;
  constructor(private readonly privateJwk: JWK) {}

  /** `operation`: the client's operation name, recorded with the reads it makes. */
  async sign(principal: Principal, audience: string, requestId: string, operation?: string | null): Promise<string> {
    this.key ??= importJWK(this.privateJwk, ALG);
    return new SignJWT({ ...principalClaims(principal), rid: requestId, ...(operation ? { op: operation } : {}) })
      .setProtectedHeader({ alg: ALG, kid: this.privateJwk.kid })
      .setIssuer(INTERNAL_ISSUER)
      .setAudience(audience)
      .setSubject(principal.subject)
      .setIssuedAt()
      .setExpirationTime(`${INTERNAL_TTL_SECONDS}s`)
      .sign(await this.key);
  }
}

/** Verifies the gateway's token in a subgraph: right key, issuer, audience and freshness. */
export class InternalTokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  constructor(publicJwk: JWK, private readonly audience: string) {
    this.keys = createLocalJWKSet({ keys: [publicJwk] });
  }

  async verify(token: string): Promise<{ principal: Principal; requestId?: string; operation?: string }> {
    const { payload } = await jwtVerify(token, this.keys, {
      issuer: INTERNAL_ISSUER,
      audience: this.audience,
      algorithms: [ALG],
      maxTokenAge: `${INTERNAL_TTL_SECONDS * 2}s`,
    });
    return {
      principal: principalFromClaims(payload, { allowAnonymous: true }),
      requestId: typeof payload.rid === 'string' ? payload.rid : undefined,
      operation: typeof payload.op === 'string' ? payload.op : undefined,
    };
  }
}

export interface ExternalAuthOptions {
  issuer: string;
  audience: string;
  /** A JWKS URL (an OpenID Connect provider's `jwks_uri`) or a local key set. */
  jwks: URL | { keys: JWK[] };
}

/** Verifies callers' bearer tokens at the gateway. */
export class ExternalTokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  constructor(private readonly options: ExternalAuthOptions) {
    this.keys = options.jwks instanceof URL ? createRemoteJWKSet(options.jwks) : createLocalJWKSet(options.jwks);
  }

  async verify(token: string): Promise<Principal> {
    const { payload } = await jwtVerify(token, this.keys, {
      issuer: this.options.issuer,
      audience: this.options.audience,
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    });
    return principalFromClaims(payload);
  }
}

export const DEV_ISSUER = 'intreccio-dev-issuer';
export const DEV_AUDIENCE = 'intreccio';

/** The development issuer: mints tokens locally with a key pair kept in the data folder. */
export async function mintDevToken(
  privateJwk: JWK,
  principal: Principal,
  ttl: string = '8h',
): Promise<string> {
  const key = await importJWK(privateJwk, ALG);
  return new SignJWT(principalClaims(principal))
    .setProtectedHeader({ alg: ALG, kid: privateJwk.kid })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(principal.subject)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
