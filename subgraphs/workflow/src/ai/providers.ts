import { badInput } from "@aiwf/platform";
import { createAnthropicProvider, type AnthropicConfig } from "./anthropic-provider";
import { createBedrockProvider, type BedrockConfig } from "./bedrock-provider";
import { DEFAULT_PROVIDER, type LlmProvider, type LlmProviders } from "./llm-provider";
import { createLocalProvider } from "./local-provider";
import { createOpenAiProvider, type OpenAiConfig } from "./openai-provider";
import { DEFAULT_PRICES } from "./pricing";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import type { RemoteProviderOptions } from "./remote-completion";

export interface LlmProvidersConfig {
  openai?: OpenAiConfig;
  anthropic?: AnthropicConfig;
  bedrock?: BedrockConfig;
}

export interface LlmProvidersOptions extends Partial<Omit<RemoteProviderOptions, "retry">> {
  retry?: Partial<RetryPolicy>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The providers a deployment has: "local" always (the default, no network), and each
 * remote provider whose configuration is present. Unconfigured providers are absent
 * rather than failing at call time with a confusing credential error.
 */
export function createLlmProviders(config: LlmProvidersConfig, options: LlmProvidersOptions = {}): LlmProviders {
  const remote: RemoteProviderOptions = {
    ...options,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    prices: options.prices ?? DEFAULT_PRICES,
  };
  const providers = new Map<string, LlmProvider>([[DEFAULT_PROVIDER, createLocalProvider()]]);
  if (config.openai) providers.set("openai", createOpenAiProvider(config.openai, remote));
  if (config.anthropic) providers.set("anthropic", createAnthropicProvider(config.anthropic, remote));
  if (config.bedrock) providers.set("bedrock", createBedrockProvider(config.bedrock, remote));
  return providersOf(providers);
}

/** An LlmProviders over a fixed set; also how wrappers (usage recording) rebuild one. */
export function providersOf(providers: Map<string, LlmProvider>): LlmProviders {
  return {
    get(name) {
      const provider = providers.get(name ?? DEFAULT_PROVIDER);
      if (!provider) {
        throw badInput("provider", `Unknown or unconfigured LLM provider "${name}"; available: ${[...providers.keys()].join(", ")}`);
      }
      return provider;
    },
    names: () => [...providers.keys()],
    close: async () => {
      await Promise.all([...providers.values()].map((provider) => provider.close?.()));
    },
  };
}
