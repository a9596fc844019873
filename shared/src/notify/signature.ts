import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `Intreccio-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">`
 * under the recipient's secret. The timestamp is signed with the body, so a receiver that refuses old
 * timestamps and remembers event ids cannot be fed a replay.
 */
export const SIGNATURE_HEADER = 'intreccio-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const mac = (secret: string | Buffer, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export function signWebhook(secret: string | Buffer, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

/** Whether `header` signs `body` (the raw bytes received) under `secret`, within the tolerance. */
export function verifyWebhook(secret: string | Buffer, header: string | undefined | null, body: string, now = Date.now(), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(Math.floor(now / 1000) - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(mac(secret, t, body), 'hex'));
}
