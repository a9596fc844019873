import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { ValidationRule } from 'graphql';
import { rateLimit } from 'express-rate-limit';
import {
  ANONYMOUS, bearerToken, createLogger, ErrorCode, ExternalTokenVerifier, InternalTokenSigner, listen, maskError, variableErrorFields,
  type Logger, type RunningServer,
} from '@intreccio/shared';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { dashboardRouter } from './dashboard';
import { graphiqlRouter } from './graphiql';
import { operationLimits, type OperationLimits } from './limits';
import { knownOperationTypes } from './operation-types';
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

/** A browser opening an endpoint gets the IDE rather than an error. */
function browsersToGraphiql(location: string): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
      res.redirect(location);
      return;
    }
    next();
  };
}

/**
 * Requests per client IP to the public contract, in fixed windows; beyond the limit HTTP 429 with
 * Retry-After and the standard RateLimit headers. Counts are kept in this process.
 */
function publicRateLimit(config: GatewayConfig, logger: Logger): express.RequestHandler {
  const { limit, windowSeconds } = config.publicRateLimit;
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    logger: {
      warn: (err, message) => logger.warn({ err: err instanceof Error ? { message: err.message } : String(err) }, message ?? 'public rate limit'),
      error: (err, message) => logger.error({ err: err instanceof Error ? { message: err.message } : String(err) }, message ?? 'public rate limit'),
    },
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({
        errors: [{
          message: `Too many requests: the public contract answers at most ${limit} requests every ${windowSeconds} seconds from one address; retry later`,
          extensions: { code: ErrorCode.RATE_LIMITED },
        }],
      });
    },
  });
}

export async function startGateway(config: GatewayConfig, logger: Logger = createLogger('gateway', config.logLevel)): Promise<RunningServer> {
  const signer = new InternalTokenSigner(config.internalPrivateKey);
  const verifier = new ExternalTokenVerifier(config.auth);
  const urls = new Map(config.subgraphs.map((s) => [s.name, s.url]));
  const gatewayOver = (supergraphSdl: string) => new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphClient(name, urls.get(name) ?? url ?? '', signer),
    logger: { debug: () => {}, info: (m) => logger.info(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const httpServer = createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  // The network graph and the public contract: the same limits, masking and schema reticence for both.
  const apolloOver = (gateway: ApolloGateway, limits: OperationLimits, own: { plugins?: ApolloServerPlugin[]; validationRules?: ValidationRule[] }) => new ApolloServer<GatewayContext>({
    gateway,
    validationRules: own.validationRules,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // No "did you mean" field suggestions in production: they map the schema for a prober.
    hideSchemaDetailsFromClientErrors: config.production,
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [...(own.plugins ?? []), ApolloServerPluginLandingPageDisabled(), operationLimits(limits), variableErrorFields()],
    formatError: (formatted, error) =>
      maskError(formatted, error, randomUUID(), (err, correlationId) =>
        logger.error({ correlationId, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'gateway error'),
      ),
  });
  // One server drains the HTTP server on stop, waiting for the requests of both; the other, the
  // public contract's, has no mutations and says so.
  const apollo = apolloOver(gatewayOver(config.supergraphSdl), config.limits, { plugins: [ApolloServerPluginDrainHttpServer({ httpServer })] });
  const publicApollo = apolloOver(gatewayOver(config.publicSupergraphSdl), config.publicLimits, { validationRules: [knownOperationTypes] });
  await apollo.start();
  try {
    await publicApollo.start();
  } catch (err) {
    await apollo.stop().catch(() => undefined);
    throw err;
  }

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
  app.use('/dashboard', dashboardRouter());
  app.get('/', (_req, res) => res.redirect('/graphiql'));

  app.use(
    '/graphql',
    browsersToGraphiql('/graphiql'),
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

  // The public contract: no token. Whatever Authorization header comes is never read; every
  // subgraph call is signed for the anonymous caller, whom subgraphs answer on public fields only.
  app.use(
    '/public/graphql',
    publicRateLimit(config, logger),
    browsersToGraphiql('/graphiql?endpoint=public'),
    (_req, res, next) => {
      res.locals.requestId = randomUUID();
      res.setHeader('x-request-id', res.locals.requestId);
      next();
    },
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(publicApollo, {
      context: async ({ res }) => ({ principal: ANONYMOUS, requestId: res.locals.requestId }),
    }),
  );

  const port = await listen(httpServer, config.port, config.host);
  logger.info({ port }, 'gateway listening');
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    close: async () => {
      await apollo.stop();
      await publicApollo.stop();
      httpServer.closeAllConnections?.();
    },
  };
}
