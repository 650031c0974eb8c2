import type { EventStore } from "../domain/event-store";
import type { WorkflowReadModel } from "../domain/workflow-read-model";
import { PrismaEventStore, type PrismaEventStoreOptions } from "./prisma-event-store";
import { createPrismaClient } from "./prisma-client";
import { PrismaWorkflowReadModel } from "./prisma-workflow-read-model";
import { workflowProjection } from "./workflow-projection";
import type { OpenedDatabase } from "@aiwf/platform/postgres";

export interface WorkflowStore {
  events: EventStore;
  workflows: WorkflowReadModel;
  /** Disconnects the client; the database itself belongs to whoever opened it. */
  close(): Promise<void>;
}

/** The workflow subgraph's stores over one (migrated) database. */
export function openWorkflowStore(database: OpenedDatabase, options: Pick<PrismaEventStoreOptions, "now"> = {}): WorkflowStore {
  const prisma = createPrismaClient(database);
  return {
    events: new PrismaEventStore(prisma, { ...options, projections: [workflowProjection] }),
    workflows: new PrismaWorkflowReadModel(prisma),
    close: () => prisma.$disconnect(),
  };
}
