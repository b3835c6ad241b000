CREATE TABLE "crm_meetings" (
	"workspace_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"deal_id" text,
	"title" text NOT NULL,
	"start" bigint NOT NULL,
	"end" bigint NOT NULL,
	"status" text NOT NULL,
	"meeting_url" text,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "crm_meetings_workspace_id_booking_id_pk" PRIMARY KEY("workspace_id","booking_id"),
	CONSTRAINT "crm_meetings_status_check" CHECK ("crm_meetings"."status" IN ('scheduled', 'cancelled', 'no_show'))
);
--> statement-breakpoint
ALTER TABLE "crm_meetings" ADD CONSTRAINT "crm_meetings_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."crm_contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_meetings" ADD CONSTRAINT "crm_meetings_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."crm_deals"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_meetings_contact_idx" ON "crm_meetings" USING btree ("workspace_id","contact_id","start");--> statement-breakpoint
CREATE INDEX "crm_meetings_deal_idx" ON "crm_meetings" USING btree ("workspace_id","deal_id","start");--> statement-breakpoint
-- Deals made before this table existed: their booking (the deal's key is "<bookingId>:deal") and its meeting.
INSERT INTO crm_meetings (workspace_id, booking_id, contact_id, deal_id, title, "start", "end", status, meeting_url, updated_at)
SELECT workspace_id, substr(key, 1, length(key) - 5), contact_id, id, title, meeting_start, meeting_end, meeting_status, meeting_url, updated_at
FROM crm_deals WHERE key LIKE '%:deal';
