import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { AccessSession, type AccessServices } from './access/session';
import { bearerToken, type InternalTokenVerifier } from './auth';
import { LoaderRegistry, type RequestContext } from './context';
import { maskError } from './errors';
import { variableErrorFields } from './variable-errors';
import type { Logger } from './logger';

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  db: DataSource;
  verifier: InternalTokenVerifier;
  access: AccessServices;
  logger: Logger;
  port: number;
  host?: string;
  production?: boolean;
  /** Routes beside `/graphql`, with their own authentication (a partner's signed events). */
  routers?: express.Router[];
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Writes the request's access-log entries before the response is sent: if they cannot be written, the
 * response carries no data (no log, no data).
 */
function accessLogBeforeResponse(db: DataSource, logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          try {
            await contextValue.access.flush(db);
          } catch (err) {
            const correlationId = randomUUID();
            logger.error({ correlationId, err: { message: (err as Error).message } }, 'access log not written; response withheld');
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [{ message: `Internal error (correlation id ${correlationId})`, extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId } }],
              };
            }
          }
        },
      };
    },
  };
}

/**
 * Serves one subgraph. Only the gateway may call `/graphql`: a request without the gateway's
 * short-lived token for this subgraph is refused with 401 before any resolver runs.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  // Gateway connections are kept alive; the socket must outlive the gateway's idle timeout.
  httpServer.keepAliveTimeout = 65_000;

  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // No cache hints: nothing here is cacheable, and the plugin's per-field hook costs every field.
      ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), variableErrorFields(),
      accessLogBeforeResponse(options.db, logger),
    ],
    formatError: (formatted, error) =>
      maskError(formatted, error, randomUUID(), (err, correlationId) =>
        logger.error({ correlationId, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'resolver error'),
      ),
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await options.db.query('SELECT 1');
      res.json({ status: 'ok', service: options.name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: options.name, reason: 'database' });
    }
  });

  for (const router of options.routers ?? []) app.use(router);

  app.use(
    '/graphql',
    async (req, res, next) => {
      const token = bearerToken(req.headers.authorization);
      if (!token) {
        res.status(401).json({ errors: [{ message: 'Only the gateway may call this service', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      try {
        const verified = await options.verifier.verify(token);
        res.locals.principal = verified.principal;
        res.locals.requestId = verified.requestId ?? randomUUID();
        res.locals.operation = verified.operation ?? null;
        next();
      } catch {
        res.status(401).json({ errors: [{ message: 'Invalid gateway token', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    },
    // Only the gateway's own requests get here: representations can be large (a funnel's cohort of
    // 50,000 people and the partners' milestones about it come to a few megabytes).
    express.json({ limit: '16mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => ({
        principal: res.locals.principal,
        requestId: res.locals.requestId,
        db: options.db,
        loaders: new LoaderRegistry(),
        log: logger.child({ requestId: res.locals.requestId }),
        access: new AccessSession(res.locals.principal, res.locals.requestId, res.locals.operation, options.access),
      }),
    }),
  );

  const port = await listen(httpServer, options.port, options.host ?? '127.0.0.1');
  logger.info({ port }, `${options.name} listening`);
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    port,
    close: async () => {
      await apollo.stop();
      httpServer.closeAllConnections?.();
    },
  };
}
