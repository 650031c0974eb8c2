import type { Document } from "../domain/document";
import type { ContentContext } from "./context";

/**
 * `_entities` for Document: all representations of one request share the request's
 * loader, so the gateway's batch costs one query. Unknown ids, and ids of another
 * tenant's documents, resolve to null.
 */
export const documentReference = {
  __resolveReference(reference: { id: unknown }, ctx: ContentContext): Promise<Document | null> | null {
    return typeof reference.id === "string" ? ctx.loaders.document.load(reference.id) : null;
  },
};
