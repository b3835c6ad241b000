ALTER TABLE `message_ledger` ADD `workspace_id` text;--> statement-breakpoint
ALTER TABLE `message_ledger` ADD `host_id` text;--> statement-breakpoint
ALTER TABLE `message_ledger` ADD `booking_id` text;--> statement-breakpoint
CREATE INDEX `message_ledger_owner_idx` ON `message_ledger` (`workspace_id`,`host_id`,`status`);