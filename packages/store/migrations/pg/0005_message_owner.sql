ALTER TABLE "message_ledger" ADD COLUMN "workspace_id" text;--> statement-breakpoint
ALTER TABLE "message_ledger" ADD COLUMN "host_id" text;--> statement-breakpoint
ALTER TABLE "message_ledger" ADD COLUMN "booking_id" text;--> statement-breakpoint
CREATE INDEX "message_ledger_owner_idx" ON "message_ledger" USING btree ("workspace_id","host_id","status");