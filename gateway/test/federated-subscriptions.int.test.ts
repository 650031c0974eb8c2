import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql, split } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient, type Client } from "graphql-ws";
import { SignJWT } from "jose";
import { readFileSync, writeFileSync } from "node:fs";
import WebSocket from "ws";
import { createLogger, parseConfig } from "@aiwf/platform";
import { createGatewayApp, type RunningGateway } from "../src/app";
import { gatewayConfigSchema } from "../src/config";
import { startSubscriptionFixture, ticks, upstreamSubscriptions, type SubscriptionFixture } from "./subscription-fixture";

// Apollo Client's GraphQLWsLink inspects errors with the global WebSocket, which Node 20 lacks.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const SECRET = "internal-secret-for-subscription-tests-0000";
const JWT_SECRET = "jwt-secret-for-subscription-tests-000000000";

function token(tenant: string, expiresIn = "5m") {
  return new SignJWT({ tenant })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(`user-${tenant}`)
    .setIssuer("aiwf-dev")
    .setAudience("aiwf")
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(JWT_SECRET));
}

const TICKED = gql`
  subscription Ticked {
    ticked { n item { id name seenBy fragile } }
  }
`;

/** A frontend's Apollo Client: HTTP for queries and mutations, graphql-ws for subscriptions. */
function frontend(url: string, bearer: string): { client: ApolloClient; ws: Client } {
  const ws = createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${bearer}` }, retryAttempts: 0 });
  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: url, headers: { authorization: `Bearer ${bearer}` } }),
  );
  return { client: new ApolloClient({ link: ApolloLink.from([link]), cache: new InMemoryCache() }), ws };
}

/** Collects results of an Apollo Client subscription until `count` arrive or it ends. */
function take(client: ApolloClient, count: number): { results: Promise<any[]>; unsubscribe: () => void } {
  const received: any[] = [];
  let unsubscribe = () => undefined as void;
  const results = new Promise<any[]>((resolve) => {
    const subscription = client.subscribe({ query: TICKED, errorPolicy: "all" }).subscribe({
      next: (result) => {
        received.push(result);
        if (received.length === count) resolve(received);
      },
      error: (error) => resolve([...received, { error }]),
      complete: () => resolve(received),
    });
    unsubscribe = () => subscription.unsubscribe();
  });
  return { results, unsubscribe };
}

async function until(predicate: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("federated subscriptions through the gateway", () => {
  const activeSubscriptions = () => gateway.subscriptions.activeSubscriptions;
  let fixture: SubscriptionFixture;
  let gateway: RunningGateway;
  beforeAll(async () => {
    fixture = await startSubscriptionFixture(SECRET);
    const config = parseConfig(gatewayConfigSchema, { PORT: "0", HOST: "127.0.0.1", SUPERGRAPH_PATH: fixture.supergraphPath, INTERNAL_TOKEN_SECRET: SECRET, JWT_SECRET, SUBSCRIPTIONS_PER_SOCKET: "3", MAX_ALIASES: "1", SOCKET_OPERATION_RATE_LIMIT: "10", SOCKET_OPERATION_WINDOW_SECONDS: "60" });
    gateway = await createGatewayApp({ config, logger: createLogger({ service: "gateway", level: "silent" }) }).start();
  });
  afterAll(async () => {
    await gateway?.stop();
    await fixture?.stop();
  });

  it("completes every event with fields from the entity's owning subgraph, as the subscriber", async () => {
    const tenant = `t-${Date.now()}`;
    const { client, ws } = frontend(gateway.url, await token(tenant));
    const opened = upstreamSubscriptions.opened;
    const { results } = take(client, 2);
    await until(() => upstreamSubscriptions.opened === opened + 1);
    ticks.emit(tenant, { n: 1, itemId: "a" });
    ticks.emit(tenant, { n: 2, itemId: "broken" });
    const [first, second] = await results;
    expect(first.data).toEqual({ ticked: { __typename: "Tick", n: 1, item: { __typename: "Item", id: "a", name: "Item a", seenBy: tenant, fragile: "fine" } } });
    // A failing nullable field yields partial data with an error carrying its path; the stream goes on.
    expect(second.data.ticked.item).toMatchObject({ id: "broken", name: "Item broken", fragile: null });
    expect(second.error.errors).toEqual([expect.objectContaining({ path: ["ticked", "item", "fragile"], extensions: { code: "INTERNAL_SERVER_ERROR" } })]);
    await ws.dispose();
  });

  it("shares one upstream stream between identical subscriptions of the same caller", async () => {
    const tenant = `shared-${Date.now()}`;
    const bearer = await token(tenant);
    const before = upstreamSubscriptions.opened;
    const clients = Array.from({ length: 100 }, () => frontend(gateway.url, bearer));
    const all = clients.map(({ client }) => take(client, 1));
    await until(() => upstreamSubscriptions.opened === before + 1 && activeSubscriptions() === 100);
    ticks.emit(tenant, { n: 7, itemId: "z" });
    const received = await Promise.all(all.map((one) => one.results));
    expect(received.map(([result]) => result.data.ticked.n)).toEqual(Array(100).fill(7));
    expect(upstreamSubscriptions.opened).toBe(before + 1);
    await Promise.all(clients.map(({ ws }) => ws.dispose()));
    await until(() => gateway.subscriptions.hub.streamCount === 0);
  });

  it("keeps tenants apart: a subscriber only receives its own tenant's events", async () => {
    const [red, blue] = [`red-${Date.now()}`, `blue-${Date.now()}`];
    const redClient = frontend(gateway.url, await token(red));
    const blueClient = frontend(gateway.url, await token(blue));
    const opened = upstreamSubscriptions.opened;
    const redResults = take(redClient.client, 1);
    const blueResults = take(blueClient.client, 1);
    await until(() => upstreamSubscriptions.opened === opened + 2);
    ticks.emit(blue, { n: 2, itemId: "b" });
    ticks.emit(red, { n: 1, itemId: "r" });
    expect((await redResults.results)[0].data.ticked).toMatchObject({ n: 1, item: { seenBy: red } });
    expect((await blueResults.results)[0].data.ticked).toMatchObject({ n: 2, item: { seenBy: blue } });
    await Promise.all([redClient.ws.dispose(), blueClient.ws.dispose()]);
  });

  it("refuses a socket whose connection_init carries a bad token with 4403", async () => {
    for (const bearer of ["not-a-jwt", await token("x", "-1m")]) {
      const ws = createClient({ url: gateway.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${bearer}` }, retryAttempts: 0 });
      const closed = await new Promise<number>((resolve) => {
        ws.subscribe({ query: "subscription { ticked { n } }" }, { next: () => undefined, error: (error) => resolve((error as { code: number }).code), complete: () => resolve(0) });
      });
      expect(closed).toBe(4403);
      await ws.dispose();
    }
  });

  it("validates subscriptions like queries and limits them per socket", async () => {
    const ws = createClient({ url: gateway.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await token("limits")}` }, retryAttempts: 0 });
    const errorOf = (query: string) =>
      new Promise<any>((resolve) => ws.subscribe({ query }, { next: () => undefined, error: (error) => resolve(error), complete: () => resolve(undefined) }));
    const invalid = await errorOf("subscription { ticked { nope } }");
    expect(invalid[0].extensions.code).toBe("BAD_USER_INPUT");
    // The same operation limits as HTTP.
    const aliased = await errorOf("subscription { ticked { a: n b: n } }");
    expect(aliased[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "maxAliases" });
    const overHttp = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await token("limits")}` },
      body: JSON.stringify({ query: '{ a: item(id: "1") { x: name } }' }),
    });
    expect(((await overHttp.json()) as any).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "maxAliases" });
    const unsubscribers = [1, 2, 3].map(() => ws.subscribe({ query: "subscription { ticked { n } }" }, { next: () => undefined, error: () => undefined, complete: () => undefined }));
    await until(() => gateway.subscriptions.hub.streamCount >= 1);
    const limited = await errorOf("subscription { ticked { n } }");
    expect(limited[0].extensions.code).toBe("RATE_LIMITED");
    unsubscribers.forEach((unsubscribe) => unsubscribe());
    await ws.dispose();
  });

  it("slows a connection that starts operations faster than its budget, without touching other connections", async () => {
    const bearer = await token("chatty");
    // One socket kept open between operations (a lazy client would close it after each one).
    const socket = () =>
      createClient({ url: gateway.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${bearer}` }, retryAttempts: 0, lazyCloseTimeout: 60_000 });
    // A subscribe-then-unsubscribe loop: never more than one open, so only the rate can stop it.
    const churn = async (ws: Client) => {
      let refused: any;
      const unsubscribe = ws.subscribe({ query: "subscription { ticked { n } }" }, { next: () => undefined, error: (error) => (refused = error), complete: () => undefined });
      await new Promise((resolve) => setTimeout(resolve, 30));
      unsubscribe();
      return refused;
    };
    const chatty = socket();
    const outcomes = [];
    for (let i = 0; i < 11; i++) outcomes.push(await churn(chatty));
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill(undefined));
    expect(outcomes[10][0].extensions).toMatchObject({ code: "RATE_LIMITED", scope: "CONNECTION", retryAfterSeconds: 6 });
    const calm = socket();
    expect(await churn(calm)).toBeUndefined();
    await Promise.all([chatty.dispose(), calm.dispose()]);
  });

  it("ends active subscriptions with SUPERGRAPH_RELOADED when the supergraph file changes", async () => {
    const tenant = `reload-${Date.now()}`;
    const { client, ws } = frontend(gateway.url, await token(tenant));
    const opened = upstreamSubscriptions.opened;
    const { results } = take(client, 1);
    await until(() => upstreamSubscriptions.opened === opened + 1);
    const sdl = readFileSync(fixture.supergraphPath, "utf8");
    writeFileSync(fixture.supergraphPath, sdl.replace(/^type Query\b/m, '"""Reloaded."""\ntype Query'));
    const [ending] = await results;
    expect(ending.error.errors[0].extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", reason: "SUPERGRAPH_RELOADED" });
    await ws.dispose();
  });

  it("ends subscriptions with UPSTREAM_UNAVAILABLE when the owning subgraph dies, and keeps serving queries", async () => {
    const tenant = `dies-${Date.now()}`;
    const { client, ws } = frontend(gateway.url, await token(tenant));
    const opened = upstreamSubscriptions.opened;
    const { results } = take(client, 2);
    await until(() => upstreamSubscriptions.opened === opened + 1);
    ticks.emit(tenant, { n: 1, itemId: "a" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fixture.ticker.stop();
    const received = await results;
    expect(received[0].data.ticked.n).toBe(1);
    const ending = received[1];
    const code = ending.error?.errors?.[0]?.extensions?.code ?? ending.error?.graphQLErrors?.[0]?.extensions?.code ?? ending.error?.[0]?.extensions?.code;
    expect(code).toBe("UPSTREAM_UNAVAILABLE");
    const query = await client.query({ query: gql`{ item(id: "q") { name } }`, fetchPolicy: "no-cache" });
    expect(query.data).toEqual({ item: { __typename: "Item", name: "Item q" } });
    await ws.dispose();
  });
});
