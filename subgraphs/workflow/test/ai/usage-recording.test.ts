import { createLlmProviders } from "../../src/ai/providers";
import { createInMemoryUsageRecorder } from "../../src/ai/usage-recorder";
import { withUsageRecording } from "../../src/ai/with-usage-recording";
import { startVendorServer } from "./vendor-server";

describe("model usage recording", () => {
  it("records every completion per tenant and summarises by provider and model", async () => {
    const vendor = await startVendorServer(() => ({
      status: 200,
      body: { id: "c", object: "chat.completion", created: 0, model: "gpt-4o-mini", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }], usage: { prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000 } },
    }));
    try {
      const recorder = createInMemoryUsageRecorder();
      let clock = Date.parse("2026-01-01T00:00:00Z");
      const providers = withUsageRecording(createLlmProviders({ openai: { apiKey: "k", baseUrl: `${vendor.url}/v1` } }), recorder, { now: () => new Date((clock += 60_000)) });
      await providers.get("openai").complete({ model: "gpt-4o-mini", prompt: "a", tenantId: "acme" });
      await providers.get("openai").complete({ model: "gpt-4o-mini", prompt: "b", tenantId: "acme" });
      await providers.get(undefined).complete({ model: "echo", prompt: "12345678", tenantId: "acme" });
      await providers.get(undefined).complete({ model: "echo", prompt: "other tenant", tenantId: "globex" });

      const summary = await recorder.summary("acme");
      expect(summary).toEqual([
        { provider: "openai", model: "gpt-4o-mini", calls: 2, inputTokens: 2000, outputTokens: 2000, costUsd: 0.0015, averageLatencyMs: expect.any(Number) },
        { provider: "local", model: "echo", calls: 1, inputTokens: 2, outputTokens: expect.any(Number), costUsd: 0, averageLatencyMs: expect.any(Number) },
      ]);
      expect(await recorder.summary("globex")).toEqual([expect.objectContaining({ provider: "local", calls: 1 })]);
      expect(await recorder.summary("nobody")).toEqual([]);
      // Only the calls after the second minute: the local one at minute 3.
      expect(await recorder.summary("acme", { since: new Date("2026-01-01T00:02:30Z") })).toEqual([expect.objectContaining({ provider: "local", calls: 1 })]);
    } finally {
      await vendor.close();
    }
  });

  it("records nothing for a failed call, and a broken recorder does not fail a paid completion", async () => {
    const seen: unknown[] = [];
    const broken = { record: async () => Promise.reject(new Error("disk full")), summary: async () => [] };
    const providers = withUsageRecording(createLlmProviders({}), broken, { onRecordError: (e) => seen.push(e) });
    await expect(providers.get("local").complete({ model: "m", prompt: "p", tenantId: "t" })).resolves.toMatchObject({ provider: "local" });
    expect(seen).toHaveLength(1);

    const recorder = createInMemoryUsageRecorder();
    const recorded = withUsageRecording(createLlmProviders({}), recorder);
    await expect(recorded.get("local").complete({ model: "m", prompt: "p", tenantId: "t", signal: AbortSignal.abort() })).rejects.toBeDefined();
    expect(await recorder.summary("t")).toEqual([]);
  });
});
