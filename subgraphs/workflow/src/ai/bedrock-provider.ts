import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import type { LlmProvider } from "./llm-provider";
import { classifyHttpFailure, rethrowIfAborted } from "./provider-errors";
import { completeRemotely, type RemoteProviderOptions } from "./remote-completion";

export interface BedrockConfig {
  region: string;
  /** Absent: the AWS default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A VPC endpoint, a proxy or a test server instead of bedrock-runtime.<region>.amazonaws.com. */
  endpoint?: string;
}

/** What the smithy clients attach to a failed call. */
interface AwsServiceFailure {
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * AWS Bedrock through the official `@aws-sdk/client-bedrock-runtime`, on the Converse API:
 * one request shape for every model family Bedrock hosts (Claude, Nova, Llama, Mistral),
 * where InvokeModel would need a body format per family.
 */
export function createBedrockProvider(config: BedrockConfig, options: RemoteProviderOptions): LlmProvider {
  const client = new BedrockRuntimeClient({
    region: config.region,
    endpoint: config.endpoint,
    credentials: config.credentials,
    maxAttempts: 1,
    // The client's default handler speaks HTTP/2 (Bedrock's bidirectional streams need it).
    requestHandler: { requestTimeout: options.timeoutMs },
  });
  return {
    name: "bedrock",
    close: async () => client.destroy(),
    complete: (request) =>
      completeRemotely("bedrock", request, options, async ({ model, prompt, system, maxTokens, temperature, signal }) => {
        try {
          const output = await client.send(
            new ConverseCommand({
              modelId: model,
              messages: [{ role: "user", content: [{ text: prompt }] }],
              ...(system ? { system: [{ text: system }] } : {}),
              inferenceConfig: { maxTokens, temperature },
            }),
            { abortSignal: signal },
          );
          const blocks = output.output?.message?.content ?? [];
          return {
            text: blocks.map((block) => block.text ?? "").join(""),
            // Converse does not echo the model id; the one asked for is the one that answered.
            model,
            usage: { inputTokens: output.usage?.inputTokens ?? 0, outputTokens: output.usage?.outputTokens ?? 0 },
          };
        } catch (error) {
          rethrowIfAborted(error, signal);
          const failure = (error ?? {}) as AwsServiceFailure;
          const headers = failure.$response?.headers ?? {};
          throw classifyHttpFailure({
            provider: "bedrock",
            status: failure.$metadata?.httpStatusCode,
            header: (name) => headers[name] ?? headers[name.toLowerCase()],
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
  };
}
