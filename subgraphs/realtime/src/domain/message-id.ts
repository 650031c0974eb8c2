/**
 * Message ids are stream entry ids, `<milliseconds>-<sequence>`, both unsigned 64-bit in
 * Redis. They order a channel's history, so they are compared as numbers, never as text
 * ("10-0" sorts after "9-0").
 */
const MESSAGE_ID = /^(\d{1,20})-(\d{1,20})$/;

export interface MessageIdParts {
  ms: bigint;
  seq: bigint;
}

export function isMessageId(value: string): boolean {
  return MESSAGE_ID.test(value);
}

export function parseMessageId(id: string): MessageIdParts {
  const match = MESSAGE_ID.exec(id);
  if (!match) throw new Error(`not a message id: ${id}`);
  return { ms: BigInt(match[1]!), seq: BigInt(match[2]!) };
}

export const formatMessageId = ({ ms, seq }: MessageIdParts): string => `${ms}-${seq}`;

export function compareMessageIds(a: string, b: string): number {
  const x = parseMessageId(a);
  const y = parseMessageId(b);
  if (x.ms !== y.ms) return x.ms < y.ms ? -1 : 1;
  return x.seq === y.seq ? 0 : x.seq < y.seq ? -1 : 1;
}

/** When the message was sent: the id's millisecond part (Redis stamps it with its own clock). */
export const sentAtOf = (id: string): Date => new Date(Number(parseMessageId(id).ms));

/**
 * The next id after `last` at time `nowMs`: never goes backwards, even when the clock
 * does, which is the guarantee Redis gives for `XADD *` and cursors rely on.
 */
export function nextMessageId(last: string | undefined, nowMs: number): string {
  const now = BigInt(Math.max(0, Math.floor(nowMs)));
  if (last === undefined) return formatMessageId({ ms: now, seq: 0n });
  const previous = parseMessageId(last);
  if (now > previous.ms) return formatMessageId({ ms: now, seq: 0n });
  return formatMessageId({ ms: previous.ms, seq: previous.seq + 1n });
}
