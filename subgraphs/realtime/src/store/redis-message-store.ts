import { upstreamUnavailable } from "@aiwf/platform";
import { ReplyError, type Redis } from "ioredis";
import type { ChannelStats, HistoryWindow, Message, MessagePage, NewMessage } from "../domain/message";
import { isForward } from "../domain/message";
import { sentAtOf } from "../domain/message-id";
import { DEFAULT_MESSAGE_RETENTION, type MessageStore } from "../domain/message-store";
import { channelMessagesKey, DEFAULT_KEY_PREFIX } from "./redis-keys";

export interface RedisMessageStoreOptions {
  redis: Redis;
  retention?: number;
  keyPrefix?: string;
}

type StreamEntry = [id: string, fields: string[]];

/**
 * One Redis stream per tenant and channel. The entry id Redis assigns (`<ms>-<seq>`,
 * monotonic even if the server clock steps back) is the message id and the cursor, so a
 * later subscription can replay with XRANGE after a cursor and continue with XREAD BLOCK.
 * Exclusive range starts (`(id`) need Redis 6.2 or later.
 */
export class RedisMessageStore implements MessageStore {
  private readonly redis: Redis;
  private readonly retention: number;
  private readonly prefix: string;

  constructor(options: RedisMessageStoreOptions) {
    this.redis = options.redis;
    this.retention = options.retention ?? DEFAULT_MESSAGE_RETENTION;
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  }

  async appendMessage(tenantId: string, channelId: string, message: NewMessage): Promise<Message> {
    const fields = ["author", message.authorId, "body", message.body];
    if (message.documentId !== undefined) fields.push("document", message.documentId);
    if (message.workflowId !== undefined) fields.push("workflow", message.workflowId);
    // `MAXLEN ~` trims whole stream nodes only: O(1) per append, at most RETENTION_SLACK extra.
    const key = this.keyOf(tenantId, channelId);
    const id = await this.call(() => this.redis.xadd(key, "MAXLEN", "~", this.retention, "*", ...fields));
    if (!id) throw new Error("XADD returned no id");
    return messageOf(channelId, [id, fields]);
  }

  async readMessages(tenantId: string, channelId: string, window: HistoryWindow): Promise<MessagePage> {
    const key = this.keyOf(tenantId, channelId);
    if (isForward(window)) {
      const start = window.after === undefined ? "-" : `(${window.after}`;
      // One extra entry tells whether more follow, without a second round trip.
      const entries = await this.call(() => this.redis.xrange(key, start, "+", "COUNT", window.first + 1));
      return pageOf(channelId, entries, window.first);
    }
    const end = window.before === undefined ? "+" : `(${window.before}`;
    const entries = await this.call(() => this.redis.xrevrange(key, end, "-", "COUNT", window.last + 1));
    const page = pageOf(channelId, entries, window.last);
    return { messages: page.messages.reverse(), hasMore: page.hasMore };
  }

  async channelStats(tenantId: string, channelIds: readonly string[]): Promise<ChannelStats[]> {
    if (channelIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const channelId of channelIds) {
      const key = this.keyOf(tenantId, channelId);
      pipeline.xlen(key).xrevrange(key, "+", "-", "COUNT", 1);
    }
    // Inside `call`: a dropped connection surfaces as per-command errors in the replies.
    return this.call(async () => {
      const replies = await pipeline.exec();
      return channelIds.map((channelId, index) => {
        const messageCount = replyOf<number>(replies, 2 * index);
        const [last] = replyOf<StreamEntry[]>(replies, 2 * index + 1);
        return { channelId, messageCount, lastMessageAt: last ? sentAtOf(last[0]) : null };
      });
    });
  }

  async truncatedBefore(tenantId: string, channelId: string): Promise<string | undefined> {
    const key = this.keyOf(tenantId, channelId);
    // XINFO STREAM fails for a missing key; EXISTS first keeps a reply error a real bug.
    const info = await this.call(async () => ((await this.redis.exists(key)) ? ((await this.redis.xinfo("STREAM", key)) as unknown[]) : undefined));
    if (!info) return undefined;
    const field = (name: string) => info[info.indexOf(name) + 1];
    // entries-added (Redis 7.0+) counts every XADD; more than are left means trimming dropped some.
    const trimmed = Number(field("entries-added")) > Number(field("length"));
    const first = field("first-entry") as StreamEntry | null | undefined;
    return trimmed && first ? first[0] : undefined;
  }

  private keyOf(tenantId: string, channelId: string): string {
    return channelMessagesKey(tenantId, channelId, this.prefix);
  }

  /** A lost or slow connection is UPSTREAM_UNAVAILABLE; a Redis reply error is our bug and stays internal. */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof ReplyError) throw error;
      throw upstreamUnavailable("The message store (Redis)", error);
    }
  }
}

function pageOf(channelId: string, entries: StreamEntry[], size: number): MessagePage {
  return { messages: entries.slice(0, size).map((entry) => messageOf(channelId, entry)), hasMore: entries.length > size };
}

function messageOf(channelId: string, [id, fields]: StreamEntry): Message {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!, fields[i + 1]!);
  const message: Message = { id, channelId, authorId: values.get("author") ?? "", body: values.get("body") ?? "", sentAt: sentAtOf(id) };
  if (values.has("document")) message.documentId = values.get("document")!;
  if (values.has("workflow")) message.workflowId = values.get("workflow")!;
  return message;
}

function replyOf<T>(replies: [error: Error | null, result: unknown][] | null, index: number): T {
  const reply = replies?.[index];
  if (!reply) throw new Error("pipeline returned fewer replies than commands");
  if (reply[0]) throw reply[0];
  return reply[1] as T;
}
