ALTER TABLE `booking_links` ADD `default_deal_currency` text;--> statement-breakpoint
ALTER TABLE `crm_contacts` ADD `name_key` text;--> statement-breakpoint
ALTER TABLE `crm_deals` ADD `title_key` text;