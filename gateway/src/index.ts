import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  bearerToken, createLogger, ExternalTokenVerifier, InternalTokenSigner, listen, maskError, variableErrorFields, type Logger, type RunningServer,
} from '@intreccio/shared';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { graphiqlRouter } from './graphiql';
import { operationLimits } from './limits';
import { SubgraphClient } from './subgraph-client';

export * from './config';
export * from './limits';
export type { GatewayContext };

async function subgraphHealth(name: string, url: string): Promise<{ name: string; status: string; latencyMs?: number }> {
  const started = Date.now();
  try {
    const res = await fetch(url.replace(/\/graphql\/?$/, '/health'), { signal: AbortSignal.timeout(2000) });
    return { name, status: res.ok ? 'ok' : 'unavailable', latencyMs: Date.now() - started };
  } catch {
    return { name, status: 'unreachable' };
  }
}

function unauthorized(res: express.Response, message: string): void {
  res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

export async function startGateway(config: GatewayConfig, logger: Logger = createLogger('gateway', config.logLevel)): Promise<RunningServer> {
  const signer = new InternalTokenSigner(config.internalPrivateKey);
  const verifier = new ExternalTokenVerifier(config.auth);
  const urls = new Map(config.subgraphs.map((s) => [s.name, s.url]));
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphClient(name, urls.get(name) ?? url ?? '', signer),
    logger: { debug: () => {}, info: (m) => logger.info(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // No "did you mean" field suggestions in production: they map the schema for a prober.
    hideSchemaDetailsFromClientErrors: config.production,
    parseOptions: { maxTokens: config.limits.maxTokens },
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), operationLimits(config.limits), variableErrorFields()],
    formatError: (formatted, error) =>
      maskError(formatted, error, randomUUID(), (err, correlationId) =>
        logger.error({ correlationId, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'gateway error'),
      ),
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    const subgraphs = await Promise.all(config.subgraphs.map((s) => subgraphHealth(s.name, s.url)));
    const ok = subgraphs.every((s) => s.status === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', subgraphs });
  });
  if (config.devIssuerJwks) {
    const jwks = config.devIssuerJwks;
    app.get('/dev-issuer/jwks.json', (_req, res) => {
      res.json(jwks);
    });
  }
  app.use('/graphiql', graphiqlRouter());
  app.get('/', (_req, res) => res.redirect('/graphiql'));

  app.use(
    '/graphql',
    (req, res, next) => {
      // A browser opening the endpoint gets the IDE rather than a 401.
      if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
        res.redirect('/graphiql');
        return;
      }
      next();
    },
    async (req, res, next) => {
      const token = bearerToken(req.headers.authorization);
      if (!token) {
        unauthorized(res, 'A bearer token is required');
        return;
      }
      try {
        res.locals.principal = await verifier.verify(token);
      } catch {
        unauthorized(res, 'The bearer token is invalid or expired');
        return;
      }
      res.locals.requestId = randomUUID();
      res.setHeader('x-request-id', res.locals.requestId);
      next();
    },
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ res }) => ({ principal: res.locals.principal, requestId: res.locals.requestId }),
    }),
  );

  const port = await listen(httpServer, config.port, config.host);
  logger.info({ port }, 'gateway listening');
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    close: async () => {
      await apollo.stop();
      httpServer.closeAllConnections?.();
    },
  };
}
