-- AlterTable
ALTER TABLE "run_tasks" ADD COLUMN     "running" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateTable
CREATE TABLE "model_usage" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "input_tokens" INTEGER NOT NULL,
    "output_tokens" INTEGER NOT NULL,
    "cost_usd" DECIMAL(18,6) NOT NULL,
    "latency_ms" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_usage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "model_usage_tenant_id_at_idx" ON "model_usage"("tenant_id", "at");

-- CreateIndex
CREATE INDEX "run_tasks_tenant_id_running_idx" ON "run_tasks"("tenant_id", "running");
