import { buildFederatedSchema, createSubgraphServer, type Logger, type ReadinessCheck } from "@aiwf/platform";
import type { GraphQLSchema } from "graphql";
import { ChannelService } from "./domain/channel.service";
import type { MessageStore } from "./domain/message-store";
import { channelReference } from "./schema/channel.reference";
import { ChannelResolver } from "./schema/channel.resolver";
import { createRealtimeLoaders, type RealtimeContext } from "./schema/context";
import { MessageResolver } from "./schema/message.resolver";

export interface RealtimeDeps {
  messages: MessageStore;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
  /** Checks of the stores behind `messages` (Redis ping); none for the in-process store. */
  readiness?: ReadinessCheck[];
  /** Closes the stores after the server has drained. */
  onStop?: () => Promise<void>;
}

/**
 * The realtime subgraph schema. Without a service it still prints the same SDL
 * (resolver instances are only needed to answer requests), which the compose script uses.
 */
export function buildRealtimeSchema(channels?: ChannelService): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ChannelResolver, MessageResolver],
    resolverInstances: channels ? [new ChannelResolver(channels), new MessageResolver(channels)] : undefined,
    referenceResolvers: { Channel: channelReference },
  });
}

export function createApp(deps: RealtimeDeps) {
  const channels = new ChannelService(deps.messages);
  return {
    async start() {
      return createSubgraphServer<RealtimeContext>({
        name: "realtime",
        schema: await buildRealtimeSchema(channels),
        port: deps.port,
        host: deps.host,
        logger: deps.logger,
        internalTokenSecret: deps.internalTokenSecret,
        exposeInternalErrors: deps.exposeInternalErrors,
        readiness: deps.readiness ?? [],
        createContext: (base) => ({ ...base, loaders: createRealtimeLoaders(channels, base.identity) }),
        onStop: deps.onStop,
      }).start();
    },
  };
}
