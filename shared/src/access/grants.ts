import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A grant is one partner's signed statement to another about a fact only the first one knows, for one
 * caller's organisation, within one gateway request:
 *
 * - `person`: social services vouch that the caller's organisation is on the person's case team of a
 *   live case and that the person's consent for it is active (`Person.accessGrant`);
 * - `company`: the company network vouches that the caller's organisation is this company
 *   (`Company.accessGrant`);
 * - `candidate`: the employment centre vouches that the caller may see this candidate's first name
 *   (`Candidate.ticket`);
 * - `data-subject`: social services vouch that the caller may read or export everything about the
 *   person (`DataSubject.grant`);
 * - `erasure`: social services vouch that the caller, a data protection officer of the organisation
 *   holding the person, may erase the person's data everywhere (`DataSubject.erasureToken`, handed to
 *   the officer and passed to each partner's erase mutation; bound to the officer rather than to one
 *   request, valid 15 minutes);
 * - `plan-step`: social services vouch that the person signed a plan with an internship step, under
 *   the programme, that the caller's organisation carries out (`PlanStep.placementToken`, handed to
 *   the company network's user and passed to `createInternship`; bound to that user, valid 30 minutes);
 * - `ledger-employment`, `ledger-training`, `ledger-companies`: a partner seals the facts about a
 *   programme's people it hands social services for the savings ledger (`Programme.ledger…Facts`,
 *   through `@requires`), so that social services compute only from facts the partner gave in this
 *   request, unaltered.
 * - `aggregate`: social services vouch that the caller may read a programme's aggregates (the outcome
 *   funnel, the network map), and which people a funnel's cohort holds (`OutcomeFunnel.aggregateGrant`,
 *   `NetworkMap.aggregateGrant`); the partners count their records for it and for nothing else.
 *
 * Grants travel in entity representations through `@requires`: the gateway asks the issuer, then hands
 * the value to the partner who needs it. They are bound to the request id of the gateway's own token
 * and valid for a minute, so a representation forged by anyone — the gateway included, which holds no
 * grant key — or replayed in another request gets nothing.
 *
 * Each grant carries one HMAC-SHA-256 tag per partner it is meant for, under a key only the issuer and
 * that partner hold: the issuer derives it from its secret and the partner's name, and gives it to that
 * partner alone. A partner can check grants meant for it but cannot make one another partner would
 * accept. (A signature per grant would spare the key exchange, but a page of a thousand people would
 * then cost a thousand public-key verifications in every partner; tags cost microseconds.)
 */
export type GrantScope =
  | 'person' | 'company' | 'candidate' | 'data-subject' | 'erasure' | 'plan-step' | 'aggregate'
  | 'ledger-employment' | 'ledger-training' | 'ledger-companies';

/**
 * The `rid` of a grant that outlives one request (an erasure or placement token): bound to the caller
 * who asked for it instead, so a token that leaks from the officer's hands is worth nothing to a colleague.
 */
export const lastingRid = (subject: string): string => `*${subject}`;

export interface GrantClaims {
  /** The issuing subgraph. */
  iss: string;
  scope: GrantScope;
  /** What the grant is about: a person id, a company id, a plan step (`placementSubject`). */
  sub: string;
  /** The caller's organisation. */
  org: string;
  /** The gateway request the grant belongs to, or the caller a lasting grant belongs to (`lastingRid`). */
  rid: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** The partners the tags are for, in order. */
  aud: string[];
}

export const GRANT_TTL_SECONDS = 60;
const VERSION = 'g1';
const TAG_BYTES = 16;

/** The key an issuer shares with one partner: derived from the issuer's secret and the partner's name. */
export function pairKey(issuerSecret: Buffer, partner: string): Buffer {
  return createHmac('sha256', issuerSecret).update(`intreccio-grant-key\n${partner}`).digest();
}

export function encodeKey(key: Buffer): string {
  return key.toString('base64url');
}

