import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { createErrorFormatter, isDomainError } from "../errors";
import { IDENTITY_HEADER, verifyInternalToken } from "../identity";
import type { Logger } from "../logging";
import { readinessHandler, type ReadinessCheck } from "./health";
import { createServiceMetrics } from "./metrics";
import { type BaseContext, requestIdFrom } from "./request-context";
import { serveSubscriptions } from "./subscriptions";

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  logger: Logger;
  /** Verifies the identity the gateway signs into every request. */
  internalTokenSecret: string;
  /** Development only: show unexpected errors' messages instead of masking them. */
  exposeInternalErrors?: boolean;
  readiness: ReadinessCheck[];
  /** Adds per-request state (DataLoaders) to the verified base context. */
  createContext?: (base: BaseContext) => TContext | Promise<TContext>;
  /** Closes the service's stores after the HTTP server has drained. */
  onStop?: () => Promise<void>;
  /** Largest accepted request body (express `limit` syntax). */
  bodyLimit?: string;
  /** Adds the service's own metrics (gauges of its live state) to the registry /metrics serves. */
  registerMetrics?: (registry: Registry) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function unauthenticatedError(message: string) {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

/**
 * Every subgraph's HTTP surface: /graphql (Apollo Server, identity required),
 * /health/live, /health/ready, /metrics, and a graceful stop.
 */
export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>) {
  return {
    async start(): Promise<RunningServer> {
      const { name, logger } = options;
      const app = express();
      app.disable("x-powered-by");
      const httpServer = createServer(app);
      const metrics = createServiceMetrics(name);
      options.registerMetrics?.(metrics.registry);
      const formatError = createErrorFormatter({
        exposeInternalMessages: options.exposeInternalErrors ?? false,
        onUnexpected: (error) => logger.error({ err: error }, "unexpected error while serving a request"),
      });
      const subscriptions = options.schema.getSubscriptionType()
        ? serveSubscriptions({ httpServer, schema: options.schema, logger, internalTokenSecret: options.internalTokenSecret, createContext: options.createContext, formatError })
        : undefined;
      const apollo = new ApolloServer<TContext>({
        schema: options.schema,
        logger,
        plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), metrics.plugin],
        formatError,
        includeStacktraceInErrorResponses: false,
        // main.ts owns signals: Apollo's own handlers would re-raise SIGTERM before stores close.
        stopOnTerminationSignals: false,
      });
      await apollo.start();

      app.get("/health/live", (_req, res) => void res.json({ status: "live", service: name }));
      app.get("/health/ready", readinessHandler(options.readiness));
      app.get("/metrics", async (_req, res) => {
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      });
      app.use(
        "/graphql",
        express.json({ limit: options.bodyLimit ?? "2mb" }),
        expressMiddleware(apollo, {
          context: async ({ req }) => {
            const requestId = requestIdFrom(req.headers);
            let identity;
            try {
              identity = await verifyInternalToken(header(req.headers[IDENTITY_HEADER]), options.internalTokenSecret);
            } catch (error) {
              throw unauthenticatedError(isDomainError(error) ? error.message : "Invalid gateway identity");
            }
            const base: BaseContext = {
              identity,
              requestId,
              logger: logger.child({ requestId, tenant: identity.tenantId }),
            };
            return options.createContext ? options.createContext(base) : (base as TContext);
          },
        }),
      );

      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
      });
      const port = (httpServer.address() as AddressInfo).port;
      const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}/graphql`;
      logger.info({ url }, `${name} subgraph listening`);

      let stopping: Promise<void> | undefined;
      const stop = () =>
        (stopping ??= (async () => {
          await subscriptions?.close(); // sockets first, with 1001, then drain HTTP
          await apollo.stop();
          await options.onStop?.();
          logger.info(`${name} subgraph stopped`);
        })());
      return { url, port, httpServer, stop };
    },
  };
}
