CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`link_id` text NOT NULL,
	`field_id` text NOT NULL,
	`filename` text NOT NULL,
	`kind` text NOT NULL,
	`size` integer NOT NULL,
	`storage_key` text NOT NULL,
	`booking_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`,`link_id`) REFERENCES `booking_links`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "uploads_kind_check" CHECK("uploads"."kind" IN ('pdf', 'png', 'jpeg', 'gif', 'webp', 'txt')),
	CONSTRAINT "uploads_size_check" CHECK("uploads"."size" >= 0)
);
--> statement-breakpoint
CREATE INDEX `uploads_booking_idx` ON `uploads` (`booking_id`);--> statement-breakpoint
CREATE INDEX `uploads_unattached_created_idx` ON `uploads` (`created_at`) WHERE booking_id IS NULL;--> statement-breakpoint
ALTER TABLE `booking_links` ADD `form_fields` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `bookings` ADD `answers` text DEFAULT '[]' NOT NULL;