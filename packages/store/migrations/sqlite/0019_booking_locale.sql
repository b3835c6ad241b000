ALTER TABLE `bookings` ADD `attendee_locale` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `attendee_hour_cycle` text;