import { badInput } from "@aiwf/platform";
import { isDocumentId } from "./document";

/** Relay pages are capped so one request cannot read a whole tenant. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Position in the newest-first order: (createdAt, id) is unique and stable. */
export interface DocumentCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: base64url of the position, so its shape can change without notice. */
export function encodeCursor(cursor: DocumentCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string, field = "after"): DocumentCursor {
  const [iso, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (rest.length > 0 || !id || !isDocumentId(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) {
    throw badInput(field, `${field} is not a cursor this API returned`);
  }
  return { createdAt, id };
}

/** `first` as asked, the default when absent or null. */
export function checkPageSize(first: number | null | undefined, field = "first"): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(field, `${field} must be between 0 and ${MAX_PAGE_SIZE}`, { limit: MAX_PAGE_SIZE });
  }
  return first;
}
