import { Client, types } from 'pg';

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them across time zones.
types.setTypeParser(types.builtins.DATE, (value) => value);
import { DataSource, type Logger as OrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from './logger';

/**
 * Counts SQL statements sent by one data source. Tests read it to prove that a query's cost does not
 * grow with the number of rows it returns.
 */
export class StatementCounter {
  count = 0;
  /** The statements themselves, only while `record` is on (tests inspecting what was sent). */
  recorded: string[] = [];
  record = false;
}

/** Marks the statements of background work (the outbox relay), which no request pays for and which are not counted. */
export const BACKGROUND_SQL = '/* background */ ';

class CountingLogger implements OrmLogger {
  constructor(private readonly counter: StatementCounter, private readonly logger?: Logger) {}
  logQuery(query: string): void {
    // Transaction control is bookkeeping, not data access.
    if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i.test(query) || query.startsWith(BACKGROUND_SQL)) return;
    this.counter.count++;
    if (this.counter.record) this.counter.recorded.push(query);
  }
  // Parameters are never logged: they carry personal data.
  logQueryError(error: string | Error, query: string): void {
    this.logger?.debug({ err: typeof error === 'string' ? error : error.message, query: query.slice(0, 200) }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger?.warn({ ms: time, query: query.slice(0, 200) }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger?.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level !== 'warn') return;
    const text = String(message);
    // Idle connections cut by a server shutting down (Ctrl-C reaches PostgreSQL too) are expected.
    if (text.includes('terminating connection due to administrator command')) this.logger?.debug({ message: text }, 'typeorm');
    else this.logger?.warn({ message: text }, 'typeorm');
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Connects to the server's maintenance database to manage the database named in `url`. */
async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string, template?: string): Promise<boolean> {
  const name = databaseName(url);
  return withAdmin(url, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
      return true;
    } catch (err) {
      // Another process created it between our check and our create.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  logger?: Logger;
  counter?: StatementCounter;
  poolSize?: number;
}

export interface Database {
  dataSource: DataSource;
  counter: StatementCounter;
  close(): Promise<void>;
}

/**
 * Opens a subgraph's database: creates it if missing and applies pending migrations under an advisory
 * lock, so several instances starting together migrate once.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  await ensureDatabase(options.url);
  const counter = options.counter ?? new StatementCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    logger: new CountingLogger(counter, options.logger),
    maxQueryExecutionTime: 2000,
    // No JIT: the subgraphs send short statements, which PostgreSQL's JIT compiles for longer than
    // they run (a page of people at 100,000: 0.8 s with it, 0.2 s without).
    extra: { max: options.poolSize ?? 10, application_name: 'intreccio', options: '-c jit=off' },
  });
  await dataSource.initialize();
  await migrate(dataSource);
  return { dataSource, counter, close: () => dataSource.destroy() };
}

const MIGRATION_LOCK = 7_324_001;

async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
