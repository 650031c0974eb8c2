import { conflict, badInput } from "@aiwf/platform";
import { EMPTY_DEFINITION, type WorkflowDefinition } from "./definition/definition";
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
  /** The version of its stream this state reflects; runs record the one they started from. */
  version: number;
  definition: WorkflowDefinition;
  createdAt: Date;
  updatedAt: Date;
}

/** The events of a workflow stream, by type. */
export interface WorkflowEventData {
  WorkflowCreated: { id: string; name: string; description: string | null; definition?: WorkflowDefinition };
  WorkflowUpdated: { name?: string; description?: string | null; definition?: WorkflowDefinition };
  WorkflowActivated: Record<string, never>;
  WorkflowArchived: Record<string, never>;
}
export type WorkflowEventType = keyof WorkflowEventData;

const STREAM_PREFIX = "workflow-";

export const workflowStreamId = (workflowId: string) => `${STREAM_PREFIX}${workflowId}`;

/** The workflow id of a `workflow-<id>` stream, or undefined for other streams. */
export function workflowIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined;
}

const event = <T extends WorkflowEventType>(type: T, data: WorkflowEventData[T]): NewEvent => ({ type, data: { ...data } });

/** Decides: the events that create a workflow. The draft is already validated. */
export function createWorkflowEvents(id: string, draft: WorkflowDraft): NewEvent[] {
  return [event("WorkflowCreated", { id, name: draft.name, description: draft.description, definition: draft.definition ?? EMPTY_DEFINITION })];
}

export function updateWorkflowEvents(state: Workflow, change: WorkflowEventData["WorkflowUpdated"]): NewEvent[] {
  if (state.status === WorkflowStatus.ARCHIVED) throw conflict(`Workflow ${state.id} is archived and cannot change`, { reason: "ARCHIVED" });
  return [event("WorkflowUpdated", change)];
}

/** An empty definition cannot run; stored definitions were validated when saved. */
export function activateWorkflowEvents(state: Workflow): NewEvent[] {
  if (state.status === WorkflowStatus.ACTIVE) return [];
  if (state.status === WorkflowStatus.ARCHIVED) throw conflict(`Workflow ${state.id} is archived and cannot be activated`, { reason: "ARCHIVED" });
  if (state.definition.nodes.length === 0) throw badInput("id", `Workflow ${state.id} has no nodes; give it a definition before activating it`);
  return [event("WorkflowActivated", {})];
}

export function archiveWorkflowEvents(state: Workflow): NewEvent[] {
  return state.status === WorkflowStatus.ARCHIVED ? [] : [event("WorkflowArchived", {})];
}

/** Evolves: one event applied to a state. Pure, so projections and replays agree. */
export function evolveWorkflow(state: Workflow | null, recorded: RecordedEvent): Workflow {
  const base = { version: recorded.version, updatedAt: recorded.recordedAt };
  if (recorded.type === "WorkflowCreated") {
    const data = recorded.data as unknown as WorkflowEventData["WorkflowCreated"];
    const { id, name, description } = data;
    return { id, name, description, definition: data.definition ?? EMPTY_DEFINITION, status: WorkflowStatus.DRAFT, createdAt: recorded.recordedAt, ...base };
  }
  if (!state) throw new Error(`Stream ${recorded.streamId} starts with ${recorded.type}, not WorkflowCreated`);
  switch (recorded.type as WorkflowEventType) {
    case "WorkflowUpdated":
      return { ...state, ...(recorded.data as WorkflowEventData["WorkflowUpdated"]), ...base };
    case "WorkflowActivated":
      return { ...state, status: WorkflowStatus.ACTIVE, ...base };
    case "WorkflowArchived":
      return { ...state, status: WorkflowStatus.ARCHIVED, ...base };
    default:
      // Events this version does not know yet still advance the version, so replays stay aligned.
      return { ...state, ...base };
  }
}

export function foldWorkflow(events: readonly RecordedEvent[], initial: Workflow | null = null): Workflow | null {
  return events.reduce<Workflow | null>((state, recorded) => evolveWorkflow(state, recorded), initial);
}
