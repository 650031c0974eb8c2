import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError } from "graphql";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createErrorFormatter, createServiceMetrics, isDomainError, type Logger, requestIdFrom } from "@aiwf/platform";
import { createRequestIdentity } from "./auth/request-identity";
import { createTokenVerifier } from "./auth/token-verifier";
import { type GatewayConfig, subgraphUrlOverrides } from "./config";
import type { GatewayContext } from "./gateway-context";
import { SubgraphDataSource } from "./subgraph-data-source";
import { supergraphFromFile } from "./supergraph-file";
import { operationLimitsRule } from "./plugins/operation-limits";
import { rootFieldOwners, type RootFieldOwners, unavailableFieldPathsPlugin } from "./plugins/unavailable-field-paths";
import { useFederatedSubscriptions } from "./subscriptions/federated-subscriptions";

export interface GatewayDeps {
  config: GatewayConfig;
  logger: Logger;
  /** Shown in Sandbox's headers when set (development). */
  developmentToken?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  httpServer: Server;
  subscriptions: ReturnType<typeof useFederatedSubscriptions>;
  stop(): Promise<void>;
}

const SANDBOX_DOCUMENT = `# Try a query that crosses all four subgraphs:
query Overview {
  workflows(first: 5) { edges { node { id name status } } }
  documents(first: 5) { edges { node { id title wordCount concepts { name prerequisites { name } } } } }
  channel(id: "general") { messages(first: 5) { edges { node { body document { title } workflow { name } } } } }
}
`;

function landingPage(deps: GatewayDeps) {
  if (deps.config.NODE_ENV === "production") return ApolloServerPluginLandingPageDisabled();
  const sharedHeaders: Record<string, string> = deps.developmentToken ? { Authorization: `Bearer ${deps.developmentToken}` } : {};
  return ApolloServerPluginLandingPageLocalDefault({ embed: { initialState: { sharedHeaders } }, document: SANDBOX_DOCUMENT });
}

/** The supergraph on one HTTP server: /graphql (gateway + Sandbox), /health, /metrics. */
export function createGatewayApp(deps: GatewayDeps) {
  const { config, logger } = deps;
  const overrides = subgraphUrlOverrides(config);
  const verifyToken = createTokenVerifier({
    secret: config.JWT_SECRET,
    jwksUrl: config.JWT_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    algorithms: config.JWT_ALGORITHMS,
    mode: config.AUTH_MODE,
  });
  const identify = createRequestIdentity({ verifyToken, internalTokenSecret: config.INTERNAL_TOKEN_SECRET });
  return {
    async start(): Promise<RunningGateway> {
      const app = express();
      app.disable("x-powered-by");
      const httpServer = createServer(app);
      const metrics = createServiceMetrics("gateway");
      // One factory for query fetches and subscription-event completion alike.
      const createDataSource = (name: string, url: string) =>
        new SubgraphDataSource({ name, url: overrides[name] ?? url, internalTokenSecret: config.INTERNAL_TOKEN_SECRET, timeoutMs: config.SUBGRAPH_TIMEOUT_MS });
      const gateway = new ApolloGateway({
        supergraphSdl: supergraphFromFile(config.SUPERGRAPH_PATH, logger),
        logger,
        buildService: ({ name, url }) => createDataSource(name, url!),
      });
      // Registered before the gateway loads: the callback is not replayed to late listeners.
      let owners: RootFieldOwners = new Map();
      gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => void (owners = rootFieldOwners(coreSupergraphSdl)));
      const formatError = createErrorFormatter({
        exposeInternalMessages: config.NODE_ENV === "development",
        onUnexpected: (error) => logger.error({ err: error }, "unexpected gateway error"),
      });
      const validationRules = [operationLimitsRule({ maxDepth: config.MAX_QUERY_DEPTH, maxAliases: config.MAX_ALIASES, maxRootFields: config.MAX_ROOT_FIELDS })];
      const subscriptions = useFederatedSubscriptions(gateway, {
        validationRules,
        httpServer,
        logger,
        verifyToken,
        internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
        urlOverrides: overrides,
        createDataSource,
        registry: metrics.registry,
        limits: {
          perSocket: config.SUBSCRIPTIONS_PER_SOCKET,
          total: config.SUBSCRIPTIONS_TOTAL,
          queue: config.SUBSCRIPTION_QUEUE_LIMIT,
          operationRate: { limit: config.SOCKET_OPERATION_RATE_LIMIT, windowSeconds: config.SOCKET_OPERATION_WINDOW_SECONDS },
        },
        formatError,
      });
      const apollo = new ApolloServer<GatewayContext>({
        gateway,
        logger,
        validationRules,
        plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), landingPage(deps), metrics.plugin, unavailableFieldPathsPlugin(() => owners)],
        formatError,
        includeStacktraceInErrorResponses: false,
        stopOnTerminationSignals: false,
      });
      await apollo.start();

      app.get("/health", (_req, res) => void res.json({ status: "ok", service: "gateway" }));
      app.get("/metrics", async (_req, res) => void res.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
      app.use(
        "/graphql",
        express.json({ limit: "10mb" }),
        expressMiddleware(apollo, {
          context: async ({ req }): Promise<GatewayContext> => {
            const requestId = requestIdFrom(req.headers);
            try {
              const identity = await identify(req.headers);
              return { identity, requestId, logger: logger.child({ requestId, tenant: identity.tenantId }) };
            } catch (error) {
              const message = isDomainError(error) ? error.message : "Invalid token";
              throw new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
            }
          },
        }),
      );

      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.PORT, config.HOST, () => resolve());
      });
      const port = (httpServer.address() as AddressInfo).port;
      const host = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
      const url = `http://${host}:${port}/graphql`;
      logger.info({ url }, "gateway listening");
      let stopping: Promise<void> | undefined;
      const stop = async () => {
        await subscriptions.close(); // sockets close with 1001 before HTTP drains
        await apollo.stop();
      };
      return { url, port, httpServer, subscriptions, stop: () => (stopping ??= stop()) };
    },
  };
}
