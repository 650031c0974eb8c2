import { byCostThenName, type ModelUsageRecord, type ModelUsageRecorder, type ModelUsageSummary, type UsagePeriod } from "../ai/usage-recorder";
import type { PrismaClient } from "./prisma-client";

/**
 * Model usage in the `model_usage` table: one row per completed call, summed by the
 * database. Cost is numeric(18,6), so sums over many calls are exact to a micro-dollar.
 */
export class PrismaModelUsageRecorder implements ModelUsageRecorder {
  constructor(private readonly prisma: PrismaClient) {}

  async record(usage: ModelUsageRecord): Promise<void> {
    await this.prisma.modelUsage.create({
      data: {
        tenantId: usage.tenantId,
        provider: usage.provider,
        model: usage.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costUsd: usage.costUsd,
        latencyMs: Math.round(usage.latencyMs),
        at: usage.at,
      },
    });
  }

  async summary(tenantId: string, period: UsagePeriod = {}): Promise<ModelUsageSummary[]> {
    const groups = await this.prisma.modelUsage.groupBy({
      by: ["provider", "model"],
      where: { tenantId, at: { gte: period.since, lt: period.until } },
      _count: { _all: true },
      _sum: { inputTokens: true, outputTokens: true, costUsd: true },
      _avg: { latencyMs: true },
    });
    return groups
      .map((group) => ({
        provider: group.provider,
        model: group.model,
        calls: group._count._all,
        inputTokens: group._sum.inputTokens ?? 0,
        outputTokens: group._sum.outputTokens ?? 0,
        costUsd: group._sum.costUsd?.toNumber() ?? 0,
        averageLatencyMs: Math.round(group._avg.latencyMs ?? 0),
      }))
      .sort(byCostThenName);
  }
}
