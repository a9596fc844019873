import { parseArgs } from 'node:util';
import { createLogger, dropDatabase, openDatabase, subgraphConfigFromEnv, type Database } from '@intreccio/shared';
import { databaseServer } from './database-server';
import { DEMO_WRITERS } from './demo';
import { SUBGRAPHS } from './subgraphs';

const USAGE = 'Usage: npm run seed -- --persons <N> [--seed <number>] [--reset | --if-empty]';

/**
 * Writes a deterministic network of any size into every partner's database, for benchmarks: the
 * same options always give the same data, and the four databases tell the same story.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string' },
      seed: { type: 'string', default: '1' },
      reset: { type: 'boolean', default: false },
      'if-empty': { type: 'boolean', default: false },
    },
  });
  const persons = Number(values.persons);
  const seed = Number(values.seed);
  if (!values.persons || !Number.isInteger(persons) || persons < 0 || !Number.isInteger(seed)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const log = createLogger('seed', 'warn');
  const db = await databaseServer({ ...process.env }, () => {});
  const databases: { name: string; database: Database }[] = [];
  try {
    for (const def of SUBGRAPHS) {
      const config = await subgraphConfigFromEnv(def, db.env);
      if (values.reset) await dropDatabase(config.databaseUrl);
      databases.push({ name: def.name, database: await openDatabase({ url: config.databaseUrl, entities: def.entities, migrations: def.migrations, logger: log }) });
    }
    const seeded = [];
    for (const { name, database } of databases) if (await DEMO_WRITERS[name]!.isSeeded(database.dataSource)) seeded.push(name);
    if (seeded.length === databases.length && values['if-empty']) {
      process.stdout.write('Every database already holds the network; nothing to do.\n');
      return;
    }
    if (seeded.length) {
      process.stderr.write(`Already holding data: ${seeded.join(', ')}; pass --reset to replace the whole network.\n`);
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    for (const { name, database } of databases) {
      const began = Date.now();
      let last = 0;
      const summary = await DEMO_WRITERS[name]!.seed(database.dataSource, {
        persons,
        seed,
        onProgress: (done) => {
          if (done - last >= 25_000) {
            last = done;
            process.stdout.write(`  ${name}: ${done} people\n`);
          }
        },
      });
      const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      process.stdout.write(`${name}: ${rows} rows in ${((Date.now() - began) / 1000).toFixed(1)} s ${JSON.stringify(summary.counts)}\n`);
    }
    process.stdout.write(`Seeded ${persons} people across ${databases.length} partners in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  } finally {
    await Promise.allSettled(databases.map(({ database }) => database.close()));
    await db.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
