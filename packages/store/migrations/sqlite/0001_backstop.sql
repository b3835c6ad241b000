-- Backstop against double booking: a confirmed booking may not overlap (on its buffered
-- [blocked_start, blocked_end) range) another confirmed booking of the same host. The store maps
-- the 'SLOT_TAKEN' abort to its conflict error. The real guard is the write transaction.
CREATE TRIGGER `bookings_no_overlap_insert`
BEFORE INSERT ON `bookings`
WHEN NEW.`status` = 'confirmed' AND EXISTS (
  SELECT 1 FROM `bookings` AS b
  WHERE b.`host_id` = NEW.`host_id`
    AND b.`status` = 'confirmed'
    AND b.`blocked_start` < NEW.`blocked_end`
    AND b.`blocked_end` > NEW.`blocked_start`
)
BEGIN
  SELECT RAISE(ABORT, 'SLOT_TAKEN: overlapping confirmed booking for this host');
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_no_overlap_update`
BEFORE UPDATE OF `status`, `host_id`, `blocked_start`, `blocked_end` ON `bookings`
WHEN NEW.`status` = 'confirmed' AND EXISTS (
  SELECT 1 FROM `bookings` AS b
  WHERE b.`id` <> NEW.`id`
    AND b.`host_id` = NEW.`host_id`
    AND b.`status` = 'confirmed'
    AND b.`blocked_start` < NEW.`blocked_end`
    AND b.`blocked_end` > NEW.`blocked_start`
)
BEGIN
  SELECT RAISE(ABORT, 'SLOT_TAKEN: overlapping confirmed booking for this host');
END;
--> statement-breakpoint
-- The booking history is append-only.
CREATE TRIGGER `booking_events_append_only`
BEFORE UPDATE ON `booking_events`
BEGIN
  SELECT RAISE(ABORT, 'booking_events is append-only');
END;
