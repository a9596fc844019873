import type { DataSource } from 'typeorm';
import { BACKGROUND_SQL } from '../database';
import type { Logger } from '../logger';
import { isPartnerRecipient, type PartnerEvent } from './events';
import type { Endpoint, NotificationSettings } from './settings';
import { signWebhook } from './signature';

interface DueRow {
  id: string;
  recipient: string;
  event: PartnerEvent;
  attempts: number;
}

/** The backoff before attempt `attempts + 1`: doubling from the base, capped. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

const BATCH = 25;

/**
 * Delivers a subgraph's outbox: at least once, with retries on a doubling backoff, until the
 * recipient answers 2xx or the attempts run out. Rows are claimed with `FOR UPDATE SKIP LOCKED` and a
 * lease, so several replicas of a subgraph share the work without sending one row twice at once.
 * Deliveries are not ordered: each event carries the record's version, and receivers keep the newest.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private lastPurge = 0;

  constructor(
    private readonly db: DataSource,
    private readonly source: string,
    private readonly settings: NotificationSettings,
    private readonly log: Logger,
  ) {}

  /** Where a partner subgraph's event inbox is, once it is listening. */
  link(subgraph: string, url: string): void {
    const partner = this.settings.partners.get(subgraph);
    if (partner) partner.url = url;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.settings.pollMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over what is due; returns how many deliveries were attempted. Passes never overlap. */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    try {
      await this.purge();
      const leaseMs = this.settings.timeoutMs + 30_000;
      const updated: [DueRow[], number] = await this.db.query(
        `${BACKGROUND_SQL}UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM (SELECT id FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= now()
               ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
         WHERE o.id = due.id
         RETURNING o.id, o.recipient, o.event, o.attempts`,
        [BATCH, leaseMs],
      );
      // An UPDATE … RETURNING comes back from TypeORM as [rows, count].
      const [due] = updated;
      const webhooks = this.settings.webhooks();
      await Promise.all(due.map((row) => this.deliver(row, webhooks)));
      return due.length;
    } catch (err) {
      this.log.error({ err: { message: (err as Error).message } }, 'outbox pass failed');
      return 0;
    }
  }

  private async deliver(row: DueRow, webhooks: ReadonlyMap<string, Endpoint>): Promise<void> {
    const target = this.endpointOf(row.recipient, webhooks);
    if (!target.url) {
      await this.failed(row, target.reason, target.final);
      return;
    }
    // Organisations get the thin event: not the facts meant for a partner's own effect, nor whom else it went to.
    const { facts, notified, ...thin } = row.event;
    const body = JSON.stringify(isPartnerRecipient(row.recipient) ? { ...thin, notified, facts } : thin);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'intreccio-signature': signWebhook(target.secret, body),
          'intreccio-event-id': row.event.id,
          'intreccio-event-type': row.event.type,
          'intreccio-source': this.source,
          'intreccio-delivery-attempt': String(row.attempts),
        },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'manual',
      });
      // What the endpoint answers is not read: only its status counts.
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        await this.db.query(`${BACKGROUND_SQL}UPDATE outbox SET delivered_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
      } else {
        await this.failed(row, `HTTP ${res.status}`);
      }
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      await this.failed(row, cause ?? (err as Error).name);
    }
  }

  private endpointOf(recipient: string, webhooks: ReadonlyMap<string, Endpoint>): { url?: string; secret: string | Buffer; reason: string; final?: boolean } {
    if (isPartnerRecipient(recipient)) {
      const partner = this.settings.partners.get(recipient.slice(1));
      if (!partner) return { secret: '', reason: `not configured to send events to ${recipient}`, final: true };
      return { url: partner.url, secret: partner.key, reason: `the address of ${recipient} is not known yet` };
    }
    const hook = webhooks.get(recipient);
    return hook ? { ...hook, reason: '' } : { secret: '', reason: 'the organisation has no webhook', final: true };
  }

  private async failed(row: DueRow, reason: string, final = false): Promise<void> {
    const giveUp = final || row.attempts >= this.settings.maxAttempts;
    const delay = retryDelay(row.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
    await this.db.query(
      `${BACKGROUND_SQL}UPDATE outbox SET last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond',
              abandoned_at = CASE WHEN $4 THEN now() END WHERE id = $1`,
      [row.id, reason, delay, giveUp],
    );
    // Ids and codes only: an event names no one, and the log must not either.
    if (!final) {
      this.log.warn({ eventId: row.event.id, type: row.event.type, recipient: row.recipient, attempt: row.attempts, reason, givenUp: giveUp }, 'event not delivered');
    }
  }

  /** Delivered and abandoned rows go after the retention period; once an hour is enough. */
  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < 3_600_000) return;
    this.lastPurge = Date.now();
    const days = this.settings.retentionDays;
    await this.db.query(
      `${BACKGROUND_SQL}DELETE FROM outbox WHERE (delivered_at IS NOT NULL OR abandoned_at IS NOT NULL) AND created_at < now() - $1 * interval '1 day'`,
      [days],
    );
    await this.db.query(`${BACKGROUND_SQL}DELETE FROM inbox WHERE received_at < now() - $1 * interval '1 day'`, [days * 2]);
  }
}
