-- Backstop against double booking: a confirmed booking may not overlap (on its buffered
-- [blocked_start, blocked_end) range) another confirmed booking of the same host. Violations
-- raise 23P01, which the store maps to its conflict error. The real guard is the host row lock.
-- btree_gist is a trusted extension (PG >= 13): a database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist ("host_id" WITH =, int8range("blocked_start", "blocked_end", '[)') WITH &&)
  WHERE ("status" = 'confirmed');
--> statement-breakpoint
-- The booking history is append-only.
CREATE OR REPLACE FUNCTION "booking_events_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'booking_events is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "booking_events_append_only"
  BEFORE UPDATE ON "booking_events"
  FOR EACH ROW EXECUTE FUNCTION "booking_events_append_only"();
