import type { RecordedEvent } from "../domain/event-store";
import type { TransactionClient } from "./prisma-client";

/**
 * A read model updated in the append's own transaction: a read right after a write sees it,
 * and a rejected append leaves it untouched. Rebuildable by replaying the streams it handles.
 */
export interface InlineProjection {
  handles(streamId: string): boolean;
  /** Applies a stream's newly appended events (in version order). */
  apply(tx: TransactionClient, tenantId: string, streamId: string, events: readonly RecordedEvent[]): Promise<void>;
}
