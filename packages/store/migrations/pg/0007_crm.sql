CREATE TABLE "crm_contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"email" text NOT NULL,
	"email_key" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "crm_contacts_email_key_unique" UNIQUE("workspace_id","email_key"),
	CONSTRAINT "crm_contacts_workspace_id_id_unique" UNIQUE("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "crm_deals" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"contact_id" text NOT NULL,
	"title" text NOT NULL,
	"stage" text,
	"value_minor" bigint,
	"currency" text,
	"meeting_start" bigint NOT NULL,
	"meeting_end" bigint NOT NULL,
	"meeting_status" text NOT NULL,
	"meeting_url" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "crm_deals_key_unique" UNIQUE("workspace_id","key"),
	CONSTRAINT "crm_deals_workspace_id_id_unique" UNIQUE("workspace_id","id"),
	CONSTRAINT "crm_deals_meeting_status_check" CHECK ("crm_deals"."meeting_status" IN ('scheduled', 'cancelled', 'no_show'))
);
--> statement-breakpoint
CREATE TABLE "crm_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"contact_id" text NOT NULL,
	"deal_id" text,
	"note" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "crm_notes_key_unique" UNIQUE("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "crm_stages" (
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "crm_stages_workspace_id_name_pk" PRIMARY KEY("workspace_id","name")
);
--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."crm_contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_notes" ADD CONSTRAINT "crm_notes_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."crm_contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_notes" ADD CONSTRAINT "crm_notes_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."crm_deals"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_deals_contact_idx" ON "crm_deals" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "crm_notes_contact_idx" ON "crm_notes" USING btree ("workspace_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "crm_notes_deal_idx" ON "crm_notes" USING btree ("workspace_id","deal_id","created_at");