export * from "./llm-provider";
export { createLocalProvider } from "./local-provider";
export { createLlmProviders, providersOf, type LlmProvidersConfig, type LlmProvidersOptions } from "./providers";
export { withUsageRecording, type UsageRecordingOptions } from "./with-usage-recording";
export * from "./usage-recorder";
export { withRetry, isRetryable, abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryOptions } from "./retry";
export { DEFAULT_PRICES, type PriceTable, type ModelPrice } from "./pricing";
export { estimateTokens } from "./token-estimate";
