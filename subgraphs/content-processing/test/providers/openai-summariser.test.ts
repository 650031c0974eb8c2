import { processDocument } from "../../src/processing/process-document";
import { HashingEmbeddingProvider } from "../../src/embedding/hashing-embedding-provider";
import { MAX_SUMMARY_INPUT_CHARS, OpenAISummariser } from "../../src/summary/openai-summariser";
import { chatAnswer, errorAnswer, type OpenAIWireServer, startOpenAIWireServer } from "../fixtures/openai-wire-server";

const LLM_SUMMARY = "Bees turn nectar into honey in a hive ruled by one queen.";
const TEXT =
  "Honeybees live in a hive with one queen. Workers gather pollen and nectar from flowers. " +
  "They turn the nectar into honey and store it in wax cells. Drones have a single job in the colony.";

let server: OpenAIWireServer;
beforeAll(async () => {
  server = await startOpenAIWireServer(() => chatAnswer(LLM_SUMMARY));
});
afterEach(() => server.requests.splice(0));
afterAll(() => server.close());

const summariser = () => new OpenAISummariser({ apiKey: "sk-summary", model: "gpt-4o-mini", baseURL: server.baseURL, maxRetries: 0 });
const job = (text = TEXT) => ({ jobId: "job", tenantId: "tenant", documentId: "doc", title: "Bees", format: "TEXT" as const, source: Buffer.from(text), attempts: 1 });
const processWith = (text?: string) => processDocument(job(text), new HashingEmbeddingProvider(), new Date(), { summariser: summariser() });

describe("OpenAISummariser against an OpenAI-compatible server", () => {
  it("asks the chat model for a short summary of the titled text, with the key", async () => {
    expect(await summariser().summarise({ title: "Bees", text: TEXT, language: "eng" })).toBe(LLM_SUMMARY);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
    expect(request!.headers.authorization).toBe("Bearer sk-summary");
    expect(request!.body).toMatchObject({ model: "gpt-4o-mini", messages: [{ role: "system" }, { role: "user", content: `Title: Bees (language: eng)\n\n${TEXT}` }] });
    expect(request!.body.messages[0].content).toMatch(/at most three sentences/);
  });

  it("sends at most the first MAX_SUMMARY_INPUT_CHARS of a long document", async () => {
    const long = "word ".repeat(MAX_SUMMARY_INPUT_CHARS);
    await summariser().summarise({ title: "Long", text: long, language: "und" });
    const sent: string = server.requests[0]!.body.messages[1].content;
    expect(sent.startsWith("Title: Long\n\n")).toBe(true);
    expect(sent.length).toBeLessThan(MAX_SUMMARY_INPUT_CHARS + 50);
  });
});

describe("processing with an LLM summariser", () => {
  it("keeps the model's summary and records that a model wrote it", async () => {
    const { analysis } = await processWith();
    expect(analysis).toMatchObject({ summary: LLM_SUMMARY, summaryMethod: "LLM", summaryModel: "openai:gpt-4o-mini" });
    expect(analysis.summaryFallbackReason).toBeUndefined();
  });

  it.each([
    ["the vendor fails", errorAnswer(500, "the model is overloaded"), /^openai:gpt-4o-mini failed: 500 the model is overloaded/],
    ["the model answers nothing", chatAnswer(null, "length"), /^openai:gpt-4o-mini failed: the model answered without a summary \(finish reason length\)/],
  ])("falls back to the extractive summary when %s, records why, and still processes the document", async (_, answer, reason) => {
    const extractive = (await processDocument(job(), new HashingEmbeddingProvider(), new Date())).analysis.summary;
    server.respondNext(answer);
    const processed = await processWith();
    expect(processed.analysis).toMatchObject({ summary: extractive, summaryMethod: "EXTRACTIVE", summaryFallbackReason: expect.stringMatching(reason) });
    expect(processed.analysis.summaryModel).toBeUndefined();
    expect(processed.chunks.length).toBeGreaterThan(0);
  });

  it("summarises extractively, calling no model, when none is configured", async () => {
    const { analysis } = await processDocument(job(), new HashingEmbeddingProvider(), new Date());
    expect(analysis.summaryMethod).toBe("EXTRACTIVE");
    expect(analysis.summary).toContain("Honeybees live in a hive with one queen.");
    expect(server.requests).toHaveLength(0);
  });
});
