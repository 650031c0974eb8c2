import { HashingEmbeddingProvider } from "./hashing-embedding-provider";

const provider = new HashingEmbeddingProvider();
const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe("HashingEmbeddingProvider", () => {
  it("gives deterministic unit vectors of 384 dimensions", async () => {
    const [a, again] = await provider.embed(["Graph databases store nodes.", "Graph databases store nodes."]);
    expect(a).toHaveLength(384);
    expect(again).toEqual(a);
    expect(cosine(a!, a!)).toBeCloseTo(1, 10);
  });

  it("places texts about the same thing closer than texts about different things", async () => {
    const [query, related, unrelated] = await provider.embed([
      "how do graph databases store relationships",
      "A graph database stores relationships between nodes as edges.",
      "Bake the bread at 220 degrees until the crust is golden.",
    ]);
    expect(cosine(query!, related!)).toBeGreaterThan(0.3);
    expect(cosine(query!, related!)).toBeGreaterThan(cosine(query!, unrelated!) + 0.2);
  });

  it("gives text without words a valid unit vector", async () => {
    const [empty] = await provider.embed(["the of and"]);
    expect(cosine(empty!, empty!)).toBeCloseTo(1, 10);
  });
});
