import { badInput, type Identity } from "@aiwf/platform";
import type { Broadcast } from "../domain/broadcast";
import type { ChannelFanout, ChannelStream } from "../domain/channel-fanout";
import type { DirectMessage } from "../domain/direct-message";
import type { Message } from "../domain/message";
import { compareMessageIds } from "../domain/message-id";
import { parseChannelId, parseCursor, parseReferenceId, parseTopic } from "../domain/message-rules";
import type { MessageStore } from "../domain/message-store";
import type { PresenceEvent } from "../domain/presence";
import { BoundedQueue } from "./bounded-queue";
import { documentsKey, runKey, workflowRunsKey, type BusFeeds, type DocumentProcessed, type RunUpdate } from "./bus-feeds";
import { endPromptly } from "./end-promptly";
import type { LocalHub } from "./local-hub";

/** One `messageAdded` event; `historyTruncated` is set on the first event of a resume that lost messages. */
export interface MessageAdded {
  message: Message;
  historyTruncated: boolean;
}

/** Messages replayed per store read while catching up. */
const REPLAY_PAGE_SIZE = 200;

/**
 * The subscription streams, each scoped to the subscriber's tenant and bounded by a
 * queue of `queueLimit` events (SLOW_CONSUMER beyond it). Every stream starts listening
 * before it returns, so nothing published after the subscription is acknowledged is missed.
 */
export class LiveFeeds {
  /** Open subscriptions per tenant: what operators (and tests) watch. */
  private readonly open = new Map<string, number>();

  constructor(
    private readonly deps: { messages: MessageStore; fanout: ChannelFanout; bus: BusFeeds; queueLimit: number },
  ) {}

  /**
   * Replays what came after `after`, then continues live. Live events are buffered from
   * before the replay starts, and those the replay already delivered are skipped, so the
   * switch has neither a gap nor a duplicate.
   */
  async messageAdded(identity: Identity, args: { channelId: string; after?: string | null }): Promise<AsyncGenerator<MessageAdded>> {
    const channelId = parseChannelId(args.channelId, "channelId");
    const after = parseCursor(args.after, "after");
    const { queue, release } = await this.channelQueue<"messages", Message>("messages", identity.tenantId, channelId);
    return endPromptly(this.replayThenLive(identity.tenantId, channelId, after, queue), this.counted(identity.tenantId, release));
  }

  async presenceChanged(identity: Identity, args: { channelId: string }): Promise<AsyncGenerator<PresenceEvent>> {
    const channelId = parseChannelId(args.channelId, "channelId");
    const { queue, release } = await this.channelQueue<"presence", PresenceEvent>("presence", identity.tenantId, channelId);
    return endPromptly(drain(queue), this.counted(identity.tenantId, release));
  }

  /** Direct messages to the subscriber: their own inbox within their tenant, nobody else's. */
  async directMessageReceived(identity: Identity): Promise<AsyncGenerator<DirectMessage>> {
    const { queue, release } = await this.channelQueue<"direct", DirectMessage>("direct", identity.tenantId, identity.userId);
    return endPromptly(drain(queue), this.counted(identity.tenantId, release));
  }

  /** Broadcasts on a topic of the subscriber's tenant (every user of the tenant may listen). */
  async broadcastReceived(identity: Identity, args: { topic: string }): Promise<AsyncGenerator<Broadcast>> {
    const topic = parseTopic(args.topic, "topic");
    const { queue, release } = await this.channelQueue<"broadcast", Broadcast>("broadcast", identity.tenantId, topic);
    return endPromptly(drain(queue), this.counted(identity.tenantId, release));
  }

