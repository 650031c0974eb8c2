import { EMBEDDING_DIMENSIONS, type EmbeddingProvider } from "./embedding-provider";

// Very common English words carry no topic; leaving them out keeps vectors about content.
const STOP_WORDS = new Set(
  "a an and are as at be but by for from has have he her his i if in into is it its of on or our she so than that the their them then there these they this to was we were what when which who will with you your".split(" "),
);

/**
 * The local default: deterministic, no network, no model weights. Feature hashing of
 * word unigrams and bigrams plus character trigrams of each word (so "graphs" lands near
 * "graph"), each hashed (FNV-1a) to a dimension and a sign, log-scaled counts, then L2
 * normalised. Texts that share words and terms score high; it knows no synonyms.
 */
export class HashingEmbeddingProvider implements EmbeddingProvider {
  readonly name = "local-hashing-v1";
  readonly dimensions = EMBEDDING_DIMENSIONS;

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): number[] {
    const vector = new Float64Array(this.dimensions);
    const words = (text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
    // Per feature: its kind's weight and how often it occurs.
    const counts = new Map<string, { weight: number; count: number }>();
    const add = (feature: string, weight: number) => {
      const seen = counts.get(feature);
      if (seen) seen.count += 1;
      else counts.set(feature, { weight, count: 1 });
    };
    words.forEach((word, i) => {
      add(`w:${word}`, 1);
      if (i > 0) add(`b:${words[i - 1]} ${word}`, 0.7);
      const padded = `<${word}>`;
      for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25);
    });
    for (const [feature, { weight, count }] of counts) {
      const hash = fnv1a(feature);
      vector[hash % this.dimensions]! += (hash & 0x80000000 ? -1 : 1) * weight * (1 + Math.log(count));
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm);
    // An empty or all-stop-word text has no direction: a fixed unit vector keeps the column valid.
    if (norm === 0) return Array.from(vector, (_, i) => (i === 0 ? 1 : 0));
    return Array.from(vector, (value) => value / norm);
  }
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
