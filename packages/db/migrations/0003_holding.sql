CREATE TYPE "public"."attendance_mode" AS ENUM('in_person', 'online');--> statement-breakpoint
CREATE TYPE "public"."award_kind" AS ENUM('letter_of_thanks', 'certificate_of_honour', 'valuable_gift', 'cash_bonus', 'other');--> statement-breakpoint
CREATE TYPE "public"."award_recipient_kind" AS ENUM('citizen', 'public_association', 'organisation');--> statement-breakpoint
CREATE TYPE "public"."item_kind" AS ENUM('complaint', 'proposal', 'remark', 'question');--> statement-breakpoint
CREATE TYPE "public"."item_resolution" AS ENUM('answered', 'to_check', 'to_forward');--> statement-breakpoint
CREATE TYPE "public"."participant_category" AS ENUM('resident', 'police_leadership', 'akimat', 'maslikhat_deputy', 'invited_agency', 'organisation', 'media', 'other');--> statement-breakpoint
CREATE TYPE "public"."registration_channel" AS ENUM('staff', 'self', 'online_link', 'paper', 'invitation');--> statement-breakpoint
CREATE TYPE "public"."source_kind" AS ENUM('state_statistics', 'departmental_statistics', 'appeal_individual', 'appeal_legal_entity', 'appeal_public_council', 'appeal_public_organisation', 'programme_national', 'programme_regional', 'opinion_study', 'mass_media');--> statement-breakpoint
CREATE TABLE "district_statistics" (
	"district_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"category" text NOT NULL,
	"count" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "district_statistics_district_id_year_quarter_category_pk" PRIMARY KEY("district_id","year","quarter","category")
);
--> statement-breakpoint
CREATE TABLE "item_topics" (
	"code" text PRIMARY KEY NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"recipient_kind" "award_recipient_kind" NOT NULL,
	"recipient_name" text NOT NULL,
	"reason" text NOT NULL,
	"award_kind" "award_kind" NOT NULL,
	"client_key" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"responsible" text NOT NULL,
	"due_date" date NOT NULL,
	"client_key" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "item_kind" NOT NULL,
	"participant_id" uuid,
	"text" text NOT NULL,
	"topic" text NOT NULL,
	"resolution" "item_resolution",
	"answer" text,
	"client_key" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"file" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"full_name" text NOT NULL,
	"address" text,
	"resident_of_district_id" uuid,
	"category" "participant_category" NOT NULL,
	"organisation" text,
	"phone" text,
	"email" text,
	"consent_version" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"attendance" "attendance_mode" NOT NULL,
	"channel" "registration_channel" NOT NULL,
	"paper_sheet_id" uuid,
	"invitation_id" uuid,
	"person_key" text NOT NULL,
	"client_key" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_carry_notes" (
	"meeting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"note" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_carry_notes_meeting_id_item_id_pk" PRIMARY KEY("meeting_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "report_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"section" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_sections" (
	"meeting_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"section" text NOT NULL,
	"content" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_sections_meeting_id_staff_id_section_pk" PRIMARY KEY("meeting_id","staff_id","section")
);
--> statement-breakpoint
CREATE TABLE "report_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" "source_kind" NOT NULL,
	"title" text NOT NULL,
	"source_date" date,
	"note" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "district_statistics" ADD CONSTRAINT "district_statistics_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_statistics" ADD CONSTRAINT "district_statistics_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_awards" ADD CONSTRAINT "meeting_awards_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_awards" ADD CONSTRAINT "meeting_awards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_topic_item_topics_code_fk" FOREIGN KEY ("topic") REFERENCES "public"."item_topics"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_sheets" ADD CONSTRAINT "paper_sheets_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_sheets" ADD CONSTRAINT "paper_sheets_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_resident_of_district_id_districts_id_fk" FOREIGN KEY ("resident_of_district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_paper_sheet_id_paper_sheets_id_fk" FOREIGN KEY ("paper_sheet_id") REFERENCES "public"."paper_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_carry_notes" ADD CONSTRAINT "report_carry_notes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_carry_notes" ADD CONSTRAINT "report_carry_notes_item_id_meeting_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_carry_notes" ADD CONSTRAINT "report_carry_notes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_revisions" ADD CONSTRAINT "report_revisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_revisions" ADD CONSTRAINT "report_revisions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_revisions" ADD CONSTRAINT "report_revisions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sections" ADD CONSTRAINT "report_sections_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sections" ADD CONSTRAINT "report_sections_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sections" ADD CONSTRAINT "report_sections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sources" ADD CONSTRAINT "report_sources_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sources" ADD CONSTRAINT "report_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_awards_client_key_uq" ON "meeting_awards" USING btree ("meeting_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_decisions_number_uq" ON "meeting_decisions" USING btree ("meeting_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_decisions_client_key_uq" ON "meeting_decisions" USING btree ("meeting_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_items_number_uq" ON "meeting_items" USING btree ("meeting_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_items_client_key_uq" ON "meeting_items" USING btree ("meeting_id","client_key");--> statement-breakpoint
CREATE INDEX "paper_sheets_meeting_idx" ON "paper_sheets" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_number_uq" ON "participants" USING btree ("meeting_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_person_uq" ON "participants" USING btree ("meeting_id","person_key");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_client_key_uq" ON "participants" USING btree ("meeting_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_invitation_uq" ON "participants" USING btree ("invitation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_revisions_uq" ON "report_revisions" USING btree ("meeting_id","staff_id","section","version");--> statement-breakpoint
CREATE INDEX "report_sources_meeting_idx" ON "report_sources" USING btree ("meeting_id");
--> statement-breakpoint
-- R-31: the default topics of items (administrators may add more).
INSERT INTO "item_topics" ("code", "name_kk", "name_ru", "name_en", "active", "sort") VALUES
('public_order', 'Қоғамдық тәртіп', 'Общественный порядок', 'Public order', true, 10),
('domestic_violence', 'Тұрмыстық зорлық-зомбылық', 'Бытовое насилие', 'Domestic violence', true, 20),
('road_safety', 'Жол қозғалысының қауіпсіздігі', 'Безопасность дорожного движения', 'Road safety', true, 30),
('fraud', 'Алаяқтық', 'Мошенничество', 'Fraud', true, 40),
('youth', 'Жастар', 'Молодёжь', 'Youth', true, 50),
('neighbours', 'Көршілер', 'Соседи', 'Neighbours', true, 60),
('housing', 'Тұрғын үй', 'Жильё', 'Housing', true, 70),
('other', 'Басқа', 'Другое', 'Other', true, 80)
ON CONFLICT ("code") DO NOTHING;
