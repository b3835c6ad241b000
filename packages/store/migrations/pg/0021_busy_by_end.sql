-- Busy reads and the overlap check by blocked end: an overlap test walks the bookings ending after
-- its start (the calendar ahead), not every earlier booking of the host.
DROP INDEX "bookings_co_host_blocked_idx";--> statement-breakpoint
CREATE INDEX "bookings_host_blocked_end_idx" ON "bookings" USING btree ("host_id","blocked_end");--> statement-breakpoint
CREATE INDEX "bookings_co_host_blocked_end_idx" ON "bookings" USING btree ("workspace_id","blocked_end") WHERE co_host_ids <> '[]';
