CREATE TYPE "public"."announcement_channel" AS ENUM('mass_media', 'social_network', 'organisation', 'esep_page');--> statement-breakpoint
CREATE TYPE "public"."invitation_category" AS ENUM('police_leadership', 'akimat', 'maslikhat_deputy', 'public', 'health_care', 'labour_social', 'education_science', 'agriculture', 'housing_communal', 'organisation', 'mass_media');--> statement-breakpoint
CREATE TYPE "public"."invitation_status" AS ENUM('draft', 'sent', 'accepted', 'declined', 'attended', 'absent');--> statement-breakpoint
CREATE TYPE "public"."meeting_format" AS ENUM('indoor', 'open_air', 'online', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."meeting_setting" AS ENUM('gathering', 'akim_meeting', 'initiative_meeting');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('draft', 'scheduled', 'announced', 'held', 'protocol_signed', 'closed', 'postponed', 'cancelled');--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"channel" "announcement_channel" NOT NULL,
	"outlet" text NOT NULL,
	"published_on" date NOT NULL,
	"reference" text,
	"proof_file" text,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "district_preferred_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"days" jsonb NOT NULL,
	"from_time" text NOT NULL,
	"to_time" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "feed_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"category" "invitation_category" NOT NULL,
	"organisation" text NOT NULL,
	"person_name" text NOT NULL,
	"contact" text,
	"status" "invitation_status" DEFAULT 'draft' NOT NULL,
	"addressee_user_id" uuid,
	"responded_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_counters" (
	"scope" text PRIMARY KEY NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	"updated_on" date
);
--> statement-breakpoint
CREATE TABLE "meeting_districts" (
	"meeting_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	CONSTRAINT "meeting_districts_meeting_id_district_id_pk" PRIMARY KEY("meeting_id","district_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" "meeting_status",
	"to_status" "meeting_status" NOT NULL,
	"reason" text,
	"previous_starts_at" timestamp with time zone,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_inspectors" (
	"meeting_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"acting" boolean DEFAULT false NOT NULL,
	CONSTRAINT "meeting_inspectors_meeting_id_district_id_pk" PRIMARY KEY("meeting_id","district_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"status" "meeting_status" DEFAULT 'draft' NOT NULL,
	"setting" "meeting_setting" NOT NULL,
	"convener_atu_id" uuid,
	"members_count" integer,
	"initiators_count" integer,
	"initiators" jsonb,
	"format" "meeting_format" NOT NULL,
	"online_link" text,
	"weather_considered" boolean,
	"venue_name" text,
	"venue_address" text,
	"venue_capacity" integer,
	"expected_participants" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"start_date" date NOT NULL,
	"region_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"reason" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "rule_acknowledgements" (
	"user_id" uuid NOT NULL,
	"version" text NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_acknowledgements_user_id_version_pk" PRIMARY KEY("user_id","version")
);
--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_preferred_hours" ADD CONSTRAINT "district_preferred_hours_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_tokens" ADD CONSTRAINT "feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_addressee_user_id_users_id_fk" FOREIGN KEY ("addressee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_districts" ADD CONSTRAINT "meeting_districts_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_districts" ADD CONSTRAINT "meeting_districts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_events" ADD CONSTRAINT "meeting_events_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_events" ADD CONSTRAINT "meeting_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_inspectors" ADD CONSTRAINT "meeting_inspectors_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_inspectors" ADD CONSTRAINT "meeting_inspectors_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_inspectors" ADD CONSTRAINT "meeting_inspectors_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_convener_atu_id_atus_id_fk" FOREIGN KEY ("convener_atu_id") REFERENCES "public"."atus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_unit_id_police_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."police_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_point_id_police_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."police_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_acknowledgements" ADD CONSTRAINT "rule_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_meeting_idx" ON "announcements" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "district_preferred_hours_district_idx" ON "district_preferred_hours" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "invitations_meeting_idx" ON "invitations" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "invitations_addressee_idx" ON "invitations" USING btree ("addressee_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_person_uq" ON "invitations" USING btree ("meeting_id",lower("person_name"),lower("organisation"));--> statement-breakpoint
CREATE INDEX "meeting_districts_district_idx" ON "meeting_districts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "meeting_events_meeting_idx" ON "meeting_events" USING btree ("meeting_id","at");--> statement-breakpoint
CREATE INDEX "meeting_inspectors_staff_idx" ON "meeting_inspectors" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "meetings_start_idx" ON "meetings" USING btree ("start_date");--> statement-breakpoint
CREATE INDEX "meetings_point_idx" ON "meetings" USING btree ("point_id","start_date");--> statement-breakpoint
CREATE INDEX "meetings_unit_idx" ON "meetings" USING btree ("unit_id","start_date");--> statement-breakpoint
CREATE INDEX "meetings_region_idx" ON "meetings" USING btree ("region_id","start_date");