import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { isUuid } from '../rules';
import type { PartnerEvent } from './events';
import { SIGNATURE_HEADER, verifyWebhook } from './signature';

/** What a subgraph does with a partner's event, inside the transaction that records it as received. */
export type EventHandler = (m: EntityManager, event: PartnerEvent, sender: string) => Promise<void>;

function wellFormed(value: unknown): value is PartnerEvent {
  const e = value as PartnerEvent;
  return (
    typeof e === 'object' && e !== null && isUuid(e.id) && typeof e.type === 'string'
    && typeof e.subject === 'object' && e.subject !== null && typeof e.subject.id === 'string'
    && (e.personId === undefined || isUuid(e.personId))
  );
}

/**
 * `POST /events`: the inbox where partner subgraphs deliver events. The sender names itself in
 * `Intreccio-Source` and signs with the key it shares with this subgraph alone (and must be the event's
 * source, or its trusted relayer); the event is recorded
 * and handled in one transaction, so a redelivery (the sender did not see the answer) is acknowledged
 * without being applied twice, and a failure is answered 500 for the sender to retry.
 */
export function eventInbox(options: { db: DataSource; keys: Record<string, Buffer>; relayers?: readonly string[]; handle: EventHandler; log: Logger }): Router {
  const router = express.Router();
  router.post('/events', express.text({ type: '*/*', limit: '256kb' }), async (req, res) => {
    const sender = String(req.headers['intreccio-source'] ?? '');
    const key = Object.hasOwn(options.keys, sender) ? options.keys[sender] : undefined;
    const body = typeof req.body === 'string' ? req.body : '';
    if (!key || !verifyWebhook(key, req.headers[SIGNATURE_HEADER] as string | undefined, body)) {
      res.status(401).json({ error: 'unknown sender or bad signature' });
      return;
    }
    let event: unknown;
    try {
      event = JSON.parse(body);
    } catch {
      event = undefined;
    }
    // A sender speaks for itself; only a sender trusted to pass on other partners' events (social
    // services, who alone know the case team) may send one as `relayedBy`.
    const speaksFor = event && (event as PartnerEvent).relayedBy !== undefined
      ? (event as PartnerEvent).relayedBy === sender && (options.relayers ?? []).includes(sender)
      : (event as PartnerEvent | undefined)?.source === sender;
    if (!wellFormed(event) || !speaksFor) {
      res.status(400).json({ error: 'not an event' });
      return;
    }
    try {
      await options.db.transaction(async (m) => {
        const fresh: unknown[] = await m.query(
          'INSERT INTO inbox (source, event_id, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
          [sender, event.id, event.personId ?? null],
        );
        if (fresh.length) await options.handle(m, event, sender);
      });
      res.status(204).end();
    } catch (err) {
      const correlationId = randomUUID();
      options.log.error({ correlationId, eventId: event.id, type: event.type, sender, err: { message: (err as Error).message } }, 'event not handled');
      res.status(500).json({ error: `not handled (correlation id ${correlationId})` });
    }
  });
  return router;
}
