CREATE TABLE "calendar_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"host_id" text NOT NULL,
	"provider" text NOT NULL,
	"account_email" text,
	"access_token_sealed" text NOT NULL,
	"refresh_token_sealed" text,
	"token_expires_at" bigint NOT NULL,
	"calendars_to_check" jsonb NOT NULL,
	"write_calendar" text NOT NULL,
	"state" text NOT NULL,
	"state_since" bigint NOT NULL,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "calendar_connections_host_provider_unique" UNIQUE("workspace_id","host_id","provider"),
	CONSTRAINT "calendar_connections_provider_check" CHECK ("calendar_connections"."provider" IN ('google', 'microsoft')),
	CONSTRAINT "calendar_connections_state_check" CHECK ("calendar_connections"."state" IN ('working', 'needs_reconsent', 'failing'))
);
--> statement-breakpoint
ALTER TABLE "calendar_connections" ADD CONSTRAINT "calendar_connections_host_fk" FOREIGN KEY ("workspace_id","host_id") REFERENCES "public"."hosts"("workspace_id","id") ON DELETE no action ON UPDATE no action;