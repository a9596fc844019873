import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { badInput, forbidden } from '../errors';
import { ERASED_OPERATION } from '../idempotency';
import type { RequestContext } from '../context';
import { isUuid } from '../rules';

/**
 * What every subgraph keeps for accountability and data-subject rights: the append-only access log and
 * the tombstones of erased people. The types are shared value types: each partner resolves them for
 * its own records, and `DataSubject` gathers the four.
 */

/** The access log and the erasure tombstones; each subgraph's access migration creates them. */
export async function createAccountabilityTables(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE access_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      request_id varchar(100) NOT NULL,
      subject varchar(300) NOT NULL,
      organisation_id uuid,
      roles text[] NOT NULL,
      operation varchar(200),
      person_id uuid NOT NULL,
      fields text[] NOT NULL,
      reasons text[] NOT NULL
    )`);
  await runner.query('CREATE INDEX access_log_person ON access_log (person_id, at, id)');
  await runner.query('CREATE INDEX access_log_organisation ON access_log (organisation_id, at)');
  // Append-only in the database itself: no role the services use can rewrite history.
  await runner.query(`
    CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'access_log is append-only';
    END $$`);
  await runner.query(`CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only()`);
  await runner.query(`CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only()`);
  await runner.query(`
    CREATE TABLE erased_person (
      person_id uuid PRIMARY KEY,
      erased_at timestamptz NOT NULL DEFAULT now(),
      request_reference varchar(200),
      erased_by_subject varchar(300) NOT NULL,
      erased_by_organisation_id uuid,
      records jsonb NOT NULL
    )`);
}

export async function dropAccountabilityTables(runner: QueryRunner): Promise<void> {
  await runner.query('DROP TABLE erased_person');
  await runner.query('DROP TABLE access_log');
  await runner.query('DROP FUNCTION access_log_is_append_only');
}

@ObjectType({ description: 'One read of person-level data by another organisation, or of a sensitive field, as a partner recorded it.' })
@Directive('@shareable')
export class AccessLogEntry {
  @Field(() => GraphQLDateTime)
  at: Date;

  @Field(() => String, { description: 'The partner whose records were read.' })
  partner: string;

  @Field(() => String, { description: 'The user or system that read them, as the identity provider names it.' })
  subject: string;

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field(() => [String])
  roles: string[];

  @Field(() => String, { nullable: true, description: "The client's operation name." })
  operation: string | null;

  @Field(() => [String], { description: 'Fields read, as Type.field.' })
  fields: string[];

  @Field(() => [String], { description: 'CROSS_ORGANISATION, SENSITIVE, EXPORT, or DUPLICATE_CHECK (a registration matched the fiscal code).' })
  reasons: string[];

  @Field(() => String, { description: 'The gateway request, to match the entries every partner wrote for it.' })
  requestId: string;
}

@ObjectType({ description: "What erasing a person's data left in one partner's records: a pseudonymous tombstone." })
@Directive('@shareable')
export class ErasureReceipt {
  @Field(() => String)
  partner: string;

  @Field(() => ID)
  personId: string;

  @Field(() => GraphQLDateTime)
  erasedAt: Date;

  @Field(() => String, { nullable: true, description: "The data protection officer's reference for the request." })
  requestReference: string | null;

  @Field(() => Int, { description: 'Records erased.' })
  recordsErased: number;

  @Field(() => GraphQLJSONObject, { description: 'Records erased per kind.' })
  records: Record<string, number>;

  @Field(() => Boolean, { description: 'True when the data had already been erased by an earlier request: nothing more was done.' })
  alreadyErased: boolean;
}

@ObjectType({ description: "One partner's part of a data-subject request: its records about the person and who read them." })
@Directive('@shareable')
export class PartnerRecords {
  @Field(() => String)
  partner: string;

  personId: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Everything the partner holds about the person, machine-readable (GDPR art. 15 and 20): for the data protection officer.',
  })
  records: Record<string, unknown>;

  @Field(() => [AccessLogEntry], { description: 'Who read what about the person in this partner, oldest first.' })
  accessLog: AccessLogEntry[];

  @Field(() => ErasureReceipt, { nullable: true, description: "Set once the person's data was erased here." })
  erasure: ErasureReceipt | null;
}

@InputType({ description: "A request to erase a person's data in one partner (GDPR art. 17)." })
export class EraseDataInput {
  @Field(() => ID)
  personId: string;

  @Field(() => String, { nullable: true, description: "The data protection officer's reference for the request (a protocol number)." })
  @IsOptional()
  @Length(1, 200)
  requestReference?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The `erasureToken` social services gave the officer in `dataSubject` (valid 15 minutes): the other partners erase only with it.",
  })
  @IsOptional()
  @Length(1, 2000)
  erasureToken?: string | null;
}

/** Erasure tokens last long enough to send the erase mutations, and no longer. */
export const ERASURE_TOKEN_TTL_SECONDS = 15 * 60;

/** In a partner: refuses an erasure without social services' token for this officer and person. */
export function assertErasureAuthorised(ctx: RequestContext, input: EraseDataInput): void {
  if (!ctx.access.readGrant('erasure', input.erasureToken, input.personId, true)) {
    throw forbidden(
      'input.erasureToken: ask dataSubject { erasureToken } of social services first; the token is for the officer of the organisation holding the person who asked for it, for 15 minutes',
      'input.erasureToken',
    );
  }
}

interface AccessLogRow {
  at: Date;
  subject: string;
  organisation_id: string | null;
  roles: string[];
  operation: string | null;
  fields: string[];
  reasons: string[];
  request_id: string;
}

/** A person's access history in one subgraph, oldest first. */
export async function accessHistory(db: DataSource | EntityManager, partner: string, personId: string): Promise<AccessLogEntry[]> {
  const rows: AccessLogRow[] = await db.query(
    'SELECT at, subject, organisation_id, roles, operation, fields, reasons, request_id FROM access_log WHERE person_id = $1 ORDER BY at, id',
    [personId],
  );
  return rows.map((r) => ({
    at: r.at, partner, subject: r.subject, organisationId: r.organisation_id, roles: r.roles, operation: r.operation,
    fields: r.fields, reasons: r.reasons, requestId: r.request_id,
  }));
}

interface ErasureRow {
  person_id: string;
  erased_at: Date;
  request_reference: string | null;
  records: Record<string, number>;
}

function receipt(partner: string, row: ErasureRow, alreadyErased: boolean): ErasureReceipt {
  return {
    partner,
    personId: row.person_id,
    erasedAt: row.erased_at,
    requestReference: row.request_reference,
    records: row.records,
    recordsErased: Object.values(row.records).reduce((a, b) => a + b, 0),
    alreadyErased,
  };
}

export async function erasureOf(db: DataSource | EntityManager, partner: string, personId: string): Promise<ErasureReceipt | null> {
  const [row] = (await db.query('SELECT person_id, erased_at, request_reference, records FROM erased_person WHERE person_id = $1', [personId])) as ErasureRow[];
  return row ? receipt(partner, row, true) : null;
}

/**
 * Erases a person's records in one transaction and leaves the tombstone. `erase` deletes the rows and
 * returns how many of each kind went. A person already erased is not erased again: the first receipt
 * comes back, so the request is safe to retry; two concurrent requests serialise on the person.
 */
export async function eraseOnce(
  ctx: RequestContext,
  personId: string,
  requestReference: string | null | undefined,
  erase: (manager: EntityManager) => Promise<Record<string, number>>,
): Promise<ErasureReceipt> {
  const partner = ctx.access.subgraph;
  return ctx.db.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`erase:${personId}`]);
    const existing = await erasureOf(m, partner, personId);
    if (existing) return existing;
    const records = await erase(m);
    // Events about the person go too, sent or not: they name the person, and nothing waits on them.
    await m.query('DELETE FROM outbox WHERE person_id = $1', [personId]);
    // The inbox keeps the events' ids, so that a late redelivery is still recognised, but not whom they were about.
    await m.query('UPDATE inbox SET person_id = NULL WHERE person_id = $1', [personId]);
    const [row] = (await m.query(
      `INSERT INTO erased_person (person_id, request_reference, erased_by_subject, erased_by_organisation_id, records)
       VALUES ($1, $2, $3, $4, $5) RETURNING person_id, erased_at, request_reference, records`,
      [personId, requestReference ?? null, ctx.principal.subject, ctx.principal.organisationId || null, JSON.stringify(records)],
    )) as ErasureRow[];
    ctx.loaders.clearAll();
    return receipt(partner, row!, false);
  });
}

/**
 * The tombstone of a person whose data was erased here, if any. Shares the lock an erasure holds: a
 * write that started before the erasure commits finishes first and is erased with the rest; one that
 * starts after sees the tombstone.
 */
export async function erasureTombstone(m: EntityManager, personId: string): Promise<{ erased_at: Date } | undefined> {
  await m.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [`erase:${personId}`]);
  const [row] = (await m.query('SELECT erased_at FROM erased_person WHERE person_id = $1', [personId])) as { erased_at: Date }[];
  return row;
}

/** Writes about a person whose data was erased are refused: a late retry must not bring it back. */
export async function assertNotErased(m: EntityManager, personId: string, field: string): Promise<void> {
  const row = await erasureTombstone(m, personId);
  if (row) throw badInput({ field, message: `the person's data was erased on ${row.erased_at.toISOString().slice(0, 10)} at their request` });
}

