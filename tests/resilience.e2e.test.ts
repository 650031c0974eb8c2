import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SUPERGRAPH_PATH } from "../gateway/src/config";
import { postGraphQL, signToken } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("partial failure", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 60_000);
  afterAll(() => stack?.close());

  it("answers with partial data and an UPSTREAM_UNAVAILABLE error naming the subgraph when one is down", async () => {
    const token = await signToken(stack.jwt, { tenant: `partial-${Date.now()}` });
    const headers = { authorization: `Bearer ${token}` };
    await stack.subgraphs.realtime!.stop();
    const { status, body } = await postGraphQL(stack.gateway.url, { query: '{ concepts(first: 1) { totalCount } channel(id: "general") { id } }' }, headers);
    expect(status).toBe(200);
    expect(body.data).toEqual({ concepts: { totalCount: 0 }, channel: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ message: "The realtime subgraph is unavailable", path: ["channel"], extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: "realtime" } });
    // The gateway itself stays up for everything else.
    expect((await postGraphQL(stack.gateway.url, { query: "{ concepts(first: 1) { totalCount } }" }, headers)).body.data).toEqual({ concepts: { totalCount: 0 } });
  });
});

describe("supergraph hot reload", () => {
  let stack: TestStack;
  let supergraphFile: string;
  beforeAll(async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    supergraphFile = path.join(mkdtempSync(path.join(tmpdir(), "aiwf-supergraph-")), "supergraph.graphql");
    copyFileSync(DEFAULT_SUPERGRAPH_PATH, supergraphFile);
    stack = await startTestStack({ gatewayEnv: { SUPERGRAPH_PATH: supergraphFile } });
  }, 60_000);
  afterAll(() => stack?.close());

  it("serves a changed supergraph file without a restart, and keeps the last good one when the file breaks", async () => {
    const token = await signToken(stack.jwt, { tenant: `reload-${Date.now()}` });
    const headers = { authorization: `Bearer ${token}` };
    const introspect = async () =>
      (await postGraphQL(stack.gateway.url, { query: '{ __type(name: "Query") { description } }' }, headers)).body.data?.__type?.description;

    const original = readFileSync(supergraphFile, "utf8");
    expect(original).toMatch(/^type Query\b/m);
    writeFileSync(supergraphFile, original.replace(/^type Query\b/m, '"""Reloaded supergraph."""\ntype Query'));
    expect(await waitFor(async () => ((await introspect()) === "Reloaded supergraph." ? true : undefined), 10_000)).toBe(true);

    writeFileSync(supergraphFile, "this is not a supergraph");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await introspect()).toBe("Reloaded supergraph.");
  });
});
