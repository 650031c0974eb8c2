import { createClient, type Client } from "graphql-ws";
import { Ctx, Field, Int, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import WebSocket from "ws";
import { IDENTITY_HEADER, signInternalToken } from "../identity";
import { createLogger } from "../logging";
import { buildFederatedSchema } from "../schema/build-subgraph-schema";
import { TEST_INTERNAL_SECRET, testIdentity } from "../testkit";
import type { BaseContext } from "./request-context";
import { createSubgraphServer, type RunningServer } from "./subgraph-server";

@ObjectType({ description: "A tick." })
class Tick {
  @Field(() => Int, { description: "Counter." }) n!: number;
  @Field(() => String, { description: "Tenant of the subscriber." }) tenant!: string;
}

@Resolver()
class TickResolver {
  @Query(() => Boolean, { description: "Required root." }) ok(): boolean {
    return true;
  }
  @Subscription(() => Tick, {
    description: "Three ticks.",
    subscribe: async function* () {
      for (let n = 1; n <= 3; n++) yield { n };
    },
  })
  ticks(@Root() tick: { n: number }, @Ctx() ctx: BaseContext): Tick {
    return { n: tick.n, tenant: ctx.identity.tenantId };
  }
}

function wsClient(url: string, connectionParams: Record<string, unknown>): Client {
  return createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

function collect(client: Client, query: string): Promise<{ values: unknown[]; error?: unknown }> {
  return new Promise((resolve) => {
    const values: unknown[] = [];
    client.subscribe({ query }, { next: (value) => values.push(value), error: (error) => resolve({ values, error }), complete: () => resolve({ values }) });
  });
}

describe("subgraph subscriptions over graphql-ws", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const schema = await buildFederatedSchema({ resolvers: [TickResolver], resolverInstances: [new TickResolver()] });
    server = await createSubgraphServer({ name: "ticks", schema, port: 0, host: "127.0.0.1", logger: createLogger({ service: "ticks", level: "silent" }), internalTokenSecret: TEST_INTERNAL_SECRET, readiness: [] }).start();
  });
  afterAll(() => server.stop());

  it("streams events to a connection carrying the gateway's identity", async () => {
    const identity = testIdentity();
    const client = wsClient(server.url, { [IDENTITY_HEADER]: await signInternalToken(identity, TEST_INTERNAL_SECRET) });
    const { values, error } = await collect(client, "subscription { ticks { n tenant } }");
    await client.dispose();
    expect(error).toBeUndefined();
    expect(values).toEqual([1, 2, 3].map((n) => ({ data: { ticks: { n, tenant: identity.tenantId } } })));
  });

  it("closes a connection without a valid identity with 4403", async () => {
    const client = wsClient(server.url, {});
    const { values, error } = await collect(client, "subscription { ticks { n } }");
    await client.dispose();
    expect(values).toEqual([]);
    expect((error as { code?: number }).code).toBe(4403);
  });
});
