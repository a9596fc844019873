import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '@intreccio/scripts';

declare global {
  // eslint-disable-next-line no-var
  var __intreccioEmbedded: { server: EmbeddedServer; dir: string } | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Tests run against a real PostgreSQL: the server named by DATABASE_URL when set (CI points it at
 * its own), otherwise an embedded one started for this run in a temporary folder.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'intreccio-pg-'));
  // As root the server runs as the postgres user, who must reach the folder.
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(join(dir, 'data'), await freePort());
  process.env.DATABASE_URL = server.url;
  globalThis.__intreccioEmbedded = { server, dir };
}
