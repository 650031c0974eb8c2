import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { Server } from "node:http";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { IDENTITY_HEADER, type Identity, verifyInternalToken } from "../identity";
import type { Logger } from "../logging";
import { type BaseContext, REQUEST_ID_HEADER } from "./request-context";
import { randomUUID } from "node:crypto";

export interface SubscriptionServerOptions<TContext extends BaseContext> {
  httpServer: Server;
  schema: GraphQLSchema;
  logger: Logger;
  internalTokenSecret: string;
  createContext?: (base: BaseContext) => TContext | Promise<TContext>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

interface ConnectionState {
  identity?: Identity;
  requestId?: string;
}

/**
 * graphql-ws on the same /graphql path as HTTP, for the gateway's upstream subscriptions.
 * The gateway signs the subscriber's identity into `connection_init`'s payload; a socket
 * without a valid one is closed with 4403 before any operation runs.
 */
export function serveSubscriptions<TContext extends BaseContext>(options: SubscriptionServerOptions<TContext>) {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: "/graphql" });
  const states = new WeakMap<object, ConnectionState>();
  const cleanup = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.[IDENTITY_HEADER];
        try {
          const identity = await verifyInternalToken(typeof token === "string" ? token : undefined, options.internalTokenSecret);
          const requestId = typeof ctx.connectionParams?.[REQUEST_ID_HEADER] === "string" ? String(ctx.connectionParams[REQUEST_ID_HEADER]) : randomUUID();
          states.set(ctx.extra, { identity, requestId });
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      context: async (ctx) => {
        const state = states.get(ctx.extra);
        if (!state?.identity) throw new GraphQLError("Not authenticated", { extensions: { code: "UNAUTHENTICATED" } });
        const requestId = state.requestId ?? randomUUID();
        const base: BaseContext = { identity: state.identity, requestId, logger: options.logger.child({ requestId, tenant: state.identity.tenantId }) };
        return options.createContext ? options.createContext(base) : base;
      },
      // Errors that end an operation (thrown while subscribing) go through the same formatter.
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => options.formatError(error.toJSON(), error)),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) };
      },
    },
    wsServer,
  );
  return {
    /** Closes every socket (1001 Going Away) and stops accepting new ones. */
    async close() {
      for (const client of wsServer.clients) client.close(1001, "Server shutting down");
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
