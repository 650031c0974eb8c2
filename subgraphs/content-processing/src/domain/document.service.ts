import { randomUUID } from "node:crypto";
import { type Identity, notFound } from "@aiwf/platform";
import type { Document, DocumentChunk } from "./document";
import type { DocumentStore } from "./document-store";
import type { IngestInput } from "./ingest-input";
import { checkPageSize, decodeCursor, encodeCursor } from "./pagination";
import { prepareDocument } from "./prepare-document";

export interface DocumentServiceDeps {
  store: DocumentStore;
  clock?: () => Date;
  newId?: () => string;
  /** Called after a job was queued, so a worker in this process starts on it at once. */
  onQueued?: () => void;
  /** Called after an event was written to the outbox, so the relay publishes it at once. */
  onEventsRecorded?: () => void;
}

export interface DocumentConnectionPage {
  edges: Array<{ cursor: string; node: Document }>;
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** Ingests, reads, reprocesses and deletes one tenant's documents. */
export class DocumentService {
  private readonly store: DocumentStore;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly onQueued: () => void;
  private readonly onEventsRecorded: () => void;

  constructor(deps: DocumentServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
    this.onQueued = deps.onQueued ?? (() => undefined);
    this.onEventsRecorded = deps.onEventsRecorded ?? (() => undefined);
  }

  /**
   * Validates and stores the document PENDING with a processing job, and returns at once:
   * extraction, analysis and embedding run in the background. The same content ingested
   * again by the tenant returns the document it already has (whatever its status).
   */
  async ingest(identity: Identity, input: IngestInput): Promise<Document> {
    const prepared = prepareDocument(input);
    const now = this.clock();
    const { document, created } = await this.store.createOrGet({ ...prepared, tenantId: identity.tenantId, id: this.newId(), createdAt: now }, now);
    if (created) this.onQueued();
    return document;
  }

  /** Processes the document again from its stored source (after a failure, or with a new provider). */
  async reprocess(identity: Identity, id: string): Promise<Document> {
    const document = await this.store.requeue(identity.tenantId, id, this.clock());
    if (!document) throw notFound("Document", id);
    this.onQueued();
    return document;
  }

  /** Deletes the document with its chunks and embeddings; emits content.document.deleted. */
  async delete(identity: Identity, id: string): Promise<boolean> {
    const deleted = await this.store.delete(identity.tenantId, id, {
      id: randomUUID(),
      topic: "content.document.deleted",
      tenantId: identity.tenantId,
      payload: { documentId: id },
      occurredAt: this.clock(),
    });
    if (!deleted) throw notFound("Document", id);
    this.onEventsRecorded();
    return true;
  }

  /** Documents by id, in the order asked, null where the tenant has none (for DataLoader). */
  async findMany(identity: Identity, ids: readonly string[]): Promise<Array<Document | null>> {
    const found = new Map((await this.store.getMany(identity.tenantId, ids)).map((d) => [d.id, d]));
    return ids.map((id) => found.get(id) ?? null);
  }

  chunksOf(identity: Identity, id: string): Promise<DocumentChunk[]> {
    return this.store.chunksOf(identity.tenantId, id);
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
