import { badInput } from "@aiwf/platform";
import type { ConceptOrder } from "../domain/concept";

/*
 * Cursors are opaque to clients: base64url of the key a page continues from. NAME pages
 * continue after a normalized name; IMPORTANCE pages after an offset (importance changes
 * with every recomputation, so no key is stable). The prefix lets a cursor of another
 * list or order be refused.
 */
const PREFIX: Record<ConceptOrder, string> = { NAME: "concept:", IMPORTANCE: "importance:" };

export function encodeConceptCursor(normalizedName: string): string {
  return Buffer.from(`${PREFIX.NAME}${normalizedName}`, "utf8").toString("base64url");
}

export function encodeImportanceCursor(offset: number): string {
  return Buffer.from(`${PREFIX.IMPORTANCE}${offset}`, "utf8").toString("base64url");
}

function refuse(): never {
  throw badInput("after", "Not a cursor of this list; pass an edge's `cursor` or `pageInfo.endCursor`");
}

export function decodeConceptCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!decoded.startsWith(PREFIX.NAME) || decoded.length === PREFIX.NAME.length) refuse();
  return decoded.slice(PREFIX.NAME.length);
}

/** The offset the next IMPORTANCE page starts at (the cursor is the last edge's position). */
export function decodeImportanceCursor(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const offset = Number(decoded.slice(PREFIX.IMPORTANCE.length));
  if (!decoded.startsWith(PREFIX.IMPORTANCE) || !Number.isInteger(offset) || offset < 1) refuse();
  return offset;
}
