CREATE TABLE `crm_meetings` (
	`workspace_id` text NOT NULL,
	`booking_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`deal_id` text,
	`title` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`status` text NOT NULL,
	`meeting_url` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `booking_id`),
	FOREIGN KEY (`workspace_id`,`contact_id`) REFERENCES `crm_contacts`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`,`deal_id`) REFERENCES `crm_deals`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "crm_meetings_status_check" CHECK("crm_meetings"."status" IN ('scheduled', 'cancelled', 'no_show'))
);
--> statement-breakpoint
CREATE INDEX `crm_meetings_contact_idx` ON `crm_meetings` (`workspace_id`,`contact_id`,`start`);--> statement-breakpoint
CREATE INDEX `crm_meetings_deal_idx` ON `crm_meetings` (`workspace_id`,`deal_id`,`start`);--> statement-breakpoint
-- Deals made before this table existed: their booking (the deal's key is "<bookingId>:deal") and its meeting.
INSERT INTO crm_meetings (workspace_id, booking_id, contact_id, deal_id, title, "start", "end", status, meeting_url, updated_at)
SELECT workspace_id, substr(key, 1, length(key) - 5), contact_id, id, title, meeting_start, meeting_end, meeting_status, meeting_url, updated_at
FROM crm_deals WHERE key LIKE '%:deal';
