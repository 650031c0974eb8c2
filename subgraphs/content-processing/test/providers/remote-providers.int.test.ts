import { testIdentity } from "@aiwf/platform/testkit";
import { OpenAIEmbeddingProvider } from "../../src/embedding/openai-embedding-provider";
import { HashingEmbeddingProvider } from "../../src/embedding/hashing-embedding-provider";
import { OpenAISummariser } from "../../src/summary/openai-summariser";
import { type ContentAppHarness, startContentApp } from "../fixtures/content-app";
import { chatAnswer, embeddingsAnswer, errorAnswer, type OpenAIWireServer, startOpenAIWireServer, type WireResponse } from "../fixtures/openai-wire-server";

/*
 * The subgraph with remote providers selected, each against a loopback server speaking
 * OpenAI's wire format: what a user sees in the API, and what stops the service at start.
 */
const local = new HashingEmbeddingProvider();
const remote = { apiKey: "sk-test", maxRetries: 0 };
const INGEST = "mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }";
const ANALYSIS = "query ($id: ID!) { document(id: $id) { status analysis { summary summaryMethod summaryModel summaryFallbackReason } } }";
const TIDES = "The moon's gravity raises tides in the ocean twice a day.";

let vendor: OpenAIWireServer;
let app: ContentAppHarness;
// What the chat model answers next; the embeddings endpoint always answers.
let chat: WireResponse = chatAnswer("A model's summary of the document.");

beforeAll(async () => {
  vendor = await startOpenAIWireServer((request) => (request.path === "/v1/embeddings" ? embeddingsAnswer(request.body.input, (text) => local.embedOne(text)) : chat));
  app = await startContentApp({
    embeddings: new OpenAIEmbeddingProvider({ ...remote, model: "text-embedding-3-small", dimensions: 384, baseURL: vendor.baseURL }),
    summariser: new OpenAISummariser({ ...remote, model: "gpt-4o-mini", baseURL: vendor.baseURL }),
  });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await vendor?.close();
});

describe("remote providers through the subgraph's API", () => {
  it("embeds with the remote model, searches with it, and shows the model's summary", async () => {
    const owner = testIdentity();
    const { id } = (await app.call(owner, INGEST, { input: { title: "Tides", content: TIDES } })).data.ingestDocument;
    expect(await app.settled(owner, id)).toMatchObject({ status: "READY" });
    expect((await app.call(owner, ANALYSIS, { id })).data.document.analysis).toEqual({
      summary: "A model's summary of the document.",
      summaryMethod: "LLM",
      summaryModel: "openai:gpt-4o-mini",
      summaryFallbackReason: null,
    });
    const { data } = await app.call(owner, 'query { searchDocuments(query: "ocean tides", mode: SEMANTIC, first: 1) { document { id } } }');
    expect(data.searchDocuments).toEqual([{ document: { id } }]);
    expect(vendor.requests.filter((r) => r.path === "/v1/embeddings").map((r) => r.body.input)).toEqual([[TIDES], ["ocean tides"]]);
  });

  it("keeps the extractive summary, saying why, when the model fails, and the document is READY", async () => {
    chat = errorAnswer(401, "Incorrect API key provided");
    const owner = testIdentity();
    const { id } = (await app.call(owner, INGEST, { input: { title: "Tides again", content: `${TIDES} Sailors plan around them.` } })).data.ingestDocument;
    expect(await app.settled(owner, id)).toMatchObject({ status: "READY" });
    expect((await app.call(owner, ANALYSIS, { id })).data.document.analysis).toEqual({
      summary: `${TIDES} Sailors plan around them.`,
      summaryMethod: "EXTRACTIVE",
      summaryModel: null,
      summaryFallbackReason: "openai:gpt-4o-mini failed: 401 Incorrect API key provided",
    });
  });

  it("refuses to start when the provider's vectors do not fit the vector column", async () => {
    const wide = new OpenAIEmbeddingProvider({ ...remote, model: "text-embedding-3-large", dimensions: 3072, baseURL: vendor.baseURL });
    await expect(startContentApp({ embeddings: wide })).rejects.toThrow(
      "the embedding provider openai:text-embedding-3-large makes 3072-dimension vectors, but document_chunks.embedding is vector(384)",
    );
  }, 60_000);
});
