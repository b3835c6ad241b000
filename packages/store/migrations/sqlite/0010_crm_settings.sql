CREATE TABLE `crm_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`cancelled_first_meeting_stage` text,
	`updated_at` integer NOT NULL
);
