import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** What operators watch on federated subscriptions. */
export function createSubscriptionMetrics(registry: Registry) {
  return {
    sockets: new Gauge({ name: "gateway_subscription_sockets", help: "Open graphql-ws sockets from clients.", registers: [registry] }),
    subscriptions: new Gauge({ name: "gateway_subscriptions_active", help: "Client subscriptions in progress.", registers: [registry] }),
    upstreamStreams: new Gauge({ name: "gateway_subscription_upstream_streams", help: "Upstream subscriptions open to subgraphs (shared between identical client subscriptions).", registers: [registry] }),
    events: new Counter({ name: "gateway_subscription_events_total", help: "Events delivered to client subscriptions.", labelNames: ["outcome"], registers: [registry] }),
    completion: new Histogram({
      name: "gateway_subscription_event_completion_seconds",
      help: "Time to complete one event across subgraphs.",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}

export type SubscriptionMetrics = ReturnType<typeof createSubscriptionMetrics>;
