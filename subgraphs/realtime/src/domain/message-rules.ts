import { badInput, DomainError } from "@aiwf/platform";
import { isMessageId } from "./message-id";
import type { HistoryWindow } from "./message";

/** Channel names: lowercase, URL- and key-safe, so they need no escaping anywhere. */
const CHANNEL_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const MAX_BODY_LENGTH = 4000;
export const MAX_REFERENCE_ID_LENGTH = 256;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Channel names are case-insensitive: `General` and `general` are one channel. */
export function parseChannelId(raw: string, field = "input.channelId"): string {
  const channelId = raw.toLowerCase();
  if (!CHANNEL_ID.test(channelId)) {
    throw badInput(field, "A channel id is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
  }
  return channelId;
}

/** For entity references: an id that cannot name a channel names no channel (null, not an error). */
export function channelIdOrNull(raw: string): string | null {
  const channelId = raw.toLowerCase();
  return CHANNEL_ID.test(channelId) ? channelId : null;
}

/** Bodies are stored trimmed; length counts characters (code points), not UTF-16 units. */
export function parseMessageBody(raw: string, field = "input.body"): string {
  const body = raw.trim();
  if (body.length === 0) throw badInput(field, "A message body cannot be empty");
  if ([...body].length > MAX_BODY_LENGTH) {
    throw new DomainError("PAYLOAD_TOO_LARGE", `A message body is at most ${MAX_BODY_LENGTH} characters`, {
      field,
      limit: MAX_BODY_LENGTH,
    });
  }
  return body;
}

/** An optional id of another subgraph's entity (a shared document or workflow). */
export function parseReferenceId(raw: string | null | undefined, field: string): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const id = raw.trim();
  if (id.length === 0 || id.length > MAX_REFERENCE_ID_LENGTH) {
    throw badInput(field, `An id is 1-${MAX_REFERENCE_ID_LENGTH} characters`);
  }
  return id;
}

export function parseCursor(raw: string | null | undefined, field: string): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (!isMessageId(raw)) throw badInput(field, "Not a message cursor; pass an endCursor or message id from this channel");
  return raw;
}

export function parsePageSize(raw: number | null | undefined, field: string): number {
  const size = raw ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(field, `Page size must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Forward paging arguments of a connection field (`first`, `after`). */
export function parseForwardWindow(args: { first?: number | null; after?: string | null }): HistoryWindow {
  const after = parseCursor(args.after, "after");
  const first = parsePageSize(args.first, "first");
  return after === undefined ? { first } : { after, first };
}

/** Broadcast topics follow the channel-name rule (case-insensitive, key-safe). */
export function parseTopic(raw: string, field = "input.topic"): string {
  const topic = raw.toLowerCase();
  if (!CHANNEL_ID.test(topic)) throw badInput(field, "A topic is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
  return topic;
}

/** Another user of the caller's tenant, by id (ids are the identity provider's; only their length is checked). */
export function parseUserId(raw: string, field: string): string {
  const userId = raw.trim();
  if (userId.length === 0 || userId.length > MAX_REFERENCE_ID_LENGTH) throw badInput(field, `A user id is 1-${MAX_REFERENCE_ID_LENGTH} characters`);
  return userId;
}
