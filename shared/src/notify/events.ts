import { randomUUID } from 'node:crypto';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What one partner tells the others when one of its records changes: a thin event, naming the record
 * and its new state, never its contents. A receiver that wants more reads the graph with its own
 * token, under its own access rights (and the access log).
 */
export interface PartnerEvent {
  /** Unique per change; the same for every recipient, so receivers can drop a repeat. */
  id: string;
  /** e.g. `referral.accepted`, `internship.started`, `hire.recorded`. */
  type: string;
  occurredAt: string;
  /** The subgraph that owns the record. */
  source: string;
  subject: { type: string; id: string; version?: number; status?: string };
  personId?: string;
  programmeId?: string;
  /** The organisations the source notified itself; social services notify the rest of the case team. */
  notified?: string[];
  /** Set when social services pass on another partner's event to the case team. */
  relayedBy?: string;
  /**
   * Details only partner subgraphs receive, for an effect they carry out (the skills a certificate
   * certifies); never sent to organisations' webhooks.
   */
  facts?: Record<string, unknown>;
}

/** A recipient: an organisation id (its webhook), or `@<subgraph>` (a partner service's event inbox). */
export type Recipient = string;

export const partnerRecipient = (subgraph: string): Recipient => `@${subgraph}`;
export const isPartnerRecipient = (r: Recipient): boolean => r.startsWith('@');

export type NewEvent = Omit<PartnerEvent, 'id' | 'occurredAt'> & { id?: string; occurredAt?: string };

/**
 * Writes an event to the outbox inside the caller's transaction: it is sent if and only if the change
 * commits. One row per recipient; a recipient named twice gets one.
 */
export async function publishEvent(m: EntityManager, event: NewEvent, recipients: readonly (Recipient | null | undefined)[]): Promise<PartnerEvent> {
  const to = [...new Set(recipients.filter((r): r is string => !!r))];
  const full: PartnerEvent = {
    ...event,
    id: event.id ?? randomUUID(),
    occurredAt: event.occurredAt ?? new Date().toISOString(),
    notified: [...new Set([...(event.notified ?? []), ...to.filter((r) => !isPartnerRecipient(r))])],
  };
  if (to.length === 0) return full;
  await m.query(
    `INSERT INTO outbox (event_id, recipient, person_id, event)
     SELECT $1, r, $2, $3::jsonb FROM unnest($4::text[]) AS r
     ON CONFLICT (event_id, recipient) DO NOTHING`,
    [full.id, full.personId ?? null, JSON.stringify(full), to],
  );
  return full;
}

/**
 * The outbox (events waiting for delivery, one row per recipient) and the inbox (the events a
 * subgraph has taken from partners, so that a redelivery is not applied twice).
 */
async function createNotificationTables(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL,
      recipient text NOT NULL,
      person_id uuid,
      event jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      abandoned_at timestamptz,
      last_error text,
      CONSTRAINT outbox_once UNIQUE (event_id, recipient)
    )`);
  await q.query('CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND abandoned_at IS NULL');
  await q.query('CREATE INDEX outbox_person ON outbox (person_id) WHERE person_id IS NOT NULL');
  await q.query(`
    CREATE TABLE inbox (
      source text NOT NULL,
      event_id uuid NOT NULL,
      person_id uuid,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, event_id)
    )`);
}

async function dropNotificationTables(q: QueryRunner): Promise<void> {
  await q.query('DROP TABLE inbox');
  await q.query('DROP TABLE outbox');
}

/** The same migration in every subgraph: each has its own outbox and inbox, in its own database. */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await createNotificationTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropNotificationTables(q);
  }
}
