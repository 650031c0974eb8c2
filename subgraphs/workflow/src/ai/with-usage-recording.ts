import type { LlmProvider, LlmProviders } from "./llm-provider";
import type { ModelUsageRecorder } from "./usage-recorder";

export interface UsageRecordingOptions {
  /** Injected clock, so recorded times are deterministic in tests. */
  now?: () => Date;
  /**
   * Told when recording fails. The completion has happened and been paid for: failing the
   * step now would make the executor call the model again, so the answer is returned.
   */
  onRecordError?: (error: unknown) => void;
}

/** Every successful completion through the returned providers is recorded for its tenant. */
export function withUsageRecording(providers: LlmProviders, recorder: ModelUsageRecorder, options: UsageRecordingOptions = {}): LlmProviders {
  const now = options.now ?? (() => new Date());
  const wrapped = new Map<string, LlmProvider>();
  const wrap = (provider: LlmProvider): LlmProvider => ({
    name: provider.name,
    async complete(request) {
      const response = await provider.complete(request);
      try {
        await recorder.record({
          tenantId: request.tenantId,
          provider: response.provider,
          model: response.model,
          inputTokens: response.usage.inputTokens,
          outputTokens: response.usage.outputTokens,
          costUsd: response.costUsd,
          latencyMs: response.latencyMs,
          at: now(),
        });
      } catch (error) {
        options.onRecordError?.(error);
      }
      return response;
    },
  });
  return {
    get(name) {
      const provider = providers.get(name);
      let decorated = wrapped.get(provider.name);
      if (!decorated) wrapped.set(provider.name, (decorated = wrap(provider)));
      return decorated;
    },
    names: () => providers.names(),
    close: () => providers.close?.() ?? Promise.resolve(),
  };
}
