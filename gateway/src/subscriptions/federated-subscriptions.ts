import type { ApolloGateway, GraphQLDataSource, ServiceMap } from "@apollo/gateway";
import { type ExecutionResult, GraphQLError, type GraphQLFormattedError, parse, type ValidationRule } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Server } from "node:http";
import { randomUUID } from "node:crypto";
import type { Registry } from "prom-client";
import { WebSocketServer } from "ws";
import { type Identity, type Logger, type RateLimitPolicy, TokenBucket } from "@aiwf/platform";
import type { TokenVerifier } from "../auth/token-verifier";
import type { GatewayContext } from "../gateway-context";
import { completeEvent, type UpstreamEvent } from "./event-completion";
import { createSubscriptionMetrics } from "./subscription-metrics";
import { planSubscription, type SubscriptionPlan } from "./subscription-plan";
import { SubscriberQueue } from "./subscriber-queue";
import { SupergraphSnapshot } from "./supergraph-snapshot";
import { stableJson, UpstreamHub } from "./upstream-hub";
import { startHeartbeats } from "./heartbeats";

export interface SubscriptionLimits {
  perSocket: number;
  total: number;
  /** Events a client may fall behind before it is ended with SLOW_CONSUMER. */
  queue: number;
  /** Operations one socket may start per window: a client stuck in a subscribe loop is slowed, not served. */
  operationRate: RateLimitPolicy;
}

export interface FederatedSubscriptionsOptions {
  httpServer: Server;
  logger: Logger;
  verifyToken: TokenVerifier;
  internalTokenSecret: string;
  urlOverrides: Record<string, string>;
  /** The gateway's own data-source factory, so entity fetches for events behave like queries'. */
  createDataSource: (name: string, url: string) => GraphQLDataSource;
  registry: Registry;
  limits: SubscriptionLimits;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** The validation rules HTTP applies on top of the specified ones (operation limits). */
  validationRules: readonly ValidationRule[];
}

interface SocketState {
  identity?: Identity;
  active: number;
  operations: TokenBucket;
}

interface OperationState {
  plan: SubscriptionPlan;
  context: GatewayContext;
  request: { query: string; variables: Record<string, unknown>; operationName?: string | null };
  socket: SocketState;
}

const stateKey = Symbol("aiwf.socket");

/**
 * Federated subscriptions on the gateway's /graphql, over graphql-ws. @apollo/gateway cannot
 * execute a subscription plan, so: authenticate connection_init like HTTP, plan with Apollo's
 * planner, open the primary fetch upstream at the owning subgraph, and complete every event
 * across subgraphs with the gateway's own query plan executor.
 */
