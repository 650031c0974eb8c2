import type { Logger } from "@aiwf/platform";
import { createIdempotentHandler, type EventBus, type ProcessedEventLog, type Subscription } from "@aiwf/platform/events";
import type { DocumentConceptsService } from "../domain/document-concepts.service";

/** The consumer group: every knowledge-graph instance shares the document events. */
export const DOCUMENT_EVENTS_GROUP = "knowledge-graph";

/**
 * Links documents to concepts as content-processing processes and deletes them. Handlers
 * are idempotent twice over: by event id (a redelivery is skipped) and by content (the
 * store operations set, never add, so even a second event for the same content changes
 * nothing).
 */
export async function subscribeToDocumentEvents(
  bus: EventBus,
  processedEvents: ProcessedEventLog,
  documents: DocumentConceptsService,
  logger: Logger,
): Promise<Subscription[]> {
  const processed = await bus.subscribe(
    "content.document.processed",
    DOCUMENT_EVENTS_GROUP,
    createIdempotentHandler(processedEvents, async (event) => {
      await documents.documentProcessed(event.tenantId, event.payload.documentId, event.payload.candidateConcepts);
      logger.debug({ eventId: event.id, tenantId: event.tenantId, documentId: event.payload.documentId }, "document concepts linked");
    }),
  );
  const deleted = await bus.subscribe(
    "content.document.deleted",
    DOCUMENT_EVENTS_GROUP,
    createIdempotentHandler(processedEvents, async (event) => {
      await documents.documentDeleted(event.tenantId, event.payload.documentId);
      logger.debug({ eventId: event.id, tenantId: event.tenantId, documentId: event.payload.documentId }, "document concepts unlinked");
    }),
  );
  return [processed, deleted];
}
