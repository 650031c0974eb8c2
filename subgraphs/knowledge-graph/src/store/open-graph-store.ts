import { join } from "node:path";
import type { GraphStore } from "../domain/graph-store";
import { DgraphGraphStore } from "./dgraph-graph-store";
import { EmbeddedGraphStore } from "./embedded-graph-store";

export interface GraphStoreSettings {
  DGRAPH_URL?: string;
  DATA_DIR: string;
}

/** Dgraph when DGRAPH_URL is set; otherwise the embedded store under DATA_DIR/knowledge-graph. */
export function openGraphStore(settings: GraphStoreSettings): Promise<GraphStore> {
  return settings.DGRAPH_URL
    ? DgraphGraphStore.connect(settings.DGRAPH_URL)
    : EmbeddedGraphStore.open({ dataDir: join(settings.DATA_DIR, "knowledge-graph") });
}
