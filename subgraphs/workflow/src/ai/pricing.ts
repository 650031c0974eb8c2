import type { LlmUsage } from "./llm-provider";

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * List prices of common models, matched by the longest prefix of the model id (so
 * dated snapshots such as `gpt-4o-mini-2024-07-18` price like their family). Prices
 * change: deployments pass their own table to createLlmProviders; a model in neither
 * is recorded at cost 0 rather than guessed.
 */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1": { input: 2, output: 8 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
  "claude-3-haiku": { input: 0.25, output: 1.25 },
  "claude-sonnet-4": { input: 3, output: 15 },
  "claude-3-7-sonnet": { input: 3, output: 15 },
  "claude-opus-4": { input: 15, output: 75 },
  "anthropic.claude-3-5-haiku": { input: 0.8, output: 4 },
  "anthropic.claude-3-haiku": { input: 0.25, output: 1.25 },
  "anthropic.claude-sonnet-4": { input: 3, output: 15 },
  "amazon.nova-micro": { input: 0.035, output: 0.14 },
  "amazon.nova-lite": { input: 0.06, output: 0.24 },
  "amazon.nova-pro": { input: 0.8, output: 3.2 },
};

export type PriceTable = Record<string, ModelPrice>;

export function priceOf(prices: PriceTable, model: string): ModelPrice | undefined {
  // Bedrock cross-region profiles prefix the model id with a geography ("us.", "eu.").
  const id = model.replace(/^(us|eu|apac|global)\./, "");
  let best: string | undefined;
  for (const prefix of Object.keys(prices)) {
    if (id.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : prices[best];
}

export function costOf(prices: PriceTable, model: string, usage: LlmUsage): number {
  const price = priceOf(prices, model);
  if (!price) return 0;
  // Rounded to a micro-dollar so sums in reports do not show float noise.
  return Math.round(((usage.inputTokens * price.input + usage.outputTokens * price.output) / 1e6) * 1e6) / 1e6;
}
