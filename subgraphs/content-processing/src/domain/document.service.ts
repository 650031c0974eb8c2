import { randomUUID } from "node:crypto";
import type { Identity } from "@aiwf/platform";
import { type Document, DocumentStatus } from "./document";
import type { DocumentStore } from "./document-store";
import type { IngestInput } from "./ingest-input";
import { checkPageSize, decodeCursor, encodeCursor } from "./pagination";
import { prepareDocument } from "./prepare-document";

export interface DocumentServiceDeps {
  store: DocumentStore;
  clock?: () => Date;
  newId?: () => string;
}

export interface DocumentConnectionPage {
  edges: Array<{ cursor: string; node: Document }>;
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** Ingests and reads one tenant's documents. */
export class DocumentService {
  private readonly store: DocumentStore;
  private readonly clock: () => Date;
  private readonly newId: () => string;

  constructor(deps: DocumentServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  /**
   * Processing is synchronous in this slice: the document is READY on return. The same
   * content ingested again by the tenant returns the document it already has.
   */
  async ingest(identity: Identity, input: IngestInput): Promise<Document> {
    const prepared = prepareDocument(input);
    const { document } = await this.store.createOrGet({
      ...prepared,
      tenantId: identity.tenantId,
      id: this.newId(),
      status: DocumentStatus.READY,
      createdAt: this.clock(),
    });
    return document;
  }

  /** Documents by id, in the order asked, null where the tenant has none (for DataLoader). */
  async findMany(identity: Identity, ids: readonly string[]): Promise<Array<Document | null>> {
    const found = new Map((await this.store.getMany(identity.tenantId, ids)).map((d) => [d.id, d]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async list(identity: Identity, first?: number | null, after?: string | null): Promise<DocumentConnectionPage> {
    const page = await this.store.list(identity.tenantId, {
      first: checkPageSize(first),
      ...(after ? { after: decodeCursor(after) } : {}),
    });
    const edges = page.documents.map((node) => ({ cursor: encodeCursor(node), node }));
    return { edges, hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null, totalCount: page.totalCount };
  }
}
