CREATE TABLE `booking_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`booking_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`workspace_id`,`booking_id`) REFERENCES `bookings`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booking_events_id_unique` ON `booking_events` (`id`);--> statement-breakpoint
CREATE INDEX `booking_events_booking_idx` ON `booking_events` (`workspace_id`,`booking_id`,`at`);--> statement-breakpoint
CREATE TABLE `booking_links` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`host_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`slug` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`buffer_before_minutes` integer NOT NULL,
	`buffer_after_minutes` integer NOT NULL,
	`min_notice_hours` integer NOT NULL,
	`max_days_ahead` integer NOT NULL,
	`time_zone` text NOT NULL,
	`weekly_hours` text NOT NULL,
	`date_overrides` text NOT NULL,
	`recurring_overrides` text NOT NULL,
	`daily_cap` integer,
	`calendar_provider` text NOT NULL,
	`auto_meeting_link` integer NOT NULL,
	`auto_create_deal` integer NOT NULL,
	`default_deal_stage` text,
	`default_deal_value_minor` integer,
	`active` integer NOT NULL,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`,`host_id`) REFERENCES `hosts`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booking_links_live_slug_unique` ON `booking_links` (`slug`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `booking_links_host_idx` ON `booking_links` (`workspace_id`,`host_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `booking_links_workspace_id_id_unique` ON `booking_links` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `booking_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`,`booking_id`) REFERENCES `bookings`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `booking_tokens_booking_idx` ON `booking_tokens` (`workspace_id`,`booking_id`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`link_id` text NOT NULL,
	`host_id` text NOT NULL,
	`status` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`blocked_start` integer NOT NULL,
	`blocked_end` integer NOT NULL,
	`attendee_name` text NOT NULL,
	`attendee_email` text NOT NULL,
	`attendee_time_zone` text NOT NULL,
	`no_show` integer NOT NULL,
	`cancel_reason` text,
	`ical_uid` text NOT NULL,
	`ical_sequence` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`,`link_id`) REFERENCES `booking_links`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`,`host_id`) REFERENCES `hosts`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bookings_status_check" CHECK("bookings"."status" IN ('confirmed', 'cancelled')),
	CONSTRAINT "bookings_range_check" CHECK("bookings"."start" < "bookings"."end" AND "bookings"."blocked_start" <= "bookings"."start" AND "bookings"."blocked_end" >= "bookings"."end")
);
--> statement-breakpoint
CREATE INDEX `bookings_host_blocked_idx` ON `bookings` (`host_id`,`blocked_start`);--> statement-breakpoint
CREATE INDEX `bookings_workspace_host_start_idx` ON `bookings` (`workspace_id`,`host_id`,`start`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_workspace_id_id_unique` ON `bookings` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `host_credentials` (
	`host_id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`host_id`) REFERENCES `hosts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `host_credentials_email_unique` ON `host_credentials` (`email`);--> statement-breakpoint
CREATE TABLE `hosts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hosts_workspace_id_id_unique` ON `hosts` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`run_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`last_error` text,
	`locked_by` text,
	`locked_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_key_unique` ON `jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`host_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`host_id`) REFERENCES `hosts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_expires_at_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`created_at` integer NOT NULL
);
