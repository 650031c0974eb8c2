import { SignJWT } from "jose";
import { callSubgraph, testIdentity } from "@aiwf/platform/testkit";
import { postGraphQL, signToken } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";

const QUERY = { query: "{ concepts(first: 1) { totalCount } }" };

describe("authentication at the gateway and the subgraphs", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 60_000);
  afterAll(() => stack?.close());

  it("serves a caller with a valid token", async () => {
    const token = await signToken(stack.jwt, { tenant: "auth-ok" });
    const { status, body } = await postGraphQL(stack.gateway.url, QUERY, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { concepts: { totalCount: 0 } } });
  });

  it.each([
    ["no token", async () => undefined],
    ["an expired token", () => signToken(stack.jwt, { tenant: "t", expiresIn: -60 })],
    ["a token signed with another key", () => signToken({ ...stack.jwt, secret: "some-other-secret-that-is-long-enough" }, { tenant: "t" })],
    ["a token for another audience", () => signToken({ ...stack.jwt, audience: "someone-else" }, { tenant: "t" })],
    [
      "a token without a tenant",
      () =>
        new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("u").setIssuer(stack.jwt.issuer).setAudience(stack.jwt.audience).setExpirationTime("5m").sign(new TextEncoder().encode(stack.jwt.secret)),
    ],
  ])("answers UNAUTHENTICATED to %s", async (_case, makeToken) => {
    const token = await makeToken();
    const { status, body } = await postGraphQL(stack.gateway.url, QUERY, token ? { authorization: `Bearer ${token}` } : {});
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(body.data ?? null).toBeNull();
  });

  it("subgraphs refuse calls that bypass the gateway", async () => {
    for (const [name, server] of Object.entries(stack.subgraphs)) {
      const unsigned = await callSubgraph(server.url, { query: "{ __typename }" }, null);
      expect({ name, code: unsigned.errors?.[0]?.extensions?.code }).toEqual({ name, code: "UNAUTHENTICATED" });
      // Signed, but not by this gateway: the embedded stack's secret is its own.
      const forged = await callSubgraph(server.url, { query: "{ __typename }" }, testIdentity());
      expect({ name, code: forged.errors?.[0]?.extensions?.code }).toEqual({ name, code: "UNAUTHENTICATED" });
    }
  });

  it("serves Apollo Sandbox to a browser", async () => {
    const response = await fetch(stack.gateway.url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("sandbox");
    expect(html).toContain(stack.developmentToken); // preloaded into Sandbox's headers
  });

  it("exposes health and Prometheus metrics", async () => {
    const base = stack.gateway.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain("graphql_operations_total");
  });
});

describe("a public graph (AUTH_MODE=optional)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ gatewayEnv: { AUTH_MODE: "optional" } });
  }, 60_000);
  afterAll(() => stack?.close());

  it("serves anonymous callers as the public tenant, and still refuses a bad token", async () => {
    const anonymous = await postGraphQL(stack.gateway.url, { query: '{ channel(id: "lobby") { id messageCount } }' });
    expect(anonymous.body).toEqual({ data: { channel: { id: "lobby", messageCount: 0 } } });
    const bad = await postGraphQL(stack.gateway.url, QUERY, { authorization: "Bearer not.a.jwt" });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
