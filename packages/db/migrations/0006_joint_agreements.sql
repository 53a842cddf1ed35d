CREATE TYPE "public"."agreement_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "meeting_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"status" "agreement_status" DEFAULT 'pending' NOT NULL,
	"reason" text,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "meeting_agreements" ADD CONSTRAINT "meeting_agreements_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agreements" ADD CONSTRAINT "meeting_agreements_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agreements" ADD CONSTRAINT "meeting_agreements_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agreements" ADD CONSTRAINT "meeting_agreements_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_agreements_district_uq" ON "meeting_agreements" USING btree ("meeting_id","district_id");--> statement-breakpoint
CREATE INDEX "meeting_agreements_staff_idx" ON "meeting_agreements" USING btree ("staff_id","status");--> statement-breakpoint
-- hand-written:
-- R-27.4: joint meetings still being planned when agreements were introduced ask their other
-- reporting inspectors (every one but the planner's own staff record) from now on; meetings
-- already announced or held stand as they are.
INSERT INTO "meeting_agreements" ("meeting_id", "district_id", "staff_id", "status", "asked_at")
SELECT mi."meeting_id", mi."district_id", mi."staff_id", 'pending', now()
FROM "meeting_inspectors" mi
JOIN "meetings" m ON m."id" = mi."meeting_id"
LEFT JOIN "users" u ON u."id" = m."created_by"
WHERE m."status" IN ('draft', 'scheduled', 'postponed')
  AND (SELECT count(*) FROM "meeting_districts" md WHERE md."meeting_id" = m."id") > 1
  AND (u."staff_id" IS NULL OR u."staff_id" <> mi."staff_id")
ON CONFLICT ("meeting_id", "district_id") DO NOTHING;