/**
 * Deletes the rows of `table` where `condition` holds, returning how many went. The idempotency keys
 * that answered with one of them lose their request hash (computed over the person's data) and
 * result, and are marked erased: a late retry is refused rather than writing the person back.
 */
export async function deleteRows(m: EntityManager, table: string, condition: string, params: unknown[]): Promise<number> {
  const result = (await m.query(
    `WITH gone AS (DELETE FROM ${table} WHERE ${condition} RETURNING id),
          keys AS (UPDATE idempotency_key SET operation = '${ERASED_OPERATION}', request_hash = '${'0'.repeat(64)}', result_id = NULL
                    WHERE result_id IN (SELECT id FROM gone))
     SELECT count(*)::int AS n FROM gone`,
    params,
  )) as { n: number }[];
  return result[0]?.n ?? 0;
}

/**
 * The fields of one partner's `PartnerRecords`: its export of the person's records (itself written to
 * the access log), the access log and the erasure receipt. `field` names the partner's field on
 * `DataSubject`, for the access log.
 */
export function partnerRecordsResolver(
  partner: string,
  field: string,
  exportRecords: (ctx: RequestContext, personId: string) => Promise<Record<string, unknown>>,
) {
  @Resolver(() => PartnerRecords)
  class PartnerRecordsFields {
    @FieldResolver()
    records(@Root() r: PartnerRecords, @Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
      ctx.access.record(r.personId, `DataSubject.${field}.records`, 'EXPORT');
      return exportRecords(ctx, r.personId);
    }

    @FieldResolver()
    accessLog(@Root() r: PartnerRecords, @Ctx() ctx: RequestContext): Promise<AccessLogEntry[]> {
      return accessHistory(ctx.db, partner, r.personId);
    }

    @FieldResolver()
    erasure(@Root() r: PartnerRecords, @Ctx() ctx: RequestContext): Promise<ErasureReceipt | null> {
      return erasureOf(ctx.db, partner, r.personId);
    }
  }
  return PartnerRecordsFields;
}

