import OpenAI from "openai";
import type { EmbeddingProvider } from "./embedding-provider";

export interface OpenAIEmbeddingOptions {
  apiKey: string;
  /** e.g. text-embedding-3-small; the text-embedding-3 models shorten their vectors to `dimensions` on request. */
  model: string;
  dimensions: number;
  /** Default: OpenAI's API; any server speaking its /v1/embeddings wire format otherwise. */
  baseURL?: string;
  timeoutMs?: number;
  /** Retries of 408/409/429/5xx and connection errors, waiting as Retry-After says (the SDK's policy). */
  maxRetries?: number;
  /** Texts per request (OpenAI accepts up to 2048; smaller batches keep requests small). */
  batchSize?: number;
}

/**
 * Embeddings from an OpenAI-compatible server through the official SDK. Every answer is
 * checked: one vector per text, each of exactly `dimensions` numbers (the vector column's
 * size), so a model that ignores `dimensions` fails the batch with a clear message
 * instead of writing vectors the index cannot compare.
 */
export class OpenAIEmbeddingProvider implements EmbeddingProvider {
  readonly name: string;
  readonly dimensions: number;
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly batchSize: number;

  constructor(options: OpenAIEmbeddingOptions) {
    this.name = `openai:${options.model}`;
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.batchSize = options.batchSize ?? 64;
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs ?? 30_000, maxRetries: options.maxRetries ?? 3 });
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.batchSize))));
    }
    return vectors;
  }

  private async embedBatch(texts: readonly string[]): Promise<number[][]> {
    const response = await this.client.embeddings.create({
      model: this.model,
      // The API refuses empty strings; a lone space embeds as "nothing in particular".
      input: texts.map((text) => (text.trim() === "" ? " " : text)),
      dimensions: this.dimensions,
      // Plain JSON numbers: the SDK's default (base64) is not spoken by every compatible server.
      encoding_format: "float",
    });
    if (response.data.length !== texts.length) {
      throw new Error(`the embedding service returned ${response.data.length} vectors for ${texts.length} texts`);
    }
    return [...response.data]
      .sort((a, b) => a.index - b.index)
      .map(({ embedding }) => {
        if (embedding.length !== this.dimensions) {
          throw new Error(
            `the embedding model ${this.model} returned ${embedding.length} dimensions; the store holds ${this.dimensions} (choose a model that supports \`dimensions\`, or migrate the vector column)`,
          );
        }
        return unit(embedding);
      });
  }
}

/** Cosine search assumes unit vectors; compatible servers do not all normalise. */
function unit(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return norm === 0 ? vector : vector.map((x) => x / norm);
}
