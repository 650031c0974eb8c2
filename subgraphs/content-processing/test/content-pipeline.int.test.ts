import { testIdentity } from "@aiwf/platform/testkit";
import { type ContentAppHarness, startContentApp } from "./fixtures/content-app";
import { corruptPdf, makePdf } from "./fixtures/make-pdf";

/*
 * End to end through the subgraph's API: one document of each format is ingested,
 * processed in the background, and found by semantic, keyword and hybrid search; bad
 * inputs get their error and leave nothing behind.
 */
const owner = testIdentity();
const INGEST = "mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id status format } }";
const SEARCH = `query ($query: String!, $mode: SearchMode!) {
  searchDocuments(query: $query, mode: $mode, first: 3) { score highlights document { id title } chunk { ordinal text headingPath } }
}`;

const base64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const DOCUMENTS = {
  TEXT: {
    title: "Beekeeping",
    content: "Honeybees live in a hive with one queen.\n\nWorkers gather pollen and nectar from flowers and turn the nectar into honey.",
  },
  MARKDOWN: {
    title: "Volcanoes",
    content: "# Volcanoes\n\nA volcano forms where magma rises through the crust.\n\n## Eruptions\n\nDuring an eruption, lava and volcanic ash pour out of the crater.",
  },
  HTML: {
    title: "Navigation",
    contentBase64: base64(
      "<!DOCTYPE html><html><head><title>Navigation</title></head><body><nav><a href='/'>Home</a> <a href='/shop'>Shop</a></nav>" +
        "<article><h1>Coastal navigation</h1><p>Sailors fix their position with a compass bearing on a lighthouse and a chart of the coast.</p>" +
        "<p>A lighthouse flashes its own pattern at night, so a navigator can tell one lighthouse from another.</p></article>" +
        "<footer>Subscribe to our newsletter for offers.</footer></body></html>",
    ),
  },
  PDF: {
    title: "Photosynthesis",
    contentBase64: base64(makePdf([["Plants capture sunlight with chlorophyll."], ["Photosynthesis turns carbon dioxide and water into sugar."]])),
  },
} as const;

// Each search names what one chunk of one document is about. Keyword search (web-search
// syntax) wants every word in one chunk, so each query's words share a chunk.
const QUERIES = { TEXT: "honey pollen hive", MARKDOWN: "lava eruption crater", HTML: "lighthouse compass", PDF: "chlorophyll sunlight" } as const;

let app: ContentAppHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startContentApp();
  for (const [format, input] of Object.entries(DOCUMENTS)) {
    const { data, errors } = await app.call(owner, INGEST, { input });
    expect(errors).toBeUndefined();
    expect(data.ingestDocument).toMatchObject({ status: "PENDING", format });
    ids[format] = data.ingestDocument.id;
  }
  for (const id of Object.values(ids)) expect(await app.settled(owner, id)).toMatchObject({ status: "READY", failureReason: null });
}, 120_000);
afterAll(() => app?.stop());

describe("one document of each format", () => {
  it.each(Object.keys(DOCUMENTS))("extracts and analyses %s", async (format) => {
    const { data } = await app.call(
      owner,
      `query ($id: ID!) { document(id: $id) { format text wordCount chunks { headingPath text }
        analysis { language wordCount readingTimeMinutes readability { level } sentiment { label } keyPhrases { text score } candidateConcepts { name score } summary } } }`,
      { id: ids[format] },
    );
    const document = data.document;
    expect(document.format).toBe(format);
    expect(document.analysis).toMatchObject({ language: "eng", wordCount: document.wordCount, readingTimeMinutes: 1 });
    expect(document.analysis.keyPhrases[0].score).toBe(1);
    expect(document.analysis.summary.length).toBeGreaterThan(0);
    if (format === "HTML") {
      expect(document.text).toContain("## Coastal navigation");
      expect(document.text).not.toMatch(/Shop|newsletter/);
    }
    if (format === "PDF") expect(document.chunks.map((c: any) => c.headingPath)).toEqual([["Page 1"], ["Page 2"]]);
    if (format === "MARKDOWN") expect(document.chunks.map((c: any) => c.headingPath)).toEqual([["Volcanoes"], ["Volcanoes", "Eruptions"]]);
  });

  it("announces each processed document with its candidate concepts", async () => {
    const processed = app.published.filter((e) => e.topic === "content.document.processed" && e.tenantId === owner.tenantId);
    expect(processed.map((e) => (e.payload as { documentId: string }).documentId).sort()).toEqual(Object.values(ids).sort());
    const volcano = processed.find((e) => (e.payload as { documentId: string }).documentId === ids.MARKDOWN)!;
    expect(volcano.payload).toMatchObject({ title: "Volcanoes", candidateConcepts: expect.arrayContaining([expect.objectContaining({ name: expect.any(String), score: expect.any(Number) })]) });
  });
});

