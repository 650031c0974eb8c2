import OpenAI from "openai";
import type { LlmProvider } from "./llm-provider";
import { classifyHttpFailure, rethrowIfAborted } from "./provider-errors";
import { completeRemotely, type RemoteProviderOptions } from "./remote-completion";

export interface OpenAiConfig {
  apiKey: string;
  /** Any server speaking OpenAI's Chat Completions API (Azure, a proxy, a test server). */
  baseUrl?: string;
}

/** OpenAI's Chat Completions API through the official `openai` SDK. */
export function createOpenAiProvider(config: OpenAiConfig, options: RemoteProviderOptions): LlmProvider {
  const client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl, maxRetries: 0, timeout: options.timeoutMs });
  return {
    name: "openai",
    complete: (request) =>
      completeRemotely("openai", request, options, async ({ model, prompt, system, maxTokens, temperature, signal }) => {
        try {
          const completion = await client.chat.completions.create(
            {
              model,
              messages: [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user" as const, content: prompt }],
              ...(maxTokens !== undefined ? { max_completion_tokens: maxTokens } : {}),
              ...(temperature !== undefined ? { temperature } : {}),
            },
            { signal },
          );
          return {
            text: completion.choices[0]?.message.content ?? "",
            model: completion.model,
            usage: { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 },
          };
        } catch (error) {
          rethrowIfAborted(error, signal);
          throw classifyHttpFailure({
            provider: "openai",
            status: error instanceof OpenAI.APIError ? error.status : undefined,
            header: error instanceof OpenAI.APIError ? (name) => error.headers?.get(name) : undefined,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
  };
}
