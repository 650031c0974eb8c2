import { badInput } from "@aiwf/platform";

/*
 * Cursors are opaque to clients: base64url of the concept's normalized name, the key
 * pages are ordered by. The prefix lets a cursor from another list be refused.
 */
const PREFIX = "concept:";

export function encodeConceptCursor(normalizedName: string): string {
  return Buffer.from(`${PREFIX}${normalizedName}`, "utf8").toString("base64url");
}

export function decodeConceptCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!decoded.startsWith(PREFIX) || decoded.length === PREFIX.length) {
    throw badInput("after", "Not a cursor of this list; pass an edge's `cursor` or `pageInfo.endCursor`");
  }
  return decoded.slice(PREFIX.length);
}
