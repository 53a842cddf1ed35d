CREATE TYPE "public"."follow_up_status" AS ENUM('open', 'done', 'verified');--> statement-breakpoint
CREATE TYPE "public"."protocol_status" AS ENUM('draft', 'signed');--> statement-breakpoint
CREATE TYPE "public"."signature_method" AS ENUM('builtin_ed25519', 'ncalayer_cms');--> statement-breakpoint
CREATE TYPE "public"."video_status" AS ENUM('uploading', 'complete', 'removed');--> statement-breakpoint
CREATE TABLE "checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"assignee_staff_id" uuid,
	"opened_on" date NOT NULL,
	"due_date" date NOT NULL,
	"original_due_date" date NOT NULL,
	"extended" boolean DEFAULT false NOT NULL,
	"extension_reason" text,
	"extension_notice_on" date,
	"result" text,
	"answer_text" text,
	"answer_sent_on" date,
	"answer_channel" text,
	"status" "follow_up_status" DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	CONSTRAINT "checks_item_id_unique" UNIQUE("item_id")
);
--> statement-breakpoint
CREATE TABLE "decision_controls" (
	"decision_id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"done_on" date,
	"note" text,
	"verified_at" timestamp with time zone,
	"verified_by" uuid
);
--> statement-breakpoint
CREATE TABLE "forwardings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"body_id" uuid,
	"competence_reason" text,
	"due_date" date NOT NULL,
	"letter_number" text,
	"letter_date" date,
	"sent_on" date,
	"initiator_notice_text" text,
	"initiator_channel" text,
	"initiator_notified_on" date,
	"status" "follow_up_status" DEFAULT 'open' NOT NULL,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	CONSTRAINT "forwardings_item_id_unique" UNIQUE("item_id")
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"placed_by" uuid,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "protocol_addenda" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"content_hash" text NOT NULL,
	"status" "protocol_status" DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "protocol_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"addendum_id" uuid,
	"staff_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"method" "signature_method" NOT NULL,
	"signed_hash" text NOT NULL,
	"signature" text NOT NULL,
	"public_key" text NOT NULL,
	"certificate_subject" text,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "protocol_signatures_once_uq" UNIQUE NULLS NOT DISTINCT("meeting_id","staff_id","addendum_id")
);
--> statement-breakpoint
CREATE TABLE "protocols" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"status" "protocol_status" DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text,
	"pdf_kk_file" text,
	"pdf_ru_file" text,
	"pdf_kk_hash" text,
	"pdf_ru_hash" text,
	"signed_at" timestamp with time zone,
	"late" boolean,
	"late_reason" text,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"channel" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_removals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"size" bigint,
	"removed_by" uuid,
	"removed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "state_bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"topics" jsonb NOT NULL,
	"region_id" uuid,
	"atu_id" uuid,
	"contact" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "state_bodies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "videos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"upload_id" text NOT NULL,
	"storage" text NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text,
	"size" bigint NOT NULL,
	"sha256" text,
	"status" "video_status" DEFAULT 'uploading' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	CONSTRAINT "videos_upload_id_unique" UNIQUE("upload_id")
);
--> statement-breakpoint
CREATE TABLE "working_calendar_days" (
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	CONSTRAINT "working_calendar_days_date_pk" PRIMARY KEY("date")
);
--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_item_id_meeting_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_assignee_staff_id_staff_id_fk" FOREIGN KEY ("assignee_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_controls" ADD CONSTRAINT "decision_controls_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_controls" ADD CONSTRAINT "decision_controls_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwardings" ADD CONSTRAINT "forwardings_item_id_meeting_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwardings" ADD CONSTRAINT "forwardings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwardings" ADD CONSTRAINT "forwardings_body_id_state_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."state_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwardings" ADD CONSTRAINT "forwardings_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_addenda" ADD CONSTRAINT "protocol_addenda_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_addenda" ADD CONSTRAINT "protocol_addenda_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_signatures" ADD CONSTRAINT "protocol_signatures_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_signatures" ADD CONSTRAINT "protocol_signatures_addendum_id_protocol_addenda_id_fk" FOREIGN KEY ("addendum_id") REFERENCES "public"."protocol_addenda"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_signatures" ADD CONSTRAINT "protocol_signatures_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_signatures" ADD CONSTRAINT "protocol_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocols" ADD CONSTRAINT "protocols_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocols" ADD CONSTRAINT "protocols_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_removals" ADD CONSTRAINT "retention_removals_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_removals" ADD CONSTRAINT "retention_removals_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "state_bodies" ADD CONSTRAINT "state_bodies_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "state_bodies" ADD CONSTRAINT "state_bodies_atu_id_atus_id_fk" FOREIGN KEY ("atu_id") REFERENCES "public"."atus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "videos" ADD CONSTRAINT "videos_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "videos" ADD CONSTRAINT "videos_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checks_meeting_idx" ON "checks" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "checks_due_idx" ON "checks" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "decision_controls_meeting_idx" ON "decision_controls" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "forwardings_meeting_idx" ON "forwardings" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "forwardings_due_idx" ON "forwardings" USING btree ("status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "protocol_addenda_number_uq" ON "protocol_addenda" USING btree ("meeting_id","number");--> statement-breakpoint
CREATE INDEX "protocol_signatures_meeting_idx" ON "protocol_signatures" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_meeting_kind_uq" ON "reminders" USING btree ("meeting_id","kind");--> statement-breakpoint
CREATE INDEX "retention_removals_meeting_idx" ON "retention_removals" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "videos_meeting_idx" ON "videos" USING btree ("meeting_id");--> statement-breakpoint
-- The working-day calendar of the current and next year: public holidays and the days off they
-- move to when on a weekend (Labour Code art. 84–85); administrators add decree transfers.
INSERT INTO "working_calendar_days" ("date", "kind", "note") VALUES
('2026-01-01', 'day_off', 'holiday'),
('2026-01-02', 'day_off', 'holiday'),
('2026-01-07', 'day_off', 'holiday'),
('2026-03-08', 'day_off', 'holiday'),
('2026-03-21', 'day_off', 'holiday'),
('2026-03-22', 'day_off', 'holiday'),
('2026-03-23', 'day_off', 'holiday'),
('2026-05-01', 'day_off', 'holiday'),
('2026-05-07', 'day_off', 'holiday'),
('2026-05-09', 'day_off', 'holiday'),
('2026-05-27', 'day_off', 'holiday'),
('2026-07-06', 'day_off', 'holiday'),
('2026-08-30', 'day_off', 'holiday'),
('2026-10-25', 'day_off', 'holiday'),
('2026-12-16', 'day_off', 'holiday'),
('2026-03-09', 'day_off', 'transferred'),
('2026-03-24', 'day_off', 'transferred'),
('2026-03-25', 'day_off', 'transferred'),
('2026-05-11', 'day_off', 'transferred'),
('2026-08-31', 'day_off', 'transferred'),
('2026-10-26', 'day_off', 'transferred'),
('2027-01-01', 'day_off', 'holiday'),
('2027-01-02', 'day_off', 'holiday'),
('2027-01-07', 'day_off', 'holiday'),
('2027-03-08', 'day_off', 'holiday'),
('2027-03-21', 'day_off', 'holiday'),
('2027-03-22', 'day_off', 'holiday'),
('2027-03-23', 'day_off', 'holiday'),
('2027-05-01', 'day_off', 'holiday'),
('2027-05-07', 'day_off', 'holiday'),
('2027-05-09', 'day_off', 'holiday'),
('2027-05-16', 'day_off', 'holiday'),
('2027-07-06', 'day_off', 'holiday'),
('2027-08-30', 'day_off', 'holiday'),
('2027-10-25', 'day_off', 'holiday'),
('2027-12-16', 'day_off', 'holiday'),
('2027-01-04', 'day_off', 'transferred'),
('2027-03-24', 'day_off', 'transferred'),
('2027-05-03', 'day_off', 'transferred'),
('2027-05-10', 'day_off', 'transferred')
ON CONFLICT ("date") DO NOTHING;
