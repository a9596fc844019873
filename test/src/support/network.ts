import type { Principal } from '@intreccio/shared';
import { callerToken, postGraphQL, testEnvironment, type GraphQLResponse, type TestEnvironment } from '@intreccio/shared/testing';
import { SUBGRAPHS, startNetwork, type RunningNetwork } from '@intreccio/scripts';
import type { RunningSubgraph } from '@intreccio/shared';

/** The whole network on real PostgreSQL, reached over real HTTP through the real gateway. */
export class TestNetwork {
  private constructor(readonly env: TestEnvironment, readonly network: RunningNetwork) {}

  static async start(label: string, options: { seed?: (subgraphs: RunningSubgraph[]) => Promise<void>; env?: NodeJS.ProcessEnv } = {}): Promise<TestNetwork> {
    const env = testEnvironment(label, SUBGRAPHS.map((s) => s.name));
    try {
      const network = await startNetwork({ env: { ...env.env, ...options.env }, anyPort: true, beforeGateway: options.seed });
      return new TestNetwork(env, network);
    } catch (err) {
      await env.cleanup();
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.network.close();
    await this.env.cleanup();
  }

  get url(): string {
    return this.network.gateway.url;
  }

  get base(): string {
    return this.url.replace(/\/graphql$/, '');
  }

  token(who: Principal): Promise<string> {
    return callerToken(this.env.dataDir, who);
  }

  async call<T = Record<string, any>>(who: Principal | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = who ? { authorization: `Bearer ${await this.token(who)}` } : {};
    return postGraphQL<T>(this.url, query, variables, headers);
  }

  async ok<T = Record<string, any>>(who: Principal, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.call<T>(who, query, variables);
    if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
    return res.data;
  }

  /** SQL statements each subgraph sends while `work` runs. */
  async statements(work: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = Object.fromEntries(this.network.subgraphs.map((s) => [s.name, s.counter.count]));
    await work();
    return Object.fromEntries(this.network.subgraphs.map((s) => [s.name, s.counter.count - before[s.name]!]));
  }
}
