CREATE TABLE `time_off` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`host_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`workspace_id`,`host_id`) REFERENCES `hosts`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "time_off_range_check" CHECK("time_off"."end" > "time_off"."start")
);
--> statement-breakpoint
CREATE INDEX `time_off_host_start_idx` ON `time_off` (`workspace_id`,`host_id`,`start`);