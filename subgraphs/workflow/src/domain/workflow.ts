import type { NewEvent, RecordedEvent } from "./event-store";
import type { WorkflowDraft } from "./workflow-input";

export const WorkflowStatus = { DRAFT: "DRAFT", ACTIVE: "ACTIVE", ARCHIVED: "ARCHIVED" } as const;
export type WorkflowStatus = (typeof WorkflowStatus)[keyof typeof WorkflowStatus];

/** A workflow's current state: what its events fold to. */
export interface Workflow {
  id: string;
  name: string;
  description: string | null;
  status: WorkflowStatus;
  /** The version of its stream this state reflects. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The events of a workflow stream, by type. */
export interface WorkflowEventData {
  WorkflowCreated: { id: string; name: string; description: string | null };
}
export type WorkflowEventType = keyof WorkflowEventData;

const STREAM_PREFIX = "workflow-";

export const workflowStreamId = (workflowId: string) => `${STREAM_PREFIX}${workflowId}`;

/** The workflow id of a `workflow-<id>` stream, or undefined for other streams. */
export function workflowIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined;
}

/** Decides: the events that create a workflow. The draft is already validated. */
export function createWorkflowEvents(id: string, draft: WorkflowDraft): NewEvent[] {
  const data: WorkflowEventData["WorkflowCreated"] = { id, name: draft.name, description: draft.description };
  return [{ type: "WorkflowCreated", data: { ...data } }];
}

/** Evolves: one event applied to a state. Pure, so projections and replays agree. */
export function evolveWorkflow(state: Workflow | null, event: RecordedEvent): Workflow {
  switch (event.type as WorkflowEventType) {
    case "WorkflowCreated": {
      const data = event.data as unknown as WorkflowEventData["WorkflowCreated"];
      return {
        id: data.id,
        name: data.name,
        description: data.description,
        status: WorkflowStatus.DRAFT,
        version: event.version,
        createdAt: event.recordedAt,
        updatedAt: event.recordedAt,
      };
    }
    default:
      // Events this version does not know yet still advance the version, so replays stay aligned.
      if (!state) throw new Error(`Stream ${event.streamId} starts with ${event.type}, not WorkflowCreated`);
      return { ...state, version: event.version, updatedAt: event.recordedAt };
  }
}

export function foldWorkflow(events: readonly RecordedEvent[], initial: Workflow | null = null): Workflow | null {
  return events.reduce<Workflow | null>((state, event) => evolveWorkflow(state, event), initial);
}
