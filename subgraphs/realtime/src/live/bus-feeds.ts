import type { Logger } from "@aiwf/platform";
import type { EventBus, EventEnvelope, Subscription } from "@aiwf/platform/events";
import { LocalHub } from "./local-hub";

/** A workflow run changed: what `workflowRunUpdated` streams. */
export interface RunUpdate {
  eventId: string;
  runId: string;
  workflowId: string;
  status: string;
  step: { nodeId: string; status: string | null; attempt: number | null } | null;
  /** The run stream's version after the change, when the workflow service sends it: orders updates per run. */
  sequence: number | null;
  occurredAt: Date;
}

/** A document finished processing: what `documentProcessed` streams. */
export interface DocumentProcessed {
  eventId: string;
  documentId: string;
  title: string;
  occurredAt: Date;
}

export const runKey = (tenantId: string, runId: string) => JSON.stringify([tenantId, "run", runId]);
export const workflowRunsKey = (tenantId: string, workflowId: string) => JSON.stringify([tenantId, "workflow", workflowId]);
export const documentsKey = (tenantId: string) => JSON.stringify([tenantId, "documents"]);

/**
 * Other subgraphs' events, fanned out to this instance's subscribers. Every instance
 * consumes in a consumer group of its own that starts at the newest event, so each
 * instance sees every event once and none replays history nobody asked for.
 */
export class BusFeeds {
  readonly runs = new LocalHub<RunUpdate>();
  readonly documents = new LocalHub<DocumentProcessed>();
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: EventBus,
    /** Unique per instance (see createApp). */
    private readonly group: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const live = { startFrom: "latest" as const, maxDeliveries: 1 };
    this.subscriptions.push(
      await this.bus.subscribe("workflow.run.updated", this.group, (event) => this.onRunUpdated(event), live),
      await this.bus.subscribe("content.document.processed", this.group, (event) => this.onDocumentProcessed(event), live),
    );
    this.logger.info({ group: this.group }, "consuming workflow and document events for subscriptions");
  }

  async stop(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
  }

  private onRunUpdated(event: EventEnvelope<"workflow.run.updated">): void {
    const { runId, workflowId, status, step, stepStatus, attempt, sequence } = event.payload;
    const update: RunUpdate = {
      eventId: event.id,
      runId,
      workflowId,
      status,
      step: step === undefined ? null : { nodeId: step, status: stepStatus ?? null, attempt: attempt ?? null },
      sequence: sequence ?? null,
      occurredAt: new Date(event.occurredAt),
    };
    this.runs.emit(runKey(event.tenantId, runId), update);
    this.runs.emit(workflowRunsKey(event.tenantId, workflowId), update);
  }

  private onDocumentProcessed(event: EventEnvelope<"content.document.processed">): void {
    const notice = { eventId: event.id, documentId: event.payload.documentId, title: event.payload.title, occurredAt: new Date(event.occurredAt) };
    this.documents.emit(documentsKey(event.tenantId), notice);
  }
}
