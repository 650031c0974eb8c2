import type { Logger } from "@aiwf/platform";
import { badInput } from "@aiwf/platform";
import type { Concept } from "./concept";
import { computeGraphMetrics, type GraphMetricsSummary } from "./graph-metrics";
import type { GraphStore } from "./graph-store";
import { SerialQueue } from "./serial-queue";

export interface GraphMetricsOptions {
  /** How long after the last change a tenant's metrics are recomputed (bursts fold into one). */
  debounceMs: number;
  /** Concepts per store write of the results. */
  batchSize?: number;
  logger?: Logger;
}

export interface Community {
  community: number;
  size: number;
  /** Its most important concepts, most important first. */
  topConcepts: Concept[];
}

const byImportance = (a: Concept, b: Concept) => (b.importance ?? 0) - (a.importance ?? 0) || (a.normalizedName < b.normalizedName ? -1 : 1);

/**
 * Importance and communities of each tenant's graph: computed in this service (Dgraph has
 * neither algorithm) from the whole graph, written back in batches. Recomputations of one
 * tenant never overlap; changes schedule one, debounced per tenant.
 */
export class GraphMetricsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly runs = new SerialQueue();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly store: GraphStore,
    private readonly options: GraphMetricsOptions,
  ) {}

  recompute(tenantId: string): Promise<GraphMetricsSummary> {
    const run = this.runs.run(tenantId, async () => {
      const { metrics, summary } = computeGraphMetrics(await this.store.loadGraph(tenantId));
      const size = this.options.batchSize ?? 1_000;
      for (let start = 0; start < metrics.length; start += size) await this.store.writeMetrics(tenantId, metrics.slice(start, start + size));
      return summary;
    });
    this.running.add(run);
    void run.catch(() => undefined).finally(() => this.running.delete(run));
    return run;
  }

  /** After a change: recompute once the tenant has been quiet for debounceMs. */
  scheduleRecompute(tenantId: string): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(tenantId));
    const timer = setTimeout(() => {
      this.timers.delete(tenantId);
      this.recompute(tenantId).catch((error: unknown) => this.options.logger?.error({ err: error, tenantId }, "graph metrics recomputation failed"));
    }, this.options.debounceMs);
    timer.unref();
    this.timers.set(tenantId, timer);
  }

  /** Each community of the tenant with its size and top concepts, largest first. */
  async communities(tenantId: string, top: number): Promise<Community[]> {
    if (!Number.isInteger(top) || top < 1 || top > 100) throw badInput("top", "top must be an integer from 1 to 100");
    const { concepts } = await this.store.loadGraph(tenantId);
    const members = new Map<number, Concept[]>();
    for (const concept of concepts) {
      if (concept.community === null) continue;
      (members.get(concept.community) ?? members.set(concept.community, []).get(concept.community)!).push(concept);
    }
    return [...members.entries()]
      .sort(([a], [b]) => a - b)
      .map(([community, list]) => ({ community, size: list.length, topConcepts: list.sort(byImportance).slice(0, top) }));
  }

  /** Drops scheduled recomputations and waits for running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }
}
