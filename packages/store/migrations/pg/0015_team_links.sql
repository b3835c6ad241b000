CREATE TABLE "booking_link_members" (
	"workspace_id" text NOT NULL,
	"link_id" text NOT NULL,
	"host_id" text NOT NULL,
	"position" integer NOT NULL,
	"weight" integer NOT NULL,
	"calendar_provider" text NOT NULL,
	"time_zone" text,
	"weekly_hours" jsonb,
	CONSTRAINT "booking_link_members_pk" PRIMARY KEY("link_id","host_id"),
	CONSTRAINT "booking_link_members_calendar_provider_check" CHECK ("booking_link_members"."calendar_provider" IN ('none', 'google', 'microsoft')),
	CONSTRAINT "booking_link_members_weight_check" CHECK ("booking_link_members"."weight" > 0)
);
--> statement-breakpoint
ALTER TABLE "booking_links" ADD COLUMN "kind" text DEFAULT 'solo' NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "co_host_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_link_members" ADD CONSTRAINT "booking_link_members_link_fk" FOREIGN KEY ("workspace_id","link_id") REFERENCES "public"."booking_links"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_link_members" ADD CONSTRAINT "booking_link_members_host_fk" FOREIGN KEY ("workspace_id","host_id") REFERENCES "public"."hosts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_link_members_host_idx" ON "booking_link_members" USING btree ("workspace_id","host_id");--> statement-breakpoint
CREATE INDEX "bookings_co_host_blocked_idx" ON "bookings" USING btree ("workspace_id","blocked_start") WHERE co_host_ids <> '[]';--> statement-breakpoint
CREATE INDEX "bookings_link_idx" ON "bookings" USING btree ("workspace_id","link_id");--> statement-breakpoint
ALTER TABLE "booking_links" ADD CONSTRAINT "booking_links_kind_check" CHECK ("booking_links"."kind" IN ('solo', 'round_robin', 'collective'));