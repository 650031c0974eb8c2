import type { LlmProviders } from "../ai/llm-provider";
import type { SideEffectingType } from "../domain/definition/definition";
import { type EgressPolicy, egressFetch, egressRefusalOf } from "../egress/egress";
import { createGatewayActivities } from "./gateway-activities";
import type { GatewayClient } from "./gateway-client";
import { createMcpToolActivity, type McpActivityDeps } from "./mcp-tool.activity";
import { StepFailure } from "./step-failure";

/** What an activity knows about the step it performs. */
export interface ActivityContext {
  tenantId: string;
  runId: string;
  /** Aborted on cancellation and on the step's timeout. */
  signal: AbortSignal;
  /** `<runId>:<nodeId>:<attempt>`: the same for a re-run of an attempt a crash interrupted. */
  idempotencyKey: string;
}

export interface HttpStepInput {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface LlmStepInput {
  provider: string | null;
  model: string;
  prompt: string;
  system: string | null;
  maxTokens: number | null;
}

export interface ActivityDeps {
  llm: LlmProviders;
  /** For http steps; default: fetch under `egress`. */
  fetch?: typeof fetch;
  /** Where http steps may connect (default: anywhere). */
  egress?: EgressPolicy;
  /** For mcpTool steps; without it they fail (not retryably). */
  mcp?: McpActivityDeps;
  /** For contentIngest and knowledgeLink steps; unset when GATEWAY_URL is, and they fail saying so. */
  gateway?: GatewayClient;
}

/** One side effect: performs a step's recorded input. */
export type Activity = (input: never, context: ActivityContext) => Promise<unknown>;

/**
 * The side effects a run performs, one per side-effecting node type, built once from their
 * dependencies (Temporal's `createActivities(deps)`), so tests and the executor share the same code.
 */
export function createActivities({ llm, fetch: fetchOverride, egress, mcp, gateway }: ActivityDeps) {
  const fetchImpl = fetchOverride ?? egressFetch(egress ?? { privateNetworks: "allow" });
  return {
    ...createGatewayActivities(gateway),
    mcpTool: createMcpToolActivity(mcp),

    async http(input: HttpStepInput, context: ActivityContext) {
      const hasBody = input.body !== null && input.body !== undefined && input.method !== "GET";
      const response = await fetchImpl(input.url, {
        method: input.method,
        headers: {
          ...(hasBody ? { "content-type": "application/json" } : {}),
          ...input.headers,
          "idempotency-key": context.idempotencyKey,
        },
        body: hasBody ? JSON.stringify(input.body) : undefined,
        signal: context.signal,
      }).catch((error: unknown) => {
        // A refused address stays refused: no retry.
        const refused = egressRefusalOf(error);
        throw refused ? new StepFailure(`${input.method} ${input.url}: ${refused.message}`, refused.code, false) : error;
      });
      const text = await response.text();
      if (!response.ok) {
        // Server errors, throttling and request timeouts may pass; other 4xx will not on a retry.
        const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
        throw new StepFailure(`${input.method} ${input.url} answered ${response.status}: ${text.slice(0, 200)}`, `HTTP_${response.status}`, retryable);
      }
      const isJson = (response.headers.get("content-type") ?? "").includes("json");
      return { status: response.status, body: isJson && text ? JSON.parse(text) : text };
    },

    async llm(input: LlmStepInput, context: ActivityContext) {
      const response = await llm.get(input.provider ?? undefined).complete({
        model: input.model,
        prompt: input.prompt,
        ...(input.system ? { system: input.system } : {}),
        ...(input.maxTokens ? { maxTokens: input.maxTokens } : {}),
        signal: context.signal,
        tenantId: context.tenantId,
      });
      const { text, model, provider, usage, costUsd, latencyMs } = response;
      return { text, model, provider, usage, costUsd, latencyMs };
    },
  } satisfies Record<SideEffectingType, Activity>;
}

/** The activities by node type: the executor dispatches a side-effecting step through this map. */
export type Activities = ReturnType<typeof createActivities>;
