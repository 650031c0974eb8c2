import { Index, MetricKind, ScalarKind } from "usearch";
import type { VectorIndex } from "../domain/chunk-vectors";

export interface UsearchOptions {
  dimensions: number;
  /**
   * Candidates examined per query (HNSW's ef): the recall/latency knob. Over 100,000 chunks
   * of the local embedder, with the store re-ranking 20 candidates, the whole search found
   * 94-96% of the exact top 10 at 512, 95-96% at 640 and 96-97% at 768, at p50 3.4-4.8 ms
   * on PGlite and a server alike (bench/content/search.bench.ts).
   */
  expansionSearch?: number;
}

export const DEFAULT_EXPANSION_SEARCH = 768;

/**
 * USearch's HNSW (native, SIMD) over 8-bit quantized vectors: a quarter of float32's memory
 * and twice as fast to build and search; the store re-ranks its candidates exactly, which
 * makes up the quantization's loss of recall.
 */
export class UsearchVectorIndex implements VectorIndex {
  private readonly index: Index;

  constructor(options: UsearchOptions) {
    this.index = new Index({
      dimensions: options.dimensions,
      metric: MetricKind.Cos,
      quantization: ScalarKind.I8,
      connectivity: 16,
      expansion_add: 128,
      expansion_search: options.expansionSearch ?? DEFAULT_EXPANSION_SEARCH,
      multi: false,
    });
  }

  get size(): number {
    return this.index.size();
  }

  add(keys: readonly number[], vectors: Float32Array): void {
    // One thread: USearch's concurrent add can leave nodes no search reaches
    // (unum-cloud/USearch#735). Here a quarter of parallel builds of 300 chunks lost one.
    this.index.add(BigUint64Array.from(keys, BigInt), vectors, 1);
  }

  remove(keys: readonly number[]): void {
    this.index.remove(BigUint64Array.from(keys, BigInt));
  }

  nearest(vector: Float32Array, count: number): number[] {
    if (this.index.size() === 0) return [];
    return Array.from(this.index.search(vector, count, 1).keys, Number);
  }
}
