import { badInput } from "@aiwf/platform";
import type { LlmRequest, LlmResponse, LlmUsage } from "./llm-provider";
import { costOf, type PriceTable } from "./pricing";
import { withRetry, type RetryOptions, type RetryPolicy } from "./retry";

/** What every remote provider shares: how hard to retry, how long to wait, what tokens cost. */
export interface RemoteProviderOptions {
  retry: RetryPolicy;
  /** Per attempt; a timeout is UPSTREAM_UNAVAILABLE (retryable). */
  timeoutMs: number;
  prices: PriceTable;
  sleep?: RetryOptions["sleep"];
  random?: RetryOptions["random"];
}

/** What one vendor call returns before cost and latency are added. */
export interface VendorAnswer {
  text: string;
  model: string;
  usage: LlmUsage;
}

/** Requests longer than this are refused before they cost anything. */
const MAX_PROMPT_CHARS = 1_000_000;

/**
 * The frame around a vendor call: validation, bounded retries (the SDKs' own retries are
 * off so there is one policy), cost from the price table, and latency of the attempt
 * that answered (time spent waiting between retries is not the model's latency).
 */
export async function completeRemotely(
  provider: string,
  request: LlmRequest,
  options: RemoteProviderOptions,
  attempt: (request: LlmRequest) => Promise<VendorAnswer>,
): Promise<LlmResponse> {
  if (!request.model.trim()) throw badInput("model", "A model is required");
  if (!request.prompt.trim()) throw badInput("prompt", "The prompt is empty");
  if (request.prompt.length > MAX_PROMPT_CHARS) throw badInput("prompt", `The prompt exceeds ${MAX_PROMPT_CHARS} characters`);
  if (request.maxTokens !== undefined && !(Number.isInteger(request.maxTokens) && request.maxTokens > 0)) {
    throw badInput("maxTokens", "maxTokens must be a positive integer");
  }
  let latencyMs = 0;
  const answer = await withRetry(
    async () => {
      const started = performance.now();
      const result = await attempt(request);
      latencyMs = Math.round(performance.now() - started);
      return result;
    },
    options.retry,
    { signal: request.signal, sleep: options.sleep, random: options.random },
  );
  return { ...answer, provider, costUsd: costOf(options.prices, answer.model, answer.usage), latencyMs };
}
