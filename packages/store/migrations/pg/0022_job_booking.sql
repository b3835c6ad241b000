-- A booking's follow-up jobs list by booking id (what its host sees while they retry); older jobs
-- get the id their payload already names.
ALTER TABLE "jobs" ADD COLUMN "booking_id" text;--> statement-breakpoint
CREATE INDEX "jobs_booking_idx" ON "jobs" USING btree ("booking_id");--> statement-breakpoint
UPDATE "jobs" SET "booking_id" = "payload"->>'bookingId' WHERE "booking_id" IS NULL;
