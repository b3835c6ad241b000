CREATE TABLE `message_ledger` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`message_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`claimed_by` text NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	CONSTRAINT "message_ledger_status_check" CHECK("message_ledger"."status" IN ('sending', 'sent', 'failed', 'unknown'))
);
--> statement-breakpoint
CREATE INDEX `message_ledger_status_idx` ON `message_ledger` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`ics` text,
	`ics_method` text,
	`raw` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_messages_created_idx` ON `outbox_messages` (`created_at`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `meeting_url` text;