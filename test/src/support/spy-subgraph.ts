import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfigFromEnv, startGateway } from '@intreccio/gateway';
import { createLogger, envPrefix, type RunningServer } from '@intreccio/shared';
import { testEnvironment, type TestEnvironment } from '@intreccio/shared/testing';

/**
 * A real gateway in front of a stand-in for one subgraph that records the headers the gateway sends
 * it and answers every call with `data`: what reaches a subgraph, whatever the client sent.
 */
export interface SpiedGateway {
  gateway: RunningServer;
  env: TestEnvironment;
  /** The headers of each call the stand-in received, oldest first; empty it between tests. */
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function gatewayWithSpy(label: string, subgraph: string, data: Record<string, unknown>): Promise<SpiedGateway> {
  const seen: IncomingHttpHeaders[] = [];
  const spy = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
  const env = testEnvironment(label, []);
  const port = (spy.address() as AddressInfo).port;
  const config = await gatewayConfigFromEnv({ ...env.env, GATEWAY_PORT: '0', [`${envPrefix(subgraph)}_URL`]: `http://127.0.0.1:${port}/graphql` });
  const gateway = await startGateway(config, createLogger('gateway', 'silent'));
  return {
    gateway,
    env,
    seen,
    close: async () => {
      await gateway.close();
      await env.cleanup();
      await new Promise((resolve) => spy.close(resolve));
    },
  };
}