describe("search", () => {
  it.each(Object.keys(QUERIES).flatMap((format) => ["SEMANTIC", "KEYWORD", "HYBRID"].map((mode) => [format, mode])))("finds the %s document by %s search", async (format, mode) => {
    const { data, errors } = await app.call(owner, SEARCH, { query: QUERIES[format as keyof typeof QUERIES], mode });
    expect(errors).toBeUndefined();
    const [best] = data.searchDocuments;
    expect(best.document.id).toBe(ids[format]);
    expect(typeof best.score).toBe("number");
    expect(best.chunk.text.length).toBeGreaterThan(0);
    expect(best.highlights.join(" ")).toMatch(/<b>\w+<\/b>/);
  });

  it("never returns another tenant's documents", async () => {
    const stranger = testIdentity();
    for (const mode of ["SEMANTIC", "KEYWORD", "HYBRID"]) {
      expect((await app.call(stranger, SEARCH, { query: "lighthouse compass", mode })).data.searchDocuments).toEqual([]);
    }
  });

  it("lists similar documents of the tenant, most similar first", async () => {
    const { data } = await app.call(owner, "query ($id: ID!) { document(id: $id) { similar(first: 2) { score document { id } } } }", { id: ids.TEXT });
    expect(data.document.similar).toHaveLength(2);
    expect(data.document.similar.map((s: any) => s.document.id)).not.toContain(ids.TEXT);
    expect(data.document.similar[0].score).toBeGreaterThanOrEqual(data.document.similar[1].score);
  });
});

describe("bad input", () => {
  const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256));
  const truncatedPdf = makePdf([["Cut short."]]).subarray(0, 120);
  it.each([
    ["empty content", { content: " \n " }, "BAD_USER_INPUT", "input.content"],
    ["garbage bytes", { contentBase64: garbage.toString("base64") }, "BAD_USER_INPUT", "input.contentBase64"],
    ["a truncated PDF (detected up front)", { contentBase64: truncatedPdf.toString("base64") }, "BAD_USER_INPUT", "input.contentBase64"],
    ["an oversized upload", { contentBase64: Buffer.alloc(1024 * 1024 + 10, 65).toString("base64") }, "PAYLOAD_TOO_LARGE", "input.contentBase64"],
  ])("refuses %s, writing nothing", async (_, content, code, field) => {
    const tenant = testIdentity();
    const { data, errors } = await app.call(tenant, INGEST, { input: { title: "Bad", ...content } });
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    expect((await app.call(tenant, "{ documents { totalCount } }")).data.documents.totalCount).toBe(0);
  });

  it("fails a PDF whose body is corrupt with a reason, leaving no chunks, and other documents unaffected", async () => {
    const tenant = testIdentity();
    const { data } = await app.call(tenant, INGEST, { input: { title: "Broken", contentBase64: corruptPdf().toString("base64") } });
    expect(data.ingestDocument).toMatchObject({ status: "PENDING", format: "PDF" });
    const settled = await app.settled(tenant, data.ingestDocument.id);
    expect(settled).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/^the PDF could not be read: /) });
    const read = await app.call(tenant, "query ($id: ID!) { document(id: $id) { chunkCount analysis { language } } }", { id: data.ingestDocument.id });
    expect(read.data.document).toEqual({ chunkCount: 0, analysis: null });
    expect(await app.settled(owner, ids.PDF)).toMatchObject({ status: "READY" });
  });
});

describe("reprocessing and deleting", () => {
  it("reprocesses a document back to READY, then deletes it with its chunks and announces it", async () => {
    const tenant = testIdentity();
    const { id } = (await app.call(tenant, INGEST, { input: { title: "Short-lived", content: "Quasars are distant, luminous galactic nuclei." } })).data.ingestDocument;
    await app.settled(tenant, id);
    const again = await app.call(tenant, "mutation ($id: ID!) { reprocessDocument(id: $id) { id status } }", { id });
    expect(again.data.reprocessDocument).toEqual({ id, status: "PENDING" });
    expect(await app.settled(tenant, id)).toMatchObject({ status: "READY" });
    expect((await app.call(tenant, SEARCH, { query: "quasars", mode: "KEYWORD" })).data.searchDocuments).toHaveLength(1);

    expect((await app.call(tenant, "mutation ($id: ID!) { deleteDocument(id: $id) }", { id })).data.deleteDocument).toBe(id);
    expect((await app.call(tenant, "query ($id: ID!) { document(id: $id) { id } }", { id })).data.document).toBeNull();
    for (const mode of ["SEMANTIC", "KEYWORD", "HYBRID"]) expect((await app.call(tenant, SEARCH, { query: "quasars", mode })).data.searchDocuments).toEqual([]);
    for (;;) {
      if (app.published.some((e) => e.topic === "content.document.deleted" && e.tenantId === tenant.tenantId)) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const deleted = app.published.find((e) => e.topic === "content.document.deleted" && e.tenantId === tenant.tenantId)!;
    expect(deleted.payload).toEqual({ documentId: id });
  });
});
