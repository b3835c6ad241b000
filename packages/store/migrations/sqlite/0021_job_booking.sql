-- A booking's follow-up jobs list by booking id (what its host sees while they retry); older jobs
-- get the id their payload already names.
ALTER TABLE `jobs` ADD `booking_id` text;--> statement-breakpoint
CREATE INDEX `jobs_booking_idx` ON `jobs` (`booking_id`);--> statement-breakpoint
UPDATE jobs SET booking_id = json_extract(payload, '$.bookingId') WHERE booking_id IS NULL;
