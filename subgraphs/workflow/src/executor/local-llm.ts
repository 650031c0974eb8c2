import { badInput } from "@aiwf/platform";
import { DEFAULT_PROVIDER, type LlmProviders } from "../ai/llm-provider";
import { createLocalProvider } from "../ai/local-provider";

/** The app's default registry: only the deterministic local provider (no network, no keys). */
export function localLlmProviders(): LlmProviders {
  const local = createLocalProvider();
  return {
    get(name) {
      if (name === undefined || name === DEFAULT_PROVIDER) return local;
      throw badInput("provider", `Unknown or unconfigured LLM provider "${name}"; available: ${DEFAULT_PROVIDER}`);
    },
    names: () => [DEFAULT_PROVIDER],
  };
}
