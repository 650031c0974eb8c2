import { testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";

const MODEL_USAGE = `query ($since: DateTimeISO, $until: DateTimeISO) {
  modelUsage(since: $since, until: $until) { provider model calls inputTokens outputTokens costUsd averageLatencyMs } }`;

describe("modelUsage: what a tenant's llm steps cost", () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it("shows the llm calls of a tenant's runs to that tenant only, per provider and model", async () => {
    const acme = testIdentity();
    const globex = testIdentity();
    const before = new Date();
    const workflowId = await activeWorkflow(app, acme, {
      nodes: [
        { id: "draft", type: "llm", config: { prompt: "Draft a reply to {{ input.name }}", model: "local-small" } },
        { id: "review", type: "llm", config: { prompt: "Review: {{ steps.draft.text }}", model: "local-small" } },
      ],
      edges: [{ from: "draft", to: "review" }],
    });
    for (const name of ["Ada", "Grace"]) {
      const run = await startRun(app, acme, workflowId, { name });
      expect((await waitForRun(app, acme, run.id, isStatus("SUCCEEDED", "FAILED"))).status).toBe("SUCCEEDED");
    }

    const { data, errors } = await app.call(MODEL_USAGE, {}, acme);
    expect(errors).toBeUndefined();
    expect(data.modelUsage).toEqual([
      { provider: "local", model: "local-small", calls: 4, inputTokens: expect.any(Number), outputTokens: expect.any(Number), costUsd: 0, averageLatencyMs: expect.any(Number) },
    ]);
    expect(data.modelUsage[0].inputTokens).toBeGreaterThan(0);
    expect((await app.call(MODEL_USAGE, { since: before.toISOString() }, acme)).data.modelUsage[0].calls).toBe(4);
    expect((await app.call(MODEL_USAGE, { until: before.toISOString() }, acme)).data.modelUsage).toEqual([]);

    const other = await app.call(MODEL_USAGE, {}, globex);
    expect(other.errors).toBeUndefined();
    expect(other.data.modelUsage).toEqual([]);
  });

  it("refuses a period that ends before it starts, naming the field", async () => {
    const { errors } = await app.call(MODEL_USAGE, { since: "2026-02-01T00:00:00Z", until: "2026-01-01T00:00:00Z" }, testIdentity());
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "until" });
  });
});
