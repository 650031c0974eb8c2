import type { SubscribeResolverData } from "type-graphql";
import { Arg, ID, Resolver, Root, Subscription } from "type-graphql";
import type { Broadcast as SentBroadcast } from "../domain/broadcast";
import type { DirectMessage as SentDirectMessage } from "../domain/direct-message";
import type { PresenceEvent as PresenceChangeEvent } from "../domain/presence";
import type { DocumentProcessed, RunUpdate } from "../live/bus-feeds";
import type { MessageAdded } from "../live/live-feeds";
import { withClientErrors } from "./client-errors";
import { Broadcast } from "./broadcast.type";
import type { RealtimeContext } from "./context";
import { DirectMessage } from "./direct-message.type";
import { DocumentProcessedEvent, MessageAddedEvent, WorkflowRunUpdate } from "./live-events.type";
import { PresenceEvent } from "./presence.type";

type Data<Args = Record<string, never>> = SubscribeResolverData<unknown, Args, RealtimeContext>;

/**
 * The Subscription root. Each `subscribe` opens a tenant-scoped feed (validation errors
 * surface before the first event); the field methods shape each event. Every feed is
 * bounded: a subscriber that falls too far behind is ended with RATE_LIMITED, reason
 * SLOW_CONSUMER.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => MessageAddedEvent, {
    description:
      "Messages sent to a channel. With `after`, first replays the messages sent after that cursor (a message id), then continues live, without gaps or duplicates.",
    subscribe: async ({ args, context }: Data<{ channelId: string; after?: string | null }>) =>
      withClientErrors(await context.feeds.messageAdded(context.identity, args), context.logger),
  })
  messageAdded(
    @Root() event: MessageAdded,
    @Arg("channelId", () => ID, { description: "The channel's name (case-insensitive)." }) _channelId: string,
    @Arg("after", () => String, { nullable: true, description: "Resume after this message id (the last one received)." }) _after?: string | null,
  ): MessageAdded {
    return event;
  }

  @Subscription(() => WorkflowRunUpdate, {
    description: "Status and step changes of one workflow run (`runId`) or of every run of a workflow (`workflowId`); pass exactly one.",
    subscribe: ({ args, context }: Data<{ runId?: string | null; workflowId?: string | null }>) =>
      withClientErrors(context.feeds.workflowRunUpdated(context.identity, args), context.logger),
  })
  workflowRunUpdated(
    @Root() update: RunUpdate,
    @Arg("runId", () => ID, { nullable: true, description: "Follow this run." }) _runId?: string | null,
    @Arg("workflowId", () => ID, { nullable: true, description: "Follow every run of this workflow." }) _workflowId?: string | null,
  ): WorkflowRunUpdate {
    return { eventId: update.eventId, run: { id: update.runId }, status: update.status, step: update.step, sequence: update.sequence, occurredAt: update.occurredAt };
  }

  @Subscription(() => DocumentProcessedEvent, {
    description: "Documents of the caller's tenant as they finish processing.",
    subscribe: ({ context }: Data) => withClientErrors(context.feeds.documentProcessed(context.identity), context.logger),
  })
  documentProcessed(@Root() notice: DocumentProcessed): DocumentProcessedEvent {
    return { eventId: notice.eventId, document: { id: notice.documentId }, title: notice.title, occurredAt: notice.occurredAt };
  }

  @Subscription(() => DirectMessage, {
    description: "Direct messages sent to the caller, live (earlier ones are in `directMessages`). Nobody else receives them.",
    subscribe: async ({ context }: Data) => withClientErrors(await context.feeds.directMessageReceived(context.identity), context.logger),
  })
  directMessageReceived(@Root() message: SentDirectMessage): SentDirectMessage {
    return message;
  }

  @Subscription(() => Broadcast, {
    description: "Broadcasts of the caller's tenant on a topic, live only (broadcasts are not stored).",
    subscribe: async ({ args, context }: Data<{ topic: string }>) => withClientErrors(await context.feeds.broadcastReceived(context.identity, args), context.logger),
  })
  broadcastReceived(
    @Root() broadcast: SentBroadcast,
    @Arg("topic", () => ID, { description: "The topic (case-insensitive)." }) _topic: string,
  ): SentBroadcast {
    return broadcast;
  }

  @Subscription(() => PresenceEvent, {
    description: "Joins, leaves and expiries in a channel.",
    subscribe: async ({ args, context }: Data<{ channelId: string }>) =>
      withClientErrors(await context.feeds.presenceChanged(context.identity, args), context.logger),
  })
  presenceChanged(
    @Root() event: PresenceChangeEvent,
    @Arg("channelId", () => ID, { description: "The channel's name (case-insensitive)." }) _channelId: string,
  ): PresenceChangeEvent {
    return event;
  }
}
