CREATE TABLE `calendar_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`host_id` text NOT NULL,
	`provider` text NOT NULL,
	`account_email` text,
	`access_token_sealed` text NOT NULL,
	`refresh_token_sealed` text,
	`token_expires_at` integer NOT NULL,
	`calendars_to_check` text NOT NULL,
	`write_calendar` text NOT NULL,
	`state` text NOT NULL,
	`state_since` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`,`host_id`) REFERENCES `hosts`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calendar_connections_provider_check" CHECK("calendar_connections"."provider" IN ('google', 'microsoft')),
	CONSTRAINT "calendar_connections_state_check" CHECK("calendar_connections"."state" IN ('working', 'needs_reconsent', 'failing'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_connections_host_provider_unique` ON `calendar_connections` (`workspace_id`,`host_id`,`provider`);