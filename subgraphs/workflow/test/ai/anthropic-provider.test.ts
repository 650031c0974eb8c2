import { createLlmProviders } from "../../src/ai/providers";
import { FAST_RETRY, recordingSleep, startVendorServer, type VendorServer } from "./vendor-server";

const message = (text: string) => ({
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: "claude-3-5-haiku-20241022",
  content: [{ type: "text", text }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 2000, output_tokens: 500 },
});

const anthropicError = (type: string, text: string) => ({ type: "error", error: { type, message: text } });

describe("Anthropic provider at the HTTP boundary", () => {
  let vendor: VendorServer;
  const clock = recordingSleep();
  const provider = () =>
    createLlmProviders({ anthropic: { apiKey: "sk-ant-test", baseUrl: vendor.url } }, { retry: FAST_RETRY, sleep: clock.sleep, random: () => 0 }).get("anthropic");

  beforeEach(async () => {
    clock.waits.length = 0;
    vendor = await startVendorServer(() => ({ status: 200, body: message("Bonjour.") }));
  });
  afterEach(() => vendor.close());

  it("sends a Messages request with the API key and an API version header", async () => {
    const response = await provider().complete({ model: "claude-3-5-haiku-latest", system: "French only.", prompt: "Say hello", temperature: 0, tenantId: "t1" });
    const [request] = vendor.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/messages");
    // SDK 1.x sends the key as a bearer token (0.x sent x-api-key) and pins a dated API version.
    expect(request.headers.authorization).toBe("Bearer sk-ant-test");
    expect(request.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request.body).toEqual({
      model: "claude-3-5-haiku-latest",
      max_tokens: 1024, // required by the API: the default fills it in
      system: "French only.",
      messages: [{ role: "user", content: "Say hello" }],
      temperature: 0,
    });
    expect(response).toMatchObject({ text: "Bonjour.", provider: "anthropic", model: "claude-3-5-haiku-20241022", usage: { inputTokens: 2000, outputTokens: 500 } });
    // 2000 * $0.80/M + 500 * $4/M
    expect(response.costUsd).toBeCloseTo(0.0036, 8);
  });

  it("honours retry-after on 429 (rate_limit_error), then succeeds", async () => {
    vendor.respondNext({ status: 429, headers: { "retry-after": "12" }, body: anthropicError("rate_limit_error", "slow down") });
    const response = await provider().complete({ model: "claude-3-5-haiku-latest", prompt: "hi", tenantId: "t1" });
    expect(response.text).toBe("Bonjour.");
    expect(clock.waits).toEqual([12_000]);
  });

  it("returns RATE_LIMITED at once when Retry-After exceeds what the policy waits in-process", async () => {
    vendor.respondNext({ status: 429, headers: { "retry-after": "600" }, body: anthropicError("rate_limit_error", "slow down") });
    const error = await provider().complete({ model: "claude-3-5-haiku-latest", prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details.retryAfterSeconds).toBe(600);
    expect(vendor.requests).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it("treats 529 overloaded_error as UPSTREAM_UNAVAILABLE and retries it", async () => {
    vendor.respondNext({ status: 529, body: anthropicError("overloaded_error", "Overloaded") });
    const response = await provider().complete({ model: "claude-3-5-haiku-latest", prompt: "hi", tenantId: "t1" });
    expect(response.text).toBe("Bonjour.");
    expect(vendor.requests).toHaveLength(2);
    expect(clock.waits).toHaveLength(1);
  });

  it("maps 404 not_found_error to BAD_USER_INPUT on the model", async () => {
    vendor.respondNext({ status: 404, body: anthropicError("not_found_error", "model: claude-9") });
    const error = await provider().complete({ model: "claude-9", prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.details.field).toBe("model");
    expect(vendor.requests).toHaveLength(1);
  });

  it("stops retrying when the caller aborts, with the abort reason", async () => {
    const controller = new AbortController();
    vendor.respondNext({ status: 503, body: anthropicError("api_error", "down") });
    const sleeping = createLlmProviders(
      { anthropic: { apiKey: "k", baseUrl: vendor.url } },
      { retry: FAST_RETRY, random: () => 0, sleep: async () => controller.abort(new Error("run cancelled")) },
    ).get("anthropic");
    await expect(sleeping.complete({ model: "claude-3-5-haiku-latest", prompt: "hi", tenantId: "t1", signal: controller.signal })).rejects.toThrow("run cancelled");
    expect(vendor.requests).toHaveLength(1);
  });
});
