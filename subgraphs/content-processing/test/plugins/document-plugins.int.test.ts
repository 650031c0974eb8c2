import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type ContentAppHarness, startContentApp } from "../fixtures/content-app";
import { buildKeywordCounter } from "./fixtures/keyword-counter";
import { adminOfNewTenant } from "./fixtures/plugin-host";
import { compileWat, WAT } from "./fixtures/wat-modules";

/*
 * Analyzer plugins end to end through the content subgraph's API: registered by an admin,
 * run over each document the tenant ingests, their annotations and failures read back
 * from the document's analysis. A hostile plugin fails alone; the document is READY.
 */
const REGISTER = "mutation ($input: RegisterAnalyzerPluginInput!) { registerAnalyzerPlugin(input: $input) { name version } }";
const INGEST = "mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }";
const ANALYSIS = `query ($id: ID!) { document(id: $id) { status analysis {
  language pluginAnnotations { plugin data } pluginFailures { plugin version reason message } } } }`;
const TEXT = "Ada met Grace. Ada and Grace wrote programs; programs ran.";

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

let app: ContentAppHarness;
beforeAll(async () => {
  app = await startContentApp();
}, 120_000);
afterAll(() => app?.stop());

describe("analyzer plugins on ingested documents", () => {
  it("adds the example plugin's annotation to the analysis, and lists a hostile plugin's failure while the document is READY", async () => {
    const admin = adminOfNewTenant();
    const register = async (name: string, wasm: Uint8Array, timeoutMs: number) => {
      const { data, errors } = await app.call(admin, REGISTER, { input: { name, version: "1.0.0", wasmBase64: base64(wasm), timeoutMs } });
      expect(errors).toBeUndefined();
      expect(data.registerAnalyzerPlugin).toEqual({ name, version: "1.0.0" });
    };
    // Generous limits for the plugin that must succeed; the hostile ones fail whatever the limit.
    await register("keyword-counter", await buildKeywordCounter(), 10_000);
    await register("spinner", await compileWat(WAT.loop), 200);
    await register("crasher", await compileWat(WAT.trap), 10_000);

    const ingested = await app.call(admin, INGEST, { input: { title: "Pioneers", content: TEXT } });
    expect(ingested.errors).toBeUndefined();
    const id = ingested.data.ingestDocument.id;
    expect(await app.settled(admin, id)).toMatchObject({ status: "READY", failureReason: null });

    const { data, errors } = await app.call(admin, ANALYSIS, { id });
    expect(errors).toBeUndefined();
    expect(data.document.status).toBe("READY");
    expect(data.document.analysis.language).toEqual(expect.any(String));
    expect(data.document.analysis.pluginAnnotations).toEqual([
      {
        plugin: "keyword-counter",
        data: { words: 10, keywords: [{ term: "grace", count: 2 }, { term: "programs", count: 2 }], capitalised: [{ term: "Grace", count: 2 }] },
      },
    ]);
    // Failures in plugin-name order, as the registry lists them.
    expect(data.document.analysis.pluginFailures).toEqual([
      { plugin: "crasher", version: "1.0.0", reason: "PLUGIN_TRAP", message: expect.stringContaining("unreachable") },
      { plugin: "spinner", version: "1.0.0", reason: "PLUGIN_TIMEOUT", message: "ran longer than 200 ms" },
    ]);
  }, 60_000);

  it("leaves another tenant's documents to that tenant's plugins (none: empty lists)", async () => {
    const other = adminOfNewTenant();
    const ingested = await app.call(other, INGEST, { input: { title: "Pioneers", content: TEXT } });
    const id = ingested.data.ingestDocument.id;
    expect(await app.settled(other, id)).toMatchObject({ status: "READY" });
    const { data } = await app.call(other, ANALYSIS, { id });
    expect(data.document.analysis).toMatchObject({ pluginAnnotations: [], pluginFailures: [] });
  }, 60_000);
});
