import { operationFromDocument } from "@apollo/federation-internals";
import { buildOperationContext } from "@apollo/gateway";
import type { FetchNode, PlanNode } from "@apollo/query-planner";
import { type DocumentNode, GraphQLError, getOperationAST, specifiedRules, validate, type ValidationRule } from "graphql";
import type { SupergraphSnapshot } from "./supergraph-snapshot";

export type OperationContext = ReturnType<typeof buildOperationContext>;

/** How one subscription operation runs: the owning subgraph's stream, then the rest per event. */
export interface SubscriptionPlan {
  /** The root field's fetch: asks the owning subgraph for the event with keys added. */
  primary: FetchNode;
  /** Entity fetches that complete every event from the other subgraphs. */
  rest?: PlanNode;
  operationContext: OperationContext;
  snapshot: SupergraphSnapshot;
}

export type PlanOutcome = { plan: SubscriptionPlan } | { errors: GraphQLError[] };

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/**
 * Validates a subscription against the public schema and plans it with Apollo's own
 * query planner, which yields `Subscription { primary, rest }` for subscription operations.
 */
export function planSubscription(
  snapshot: SupergraphSnapshot,
  document: DocumentNode,
  operationName: string | null | undefined,
  extraRules: readonly ValidationRule[] = [],
): PlanOutcome {
  const validationErrors = validate(snapshot.schema, document, [...specifiedRules, ...extraRules]);
  if (validationErrors.length) {
    return {
      errors: validationErrors.map(
        (error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { reason: "GRAPHQL_VALIDATION_FAILED", ...error.extensions, code: "BAD_USER_INPUT" } }),
      ),
    };
  }
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return { errors: [badRequest("The document has no operation of that name")] };
  if (operation.operation !== "subscription") {
    return { errors: [badRequest("Only subscriptions run over WebSocket; send queries and mutations over HTTP")] };
  }
  const queryPlan = snapshot.planner.buildQueryPlan(operationFromDocument(snapshot.apiSchema, document, { operationName: operationName ?? undefined }));
  const node = queryPlan.node;
  if (!node || node.kind !== "Subscription") return { errors: [badRequest("The subscription could not be planned")] };
  const operationContext = buildOperationContext({ schema: snapshot.schema, operationDocument: document, operationName: operationName ?? undefined });
  return { plan: { primary: node.primary, rest: node.rest, operationContext, snapshot } };
}
