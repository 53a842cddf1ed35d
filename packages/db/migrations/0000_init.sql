CREATE TYPE "public"."atu_kind" AS ENUM('district', 'city_district_significance', 'village', 'settlement', 'rural_district', 'city_district');--> statement-breakpoint
CREATE TYPE "public"."parity" AS ENUM('all', 'odd', 'even');--> statement-breakpoint
CREATE TYPE "public"."region_kind" AS ENUM('oblast', 'city_republican', 'capital');--> statement-breakpoint
CREATE TYPE "public"."street_kind" AS ENUM('street', 'avenue', 'microdistrict', 'lane', 'boulevard', 'highway', 'square', 'embankment', 'passage', 'residential_area');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('district_department', 'city_department', 'city_district_department');--> statement-breakpoint
CREATE TYPE "public"."assignment_role" AS ENUM('inspector', 'assistant');--> statement-breakpoint
CREATE TYPE "public"."staff_position" AS ENUM('inspector', 'assistant', 'point_lead', 'unit_head', 'deputy_unit_head', 'regional_head');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('kk', 'ru', 'en');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'national_analyst', 'regional_head', 'unit_head', 'point_lead', 'inspector', 'assistant', 'akimat', 'auditor');--> statement-breakpoint
CREATE TYPE "public"."session_kind" AS ENUM('cookie', 'bearer');--> statement-breakpoint
CREATE TABLE "atus" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"region_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" "atu_kind" NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"akim_name" text,
	"akimat_name_kk" text,
	"akimat_name_ru" text,
	"maslikhat_name_kk" text,
	"maslikhat_name_ru" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "atus_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "district_adjacency" (
	"district_a" uuid NOT NULL,
	"district_b" uuid NOT NULL,
	CONSTRAINT "district_adjacency_district_a_district_b_pk" PRIMARY KEY("district_a","district_b"),
	CONSTRAINT "district_adjacency_ordered" CHECK ("district_adjacency"."district_a" < "district_adjacency"."district_b")
);
--> statement-breakpoint
CREATE TABLE "district_coverage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"street_kind" "street_kind" NOT NULL,
	"street_name_kk" text NOT NULL,
	"street_name_ru" text NOT NULL,
	"house_from" integer,
	"house_to" integer,
	"parity" "parity" DEFAULT 'all' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"point_id" uuid NOT NULL,
	"atu_id" uuid NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"population" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "districts_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "police_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "police_points_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "police_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"region_id" uuid NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "police_units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" "region_kind" NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"role" "assignment_role" NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_period" CHECK ("assignments"."effective_to" is null or "assignments"."effective_from" <= "assignments"."effective_to")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"full_name" text NOT NULL,
	"position" "staff_position" NOT NULL,
	"rank" text,
	"unit_id" uuid NOT NULL,
	"point_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "session_kind" NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"role" "role" NOT NULL,
	"locale" "locale" DEFAULT 'kk' NOT NULL,
	"staff_id" uuid,
	"territory_id" uuid,
	"oidc_subject" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_oidc_subject_unique" UNIQUE("oidc_subject")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"client_address" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "atus" ADD CONSTRAINT "atus_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_adjacency" ADD CONSTRAINT "district_adjacency_district_a_districts_id_fk" FOREIGN KEY ("district_a") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_adjacency" ADD CONSTRAINT "district_adjacency_district_b_districts_id_fk" FOREIGN KEY ("district_b") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_coverage" ADD CONSTRAINT "district_coverage_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_point_id_police_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."police_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_atu_id_atus_id_fk" FOREIGN KEY ("atu_id") REFERENCES "public"."atus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_points" ADD CONSTRAINT "police_points_unit_id_police_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."police_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_units" ADD CONSTRAINT "police_units_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_unit_id_police_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."police_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_point_id_police_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."police_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "atus_parent_idx" ON "atus" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "atus_region_idx" ON "atus" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "district_adjacency_b_idx" ON "district_adjacency" USING btree ("district_b");--> statement-breakpoint
CREATE INDEX "district_coverage_district_idx" ON "district_coverage" USING btree ("district_id");--> statement-breakpoint
CREATE UNIQUE INDEX "district_coverage_line_uq" ON "district_coverage" USING btree ("district_id","street_kind","street_name_ru","house_from","house_to","parity");--> statement-breakpoint
CREATE INDEX "districts_point_idx" ON "districts" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "districts_atu_idx" ON "districts" USING btree ("atu_id");--> statement-breakpoint
CREATE INDEX "police_points_unit_idx" ON "police_points" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "police_units_region_idx" ON "police_units" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "assignments_district_idx" ON "assignments" USING btree ("district_id","effective_from");--> statement-breakpoint
CREATE INDEX "assignments_staff_idx" ON "assignments" USING btree ("staff_id","effective_from");--> statement-breakpoint
CREATE INDEX "staff_unit_idx" ON "staff" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "staff_point_idx" ON "staff" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");