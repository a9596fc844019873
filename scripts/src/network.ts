import { createLogger, envPrefix, runSubgraph, subgraphConfigFromEnv, type Logger, type RunningServer, type RunningSubgraph } from '@intreccio/shared';
import { gatewayConfigFromEnv, startGateway } from '@intreccio/gateway';
import { SUBGRAPHS } from './subgraphs';

export interface NetworkOptions {
  /** Environment the services read: DATABASE_URL, ports, keys… */
  env: NodeJS.ProcessEnv;
  /** Give every service a free port (tests) instead of the configured ones. */
  anyPort?: boolean;
  logger?: Logger;
  /** Runs once every subgraph's database is migrated, before the gateway opens. */
  beforeGateway?: (subgraphs: RunningSubgraph[]) => Promise<void>;
}

export interface RunningNetwork {
  gateway: RunningServer;
  /** The gateway trusts the development issuer (not production, no OpenID Connect provider configured). */
  devIssuer: boolean;
  subgraphs: RunningSubgraph[];
  subgraph(name: string): RunningSubgraph;
  close(): Promise<void>;
}

/** Starts every subgraph and the gateway in this process, each on its own port, as `npm start` does. */
export async function startNetwork(options: NetworkOptions): Promise<RunningNetwork> {
  const env = { ...options.env };
  if (options.anyPort) {
    for (const def of SUBGRAPHS) env[`${envPrefix(def.name)}_PORT`] = '0';
    env.GATEWAY_PORT = '0';
  }
  const subgraphs: RunningSubgraph[] = [];
  const closeAll = async () => {
    await Promise.allSettled(subgraphs.map((s) => s.close()));
  };
  try {
    await Promise.all(
      SUBGRAPHS.map(async (def) => {
        const config = await subgraphConfigFromEnv(def, env);
        subgraphs.push(await runSubgraph(def, config, options.logger?.child({ service: def.name }) ?? createLogger(def.name, config.logLevel)));
      }),
    );
    subgraphs.sort((a, b) => SUBGRAPHS.findIndex((d) => d.name === a.name) - SUBGRAPHS.findIndex((d) => d.name === b.name));
    // Partner subgraphs deliver their events to each other's inbox, now that every port is known.
    for (const s of subgraphs) {
      for (const receiver of subgraphs) s.relay.link(receiver.name, receiver.server.url.replace(/\/graphql$/, '/events'));
    }
    await options.beforeGateway?.(subgraphs);
    for (const s of subgraphs) env[`${envPrefix(s.name)}_URL`] = s.server.url;
    const gatewayConfig = await gatewayConfigFromEnv(env);
    const gateway = await startGateway(gatewayConfig, options.logger?.child({ service: 'gateway' }));
    return {
      gateway,
      devIssuer: gatewayConfig.devIssuerJwks !== undefined,
      subgraphs,
      subgraph: (name) => {
        const found = subgraphs.find((s) => s.name === name);
        if (!found) throw new Error(`no subgraph ${name}`);
        return found;
      },
      close: async () => {
        await gateway.close();
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
