/**
 * Turns texts into vectors whose cosine similarity tracks similarity of meaning. The
 * store's column is vector(384): a provider of another size needs a migration.
 */
export interface EmbeddingProvider {
  /** Recorded for operators; changing providers means re-embedding (reprocessDocument). */
  readonly name: string;
  readonly dimensions: number;
  /** One vector per text, in order, each of length `dimensions` and unit length. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

export const EMBEDDING_DIMENSIONS = 384;
