import { badInput } from "@aiwf/platform";

/* Opaque to clients: base64url of the run's creation time and id; the prefix refuses other lists' cursors. */
const PREFIX = "runs:";

export function encodeRunCursor(position: { createdAt: Date; id: string }): string {
  return Buffer.from(`${PREFIX}${position.createdAt.getTime()}:${position.id}`, "utf8").toString("base64url");
}

export function decodeRunCursor(cursor: string | null | undefined, field = "after"): { createdAt: Date; id: string } | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const match = /^runs:(\d{1,15}):(.+)$/s.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badInput(field, "Not a cursor of this list; pass an edge's `cursor` or `pageInfo.endCursor`");
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
