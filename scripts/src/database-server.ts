import { join } from 'node:path';
import { dataDir, envPrefix } from '@intreccio/shared';
import { startEmbeddedPostgres } from './embedded-postgres';
import { SUBGRAPHS } from './subgraphs';

export const DEFAULT_EMBEDDED_PORT = 5439;

export interface DatabaseServer {
  env: NodeJS.ProcessEnv;
  /** The embedded cluster's folder, when one was started. */
  embeddedDirectory?: string;
  stop(): Promise<void>;
}

/**
 * Uses the server the environment names (`DATABASE_URL`, or one URL per subgraph); with neither,
 * starts the embedded PostgreSQL kept in the data folder.
 */
export async function databaseServer(env: NodeJS.ProcessEnv, log: (line: string) => void = () => {}): Promise<DatabaseServer> {
  const configured = env.DATABASE_URL || SUBGRAPHS.every((d) => env[`${envPrefix(d.name)}_DATABASE_URL`]);
  if (configured) return { env, stop: async () => {} };
  const port = Number(env.INTRECCIO_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  const server = await startEmbeddedPostgres(join(dataDir(env), 'postgres'), port, log);
  return { env: { ...env, DATABASE_URL: server.url }, embeddedDirectory: server.directory, stop: server.stop };
}
