import type { DataSource } from 'typeorm';
import type { Principal, Role } from '../auth';
import { isUuid } from '../rules';
import type { CursorSealer } from './cursors';
import { lastingRid, type GrantScope, type GrantSigner, type GrantVerifier } from './grants';

/**
 * How the caller may see an object or a field:
 * - `public`: data about no one in particular (a course, a programme, an organisation);
 * - `own`: a record the caller's organisation holds;
 * - `shared`: another organisation's data about a person, seen through the case team and the person's
 *   consent (or, for a host company, the internship); every such read is written to the access log;
 * - `null`: not at all.
 */
export type Visibility = 'public' | 'own' | 'shared' | null;

/** Roles that work with individual people; the others see aggregates (coordinator) or run data-subject requests. */
export const PERSON_ROLES: readonly Role[] = ['case_manager', 'cpi_operator', 'training_operator', 'company_network_operator', 'company_tutor'];

/** What a subgraph needs to issue and check grants; built once per service. */
export interface AccessServices {
  subgraph: string;
  signer: GrantSigner;
  verifier: GrantVerifier;
  /** Issuers this subgraph accepts grants from, per scope. */
  trusted: Partial<Record<GrantScope, readonly string[]>>;
  cursors: CursorSealer;
}

export type AccessReason = 'CROSS_ORGANISATION' | 'SENSITIVE' | 'EXPORT' | 'DUPLICATE_CHECK';

export interface AccessLogRecord {
  personId: string;
  fields: string[];
  reasons: AccessReason[];
}

/**
 * One request's view of the access rules: who is calling, which grants were verified, how each object
 * returned so far may be seen, and the reads to record in the access log before the response leaves.
 */
export class AccessSession {
  /** Visibility of every object returned by a field of this request. */
  readonly visibility = new WeakMap<object, Visibility>();
  /** The person (or other subject) each checked object is about, for the access log. */
  readonly subjectOf = new WeakMap<object, string>();
  private readonly verified = new Map<string, string | null>();
  private readonly granted = new Map<GrantScope, Set<string>>();
  private readonly reads = new Map<string, { fields: Set<string>; reasons: Set<AccessReason> }>();

  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly operation: string | null,
    private readonly services: AccessServices,
  ) {}

  get subgraph(): string {
    return this.services.subgraph;
  }

  get anonymous(): boolean {
    return !!this.principal.anonymous;
  }

  get organisationId(): string {
    return this.principal.organisationId;
  }

  hasRole(...roles: Role[]): boolean {
    return this.principal.roles.some((r) => roles.includes(r));
  }

  /** A caller who works with individual people (not a coordinator, officer or anonymous caller). */
  get worksWithPeople(): boolean {
    return this.hasRole(...PERSON_ROLES);
  }

  /** A host company's own user: sees the pseudonymised candidate profile only. */
  get pseudonymised(): boolean {
    return this.hasRole('company_tutor') && !this.hasRole('case_manager', 'cpi_operator', 'training_operator', 'company_network_operator');
  }

  /**
   * A mutation that checked the caller's standing towards what it returns says what it found: the
   * guard takes it as the object's visibility (and the person it is about, for the access log)
   * instead of inheriting the root field's.
   */
  vouch<T extends object>(obj: T, visibility: Visibility, personId?: string): T {
    this.visibility.set(obj, visibility);
    if (personId) this.subjectOf.set(obj, personId);
    return obj;
  }

  /** Issues a grant for the caller's organisation in this request (or, with `lasting`, for a while beyond it). */
  grant(scope: GrantScope, sub: string, lasting?: { ttlSeconds: number }): string {
    const rid = lasting ? lastingRid(this.principal.subject) : this.requestId;
    return this.services.signer.sign({ scope, sub, org: this.principal.organisationId, rid }, Date.now(), lasting?.ttlSeconds);
  }

  get cursors(): CursorSealer {
    return this.services.cursors;
  }

  /** A pseudonym of `value` for the caller's organisation (see `GrantSigner.pseudonym`). */
  pseudonym(value: string): string {
    return this.services.signer.pseudonym(this.principal.organisationId, value);
  }

  /**
   * Checks a grant received in a representation: right issuer for the scope, about `sub`, for the
   * caller's organisation, in this request, unexpired, correctly signed. Checked once per request.
   */
  verifyGrant(scope: GrantScope, sub: string, token: unknown): boolean {
    return this.readGrant(scope, token, sub) === sub;
  }

  /** What a valid grant is about (the candidate behind a ticket), or null. `lasting`: a grant not bound to this request. */
  readGrant(scope: GrantScope, token: unknown, sub?: string, lasting = false): string | null {
    if (this.anonymous || typeof token !== 'string') return null;
    const memo = `${scope}|${sub ?? ''}|${token}`;
    let found = this.verified.get(memo);
    if (found === undefined) {
      found = this.services.verifier.verify(token, {
        scope, sub, org: this.principal.organisationId, rid: lasting ? lastingRid(this.principal.subject) : this.requestId, issuers: this.services.trusted[scope] ?? [],
      })?.sub ?? null;
      this.verified.set(memo, found);
      if (found) {
        let set = this.granted.get(scope);
        if (!set) this.granted.set(scope, (set = new Set()));
        set.add(found);
      }
    }
    return found;
  }

  /** Whether a grant about `sub` was verified earlier in this request. */
  isGranted(scope: GrantScope, sub: string): boolean {
    return this.granted.get(scope)?.has(sub) ?? false;
  }

  /** Notes a read for the access log. */
  record(personId: string | null | undefined, field: string, reason: AccessReason): void {
    if (!isUuid(personId)) return;
    let entry = this.reads.get(personId);
    if (!entry) this.reads.set(personId, (entry = { fields: new Set(), reasons: new Set() }));
    entry.fields.add(field);
    entry.reasons.add(reason);
  }

  get pendingReads(): AccessLogRecord[] {
    return [...this.reads].map(([personId, e]) => ({ personId, fields: [...e.fields].sort(), reasons: [...e.reasons].sort() }));
  }

  /** Writes the recorded reads in one statement; called before the response is sent. */
  async flush(db: DataSource): Promise<void> {
    const records = this.pendingReads;
    if (records.length === 0) return;
    this.reads.clear();
    await db.query(
      `INSERT INTO access_log (request_id, subject, organisation_id, roles, operation, person_id, fields, reasons)
       SELECT $1, $2, $3, $4::text[], $5, u.person_id, string_to_array(u.fields, ','), string_to_array(u.reasons, ',')
         FROM unnest($6::uuid[], $7::text[], $8::text[]) AS u(person_id, fields, reasons)`,
      [
        this.requestId,
        this.principal.subject,
        this.principal.organisationId || null,
        this.principal.roles,
        this.operation,
        records.map((r) => r.personId),
        records.map((r) => r.fields.join(',')),
        records.map((r) => r.reasons.join(',')),
      ],
    );
  }
}
