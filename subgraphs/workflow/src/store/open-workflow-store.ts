import type { OpenedDatabase } from "@aiwf/platform/postgres";
import type { EventStore } from "../domain/event-store";
import type { RunReadModel, RunTaskQueue } from "../domain/run/run-ports";
import type { WorkflowReadModel } from "../domain/workflow-read-model";
import { PrismaEventStore, type PrismaEventStoreOptions } from "./prisma-event-store";
import { createPrismaClient, type PrismaClient } from "./prisma-client";
import { PrismaRunReadModel } from "./prisma-run-read-model";
import { PostgresRunTaskQueue } from "./postgres-run-tasks";
import { PrismaWorkflowReadModel } from "./prisma-workflow-read-model";
import { runProjection } from "./run-projection";
import { workflowProjection } from "./workflow-projection";

export interface WorkflowStore {
  events: EventStore;
  workflows: WorkflowReadModel;
  runs: RunReadModel;
  tasks: RunTaskQueue;
  /** For the outbox relay. */
  prisma: PrismaClient;
  /** Disconnects the client; the database itself belongs to whoever opened it. */
  close(): Promise<void>;
}

/** The workflow subgraph's stores over one (migrated) database. */
export function openWorkflowStore(database: OpenedDatabase, options: Pick<PrismaEventStoreOptions, "now"> = {}): WorkflowStore {
  const prisma = createPrismaClient(database);
  return {
    events: new PrismaEventStore(prisma, { ...options, database, projections: [workflowProjection, runProjection] }),
    workflows: new PrismaWorkflowReadModel(prisma),
    runs: new PrismaRunReadModel(prisma),
    tasks: new PostgresRunTaskQueue(database),
    prisma,
    close: () => prisma.$disconnect(),
  };
}
