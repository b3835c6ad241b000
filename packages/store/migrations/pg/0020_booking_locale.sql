ALTER TABLE "bookings" ADD COLUMN "attendee_locale" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "attendee_hour_cycle" text;