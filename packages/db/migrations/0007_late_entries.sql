CREATE TYPE "public"."late_entry_status" AS ENUM('pending', 'confirmed', 'returned', 'withdrawn');--> statement-breakpoint
CREATE TABLE "meeting_late_entries" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"status" "late_entry_status" DEFAULT 'pending' NOT NULL,
	"reason" text NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_by_name" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"return_reason" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_late_entries" ADD CONSTRAINT "meeting_late_entries_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_late_entries" ADD CONSTRAINT "meeting_late_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_late_entries" ADD CONSTRAINT "meeting_late_entries_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_late_entries_status_idx" ON "meeting_late_entries" USING btree ("status");