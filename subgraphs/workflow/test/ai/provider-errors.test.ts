import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { classifyHttpFailure, parseRetryAfter } from "../../src/ai/provider-errors";
import { createLlmProviders } from "../../src/ai/providers";

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe("provider failures", () => {
  it("reads Retry-After as seconds, as an HTTP date, or from retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(headers({ "retry-after": "2.2" }), now)).toBe(3);
    expect(parseRetryAfter(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), now)).toBe(30);
    expect(parseRetryAfter(headers({ "retry-after-ms": "1500", "retry-after": "9" }), now)).toBe(2);
    expect(parseRetryAfter(headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("maps statuses onto the error vocabulary", () => {
    const codeOf = (status?: number) => classifyHttpFailure({ provider: "p", status, message: "m" });
    expect(codeOf(429)).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 1 } });
    expect(codeOf(500)).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryable: true } });
    expect(codeOf(undefined)).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryable: true } });
    expect(codeOf(401)).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryable: false } });
    expect(codeOf(422)).toMatchObject({ code: "BAD_USER_INPUT", details: { field: "request" } });
  });

  it("turns a server that never answers into UPSTREAM_UNAVAILABLE after the per-attempt timeout", async () => {
    const held: Array<() => void> = [];
    const silent = createServer((_req, res) => held.push(() => res.destroy()));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
    try {
      const openai = createLlmProviders({ openai: { apiKey: "k", baseUrl: url } }, { timeoutMs: 200, retry: { maxAttempts: 1 } }).get("openai");
      await expect(openai.complete({ model: "gpt-4o", prompt: "hi", tenantId: "t" })).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryable: true } });
      expect(held.length).toBeGreaterThan(0);
    } finally {
      held.forEach((release) => release());
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
