import { createLocalProvider } from "../../src/ai/local-provider";
import { createLlmProviders } from "../../src/ai/providers";
import { estimateTokens } from "../../src/ai/token-estimate";

describe("local provider", () => {
  const local = createLocalProvider();
  const request = { model: "local-echo", system: "Summarise.", prompt: "Document:\nThe quick brown fox\n\nSummarise: the fox", tenantId: "t1" };

  it("answers the same request with the same text, and different requests differently", async () => {
    const first = await local.complete(request);
    const again = await local.complete({ ...request, temperature: 0.9 });
    const other = await local.complete({ ...request, system: "Translate." });
    expect(again.text).toBe(first.text);
    expect(other.text).not.toBe(first.text);
    expect(first.text).toMatch(/^\[local:local-echo:[0-9a-f]{12}\] Summarise: the fox$/);
  });

  it("counts tokens by the four-characters rule, costs nothing, and names itself", async () => {
    const response = await local.complete(request);
    expect(response).toMatchObject({ provider: "local", model: "local-echo", costUsd: 0 });
    expect(response.usage.inputTokens).toBe(estimateTokens(request.system) + estimateTokens(request.prompt));
    expect(response.usage.outputTokens).toBe(estimateTokens(response.text));
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
    expect(estimateTokens("")).toBe(0);
  });

  it("stops at maxTokens instead of failing", async () => {
    const response = await local.complete({ ...request, prompt: "x".repeat(400), maxTokens: 5 });
    expect(response.usage.outputTokens).toBe(5);
    expect(response.text).toHaveLength(20);
  });

  it("refuses to start when the caller has already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(local.complete({ ...request, signal: controller.signal })).rejects.toThrow("cancelled");
  });
});

describe("provider registry", () => {
  it("serves local by default and refuses unconfigured providers with BAD_USER_INPUT", () => {
    const providers = createLlmProviders({});
    expect(providers.get(undefined).name).toBe("local");
    expect(providers.names()).toEqual(["local"]);
    expect(() => providers.get("openai")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", details: expect.objectContaining({ field: "provider" }) }));
  });

  it("lists configured remote providers after the default", () => {
    const providers = createLlmProviders({ openai: { apiKey: "k" }, bedrock: { region: "eu-west-1" } });
    expect(providers.names()).toEqual(["local", "openai", "bedrock"]);
  });

  it("validates a remote request before spending a call", async () => {
    const openai = createLlmProviders({ openai: { apiKey: "k", baseUrl: "http://127.0.0.1:9/v1" } }).get("openai");
    await expect(openai.complete({ model: "gpt-4o", prompt: "  ", tenantId: "t1" })).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { field: "prompt" } });
    await expect(openai.complete({ model: "", prompt: "hi", tenantId: "t1" })).rejects.toMatchObject({ details: { field: "model" } });
    await expect(openai.complete({ model: "gpt-4o", prompt: "hi", maxTokens: 0, tenantId: "t1" })).rejects.toMatchObject({ details: { field: "maxTokens" } });
  });
});