export function useFederatedSubscriptions(gateway: ApolloGateway, options: FederatedSubscriptionsOptions) {
  const { logger, limits } = options;
  const metrics = createSubscriptionMetrics(options.registry);
  let snapshot: SupergraphSnapshot | undefined;
  let services: ServiceMap = {};
  let generation = 0;
  let total = 0;
  const urlOf = (service: string) => options.urlOverrides[service] ?? snapshot?.subgraphUrls.get(service) ?? "";
  const hub = new UpstreamHub({ internalTokenSecret: options.internalTokenSecret, urlOf, logger });

  // Registered before the gateway loads: the callback is not replayed to late listeners.
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    snapshot = new SupergraphSnapshot(coreSupergraphSdl, ++generation);
    services = Object.fromEntries(
      [...snapshot.subgraphUrls].map(([name, url]) => [
        name,
        options.createDataSource(name, url),
      ]),
    );
    if (generation > 1) {
      hub.closeAll(new GraphQLError("The supergraph changed; subscribe again", { extensions: { code: "UPSTREAM_UNAVAILABLE", reason: "SUPERGRAPH_RELOADED" } }));
    }
  });

  // Subscribers of one upstream stream receive the same event object: an event is completed
  // once per distinct operation and shared by every subscriber that asked the same thing.
  const completions = new WeakMap<UpstreamEvent, Map<string, Promise<ExecutionResult>>>();

  function subscribe(operation: OperationState): AsyncIterableIterator<ExecutionResult> {
    const { plan, context, request, socket } = operation;
    const operationKey = `${request.operationName ?? ""}\n${request.query}\n${stableJson(request.variables)}`;
    let leave = () => undefined as void;
    socket.active++;
    total++;
    metrics.subscriptions.inc();
    const queue = new SubscriberQueue(limits.queue, () => {
      leave();
      socket.active--;
      total--;
      metrics.subscriptions.dec();
      metrics.upstreamStreams.set(hub.streamCount);
    });
    const complete = (event: UpstreamEvent) => {
      const stop = metrics.completion.startTimer();
      return completeEvent(plan, event, services, request, context).finally(stop);
    };
    leave = hub.listen(
      {
        service: plan.primary.serviceName,
        identity: context.identity,
        requestId: context.requestId,
        query: plan.primary.operation,
        variables: Object.fromEntries((plan.primary.variableUsages ?? []).map((name) => [name, request.variables[name]])),
      },
      {
        next: (event) => {
          let byOperation = completions.get(event);
          if (!byOperation) completions.set(event, (byOperation = new Map()));
          let completion = byOperation.get(operationKey);
          if (!completion) byOperation.set(operationKey, (completion = complete(event)));
          metrics.events.inc({ outcome: "delivered" });
          queue.push(completion);
        },
        error: (error) => queue.fail(error),
        complete: () => queue.end(),
      },
    );
    metrics.upstreamStreams.set(hub.streamCount);
    return queue;
  }

  const wsServer = new WebSocketServer({ server: options.httpServer, path: "/graphql" });
  const heartbeats = startHeartbeats(wsServer);
  const socketState = (extra: object): SocketState => ((extra as any)[stateKey] ??= { active: 0, operations: new TokenBucket(limits.operationRate) });
  const cleanup = useServer<Record<string, unknown>>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        try {
          socketState(ctx.extra).identity = await options.verifyToken(typeof authorization === "string" ? authorization : undefined);
          metrics.sockets.inc();
          return true;
        } catch {
          return false; // 4403 Forbidden, as graphql-ws closes refused sockets
        }
      },
      onDisconnect: (ctx) => {
        if (socketState(ctx.extra).identity) metrics.sockets.dec();
      },
      onSubscribe: (ctx, _id, payload) => {
        const socket = socketState(ctx.extra);
        if (!snapshot || !socket.identity) return [new GraphQLError("The gateway is not ready", { extensions: { code: "UPSTREAM_UNAVAILABLE" } })];
        const rate = socket.operations.take();
        if (!rate.allowed) {
          const { limit, windowSeconds } = limits.operationRate;
          return [
            new GraphQLError(`Too many operations on this connection (at most ${limit} per ${windowSeconds} s); retry in ${rate.retryAfterSeconds} s`, {
              extensions: { code: "RATE_LIMITED", scope: "CONNECTION", retryAfterSeconds: rate.retryAfterSeconds },
            }),
          ];
        }
        if (socket.active >= limits.perSocket || total >= limits.total) {
          return [new GraphQLError(`Too many subscriptions (at most ${limits.perSocket} per connection)`, { extensions: { code: "RATE_LIMITED", scope: "SUBSCRIPTIONS" } })];
        }
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: "BAD_USER_INPUT", reason: "GRAPHQL_PARSE_FAILED" } })];
        }
        const outcome = planSubscription(snapshot, document, payload.operationName, options.validationRules);
        if ("errors" in outcome) return outcome.errors;
        const requestId = randomUUID();
        const context: GatewayContext = { identity: socket.identity, requestId, logger: logger.child({ requestId, tenant: socket.identity.tenantId }) };
        const request = { query: payload.query, variables: payload.variables ?? {}, operationName: payload.operationName };
        const state: OperationState = { plan: outcome.plan, context, request, socket };
        return { schema: snapshot.schema, document, variableValues: request.variables, operationName: payload.operationName, contextValue: state };
      },
      subscribe: (args) => subscribe(args.contextValue as OperationState),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => options.formatError(error instanceof GraphQLError ? error.toJSON() : error, error)) };
      },
    },
    wsServer,
  );

  return {
    metrics,
    hub,
    /** Client subscriptions in progress on this gateway. */
    get activeSubscriptions() {
      return total;
    },
    /** Closes client sockets with 1001 and every upstream stream; call before the HTTP server stops. */
    async close() {
      heartbeats.stop();
      for (const client of wsServer.clients) client.close(1001, "Gateway shutting down");
      hub.closeAll(new GraphQLError("The gateway is shutting down", { extensions: { code: "UPSTREAM_UNAVAILABLE" } }));
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
