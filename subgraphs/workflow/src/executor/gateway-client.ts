import { IDENTITY_HEADER, signInternalToken, type Identity } from "@aiwf/platform";
import { StepFailure } from "./step-failure";

/** Who a run acts as on other subgraphs: its tenant, and a service user named after the run. */
export interface RunActor {
  tenantId: string;
  runId: string;
  /** The user who started the run, when the run records one. */
  userId?: string;
}

export interface GatewayClient {
  /** One GraphQL operation as the run's actor; GraphQL errors become StepFailures marked retryable or not. */
  request<T>(query: string, variables: Record<string, unknown>, actor: RunActor, signal: AbortSignal): Promise<T>;
}

export interface GatewayClientOptions {
  /** The supergraph endpoint, e.g. http://gateway:4000/graphql; a function when it is known only after start (embedded). */
  url: string | (() => string | undefined);
  internalTokenSecret: string;
  fetch?: typeof fetch;
}

/** Codes the gateway forwards that another attempt may get past. */
const RETRYABLE_CODES = new Set(["UPSTREAM_UNAVAILABLE", "RATE_LIMITED", "INTERNAL_SERVER_ERROR"]);

/** The service user of a run that records no starter: its actions are traceable to the run. */
export const runServiceUser = (runId: string) => `workflow-run:${runId}`;

/**
 * Calls the supergraph through the gateway with the platform's internal identity token
 * (the one the gateway itself signs for subgraphs), so other subgraphs see the run's tenant
 * and apply their own rules, exactly as for a user's request. No roles: a run may do what
 * any member of its tenant may, nothing an admin may.
 */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const fetchImpl = options.fetch ?? fetch;
  return {
    async request<T>(query: string, variables: Record<string, unknown>, actor: RunActor, signal: AbortSignal): Promise<T> {
      const url = typeof options.url === "function" ? options.url() : options.url;
      if (!url) throw new StepFailure("The gateway is not reachable yet", "GATEWAY_UNAVAILABLE", true);
      const identity: Identity = { tenantId: actor.tenantId, userId: actor.userId ?? runServiceUser(actor.runId), roles: [], scopes: [] };
      const token = await signInternalToken(identity, options.internalTokenSecret, `run-${actor.runId}`);
      const response = await fetchImpl(url, {
        method: "POST",
        headers: { "content-type": "application/json", [IDENTITY_HEADER]: token, "x-request-id": `run-${actor.runId}` },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      const text = await response.text();
      let body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };
      try {
        body = JSON.parse(text);
      } catch {
        throw new StepFailure(`The gateway answered ${response.status}: ${text.slice(0, 200)}`, `HTTP_${response.status}`, response.status >= 500 || response.status === 429);
      }
      const error = body.errors?.[0];
      if (error) {
        const code = error.extensions?.code ?? "GATEWAY_ERROR";
        const field = error.extensions?.field ? ` (${error.extensions.field})` : "";
        throw new StepFailure(`${error.message}${field}`, code, RETRYABLE_CODES.has(code) || response.status >= 500);
      }
      if (!response.ok || !body.data) throw new StepFailure(`The gateway answered ${response.status} without data`, `HTTP_${response.status}`, response.status >= 500);
      return body.data;
    },
  };
}
