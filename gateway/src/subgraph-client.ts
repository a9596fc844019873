import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import fetch, { type RequestInfo, type RequestInit } from 'node-fetch';
import { GraphQLError } from 'graphql';
import type { InternalTokenSigner } from '@intreccio/shared';
import type { GatewayContext } from './context';

type SubgraphResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type FetchRequest = Parameters<RemoteGraphQLDataSource['didEncounterError']>[1];

/** Statuses a proxy in front of a subgraph answers with when the subgraph itself is not there. */
const NOT_ANSWERING = new Set([502, 503, 504]);

/**
 * A subgraph that could not be reached. Callers learn which partner is missing (`serviceName`, as on
 * every error a subgraph returns through the gateway) and nothing about where it runs; the cause is
 * logged with the correlation id when the error is masked.
 */
export function serviceUnavailable(serviceName: string, cause?: unknown): GraphQLError {
  return new GraphQLError(`The ${serviceName} service did not answer`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });

/** Connections to subgraphs are reused: a TCP (and TLS) handshake per subgraph call would dominate latency. */
const keepAliveFetch = ((url: RequestInfo, init?: RequestInit) =>
  fetch(url, { ...init, agent: (parsed: URL) => (parsed.protocol === 'https:' ? httpsAgent : httpAgent) })) as typeof fetch;

/**
 * Calls one subgraph on behalf of the verified caller. The outgoing request is built afresh, so no header
 * a client sent reaches a subgraph; the only credential is the gateway's own short-lived token whose
 * audience is this subgraph.
 */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly name: string, url: string, private readonly signer: InternalTokenSigner) {
    super({ url, fetcher: keepAliveFetch as never });
  }

  /**
   * A subgraph answers 400 when the request it got does not hold (a variable that fails its scalar's
   * coercion, which the gateway cannot check for custom scalars). Its error is the caller's to see;
   * any other failure stays opaque, without the subgraph's response body.
   */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    let body: { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | undefined;
    try {
      body = (await response.json()) as typeof body;
    } catch {
      body = undefined;
    }
    const first = body?.errors?.[0];
    const code = first?.extensions?.code;
    if (response.status === 400 && typeof first?.message === 'string' && (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED')) {
      const field = first.extensions?.field;
      return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT', ...(typeof field === 'string' ? { field } : {}) } });
    }
    if (NOT_ANSWERING.has(response.status)) return serviceUnavailable(this.name, new Error(`${this.name} answered ${response.status}`));
    return new GraphQLError(`${this.name} answered ${response.status}`, {
      extensions: { code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR', serviceName: this.name },
    });
  }

  /**
   * No response at all (connection refused or reset, an unknown host) means the subgraph did not answer;
   * errors built from a response are already what the caller may see.
   */
  override didEncounterError(error: Error, _fetchRequest: FetchRequest, fetchResponse?: SubgraphResponse): void {
    if (error instanceof GraphQLError) throw error;
    if (!fetchResponse) throw serviceUnavailable(this.name, error);
    throw new GraphQLError(`${this.name} sent an answer the gateway could not read`, {
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: this.name },
      originalError: error,
    });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request, context } = options;
    const headers = request.http?.headers;
    if (!headers) return;
    const ctx = context as Partial<GatewayContext>;
    if (!ctx.principal || !ctx.requestId) return;
    // The client's operation name goes with the caller, so each partner's access log says what the read was for.
    const incoming = 'incomingRequestContext' in options ? options.incomingRequestContext.operationName : undefined;
    const operation = incoming && OPERATION_NAME.test(incoming) ? incoming : null;
    headers.set('authorization', `Bearer ${await this.signer.sign(ctx.principal, this.name, ctx.requestId, operation)}`);
    headers.set('x-request-id', ctx.requestId);
  }
}
