import type { SemanticIndexKind } from "./app";
import type { ContentConfig } from "./config";
import { type ChunkingOptions, checkChunkingOptions } from "./domain/chunk-document";
import type { EmbeddingProvider } from "./embedding/embedding-provider";
import { HashingEmbeddingProvider } from "./embedding/hashing-embedding-provider";
import { OpenAIEmbeddingProvider } from "./embedding/openai-embedding-provider";
import { OpenAISummariser } from "./summary/openai-summariser";
import type { Summariser } from "./summary/summariser";

export interface ContentProviders {
  embeddings: EmbeddingProvider;
  /** Absent: summaries are extractive. */
  summariser?: Summariser;
  chunking: ChunkingOptions;
  efSearch: number;
  semanticIndex: SemanticIndexKind;
  semanticIndexMaxChunks: number;
}

/** The embedding provider, summariser, chunking and search setting the configuration selects (checked by contentConfigSchema). */
export function contentProviders(config: ContentConfig): ContentProviders {
  const remote = { timeoutMs: config.PROVIDER_TIMEOUT_MS, maxRetries: config.PROVIDER_MAX_RETRIES };
  const embeddings =
    config.EMBEDDING_PROVIDER === "openai"
      ? new OpenAIEmbeddingProvider({
          apiKey: config.EMBEDDING_API_KEY!,
          model: config.EMBEDDING_MODEL,
          dimensions: config.EMBEDDING_DIMENSIONS,
          baseURL: config.EMBEDDING_BASE_URL,
          ...remote,
        })
      : new HashingEmbeddingProvider();
  const summariser =
    config.SUMMARY_PROVIDER === "openai"
      ? new OpenAISummariser({ apiKey: config.SUMMARY_API_KEY!, model: config.SUMMARY_MODEL, baseURL: config.SUMMARY_BASE_URL, ...remote })
      : undefined;
  const chunking = checkChunkingOptions({ targetChars: config.CHUNK_TARGET_CHARS, overlapChars: config.CHUNK_OVERLAP_CHARS });
  return { embeddings, summariser, chunking, efSearch: config.SEARCH_EF_SEARCH, semanticIndex: config.SEMANTIC_INDEX, semanticIndexMaxChunks: config.SEMANTIC_INDEX_MAX_CHUNKS };
}
