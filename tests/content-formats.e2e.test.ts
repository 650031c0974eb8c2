import { makePdf, corruptPdf } from "../subgraphs/content-processing/test/fixtures/make-pdf";
import { postGraphQL, signToken } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";

/*
 * Through the gateway, as a client sees it: one document of each format is ingested,
 * processed in the background until READY, and found by SEMANTIC, KEYWORD and HYBRID
 * search. Bad inputs are refused with their code and offending field and leave no row
 * behind; a PDF that is damaged inside is accepted, then FAILS on its own.
 */
const INGEST = "mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id status format } }";
const DOCUMENT = "query ($id: ID!) { document(id: $id) { id status failureReason chunkCount } }";
const SEARCH = `query ($query: String!, $mode: SearchMode!) {
  searchDocuments(query: $query, mode: $mode, first: 3) { score document { id title } chunk { text } }
}`;
const COUNT = "{ documents { totalCount } }";

const base64 = (content: string | Buffer) => Buffer.from(content).toString("base64");

// Each document is about something none of the others mention, so the query naming it
// must rank it first in every mode.
const DOCUMENTS = {
  TEXT: {
    input: { title: "Beekeeping", content: "Honeybees live in a hive with one queen.\n\nWorkers gather pollen and nectar from flowers and turn the nectar into honey." },
    query: "honey pollen hive",
  },
  MARKDOWN: {
    input: { title: "Volcanoes", content: "# Volcanoes\n\nA volcano forms where magma rises through the crust.\n\n## Eruptions\n\nDuring an eruption, lava and volcanic ash pour out of the crater." },
    query: "lava eruption crater",
  },
  HTML: {
    input: {
      title: "Navigation",
      content:
        "<!DOCTYPE html><html><head><title>Navigation</title></head><body><nav><a href='/'>Home</a></nav>" +
        "<article><h1>Coastal navigation</h1><p>Sailors fix their position with a compass bearing on a lighthouse and a chart of the coast.</p>" +
        "<p>A lighthouse flashes its own pattern at night, so a navigator can tell one lighthouse from another.</p></article></body></html>",
    },
    query: "lighthouse compass",
  },
  PDF: {
    input: { title: "Photosynthesis", contentBase64: base64(makePdf([["Plants capture sunlight with chlorophyll."], ["Photosynthesis turns carbon dioxide and water into sugar."]])) },
    query: "chlorophyll sunlight",
  },
} as const;

let stack: TestStack;
let call: (query: string, variables?: Record<string, unknown>) => ReturnType<typeof postGraphQL>;

/** Processing runs off the request path: polls the document until it leaves PENDING/PROCESSING. */
async function settled(id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call(DOCUMENT, { id });
    const document = body.data?.document;
    if (document && document.status !== "PENDING" && document.status !== "PROCESSING") return document;
    if (Date.now() > deadline) throw new Error(`document ${id} did not settle: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const documentCount = async () => (await call(COUNT)).body.data!.documents.totalCount as number;

beforeAll(async () => {
  stack = await startTestStack();
  const token = await signToken(stack.jwt, { tenant: `formats-${Date.now()}` });
  call = (query, variables) => postGraphQL(stack.gateway.url, { query, variables }, { authorization: `Bearer ${token}` });
}, 60_000);
afterAll(() => stack?.close());

describe("one document of each format, through the gateway", () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const [format, { input }] of Object.entries(DOCUMENTS)) {
      const { body } = await call(INGEST, { input });
      expect(body.errors).toBeUndefined();
      expect(body.data!.ingestDocument).toMatchObject({ status: "PENDING", format });
      ids[format] = body.data!.ingestDocument.id;
    }
  }, 30_000);

  it("processes each to READY with chunks", async () => {
    for (const id of Object.values(ids)) {
      const document = await settled(id);
      expect(document).toMatchObject({ id, status: "READY", failureReason: null });
      expect(document.chunkCount).toBeGreaterThan(0);
    }
  }, 60_000);

  it.each(["SEMANTIC", "KEYWORD", "HYBRID"])("finds each document first by %s search", async (mode) => {
    for (const id of Object.values(ids)) await settled(id);
    for (const [format, { input, query }] of Object.entries(DOCUMENTS)) {
      const { body } = await call(SEARCH, { query, mode });
      expect(body.errors).toBeUndefined();
      expect({ format, first: body.data!.searchDocuments[0]?.document }).toEqual({ format, first: { id: ids[format], title: input.title } });
    }
  }, 60_000);
});

describe("bad input through the gateway", () => {
  const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256));
  const truncatedPdf = makePdf([["Cut short."]]).subarray(0, 120);

  it.each([
    ["empty content", { content: " \n\t " }, "BAD_USER_INPUT", "input.content"],
    ["garbage bytes", { contentBase64: garbage.toString("base64") }, "BAD_USER_INPUT", "input.contentBase64"],
    ["a truncated PDF (no end marker)", { contentBase64: truncatedPdf.toString("base64") }, "BAD_USER_INPUT", "input.contentBase64"],
    ["oversized text", { content: "a".repeat(1024 * 1024 + 1) }, "PAYLOAD_TOO_LARGE", "input.content"],
    ["an oversized upload", { contentBase64: Buffer.alloc(1024 * 1024 + 10, 65).toString("base64") }, "PAYLOAD_TOO_LARGE", "input.contentBase64"],
  ])("refuses %s with its code and field, leaving no document behind", async (_, content, code, field) => {
    const before = await documentCount();
    const { body } = await call(INGEST, { input: { title: "Bad", ...content } });
    expect(body.data?.ingestDocument ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await documentCount()).toBe(before);
  });

  it("accepts a PDF damaged inside, then FAILS that document only, with a reason and no chunks", async () => {
    const healthy = (await call(INGEST, { input: { title: "Healthy", content: "Quasars are distant, luminous galactic nuclei." } })).body.data!.ingestDocument.id;
    const { body } = await call(INGEST, { input: { title: "Broken", contentBase64: corruptPdf().toString("base64") } });
    expect(body.data!.ingestDocument).toMatchObject({ status: "PENDING", format: "PDF" });
    const broken = await settled(body.data!.ingestDocument.id);
    expect(broken).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/^the PDF could not be read/), chunkCount: 0 });
    expect(await settled(healthy)).toMatchObject({ status: "READY" });
    const { body: found } = await call(SEARCH, { query: "quasars", mode: "KEYWORD" });
    expect(found.data!.searchDocuments.map((hit: any) => hit.document.id)).toEqual([healthy]);
  }, 60_000);
});
