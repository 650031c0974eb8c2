import Anthropic from "@anthropic-ai/sdk";
import type { LlmProvider } from "./llm-provider";
import { classifyHttpFailure, rethrowIfAborted } from "./provider-errors";
import { completeRemotely, type RemoteProviderOptions } from "./remote-completion";

export interface AnthropicConfig {
  apiKey: string;
  /** Any server speaking Anthropic's Messages API (a gateway, a test server). */
  baseUrl?: string;
}

/** The Messages API requires max_tokens; this is what a request without one gets. */
const DEFAULT_MAX_TOKENS = 1024;

/** Anthropic's Messages API through the official `@anthropic-ai/sdk`. */
export function createAnthropicProvider(config: AnthropicConfig, options: RemoteProviderOptions): LlmProvider {
  const client = new Anthropic({ apiKey: config.apiKey, baseURL: config.baseUrl, maxRetries: 0, timeout: options.timeoutMs });
  return {
    name: "anthropic",
    complete: (request) =>
      completeRemotely("anthropic", request, options, async ({ model, prompt, system, maxTokens, temperature, signal }) => {
        try {
          const message = await client.messages.create(
            {
              model,
              max_tokens: maxTokens ?? DEFAULT_MAX_TOKENS,
              messages: [{ role: "user", content: prompt }],
              ...(system ? { system } : {}),
              ...(temperature !== undefined ? { temperature } : {}),
            },
            { signal },
          );
          return {
            // A reply is a list of blocks; only text blocks make the answer.
            text: message.content.map((block) => (block.type === "text" ? block.text : "")).join(""),
            model: message.model,
            usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
          };
        } catch (error) {
          rethrowIfAborted(error, signal);
          throw classifyHttpFailure({
            provider: "anthropic",
            status: error instanceof Anthropic.APIError ? error.status : undefined,
            header: error instanceof Anthropic.APIError ? (name) => error.headers?.get(name) : undefined,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
  };
}
