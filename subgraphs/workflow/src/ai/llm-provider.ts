/**
 * One interface for every language model the executor's `llm` node can call. Providers
 * (local, OpenAI, Anthropic, Bedrock) differ only behind it, so the executor, usage
 * recording and tests never branch on a vendor.
 */
export interface LlmRequest {
  model: string;
  prompt: string;
  system?: string;
  maxTokens?: number;
  temperature?: number;
  /** Aborts the in-flight call and any pending retry (run cancellation, step timeout). */
  signal?: AbortSignal;
  /** Whose budget this call spends: usage is recorded per tenant. */
  tenantId: string;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmResponse {
  text: string;
  /** The model that answered, as the provider reports it (may be more specific than asked). */
  model: string;
  provider: string;
  usage: LlmUsage;
  costUsd: number;
  latencyMs: number;
}

export interface LlmProvider {
  readonly name: string;
  /** Releases the provider's connections; absent when it holds none. */
  close?(): Promise<void>;
  /**
   * Throws DomainError: RATE_LIMITED (details.retryAfterSeconds), UPSTREAM_UNAVAILABLE
   * (details.retryable = true) or BAD_USER_INPUT (field "model" or "prompt"), after the
   * provider's own bounded retries.
   */
  complete(request: LlmRequest): Promise<LlmResponse>;
}

export interface LlmProviders {
  /** `undefined` is the default provider ("local"); an unknown or unconfigured name is BAD_USER_INPUT. */
  get(name: string | undefined): LlmProvider;
  /** Names of the configured providers, default first. */
  names(): string[];
  /** Releases pooled connections (Bedrock keeps HTTP/2 sessions open); call on shutdown. */
  close?(): Promise<void>;
}

export const DEFAULT_PROVIDER = "local";
