import { parseArgs } from 'node:util';
import { createLogger, dropDatabase, openDatabase, subgraphConfigFromEnv } from '@intreccio/shared';
import { socialServices } from '@intreccio/social-services';
import { isSeeded, seedSocialServices } from './demo';
import { databaseServer } from './database-server';

const USAGE = 'Usage: npm run seed -- --persons <N> [--seed <number>] [--reset | --if-empty]';

/** Writes a deterministic network of any size for benchmarks: the same options give the same data. */
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
  if (!Number.isInteger(persons) || persons < 0 || !Number.isInteger(seed)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const log = createLogger('seed', 'warn');
  const db = await databaseServer({ ...process.env }, () => {});
  try {
    const config = await subgraphConfigFromEnv(socialServices, db.env);
    if (values.reset) await dropDatabase(config.databaseUrl);
    const database = await openDatabase({ url: config.databaseUrl, entities: socialServices.entities, migrations: socialServices.migrations, logger: log });
    try {
      if (await isSeeded(database.dataSource)) {
        if (values['if-empty']) {
          process.stdout.write('The social-services database already holds data; nothing to do.\n');
          return;
        }
        process.stderr.write('The social-services database already holds data; pass --reset to replace it.\n');
        process.exitCode = 1;
        return;
      }
      const started = Date.now();
      let last = 0;
      const summary = await seedSocialServices(database.dataSource, {
        persons,
        seed,
        onProgress: (done) => {
          if (done - last >= 10_000 || done === persons) {
            last = done;
            process.stdout.write(`  ${done} people\n`);
          }
        },
      });
      process.stdout.write(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}\n`);
    } finally {
      await database.close();
    }
  } finally {
    await db.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
