import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from "@apollo/gateway";
import type { QueryPlan } from "@apollo/query-planner";
import { type ExecutionResult, GraphQLError, type GraphQLFormattedError } from "graphql";
import type { GatewayContext } from "../gateway-context";
import type { SubscriptionPlan } from "./subscription-plan";

/** The name the primary fetch is re-targeted to: a data source that answers with the event. */
const EVENT_SOURCE = "__subscription_event__";

export interface UpstreamEvent {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

function eventSource(event: UpstreamEvent): GraphQLDataSource {
  return {
    // executeQueryPlan mutates what it is given: every run gets its own copy.
    process: async () => ({ data: structuredClone(event.data ?? null), errors: event.errors ? structuredClone([...event.errors]) : undefined }) as any,
  };
}

function retag(errors: readonly GraphQLError[] | undefined, owner: string): GraphQLError[] | undefined {
  return errors?.map((error) => {
    if (error.extensions?.serviceName !== EVENT_SOURCE) return error;
    return new GraphQLError(error.message, { path: error.path, extensions: { ...error.extensions, serviceName: owner } });
  });
}

/**
 * Completes one event across subgraphs exactly like a query: the primary fetch answers
 * with the event, then the plan's `rest` fetches entity fields from their owners. Fields
 * that fail come back null with errors carrying paths; the subscription goes on.
 */
export async function completeEvent(
  plan: SubscriptionPlan,
  event: UpstreamEvent,
  services: ServiceMap,
  request: { query: string; variables?: Record<string, unknown>; operationName?: string | null },
  context: GatewayContext,
): Promise<ExecutionResult> {
  const primary = { ...plan.primary, serviceName: EVENT_SOURCE };
  const queryPlan: QueryPlan = { kind: "QueryPlan", node: plan.rest ? { kind: "Sequence", nodes: [primary, plan.rest] } : primary };
  const requestContext = {
    request: { query: request.query, variables: request.variables ?? {}, operationName: request.operationName ?? undefined },
    // Without `metrics`, a subgraph error turns partial data into data: null (TOOLCHAIN).
    metrics: {},
    context,
    logger: context.logger,
    cache: undefined,
    overallCachePolicy: undefined,
  };
  const result = await executeQueryPlan(
    queryPlan,
    { ...services, [EVENT_SOURCE]: eventSource(event) },
    requestContext as any,
    plan.operationContext,
    plan.snapshot.supergraphSchema,
    plan.snapshot.apiSchema,
  );
  return { data: result.data as any, errors: retag(result.errors as GraphQLError[] | undefined, plan.primary.serviceName) };
}
