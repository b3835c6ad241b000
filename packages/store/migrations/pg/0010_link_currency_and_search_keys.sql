ALTER TABLE "booking_links" ADD COLUMN "default_deal_currency" text;--> statement-breakpoint
ALTER TABLE "crm_contacts" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "crm_deals" ADD COLUMN "title_key" text;