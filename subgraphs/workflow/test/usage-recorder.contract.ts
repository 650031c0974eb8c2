import { randomUUID } from "node:crypto";
import type { ModelUsageRecord, ModelUsageRecorder } from "../src/ai/usage-recorder";

export interface UsageRecorderFixture {
  recorder: ModelUsageRecorder;
  close(): Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

/**
 * What every ModelUsageRecorder must do. Each test records under fresh tenants, so suites
 * may share a database.
 */
export function usageRecorderContract(open: () => Promise<UsageRecorderFixture>): void {
  let fixture: UsageRecorderFixture;
  let tenant: string;
  const call = (change: Partial<ModelUsageRecord>): ModelUsageRecord => ({
    tenantId: tenant, provider: "openai", model: "gpt-4o-mini", inputTokens: 100, outputTokens: 50, costUsd: 0.000045, latencyMs: 100, at: at(0), ...change,
  });

  beforeAll(async () => {
    fixture = await open();
  });
  afterAll(() => fixture?.close());
  beforeEach(() => {
    tenant = `tenant-${randomUUID()}`;
  });

  it("sums calls, tokens and cost per provider and model, largest cost first, with the mean latency", async () => {
    const { recorder } = fixture;
    await recorder.record(call({ latencyMs: 100 }));
    await recorder.record(call({ latencyMs: 201, inputTokens: 300, outputTokens: 10, costUsd: 0.000051 }));
    await recorder.record(call({ provider: "anthropic", model: "claude-sonnet-4", inputTokens: 1000, outputTokens: 1000, costUsd: 0.018, latencyMs: 900 }));
    await recorder.record(call({ provider: "local", model: "echo", costUsd: 0, latencyMs: 1 }));

    expect(await recorder.summary(tenant)).toEqual([
      { provider: "anthropic", model: "claude-sonnet-4", calls: 1, inputTokens: 1000, outputTokens: 1000, costUsd: 0.018, averageLatencyMs: 900 },
      // 0.000045 + 0.000051: exact to the micro-dollar, no float noise.
      { provider: "openai", model: "gpt-4o-mini", calls: 2, inputTokens: 400, outputTokens: 60, costUsd: 0.000096, averageLatencyMs: 151 },
      { provider: "local", model: "echo", calls: 1, inputTokens: 100, outputTokens: 50, costUsd: 0, averageLatencyMs: 1 },
    ]);
  });

  it("shows a tenant only its own calls", async () => {
    const { recorder } = fixture;
    const other = `tenant-${randomUUID()}`;
    await recorder.record(call({}));
    await recorder.record(call({ tenantId: other, model: "gpt-4.1" }));
    expect((await recorder.summary(tenant)).map((row) => row.model)).toEqual(["gpt-4o-mini"]);
    expect((await recorder.summary(other)).map((row) => row.model)).toEqual(["gpt-4.1"]);
    expect(await recorder.summary(`tenant-${randomUUID()}`)).toEqual([]);
  });

  it("counts calls from `since` (inclusive) up to `until` (exclusive)", async () => {
    const { recorder } = fixture;
    for (const minute of [1, 2, 3, 4]) await recorder.record(call({ at: at(minute), inputTokens: minute }));
    const tokens = async (period: { since?: Date; until?: Date }) => (await recorder.summary(tenant, period))[0]?.inputTokens ?? 0;
    expect(await tokens({ since: at(2) })).toBe(2 + 3 + 4);
    expect(await tokens({ until: at(3) })).toBe(1 + 2);
    expect(await tokens({ since: at(2), until: at(4) })).toBe(2 + 3);
    expect(await tokens({ since: at(5) })).toBe(0);
  });
}
