CREATE TYPE "public"."resident_question_kind" AS ENUM('question', 'complaint', 'proposal');--> statement-breakpoint
CREATE TYPE "public"."resident_verdict" AS ENUM('resolved', 'not_resolved');--> statement-breakpoint
CREATE TABLE "resident_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"meeting_id" uuid,
	"kind" "resident_question_kind" NOT NULL,
	"text" text NOT NULL,
	"author_name" text,
	"contact" text,
	"contact_kind" text,
	"consent_version" text,
	"consent_at" timestamp with time zone,
	"token_hash" text NOT NULL,
	"item_id" uuid,
	"linked_by" uuid,
	"linked_at" timestamp with time zone,
	"verdict" "resident_verdict",
	"verdict_words" text,
	"verdict_at" timestamp with time zone,
	"carried_to_meeting_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_item_id_meeting_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_carried_to_meeting_id_meetings_id_fk" FOREIGN KEY ("carried_to_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resident_questions_token_uq" ON "resident_questions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "resident_questions_district_idx" ON "resident_questions" USING btree ("district_id","created_at");--> statement-breakpoint
CREATE INDEX "resident_questions_meeting_idx" ON "resident_questions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "resident_questions_item_idx" ON "resident_questions" USING btree ("item_id");