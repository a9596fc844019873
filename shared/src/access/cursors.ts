import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Page cursors, sealed: a cursor holds the sort keys of the last row of a page (a family name, a
 * date), which the caller may not be allowed to read. AES-256-GCM under a key derived from the
 * subgraph's secret keeps them unreadable and unforgeable; a cursor is only good for the subgraph
 * that made it.
 */
export class CursorSealer {
  private readonly key: Buffer;
  constructor(secret: Buffer) {
    this.key = createHmac('sha256', secret).update('intreccio-cursor').digest();
  }

  seal(values: unknown[]): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The values sealed in `cursor`, or null when it is not one of this subgraph's cursors. */
  open(cursor: string): unknown[] | null {
    try {
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const values = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
      return Array.isArray(values) ? values : null;
    } catch {
      return null;
    }
  }
}
