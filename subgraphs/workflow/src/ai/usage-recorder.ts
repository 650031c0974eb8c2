/** One completed model call, as billed to a tenant. */
export interface ModelUsageRecord {
  tenantId: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  at: Date;
}

/** Usage of one provider+model by one tenant over a period. */
export interface ModelUsageSummary {
  provider: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Mean latency of the calls, rounded to a millisecond. */
  averageLatencyMs: number;
}

/** A period of calls: `since` inclusive, `until` exclusive; either end may be open. */
export interface UsagePeriod {
  since?: Date;
  until?: Date;
}

/**
 * Where model usage goes, per tenant. The in-memory recorder serves tests; the Postgres one
 * (`store/prisma-usage-recorder.ts`, the `model_usage` table) is what the app wires in.
 */
export interface ModelUsageRecorder {
  record(usage: ModelUsageRecord): Promise<void>;
  /** Grouped by provider+model, largest cost first; only this tenant's calls. */
  summary(tenantId: string, period?: UsagePeriod): Promise<ModelUsageSummary[]>;
}

/** Summaries in the port's order: largest cost first, then provider and model. */
export function byCostThenName(a: ModelUsageSummary, b: ModelUsageSummary): number {
  return b.costUsd - a.costUsd || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model);
}

export function createInMemoryUsageRecorder(): ModelUsageRecorder {
  // Keyed by tenant so a summary never scans, or leaks, another tenant's rows.
  const byTenant = new Map<string, ModelUsageRecord[]>();
  return {
    async record(usage) {
      const rows = byTenant.get(usage.tenantId) ?? [];
      rows.push({ ...usage });
      byTenant.set(usage.tenantId, rows);
    },
    async summary(tenantId, options = {}) {
      const groups = new Map<string, ModelUsageSummary & { latencyTotal: number }>();
      for (const row of byTenant.get(tenantId) ?? []) {
        if (options.since && row.at < options.since) continue;
        if (options.until && row.at >= options.until) continue;
        const key = `${row.provider}\u0000${row.model}`;
        const group = groups.get(key) ?? {
          provider: row.provider,
          model: row.model,
          calls: 0,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          averageLatencyMs: 0,
          latencyTotal: 0,
        };
        group.calls += 1;
        group.inputTokens += row.inputTokens;
        group.outputTokens += row.outputTokens;
        group.costUsd += row.costUsd;
        group.latencyTotal += row.latencyMs;
        groups.set(key, group);
      }
      return [...groups.values()]
        .map(({ latencyTotal, ...group }) => ({
          ...group,
          costUsd: Math.round(group.costUsd * 1e6) / 1e6,
          averageLatencyMs: Math.round(latencyTotal / group.calls),
        }))
        .sort(byCostThenName);
    },
  };
}