  /** Exactly one of `runId` (one run) or `workflowId` (every run of a workflow). */
  workflowRunUpdated(identity: Identity, args: { runId?: string | null; workflowId?: string | null }): AsyncGenerator<RunUpdate> {
    const runId = parseReferenceId(args.runId, "runId");
    const workflowId = parseReferenceId(args.workflowId, "workflowId");
    if ((runId === undefined) === (workflowId === undefined)) {
      throw badInput(runId === undefined ? "runId" : "workflowId", "Pass exactly one of runId or workflowId");
    }
    const key = runId !== undefined ? runKey(identity.tenantId, runId) : workflowRunsKey(identity.tenantId, workflowId!);
    return this.localFeed(identity.tenantId, this.deps.bus.runs, key);
  }

  documentProcessed(identity: Identity): AsyncGenerator<DocumentProcessed> {
    return this.localFeed(identity.tenantId, this.deps.bus.documents, documentsKey(identity.tenantId));
  }

  /** Subscriptions open on this instance, for one tenant or all. */
  openCount(tenantId?: string): number {
    if (tenantId !== undefined) return this.open.get(tenantId) ?? 0;
    let total = 0;
    for (const count of this.open.values()) total += count;
    return total;
  }

  private counted(tenantId: string, release: () => void): () => void {
    this.open.set(tenantId, (this.open.get(tenantId) ?? 0) + 1);
    return () => {
      const left = (this.open.get(tenantId) ?? 1) - 1;
      if (left > 0) this.open.set(tenantId, left);
      else this.open.delete(tenantId);
      release();
    };
  }

  private localFeed<T>(tenantId: string, hub: LocalHub<T>, key: string): AsyncGenerator<T> {
    const queue = new BoundedQueue<T>(this.deps.queueLimit, () => stop());
    const { stop } = hub.listen(key, (event) => queue.push(event));
    return endPromptly(
      drain(queue),
      this.counted(tenantId, () => {
        stop();
        queue.end();
      }),
    );
  }

  private async channelQueue<S extends ChannelStream, T>(stream: S, tenantId: string, channelId: string) {
    let stop: (() => void) | undefined;
    let overflowed = false;
    const queue = new BoundedQueue<T>(this.deps.queueLimit, () => {
      overflowed = true;
      stop?.();
    });
    stop = await this.deps.fanout.listen(stream, tenantId, channelId, (event) => queue.push(event as T));
    if (overflowed) stop();
    const release = () => {
      stop?.();
      queue.end();
    };
    return { queue, release };
  }

  private async *replayThenLive(tenantId: string, channelId: string, after: string | undefined, live: BoundedQueue<Message>): AsyncGenerator<MessageAdded> {
    let lastReplayed: string | undefined;
    let truncated = false;
    if (after !== undefined) {
      let cursor = after;
      for (let firstPage = true; ; firstPage = false) {
        const page = await this.deps.messages.readMessages(tenantId, channelId, { after: cursor, first: REPLAY_PAGE_SIZE });
        // Asked after the first page: a trim racing with it can only make us say "truncated" needlessly.
        if (firstPage) truncated = await this.lostSince(tenantId, channelId, after);
        for (const message of page.messages) {
          yield { message, historyTruncated: truncated };
          truncated = false;
          lastReplayed = message.id;
        }
        if (!page.hasMore || page.messages.length === 0) break;
        cursor = page.messages.at(-1)!.id;
      }
    }
    for (;;) {
      const next = await live.take();
      if (next.done) return;
      if (lastReplayed !== undefined && compareMessageIds(next.value.id, lastReplayed) <= 0) continue;
      yield { message: next.value, historyTruncated: truncated };
      truncated = false;
    }
  }

  /** Whether retention dropped messages the client had not seen (newer than its cursor). */
  private async lostSince(tenantId: string, channelId: string, cursor: string): Promise<boolean> {
    const oldestKept = await this.deps.messages.truncatedBefore(tenantId, channelId);
    return oldestKept !== undefined && compareMessageIds(cursor, oldestKept) < 0;
  }
}

async function* drain<T>(queue: BoundedQueue<T>): AsyncGenerator<T> {
  for (;;) {
    const next = await queue.take();
    if (next.done) return;
    yield next.value;
  }
}
