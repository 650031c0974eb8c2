import type { ChannelStats, HistoryWindow, Message, MessagePage, NewMessage } from "../domain/message";
import { isForward } from "../domain/message";
import { compareMessageIds, nextMessageId, sentAtOf } from "../domain/message-id";
import { DEFAULT_MESSAGE_RETENTION, type MessageStore } from "../domain/message-store";

export interface InProcessMessageStoreOptions {
  retention?: number;
  /** Injected clock (ms since epoch), so tests can freeze or rewind time. */
  now?: () => number;
}

/**
 * The embedded adapter: one ordered array per tenant and channel, with the same
 * `<ms>-<seq>` ids, exclusive cursors and retention as a Redis stream. Data lives as
 * long as the process, which is what embedded mode promises for realtime history.
 */
export class InProcessMessageStore implements MessageStore {
  private readonly tenants = new Map<string, Map<string, Message[]>>();
  /** `[tenant, channel]` of channels retention has trimmed (Redis: entries-added > length). */
  private readonly trimmed = new Set<string>();
  private readonly retention: number;
  private readonly now: () => number;

  constructor(options: InProcessMessageStoreOptions = {}) {
    this.retention = options.retention ?? DEFAULT_MESSAGE_RETENTION;
    this.now = options.now ?? Date.now;
  }

  async appendMessage(tenantId: string, channelId: string, message: NewMessage): Promise<Message> {
    const history = this.historyOf(tenantId, channelId, true);
    const id = nextMessageId(history.at(-1)?.id, this.now());
    const stored: Message = { id, channelId, authorId: message.authorId, body: message.body, sentAt: sentAtOf(id) };
    if (message.documentId !== undefined) stored.documentId = message.documentId;
    if (message.workflowId !== undefined) stored.workflowId = message.workflowId;
    history.push(stored);
    // Exact trimming is cheap here (one shift per append once full), so no slack is used.
    if (history.length > this.retention) this.trimmed.add(JSON.stringify([tenantId, channelId]));
    while (history.length > this.retention) history.shift();
    return copyOf(stored);
  }

  async readMessages(tenantId: string, channelId: string, window: HistoryWindow): Promise<MessagePage> {
    const history = this.historyOf(tenantId, channelId, false);
    if (isForward(window)) {
      const start = window.after === undefined ? 0 : firstIndexAfter(history, window.after);
      const end = Math.min(history.length, start + window.first);
      return { messages: history.slice(start, end).map(copyOf), hasMore: end < history.length };
    }
    const end = window.before === undefined ? history.length : firstIndexAtOrAfter(history, window.before);
    const start = Math.max(0, end - window.last);
    return { messages: history.slice(start, end).map(copyOf), hasMore: start > 0 };
  }

  async channelStats(tenantId: string, channelIds: readonly string[]): Promise<ChannelStats[]> {
    return channelIds.map((channelId) => {
      const history = this.historyOf(tenantId, channelId, false);
      const last = history.at(-1);
      return { channelId, messageCount: history.length, lastMessageAt: last ? new Date(last.sentAt) : null };
    });
  }

  async truncatedBefore(tenantId: string, channelId: string): Promise<string | undefined> {
    return this.trimmed.has(JSON.stringify([tenantId, channelId])) ? this.historyOf(tenantId, channelId, false)[0]?.id : undefined;
  }

  private historyOf(tenantId: string, channelId: string, create: boolean): Message[] {
    let channels = this.tenants.get(tenantId);
    if (!channels) {
      if (!create) return [];
      this.tenants.set(tenantId, (channels = new Map()));
    }
    let history = channels.get(channelId);
    if (!history) {
      if (!create) return [];
      channels.set(channelId, (history = []));
    }
    return history;
  }
}

/** Callers get their own objects: nothing they do can change the stored history. */
const copyOf = (message: Message): Message => ({ ...message, sentAt: new Date(message.sentAt) });

/** Index of the first message whose id is greater than `cursor` (binary search: ids are sorted). */
function firstIndexAfter(history: Message[], cursor: string): number {
  return lowerBound(history, (message) => compareMessageIds(message.id, cursor) > 0);
}

function firstIndexAtOrAfter(history: Message[], cursor: string): number {
  return lowerBound(history, (message) => compareMessageIds(message.id, cursor) >= 0);
}

function lowerBound(history: Message[], isPast: (message: Message) => boolean): number {
  let low = 0;
  let high = history.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isPast(history[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}