export interface PartnerDataSubject {
  /** The subgraph, as it signs its receipts. */
  partner: string;
  /** Its field on `DataSubject`, e.g. `training`. */
  field: string;
  /** Its erase mutation, e.g. `eraseTrainingData`. */
  mutation: string;
  /** What the partner is, for the descriptions: "the training bodies". */
  holder: string;
  exportRecords(ctx: RequestContext, personId: string): Promise<Record<string, unknown>>;
  eraseRecords(m: EntityManager, personId: string): Promise<Record<string, number>>;
}

/**
 * A partner's part of data-subject requests: its field on `DataSubject` (for callers social services
 * vouched for in this request) and its erase mutation (with social services' erasure token).
 */
export function partnerDataSubjectPart(p: PartnerDataSubject) {
  // Its own class in each subgraph: type-graphql keeps fields per class, and a test process runs
  // several subgraphs, each adding its own field to `DataSubject`.
  @ObjectType('DataSubject')
  @Directive('@key(fields: "personId")')
  class DataSubjectRef {
    @Field(() => ID)
    personId: string;

    /** Social services' grant: the caller may read and export everything about the person. */
    @Field(() => String, { nullable: true })
    @Directive('@external')
    grant?: string | null;
  }

  @Resolver(() => DataSubjectRef)
  class DataSubjectFields {
    @FieldResolver(() => PartnerRecords, { name: p.field, description: `What ${p.holder} hold about the person, and who read it.` })
    @Directive('@requires(fields: "grant")')
    records(@Root() subject: { personId: string }): PartnerRecords {
      return { partner: p.partner, personId: subject.personId } as PartnerRecords;
    }

    @Mutation(() => ErasureReceipt, {
      name: p.mutation,
      description: `Erases everything ${p.holder} hold about the person (GDPR art. 17), leaving a pseudonymous tombstone; needs social services' erasure token; safe to retry.`,
    })
    async erase(@Ctx() ctx: RequestContext, @Arg('input', () => EraseDataInput) input: EraseDataInput): Promise<ErasureReceipt> {
      if (!isUuid(input.personId)) throw badInput({ field: 'input.personId', message: 'not a valid id' });
      assertErasureAuthorised(ctx, input);
      return eraseOnce(ctx, input.personId, input.requestReference, (m) => p.eraseRecords(m, input.personId));
    }
  }
  return {
    resolvers: [DataSubjectFields, partnerRecordsResolver(p.partner, p.field, p.exportRecords)] as const,
    /** For `orphanedTypes`: the type is reached through the gateway only. */
    subject: DataSubjectRef,
    /** The reference resolver: any well-formed id resolves; what it shows is the policy's. */
    reference: { __resolveReference: (ref: { personId: string; grant?: string }) => (isUuid(ref.personId) ? ref : null) },
  };
}
