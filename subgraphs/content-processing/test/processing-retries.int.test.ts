import { testIdentity } from "@aiwf/platform/testkit";
import type { EmbeddingProvider } from "../src/embedding/embedding-provider";
import { HashingEmbeddingProvider } from "../src/embedding/hashing-embedding-provider";
import { type ContentAppHarness, startContentApp } from "./fixtures/content-app";

/**
 * An embedding provider that fails for texts containing a marker: "flaky" fails on its
 * first call only, "broken" always. Stands in for a remote provider's outage.
 */
class UnreliableEmbeddings implements EmbeddingProvider {
  readonly name = "unreliable";
  readonly dimensions = 384;
  private readonly local = new HashingEmbeddingProvider();
  private flakyCalls = 0;

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (texts.some((t) => t.includes("broken"))) throw new Error("embedding service unavailable");
    if (texts.some((t) => t.includes("flaky")) && this.flakyCalls++ === 0) throw new Error("embedding service timed out");
    return this.local.embed(texts);
  }
}

let app: ContentAppHarness;
beforeAll(async () => {
  app = await startContentApp({ embeddings: new UnreliableEmbeddings(), processing: { pollMs: 20, retryBaseMs: 10, maxAttempts: 2 } });
}, 120_000);
afterAll(() => app?.stop());

const ingest = async (identity: ReturnType<typeof testIdentity>, content: string) =>
  (await app.call(identity, "mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }", { input: { title: "T", content } })).data
    .ingestDocument.id as string;

describe("transient processing failures", () => {
  it("retries a document whose processing failed once, and it becomes READY", async () => {
    const owner = testIdentity();
    const id = await ingest(owner, "A flaky provider fails on the first try.");
    expect(await app.settled(owner, id)).toMatchObject({ status: "READY", failureReason: null });
  });

  it("fails a document after its attempts run out, naming the last error, while other documents keep flowing", async () => {
    const owner = testIdentity();
    const id = await ingest(owner, "This text breaks the provider: broken.");
    const settled = await app.settled(owner, id);
    expect(settled).toEqual({ id, status: "FAILED", failureReason: "processing failed 2 times; last error: embedding service unavailable" });
    // Other documents keep flowing meanwhile.
    const other = await ingest(owner, "An ordinary document about gardens.");
    expect(await app.settled(owner, other)).toMatchObject({ status: "READY" });
  });
});
