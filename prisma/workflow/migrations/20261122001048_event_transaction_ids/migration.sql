-- AlterTable
ALTER TABLE "events" ADD COLUMN     "transaction_id" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateIndex
CREATE INDEX "events_transaction_id_position_idx" ON "events"("transaction_id", "position");
