import { describeWithService } from "@aiwf/platform/testkit";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DgraphGraphStore } from "../src/store/dgraph-graph-store";
import { EmbeddedGraphStore } from "../src/store/embedded-graph-store";
import { graphModelContract } from "./graph-model.contract";
import { graphStoreContract, type DurableBacking } from "./graph-store.contract";

async function folderBacking(): Promise<DurableBacking> {
  const dataDir = await mkdtemp(join(tmpdir(), "knowledge-graph-"));
  return {
    open: () => EmbeddedGraphStore.open({ dataDir, debounceMs: 5 }),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

describe("GraphStore contract [embedded, persisted to a folder]", () => {
  let backing: DurableBacking;
  graphStoreContract({
    open: async () => (backing = await folderBacking()).open(),
    durable: folderBacking,
  });
  // Declared after the contract's own afterAll, which closes (and flushes) the store first.
  afterAll(() => backing?.dispose());
});

describe("GraphStore contract [embedded, in memory]", () => {
  graphStoreContract({ open: () => EmbeddedGraphStore.open() });
  graphModelContract(() => EmbeddedGraphStore.open());
});

describeWithService("dgraph", "GraphStore contract", (url: string) => {
  graphStoreContract({
    open: () => DgraphGraphStore.connect(url),
    // Dgraph keeps the data; every test writes in its own tenants, so nothing to clean.
    durable: async () => ({ open: () => DgraphGraphStore.connect(url), dispose: async () => {} }),
  });
  graphModelContract(() => DgraphGraphStore.connect(url));
});
