CREATE TABLE `crm_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_contacts_email_key_unique` ON `crm_contacts` (`workspace_id`,`email_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `crm_contacts_workspace_id_id_unique` ON `crm_contacts` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `crm_deals` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`contact_id` text NOT NULL,
	`title` text NOT NULL,
	`stage` text,
	`value_minor` integer,
	`currency` text,
	`meeting_start` integer NOT NULL,
	`meeting_end` integer NOT NULL,
	`meeting_status` text NOT NULL,
	`meeting_url` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`,`contact_id`) REFERENCES `crm_contacts`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "crm_deals_meeting_status_check" CHECK("crm_deals"."meeting_status" IN ('scheduled', 'cancelled', 'no_show'))
);
--> statement-breakpoint
CREATE INDEX `crm_deals_contact_idx` ON `crm_deals` (`workspace_id`,`contact_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `crm_deals_key_unique` ON `crm_deals` (`workspace_id`,`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `crm_deals_workspace_id_id_unique` ON `crm_deals` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `crm_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`contact_id` text NOT NULL,
	`deal_id` text,
	`note` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`,`contact_id`) REFERENCES `crm_contacts`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`,`deal_id`) REFERENCES `crm_deals`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crm_notes_contact_idx` ON `crm_notes` (`workspace_id`,`contact_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `crm_notes_deal_idx` ON `crm_notes` (`workspace_id`,`deal_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `crm_notes_key_unique` ON `crm_notes` (`workspace_id`,`key`);--> statement-breakpoint
CREATE TABLE `crm_stages` (
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `name`)
);
