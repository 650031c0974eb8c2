-- CreateEnum
CREATE TYPE "run_status" AS ENUM ('QUEUED', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- AlterTable
ALTER TABLE "workflows" ADD COLUMN     "definition" JSONB NOT NULL DEFAULT '{"nodes":[],"edges":[]}';

-- CreateTable
CREATE TABLE "workflow_runs" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "workflow_version" INTEGER NOT NULL,
    "status" "run_status" NOT NULL,
    "input" JSONB NOT NULL,
    "output" JSONB,
    "error" JSONB,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "idempotency_key" TEXT,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "workflow_runs_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "run_tasks" (
    "tenant_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "nudges" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "run_tasks_pkey" PRIMARY KEY ("tenant_id","run_id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "position" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("position")
);

-- CreateIndex
CREATE INDEX "workflow_runs_tenant_id_workflow_id_created_at_id_idx" ON "workflow_runs"("tenant_id", "workflow_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflow_runs_tenant_id_workflow_id_status_created_at_id_idx" ON "workflow_runs"("tenant_id", "workflow_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "run_tasks_due_at_idx" ON "run_tasks"("due_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"("event_id");

-- CreateIndex
CREATE INDEX "outbox_published_at_position_idx" ON "outbox"("published_at", "position");
