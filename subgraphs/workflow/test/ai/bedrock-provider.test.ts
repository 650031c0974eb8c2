import type { LlmProviders } from "../../src/ai/llm-provider";
import { createLlmProviders } from "../../src/ai/providers";
import { FAST_RETRY, recordingSleep, startVendorServer, type VendorServer } from "./vendor-server";

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

const converseOutput = (text: string) => ({
  output: { message: { role: "assistant", content: [{ text }] } },
  stopReason: "end_turn",
  usage: { inputTokens: 4000, outputTokens: 800, totalTokens: 4800 },
  metrics: { latencyMs: 321 },
});

/** Bedrock's REST-JSON errors name their type in a header; the SDK reads it from there. */
const awsError = (status: number, type: string, extra: Record<string, string> = {}) => ({
  status,
  headers: { "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...extra },
  body: { message: `${type} raised` },
});

describe("Bedrock provider (Converse API) at the HTTP boundary", () => {
  let vendor: VendorServer;
  const clock = recordingSleep();
  let providers: LlmProviders | undefined;
  const provider = () =>
    (providers = createLlmProviders(
      { bedrock: { region: "us-east-1", endpoint: vendor.url, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-example" } } },
      { retry: FAST_RETRY, sleep: clock.sleep, random: () => 0 },
    )).get("bedrock");

  beforeEach(async () => {
    clock.waits.length = 0;
    vendor = await startVendorServer(() => ({ status: 200, body: converseOutput("Hola.") }), { http2: true });
  });
  afterEach(async () => {
    await providers?.close?.();
    await vendor.close();
  });

  it("sends a SigV4-signed Converse request and maps the answer", async () => {
    const response = await provider().complete({ model: MODEL, system: "Spanish only.", prompt: "Greet me", maxTokens: 64, temperature: 0.5, tenantId: "t1" });
    const [request] = vendor.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe(`/model/${encodeURIComponent(MODEL)}/converse`);
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(request.headers["x-amz-date"]).toBeDefined();
    expect(request.body).toEqual({
      messages: [{ role: "user", content: [{ text: "Greet me" }] }],
      system: [{ text: "Spanish only." }],
      inferenceConfig: { maxTokens: 64, temperature: 0.5 },
    });
    expect(response).toMatchObject({ text: "Hola.", provider: "bedrock", model: MODEL, usage: { inputTokens: 4000, outputTokens: 800 } });
    // 4000 * $0.25/M + 800 * $1.25/M
    expect(response.costUsd).toBeCloseTo(0.002, 8);
  });

  it("honours Retry-After on ThrottlingException (429), then succeeds", async () => {
    vendor.respondNext(awsError(429, "ThrottlingException", { "retry-after": "5" }));
    const response = await provider().complete({ model: MODEL, prompt: "hi", tenantId: "t1" });
    expect(response.text).toBe("Hola.");
    expect(vendor.requests).toHaveLength(2);
    expect(clock.waits).toEqual([5000]);
  });

  it("reports persistent ServiceUnavailableException as UPSTREAM_UNAVAILABLE after bounded retries", async () => {
    const down = awsError(503, "ServiceUnavailableException");
    vendor.respondNext(down, down, down);
    const error = await provider().complete({ model: MODEL, prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(vendor.requests).toHaveLength(3);
  });

  it("maps ValidationException (400) to BAD_USER_INPUT without retrying", async () => {
    vendor.respondNext(awsError(400, "ValidationException"));
    const error = await provider().complete({ model: MODEL, prompt: "hi", tenantId: "t1" }).catch((e) => e);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(vendor.requests).toHaveLength(1);
  });
});
