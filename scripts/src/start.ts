import { ConfigError, createLogger } from '@intreccio/shared';
import { DEMO_ORGANISATIONS, DEMO_PERSONS, DEMO_PROGRAMMES, DEMO_WRITERS } from './demo';
import { mintDemoToken } from './dev-token';
import { databaseServer, type DatabaseServer } from './database-server';
import { startNetwork, type RunningNetwork } from './network';

const DASHBOARD_TOKEN_TTL = '8h';

/**
 * The coordination dashboard, signed in as a coordinator of the demo lead body: the token rides in
 * the URL fragment, which the browser never sends to the server. Only with the development issuer;
 * behind a real OpenID Connect provider the coordinator signs in with their own token.
 */
async function dashboardLine(base: string, devIssuer: boolean, env: NodeJS.ProcessEnv): Promise<string> {
  if (!devIssuer) return `  Dashboard  ${base}/dashboard (sign in with a coordinator's token)`;
  const lead = DEMO_ORGANISATIONS.find((o) => o.key === DEMO_PROGRAMMES[0]!.leadOrganisationKey);
  if (!lead) return `  Dashboard  ${base}/dashboard`;
  const token = await mintDemoToken('coordinator', lead, { ttl: DASHBOARD_TOKEN_TTL, env });
  return `  Dashboard  ${base}/dashboard#token=${token}
             (signed in as a coordinator of ${lead.name} for ${DASHBOARD_TOKEN_TTL}; development issuer only)`;
}

function banner(gatewayPort: number, embeddedDirectory: string | undefined, dashboard: string): string {
  const base = `http://localhost:${gatewayPort}`;
  return `
Intreccio is running${embeddedDirectory ? ` on the embedded PostgreSQL in ${embeddedDirectory}` : ''}.

  Gateway    ${base}/graphql
  Public     ${base}/public/graphql (no token: programmes and their KPIs, courses, open vacancies, listed companies)
  GraphiQL   ${base}/graphiql (the public contract: ${base}/graphiql?endpoint=public)
  Health     ${base}/health
${dashboard}

Get a token (the last line printed), then query:
  npm run token -- --role case_manager
  curl -s ${base}/graphql -H "Authorization: Bearer <token>" -H 'Content-Type: application/json' \\
    -d '{"query":"{ programmes { name } people(first: 5) { edges { node { id givenName case { status } } } } }"}'

Ctrl-C stops everything.
`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const logger = createLogger('intreccio', env.LOG_LEVEL);
  let db: DatabaseServer;
  try {
    db = await databaseServer(env, (line) => logger.debug({ postgres: line }));
  } catch (err) {
    process.stderr.write(`Could not start PostgreSQL: ${(err as Error).message}\n`);
    process.exit(1);
  }
  let network: RunningNetwork | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping…\n');
    await network?.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    network = await startNetwork({
      env: db.env,
      logger,
      beforeGateway: async (subgraphs) => {
        const empty = [];
        for (const s of subgraphs) if (!(await DEMO_WRITERS[s.name]!.isSeeded(s.database.dataSource))) empty.push(s);
        if (empty.length) process.stdout.write(`Loading the demo network (${DEMO_PERSONS} people) into ${empty.map((s) => s.name).join(', ')}…\n`);
        for (const s of empty) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: DEMO_PERSONS });
      },
    });
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`Could not start: ${(err as Error).stack ?? err}\n`);
    await stop(1);
    return;
  }
  const dashboard = await dashboardLine(`http://localhost:${network.gateway.port}`, network.devIssuer, db.env);
  process.stdout.write(banner(network.gateway.port, db.embeddedDirectory, dashboard));
  process.stdout.write(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

void main();
