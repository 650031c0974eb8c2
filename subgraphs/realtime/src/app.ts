import { randomUUID } from "node:crypto";
import { buildFederatedSchema, createSubgraphServer, type Logger, type ReadinessCheck } from "@aiwf/platform";
import type { EventBus } from "@aiwf/platform/events";
import type { GraphQLSchema } from "graphql";
import type { ChannelFanout } from "./domain/channel-fanout";
import { BroadcastService } from "./domain/broadcast.service";
import { ChannelService } from "./domain/channel.service";
import { DirectMessageService } from "./domain/direct-message.service";
import type { MessageStore } from "./domain/message-store";
import type { PresenceStore } from "./domain/presence";
import { DEFAULT_PRESENCE_TTL_MS } from "./domain/presence";
import { PresenceService } from "./domain/presence.service";
import type { RateLimiter } from "./domain/rate-limit";
import { DEFAULT_SUBSCRIPTION_QUEUE_LIMIT } from "./live/bounded-queue";
import { BusFeeds } from "./live/bus-feeds";
import { LiveFeeds } from "./live/live-feeds";
import { registerRealtimeMetrics } from "./live/live-metrics";
import { BroadcastResolver } from "./schema/broadcast.resolver";
import { channelReference } from "./schema/channel.reference";
import { ChannelResolver } from "./schema/channel.resolver";
import { createRealtimeLoaders, type RealtimeContext } from "./schema/context";
import { DirectMessageResolver } from "./schema/direct-message.resolver";
import { MessageResolver } from "./schema/message.resolver";
import { PresenceResolver } from "./schema/presence.resolver";
import { SubscriptionResolver } from "./schema/subscription.resolver";

export interface RealtimeStores {
  messages: MessageStore;
  presence: PresenceStore;
  /** Live channel events between instances (Redis pub/sub, or in-process). */
  fanout: ChannelFanout;
  /** Per-tenant sending budget (sendMessage and sendDirectMessage share one; broadcast has its own). */
  sendLimiter: RateLimiter;
  /** Per-sender budget inside the tenant's, so one client cannot spend its colleagues' share. */
  senderLimiter: RateLimiter;
}

export interface RealtimeDeps extends RealtimeStores {
  /** Workflow and document events for subscriptions; this app subscribes on start and unsubscribes on stop (the bus's owner closes it). */
  events: EventBus;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
  presenceTtlMs?: number;
  subscriptionQueueLimit?: number;
  /** Names this instance's consumer group (`realtime-live-<id>`); unique per process by default. */
  instanceId?: string;
  /** Checks of the stores (Redis ping); none for the in-process stores. */
  readiness?: ReadinessCheck[];
  /** Closes the stores after the server has drained. */
  onStop?: () => Promise<void>;
}

interface RealtimeServices {
  channels: ChannelService;
  presence: PresenceService;
  directMessages: DirectMessageService;
  broadcasts: BroadcastService;
}

/**
 * The realtime subgraph schema. Without services it still prints the same SDL (resolver
 * instances are only needed to answer requests), which the compose script uses.
 */
export function buildRealtimeSchema(services?: RealtimeServices): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ChannelResolver, MessageResolver, PresenceResolver, DirectMessageResolver, BroadcastResolver, SubscriptionResolver],
    resolverInstances: services
      ? [
          new ChannelResolver(services.channels),
          new MessageResolver(services.channels),
          new PresenceResolver(services.presence),
          new DirectMessageResolver(services.directMessages),
          new BroadcastResolver(services.broadcasts),
          new SubscriptionResolver(),
        ]
      : undefined,
    referenceResolvers: { Channel: channelReference },
  });
}

/** Services, schema and context of one instance, without a server (tests drive the schema directly). */
export async function createRealtime(deps: RealtimeDeps) {
  const { logger } = deps;
  const limiters = { sendLimiter: deps.sendLimiter, senderLimiter: deps.senderLimiter };
  const channels = new ChannelService({ store: deps.messages, fanout: deps.fanout, ...limiters, logger });
  const directMessages = new DirectMessageService({ store: deps.messages, fanout: deps.fanout, ...limiters, logger });
  const broadcasts = new BroadcastService({ fanout: deps.fanout, ...limiters });
  const presence = new PresenceService(deps.presence, deps.fanout, { ttlMs: deps.presenceTtlMs ?? DEFAULT_PRESENCE_TTL_MS, logger });
  const bus = new BusFeeds(deps.events, `realtime-live-${deps.instanceId ?? randomUUID()}`, logger);
  const feeds = new LiveFeeds({ messages: deps.messages, fanout: deps.fanout, bus, queueLimit: deps.subscriptionQueueLimit ?? DEFAULT_SUBSCRIPTION_QUEUE_LIMIT });
  const schema = await buildRealtimeSchema({ channels, presence, directMessages, broadcasts });
  const createContext = (base: Omit<RealtimeContext, "loaders" | "feeds">): RealtimeContext => ({
    ...base,
    loaders: createRealtimeLoaders(channels, base.identity),
    feeds,
  });
  return { channels, presence, bus, feeds, schema, createContext };
}

export function createApp(deps: RealtimeDeps) {
  return {
    async start() {
      const realtime = await createRealtime(deps);
      await realtime.bus.start();
      const stopSweeping = realtime.presence.startSweeping();
      const running = await createSubgraphServer<RealtimeContext>({
        name: "realtime",
        schema: realtime.schema,
        port: deps.port,
        host: deps.host,
        logger: deps.logger,
        internalTokenSecret: deps.internalTokenSecret,
        exposeInternalErrors: deps.exposeInternalErrors,
        readiness: deps.readiness ?? [],
        createContext: realtime.createContext,
        registerMetrics: (registry) => registerRealtimeMetrics(registry, realtime.feeds),
        onStop: async () => {
          stopSweeping();
          await realtime.bus.stop();
          await deps.fanout.close();
          await deps.onStop?.();
        },
      }).start();
      /** Open subscriptions on this instance (one tenant's, or all): a gauge for operators and tests. */
      const openSubscriptions = (tenantId?: string) => realtime.feeds.openCount(tenantId);
      return Object.assign(running, { openSubscriptions });
    },
  };
}
