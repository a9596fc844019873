import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import fetch, { type RequestInfo, type RequestInit } from 'node-fetch';
import type { InternalTokenSigner } from '@intreccio/shared';
import type { GatewayContext } from './context';

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

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    const ctx = context as Partial<GatewayContext>;
    if (!ctx.principal || !ctx.requestId) return;
    headers.set('authorization', `Bearer ${await this.signer.sign(ctx.principal, this.name, ctx.requestId)}`);
    headers.set('x-request-id', ctx.requestId);
  }
}
