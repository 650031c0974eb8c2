import type { ApolloServerPlugin } from "@apollo/server";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export interface ServiceMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin;
}

/**
 * One registry per service (not prom-client's global one): embedded mode runs five
 * services in one process and each must expose only its own operations.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: "graphql_operations_total",
    help: "GraphQL operations served, by operation name, type and outcome.",
    labelNames: ["operation", "type", "outcome"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "graphql_operation_duration_seconds",
    help: "Time to answer a GraphQL operation.",
    labelNames: ["operation", "type"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          const labels = { operation: operationName ?? "anonymous", type: operation?.operation ?? "unknown" };
          stop(labels);
          operations.inc({ ...labels, outcome: errors?.length ? "error" : "ok" });
        },
      };
    },
  };
  return { registry, plugin };
}
