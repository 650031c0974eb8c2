import { randomUUID } from "node:crypto";
import { badInput } from "@aiwf/platform";
import { notFound } from "@aiwf/platform";
import { NO_STREAM, staleVersion, type EventStore, type NewEvent, type RecordedEvent } from "./event-store";
import {
  activateWorkflowEvents,
  archiveWorkflowEvents,
  createWorkflowEvents,
  foldWorkflow,
  updateWorkflowEvents,
  workflowStreamId,
  type Workflow,
  type WorkflowStatus,
} from "./workflow";
import { decodeWorkflowCursor } from "./workflow-cursor";
import { parseCreateWorkflowInput, parseUpdateWorkflowInput, type CreateWorkflowInput, type UpdateWorkflowInput } from "./workflow-input";
import type { WorkflowList, WorkflowReadModel } from "./workflow-read-model";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface WorkflowServiceDeps {
  events: EventStore;
  workflows: WorkflowReadModel;
  /** New workflow ids; injected so tests can name them. */
  newId?: () => string;
}

/** The workflow use cases, every one scoped to the caller's tenant. */
export class WorkflowService {
  private readonly newId: () => string;

  constructor(private readonly deps: WorkflowServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  async create(tenantId: string, input: CreateWorkflowInput): Promise<Workflow> {
    const draft = parseCreateWorkflowInput(input);
    const id = this.newId();
    await this.deps.events.appendToStream(tenantId, workflowStreamId(id), NO_STREAM, createWorkflowEvents(id, draft));
    // The projection was updated in the append's transaction: this read sees the new workflow.
    const [created] = await this.deps.workflows.findByIds(tenantId, [id]);
    if (!created) throw new Error(`Workflow ${id} was appended but is missing from the projection`);
    return created;
  }

  /** Changes name, description or definition if the workflow is still at `expectedVersion`, else CONFLICT. */
  async update(tenantId: string, id: string, expectedVersion: number, input: UpdateWorkflowInput): Promise<Workflow> {
    const change = parseUpdateWorkflowInput(input);
    return this.change(tenantId, id, expectedVersion, (state) => updateWorkflowEvents(state, change));
  }

  /** Publishes a DRAFT so runs can start; its definition was validated when saved. */
  activate(tenantId: string, id: string): Promise<Workflow> {
    return this.change(tenantId, id, undefined, activateWorkflowEvents);
  }

  archive(tenantId: string, id: string): Promise<Workflow> {
    return this.change(tenantId, id, undefined, archiveWorkflowEvents);
  }

  /** The workflow as it was at `asOf`: its events recorded until then, folded. Null before it existed. */
  async at(tenantId: string, id: string, asOf: Date): Promise<Workflow | null> {
    const events = await this.deps.events.readStream(tenantId, workflowStreamId(id));
    return foldWorkflow(events.filter((event) => event.recordedAt <= asOf));
  }

  private async change(tenantId: string, id: string, expectedVersion: number | undefined, decide: (state: Workflow) => NewEvent[]): Promise<Workflow> {
    const state = foldWorkflow(await this.deps.events.readStream(tenantId, workflowStreamId(id)));
    if (!state) throw notFound("Workflow", id);
    if (expectedVersion !== undefined && expectedVersion !== state.version) throw staleVersion(workflowStreamId(id), expectedVersion, state.version);
    const events = decide(state);
    if (events.length > 0) await this.deps.events.appendToStream(tenantId, workflowStreamId(id), state.version, events);
    const [changed] = await this.deps.workflows.findByIds(tenantId, [id]);
    return changed!;
  }

  /** One entry per id, in order: the workflow, or null when the tenant has none by that id. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<Array<Workflow | null>> {
    const found = new Map((await this.deps.workflows.findByIds(tenantId, ids)).map((workflow) => [workflow.id, workflow]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async list(tenantId: string, args: { first?: number | null; after?: string | null; status?: WorkflowStatus | null }): Promise<WorkflowList> {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput("first", `first must be between 1 and ${MAX_PAGE_SIZE}`);
    return this.deps.workflows.list(tenantId, {
      first,
      after: decodeWorkflowCursor(args.after),
      status: args.status ?? undefined,
    });
  }

  /** Every event of the workflow's stream, oldest first; empty for another tenant's workflow. */
  history(tenantId: string, workflowId: string): Promise<RecordedEvent[]> {
    return this.deps.events.readStream(tenantId, workflowStreamId(workflowId));
  }
}
