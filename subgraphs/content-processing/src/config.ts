import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";
import { z } from "zod";
import { EMBEDDING_DIMENSIONS } from "./embedding/embedding-provider";
import { PROCESSING_LEASE_MS } from "./processing/processing-worker";
import { DEFAULT_EF_SEARCH } from "./store/prisma-search-index";

/** An empty variable counts as unset, as shells and compose files often leave them. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const contentConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(8082),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** Embedded stores' folder; the content database lives in DATA_DIR/content. */
    DATA_DIR: z.string().min(1).default(".data"),
    /** A Postgres server with pgvector. Absent: embedded PGlite with pgvector under DATA_DIR/content. */
    DATABASE_URL: optional(env.postgresUrl()),
    /** Chunks are packed toward this many characters and never pass it. */
    CHUNK_TARGET_CHARS: z.coerce.number().int().min(200).max(20_000).default(2000),
    /** Characters of a chunk's end (whole sentences) repeated at the start of the next chunk of its section; 0 for none. */
    CHUNK_OVERLAP_CHARS: z.coerce.number().int().min(0).max(10_000).default(240),
    /**
     * HNSW candidates per semantic search in the database (pgvector's hnsw.ef_search, at most 1000): higher
     * finds more of the true nearest chunks, slower. bench/content/search.bench.ts measures both.
     */
    SEARCH_EF_SEARCH: z.coerce.number().int().min(10).max(1000).default(DEFAULT_EF_SEARCH),
    /**
     * Where semantic search looks first. `memory`: an in-memory vector index per tenant
     * (loaded at start, kept current through the chunk change log), whose candidates the
     * database re-ranks. `database`: pgvector's HNSW index alone, nothing held in memory.
     */
    SEMANTIC_INDEX: z.enum(["memory", "database"]).default("memory"),
    /**
     * Chunks the in-memory index holds, all tenants together (about 80 MB per 100,000):
     * past it the least recently searched tenants are let go, and their searches go to the database.
     */
    SEMANTIC_INDEX_MAX_CHUNKS: z.coerce.number().int().min(1000).default(1_000_000),
    /** `local`: deterministic feature hashing, no network. `openai`: any server speaking OpenAI's /v1/embeddings. */
    EMBEDDING_PROVIDER: z.enum(["local", "openai"]).default("local"),
    EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
    /** Sent as `dimensions` and checked against every answer: must equal the vector column's size. */
    EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().default(EMBEDDING_DIMENSIONS),
    EMBEDDING_API_KEY: optional(z.string().min(1)),
    /** Default: OpenAI's API. Any OpenAI-compatible server (vLLM, Ollama, LiteLLM...) by its /v1 URL. */
    EMBEDDING_BASE_URL: optional(env.url(["http", "https"])),
    /** `none`: the extractive summary. `openai`: a chat model writes it (falling back to extractive when it fails). */
    SUMMARY_PROVIDER: z.enum(["none", "openai"]).default("none"),
    SUMMARY_MODEL: z.string().min(1).default("gpt-4o-mini"),
    SUMMARY_API_KEY: optional(z.string().min(1)),
    SUMMARY_BASE_URL: optional(env.url(["http", "https"])),
    /** Per request to a remote provider, before the SDK's retries. */
    PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** Retries of a remote provider's 408/409/429/5xx and connection errors (Retry-After honoured). */
    PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
  })
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && !config.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "must be set in production (the embedded PGlite database is for development)" });
    }
    if (config.CHUNK_OVERLAP_CHARS > config.CHUNK_TARGET_CHARS / 2) {
      ctx.addIssue({ code: "custom", path: ["CHUNK_OVERLAP_CHARS"], message: "must be at most half of CHUNK_TARGET_CHARS (10-15% is typical)" });
    }
    if (config.EMBEDDING_DIMENSIONS !== EMBEDDING_DIMENSIONS) {
      ctx.addIssue({
        code: "custom",
        path: ["EMBEDDING_DIMENSIONS"],
        message: `must be ${EMBEDDING_DIMENSIONS}, the size of the document_chunks.embedding column; another size needs a migration of that column and its HNSW index`,
      });
    }
    if (config.EMBEDDING_PROVIDER === "openai" && !config.EMBEDDING_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["EMBEDDING_API_KEY"], message: "must be set when EMBEDDING_PROVIDER is openai" });
    }
    if (config.SUMMARY_PROVIDER === "openai" && !config.SUMMARY_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["SUMMARY_API_KEY"], message: "must be set when SUMMARY_PROVIDER is openai" });
    }
    // A document's remote calls must end inside its processing lease, or another worker takes
    // the job over and the slow worker's result is dropped: work done twice, paid twice.
    const remoteProviders = Number(config.EMBEDDING_PROVIDER === "openai") + Number(config.SUMMARY_PROVIDER === "openai");
    const worstCaseMs = remoteProviders * config.PROVIDER_TIMEOUT_MS * (config.PROVIDER_MAX_RETRIES + 1);
    if (worstCaseMs >= PROCESSING_LEASE_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["PROVIDER_TIMEOUT_MS"],
        message: `with PROVIDER_MAX_RETRIES=${config.PROVIDER_MAX_RETRIES} and ${remoteProviders} remote provider(s), one document's provider calls could take ${worstCaseMs} ms, past its ${PROCESSING_LEASE_MS} ms processing lease; lower PROVIDER_TIMEOUT_MS or PROVIDER_MAX_RETRIES`,
      });
    }
  });

export type ContentConfig = z.infer<typeof contentConfigSchema>;
