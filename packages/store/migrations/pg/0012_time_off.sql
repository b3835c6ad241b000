CREATE TABLE "time_off" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"host_id" text NOT NULL,
	"start" bigint NOT NULL,
	"end" bigint NOT NULL,
	"note" text,
	CONSTRAINT "time_off_range_check" CHECK ("time_off"."end" > "time_off"."start")
);
--> statement-breakpoint
ALTER TABLE "time_off" ADD CONSTRAINT "time_off_host_fk" FOREIGN KEY ("workspace_id","host_id") REFERENCES "public"."hosts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "time_off_host_start_idx" ON "time_off" USING btree ("workspace_id","host_id","start");