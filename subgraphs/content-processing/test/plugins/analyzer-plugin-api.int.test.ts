import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { buildFederatedSchema, createLogger, createSubgraphServer, type Identity, type RunningServer } from "@aiwf/platform";
import { callSubgraph, TEST_INTERNAL_SECRET, testIdentity } from "@aiwf/platform/testkit";
import { AnalyzerPluginResolver } from "../../src/plugins/schema/analyzer-plugin.resolver";
import { buildKeywordCounter } from "./fixtures/keyword-counter";
import { adminOfNewTenant, createPluginHost } from "./fixtures/plugin-host";
import { compileWat, WAT } from "./fixtures/wat-modules";

// The plugin resolver served on its own subgraph server (real HTTP, signed identities) over
// the in-memory registry. The content app serves it over Postgres: document-plugins.int.test.ts.

const PLUGIN_FIELDS = "name version abiVersion sha256 sizeBytes limits { timeoutMs maxMemoryMb maxOutputBytes } registeredAt";
const REGISTER = `mutation ($input: RegisterAnalyzerPluginInput!) { registerAnalyzerPlugin(input: $input) { ${PLUGIN_FIELDS} } }`;
const LIST = "{ analyzerPlugins { name version } }";
const REMOVE = "mutation ($name: String!) { removeAnalyzerPlugin(name: $name) }";

const host = createPluginHost();
let server: RunningServer;
let keywordCounterBase64: string;

beforeAll(async () => {
  keywordCounterBase64 = Buffer.from(await buildKeywordCounter()).toString("base64");
  const schema = await buildFederatedSchema({ resolvers: [AnalyzerPluginResolver], resolverInstances: [new AnalyzerPluginResolver(host.service)] });
  server = await createSubgraphServer({
    name: "content-processing",
    schema,
    port: 0,
    host: "127.0.0.1",
    logger: createLogger({ service: "content-processing", level: "silent" }),
    internalTokenSecret: TEST_INTERNAL_SECRET,
    readiness: [],
  }).start();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await host.close();
});

const call = (identity: Identity, query: string, variables?: Record<string, unknown>) => callSubgraph(server.url, { query, variables }, identity);

describe("the analyzer-plugin API", () => {
  it("lets an admin register the example plugin, which then annotates the tenant's documents", async () => {
    const admin = adminOfNewTenant();
    const { data, errors } = await call(admin, REGISTER, { input: { name: "keyword-counter", version: "1.0.0", wasmBase64: keywordCounterBase64, timeoutMs: 10_000 } });
    expect(errors).toBeUndefined();
    expect(data.registerAnalyzerPlugin).toMatchObject({
      name: "keyword-counter",
      version: "1.0.0",
      abiVersion: 1,
      sizeBytes: Buffer.from(keywordCounterBase64, "base64").length,
      limits: { timeoutMs: 10_000, maxMemoryMb: 16, maxOutputBytes: 65_536 },
    });
    expect((await call(admin, LIST)).data.analyzerPlugins).toEqual([{ name: "keyword-counter", version: "1.0.0" }]);
    const result = await host.service.runAnalyzerPlugins(admin.tenantId, "Ada met Grace. Ada and Grace wrote programs; programs ran.");
    // "Ada" is too short for a keyword and opens both sentences; "Grace" never does.
    expect(result.annotations["keyword-counter"]).toEqual({
      words: 10,
      keywords: [{ term: "grace", count: 2 }, { term: "programs", count: 2 }],
      capitalised: [{ term: "Grace", count: 2 }],
    });
  });

  it("refuses editors with FORBIDDEN and stores nothing", async () => {
    const editor = testIdentity({ roles: ["editor"] });
    const { errors } = await call(editor, REGISTER, { input: { name: "keyword-counter", version: "1.0.0", wasmBase64: keywordCounterBase64 } });
    expect(errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await call(editor, LIST)).data.analyzerPlugins).toEqual([]);
  });

  it("answers a refused module with BAD_USER_INPUT naming input.wasmBase64 and the reason", async () => {
    const wasmBase64 = Buffer.from(await compileWat(WAT.forbiddenImport)).toString("base64");
    const { errors } = await call(adminOfNewTenant(), REGISTER, { input: { name: "sneaky", version: "1", wasmBase64 } });
    expect(errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.wasmBase64", reason: "PLUGIN_IMPORT" });
  });

  it("shows each tenant only its own plugins, and removes them", async () => {
    const admin = adminOfNewTenant();
    const other = adminOfNewTenant();
    await call(admin, REGISTER, { input: { name: "good", version: "1", wasmBase64: Buffer.from(await compileWat(WAT.good)).toString("base64") } });
    expect((await call(other, LIST)).data.analyzerPlugins).toEqual([]);
    expect((await call(other, REMOVE, { name: "good" })).data.removeAnalyzerPlugin).toBe(false);
    expect((await call(admin, REMOVE, { name: "good" })).data.removeAnalyzerPlugin).toBe(true);
    expect((await call(admin, LIST)).data.analyzerPlugins).toEqual([]);
  });
});
