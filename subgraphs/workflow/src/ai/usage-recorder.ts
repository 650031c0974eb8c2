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

/**
 * Where model usage goes, per tenant. The in-memory recorder serves embedded mode and
 * tests; a Postgres one (a `ModelUsage` table) implements the same port.
 */
export interface ModelUsageRecorder {
  record(usage: ModelUsageRecord): Promise<void>;
  /** Grouped by provider+model, largest cost first; only this tenant's calls. */
  summary(tenantId: string, options?: { since?: Date }): Promise<ModelUsageSummary[]>;
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
        .sort((a, b) => b.costUsd - a.costUsd || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
    },
  };
}
