import type { SqlTransaction } from "@aiwf/platform/postgres";
import type { RecordedEvent } from "../domain/event-store";

/**
 * A read model updated in the append's own transaction: a read right after a write sees it,
 * and a rejected append leaves it untouched. Rebuildable by replaying the streams it handles.
 */
export interface InlineProjection {
  handles(streamId: string): boolean;
  /** Applies a stream's newly appended events (in version order). */
  apply(tx: SqlTransaction, tenantId: string, streamId: string, events: readonly RecordedEvent[]): Promise<void>;
}
