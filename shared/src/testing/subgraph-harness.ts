import type { DataSource } from 'typeorm';
import type { Principal } from '../auth';
import { runSubgraph, subgraphConfigFromEnv, envPrefix, type RunningSubgraph, type SubgraphDefinition } from '../service';
import type { GrantScope } from '../access/grants';
import { gatewayToken, postGraphQL, signedGrant, testEnvironment, testRequestId, type GraphQLResponse, type TestEnvironment } from './index';

/**
 * One subgraph on its own databases, called over HTTP with tokens as the gateway would sign them:
 * the way a subgraph's own tests exercise it.
 */
export class SubgraphHarness {
  private constructor(readonly definition: SubgraphDefinition, readonly env: TestEnvironment, readonly running: RunningSubgraph) {}

  static async start(definition: SubgraphDefinition, label: string): Promise<SubgraphHarness> {
    const env = testEnvironment(label, [definition.name]);
    try {
      const config = await subgraphConfigFromEnv(definition, { ...env.env, [`${envPrefix(definition.name)}_PORT`]: '0' });
      return new SubgraphHarness(definition, env, await runSubgraph(definition, config));
    } catch (err) {
      await env.cleanup();
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.running.close();
    await this.env.cleanup();
  }

  get url(): string {
    return this.running.server.url;
  }

  get db(): DataSource {
    return this.running.database.dataSource;
  }

  /** The subgraph's database, for a connection of the test's own (outside the service's pool). */
  get databaseUrl(): string {
    return this.env.databaseUrl(this.definition.name);
  }

  /** How many database connections the service keeps: requests beyond it wait for one. */
  get poolSize(): number {
    return (this.db.options.extra as { max: number }).max;
  }

  /** Calls the subgraph as the gateway would for `who`; `requestId` names the gateway request (grants are bound to it). */
  async call<T = Record<string, any>>(who: Principal, query: string, variables: Record<string, unknown> = {}, requestId?: string): Promise<GraphQLResponse<T>> {
    const token = await gatewayToken(this.env.dataDir, who, this.definition.name, requestId);
    return postGraphQL<T>(this.url, query, variables, { authorization: `Bearer ${token}` });
  }

  /** A grant another partner would have issued for `who` in request `requestId` (see `access/grants.ts`). */
  grant(issuer: string, scope: GrantScope, sub: string, who: Principal, requestId: string): Promise<string> {
    return signedGrant(this.env.dataDir, issuer, scope, sub, who, requestId);
  }

  newRequestId(): string {
    return testRequestId();
  }

  /** Like `call`, but fails the test on any GraphQL error. */
  async ok<T = Record<string, any>>(who: Principal, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.call<T>(who, query, variables);
    if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
    return res.data;
  }

  /** Resolves `_entities` as the gateway does when another subgraph hands over references. */
  async entities<T = Record<string, any>>(
    who: Principal, representations: Record<string, unknown>[], selection: string, requestId?: string,
  ): Promise<GraphQLResponse<T>> {
    return this.call<T>(who, `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations }, requestId);
  }

  async count(table: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  }
}
