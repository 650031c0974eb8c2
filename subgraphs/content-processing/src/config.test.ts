import { ConfigError, parseConfig } from "@aiwf/platform";
import { contentConfigSchema } from "./config";

const PRODUCTION_SECRET = "a-production-secret-of-at-least-32-characters";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(contentConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("content-processing configuration", () => {
  it("defaults to port 8082 and the embedded database under .data", () => {
    const config = parseConfig(contentConfigSchema, {});
    expect(config).toMatchObject({ PORT: 8082, HOST: "0.0.0.0", DATA_DIR: ".data" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads a Postgres server's URL and names a bad one", () => {
    expect(parseConfig(contentConfigSchema, { DATABASE_URL: "postgres://db:5432/content" }).DATABASE_URL).toBe("postgres://db:5432/content");
    expect(problemsOf({ DATABASE_URL: "mysql://db/content", PORT: "99999" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DATABASE_URL:/), expect.stringMatching(/^PORT:/)]),
    );
  });

  it("refuses the embedded database and the development secret in production", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DATABASE_URL:/), expect.stringMatching(/^INTERNAL_TOKEN_SECRET:/)]),
    );
    expect(problemsOf({ NODE_ENV: "production", DATABASE_URL: "postgres://db/content", INTERNAL_TOKEN_SECRET: PRODUCTION_SECRET })).toEqual([]);
  });

  it("defaults to the local embedder, extractive summaries and 2000-character chunks with 240 of overlap", () => {
    expect(parseConfig(contentConfigSchema, {})).toMatchObject({
      EMBEDDING_PROVIDER: "local",
      EMBEDDING_DIMENSIONS: 384,
      SUMMARY_PROVIDER: "none",
      CHUNK_TARGET_CHARS: 2000,
      CHUNK_OVERLAP_CHARS: 240,
    });
  });

  it("selects OpenAI-compatible providers, each needing its key", () => {
    const config = parseConfig(contentConfigSchema, {
      EMBEDDING_PROVIDER: "openai",
      EMBEDDING_API_KEY: "sk-embed",
      EMBEDDING_BASE_URL: "http://vllm:8000/v1",
      SUMMARY_PROVIDER: "openai",
      SUMMARY_API_KEY: "sk-summary",
      SUMMARY_MODEL: "llama3.1",
    });
    expect(config).toMatchObject({ EMBEDDING_PROVIDER: "openai", EMBEDDING_BASE_URL: "http://vllm:8000/v1", SUMMARY_MODEL: "llama3.1" });
    expect(problemsOf({ EMBEDDING_PROVIDER: "openai", SUMMARY_PROVIDER: "openai", SUMMARY_BASE_URL: "ftp://x" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^EMBEDDING_API_KEY:/), expect.stringMatching(/^SUMMARY_API_KEY:/), expect.stringMatching(/^SUMMARY_BASE_URL:/)]),
    );
    expect(problemsOf({ SUMMARY_PROVIDER: "anthropic" })).toEqual([expect.stringMatching(/^SUMMARY_PROVIDER:/)]);
  });

  it("refuses an embedding size other than the vector column's, and an overlap over half a chunk", () => {
    expect(problemsOf({ EMBEDDING_DIMENSIONS: "1536" })).toEqual([expect.stringMatching(/^EMBEDDING_DIMENSIONS: must be 384, the size of the document_chunks.embedding column/)]);
    expect(problemsOf({ CHUNK_TARGET_CHARS: "1000", CHUNK_OVERLAP_CHARS: "600" })).toEqual([expect.stringMatching(/^CHUNK_OVERLAP_CHARS:/)]);
    expect(problemsOf({ SEARCH_EF_SEARCH: "2000" })).toEqual([expect.stringMatching(/^SEARCH_EF_SEARCH:/)]);
    expect(problemsOf({ SEMANTIC_INDEX: "faiss" })).toEqual([expect.stringMatching(/^SEMANTIC_INDEX:/)]);
    expect(problemsOf({ SEMANTIC_INDEX_MAX_CHUNKS: "ten" })).toEqual([expect.stringMatching(/^SEMANTIC_INDEX_MAX_CHUNKS:/)]);
  });

  it("refuses remote provider timeouts and retries that could outlast a document's processing lease", () => {
    const both = { EMBEDDING_PROVIDER: "openai", EMBEDDING_API_KEY: "k", SUMMARY_PROVIDER: "openai", SUMMARY_API_KEY: "k" };
    expect(problemsOf(both)).toEqual([]);
    expect(problemsOf({ ...both, PROVIDER_TIMEOUT_MS: "30000", PROVIDER_MAX_RETRIES: "3" })).toEqual([
      expect.stringMatching(/^PROVIDER_TIMEOUT_MS: .*could take 240000 ms, past its 60000 ms processing lease/),
    ]);
    // Local providers make no remote calls: any timeout is harmless.
    expect(problemsOf({ PROVIDER_TIMEOUT_MS: "30000", PROVIDER_MAX_RETRIES: "3" })).toEqual([]);
  });
});
