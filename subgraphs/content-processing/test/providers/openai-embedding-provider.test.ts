import { OpenAIEmbeddingProvider } from "../../src/embedding/openai-embedding-provider";
import { embeddingsAnswer, errorAnswer, type OpenAIWireServer, startOpenAIWireServer } from "../fixtures/openai-wire-server";

const DIMENSIONS = 4;
// A recognisable, non-normalised vector per text: its length and first letter.
const rawVector = (text: string) => [text.length, text.charCodeAt(0), 0, 1];
const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

let server: OpenAIWireServer;
beforeAll(async () => {
  server = await startOpenAIWireServer((request) => embeddingsAnswer(request.body.input, rawVector));
});
afterEach(() => server.requests.splice(0));
afterAll(() => server.close());

const provider = (options: Partial<ConstructorParameters<typeof OpenAIEmbeddingProvider>[0]> = {}) =>
  new OpenAIEmbeddingProvider({ apiKey: "sk-test", model: "text-embedding-3-small", dimensions: DIMENSIONS, baseURL: server.baseURL, maxRetries: 2, ...options });

describe("OpenAIEmbeddingProvider against an OpenAI-compatible server", () => {
  it("posts the model, texts, dimensions and float encoding with the key, and returns unit vectors in input order", async () => {
    const vectors = await provider().embed(["graph", "database"]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/embeddings" });
    expect(request!.headers.authorization).toBe("Bearer sk-test");
    expect(request!.body).toEqual({ model: "text-embedding-3-small", input: ["graph", "database"], dimensions: DIMENSIONS, encoding_format: "float" });
    // The server listed them in reverse: the provider put them back in input order.
    expect(vectors).toEqual(["graph", "database"].map((t) => rawVector(t).map((x) => x / norm(rawVector(t)))));
    for (const v of vectors) expect(norm(v)).toBeCloseTo(1, 10);
  });

  it("splits many texts into batches, keeping their order", async () => {
    const texts = ["a", "bb", "ccc", "dddd", "eeeee"];
    const vectors = await provider({ batchSize: 2 }).embed(texts);
    expect(server.requests.map((r) => r.body.input)).toEqual([["a", "bb"], ["ccc", "dddd"], ["eeeee"]]);
    // Each vector's first and last components are the text's length and 1, before normalising.
    expect(vectors.map((v) => Math.round(v[0]! / v[3]!))).toEqual(texts.map((t) => t.length));
  });

  it("waits as long as a 429's Retry-After says, then retries and succeeds", async () => {
    server.respondNext(errorAnswer(429, "Rate limit reached for requests", { "retry-after": "1" }));
    const vectors = await provider().embed(["patience"]);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers["x-stainless-retry-count"]).toBe("1");
    // Retry-After: 1 is a lower bound the client must respect (not a speed goal).
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("gives up after its retries with the vendor's error", async () => {
    server.respondNext(errorAnswer(503, "overloaded", { "retry-after-ms": "10" }), errorAnswer(503, "overloaded", { "retry-after-ms": "10" }));
    await expect(provider({ maxRetries: 1 }).embed(["x"])).rejects.toThrow(/503/);
    expect(server.requests).toHaveLength(2);
  });

  it("refuses vectors of another size than the column, naming both sizes", async () => {
    server.respondNext(embeddingsAnswer(["x"], () => [1, 2, 3]));
    await expect(provider().embed(["x"])).rejects.toThrow("the embedding model text-embedding-3-small returned 3 dimensions; the store holds 4");
  });

  it("refuses an answer with a vector missing", async () => {
    server.respondNext(embeddingsAnswer(["only one"], rawVector));
    await expect(provider().embed(["one", "two"])).rejects.toThrow("the embedding service returned 1 vectors for 2 texts");
  });
});