export function decodeKey(value: string, what: string): Buffer {
  const key = Buffer.from(value, 'base64url');
  if (key.length < 32 || key.toString('base64url') !== value.replace(/=+$/, '')) throw new Error(`${what} must be at least 32 bytes, base64url`);
  return key;
}

const tag = (key: Buffer, signed: string) => createHmac('sha256', key).update(signed).digest().subarray(0, TAG_BYTES);

export class GrantSigner {
  private readonly keys: [string, Buffer][];
  private readonly pseudonymKey: Buffer;

  /** `audience`: the partners that accept this subgraph's grants, one tag each. */
  constructor(readonly issuer: string, secret: Buffer, audience: readonly string[]) {
    this.keys = audience.map((partner) => [partner, pairKey(secret, partner)]);
    this.pseudonymKey = createHmac('sha256', secret).update('intreccio-pseudonym').digest();
  }

  sign(claims: Omit<GrantClaims, 'iss' | 'exp' | 'aud'>, now = Date.now(), ttlSeconds = GRANT_TTL_SECONDS): string {
    const full: GrantClaims = { iss: this.issuer, ...claims, exp: Math.floor(now / 1000) + ttlSeconds, aud: this.keys.map(([p]) => p) };
    const signed = `${VERSION}.${Buffer.from(JSON.stringify(full)).toString('base64url')}`;
    return [signed, ...this.keys.map(([, key]) => tag(key, signed).toString('base64url'))].join('.');
  }

  /**
   * A stable pseudonym of `value` for one viewing organisation: the same person always looks the same
   * to one company, differently to another, and cannot be traced back without this subgraph's secret.
   */
  pseudonym(viewer: string, value: string): string {
    const digest = createHmac('sha256', this.pseudonymKey).update(`${viewer}\n${value}`).digest('hex');
    return `C-${digest.slice(0, 16).toUpperCase()}`;
  }
}

export interface GrantExpectation {
  scope: GrantScope;
  /** What the grant must be about; omitted to learn it from a grant that names it (a candidate's person). */
  sub?: string;
  org: string;
  rid: string;
  /** Issuers trusted for this scope. */
  issuers: readonly string[];
}

export class GrantVerifier {
  /** `keys`: the key each trusted issuer shares with this partner, by issuer. */
  constructor(private readonly partner: string, private readonly keys: Record<string, Buffer>) {}

  /** The grant's claims when `token` is a valid grant for exactly what is expected; null for anything else, malformed included. */
  verify(token: unknown, expected: GrantExpectation, now = Date.now()): GrantClaims | null {
    if (typeof token !== 'string' || token.length > 2000) return null;
    const parts = token.split('.');
    if (parts.length < 3 || parts[0] !== VERSION) return null;
    let claims: Partial<GrantClaims>;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<GrantClaims>;
    } catch {
      return null;
    }
    if (typeof claims !== 'object' || claims === null || typeof claims.sub !== 'string' || !Array.isArray(claims.aud)) return null;
    if (!claims.iss || !expected.issuers.includes(claims.iss)) return null;
    if (claims.scope !== expected.scope || claims.org !== expected.org || claims.rid !== expected.rid) return null;
    if (expected.sub !== undefined && claims.sub !== expected.sub) return null;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < now) return null;
    const key = this.keys[claims.iss];
    const index = claims.aud.indexOf(this.partner);
    if (!key || index < 0 || parts.length !== 2 + claims.aud.length) return null;
    const given = Buffer.from(parts[2 + index]!, 'base64url');
    const wanted = tag(key, `${parts[0]}.${parts[1]}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted) ? (claims as GrantClaims) : null;
  }
}

/** Reads a subgraph's grant secret kept in the local data folder, creating it on first use (private file mode). */
export function loadOrCreateSecret(file: string): Buffer {
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8').trim(), file);
  mkdirSync(dirname(file), { recursive: true });
  // Several services may start together: write aside, then link into place, so exactly one secret wins.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(temporary, encodeKey(randomBytes(32)), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temporary);
  }
  return decodeKey(readFileSync(file, 'utf8').trim(), file);
}
