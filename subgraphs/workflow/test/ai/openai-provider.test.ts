import { isDomainError } from "@aiwf/platform";
import { createLlmProviders } from "../../src/ai/providers";
import { FAST_RETRY, recordingSleep, startVendorServer, type VendorServer } from "./vendor-server";

const completion = (content: string) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
  usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
});

describe("OpenAI provider at the HTTP boundary", () => {
  let vendor: VendorServer;
  const clock = recordingSleep();
  const provider = () =>
    createLlmProviders({ openai: { apiKey: "sk-test", baseUrl: `${vendor.url}/v1` } }, { retry: FAST_RETRY, sleep: clock.sleep, random: () => 0 }).get("openai");

  beforeEach(async () => {
    clock.waits.length = 0;
    vendor = await startVendorServer(() => ({ status: 200, body: completion("Paris.") }));
  });
  afterEach(() => vendor.close());

  it("sends a Chat Completions request and maps the answer, usage and cost", async () => {
    const response = await provider().complete({ model: "gpt-4o-mini", system: "Be brief.", prompt: "Capital of France?", maxTokens: 50, temperature: 0.2, tenantId: "t1" });
    const [request] = vendor.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
      ],
      max_completion_tokens: 50,
      temperature: 0.2,
    });
    expect(response).toMatchObject({ text: "Paris.", provider: "openai", model: "gpt-4o-mini-2024-07-18", usage: { inputTokens: 1200, outputTokens: 300 } });
    // 1200 * $0.15/M + 300 * $0.60/M
    expect(response.costUsd).toBeCloseTo(0.00036, 8);
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    vendor.respondNext({ status: 429, headers: { "retry-after": "7" }, body: { error: { message: "Rate limit", type: "requests", code: "rate_limit_exceeded" } } });
    const response = await provider().complete({ model: "gpt-4o-mini", prompt: "hi", tenantId: "t1" });
    expect(response.text).toBe("Paris.");
    expect(vendor.requests).toHaveLength(2);
    expect(clock.waits).toEqual([7000]);
  });

  it("gives up on persistent 429 with RATE_LIMITED and the server's retryAfterSeconds", async () => {
    const limited = { status: 429, headers: { "retry-after": "3" }, body: { error: { message: "Rate limit" } } };
    vendor.respondNext(limited, limited, limited);
    const error = await provider().complete({ model: "gpt-4o-mini", prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(isDomainError(error) && error.code).toBe("RATE_LIMITED");
    expect(error.details.retryAfterSeconds).toBe(3);
    expect(vendor.requests).toHaveLength(FAST_RETRY.maxAttempts);
  });

  it("retries a 5xx and reports UPSTREAM_UNAVAILABLE when it persists", async () => {
    const down = { status: 503, body: { error: { message: "overloaded" } } };
    vendor.respondNext(down, down, down);
    const error = await provider().complete({ model: "gpt-4o-mini", prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(error.details.retryable).toBe(true);
    expect(vendor.requests).toHaveLength(3);
  });

  it("does not retry a 400, which is BAD_USER_INPUT", async () => {
    vendor.respondNext({ status: 400, body: { error: { message: "max_completion_tokens is too large", type: "invalid_request_error" } } });
    const error = await provider().complete({ model: "gpt-4o-mini", prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.details.field).toBe("request");
    expect(vendor.requests).toHaveLength(1);
  });

  it("reports an unreachable server as UPSTREAM_UNAVAILABLE", async () => {
    await vendor.close();
    const error = await provider().complete({ model: "gpt-4o-mini", prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    vendor = await startVendorServer(() => ({ status: 200, body: {} })); // for afterEach
  });
});
