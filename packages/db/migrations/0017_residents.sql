CREATE TABLE "street_search_keys" (
	"search_key" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_keys" (
	"id" smallint PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "subscription_keys_one" CHECK ("subscription_keys"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"address" text,
	"address_mask" text,
	"kinds" text[] NOT NULL,
	"locale" text NOT NULL,
	"status" text NOT NULL,
	"consent_version" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"start_code_hash" text,
	"code_sent_at" timestamp with time zone,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"confirmed_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscriptions_status_check" CHECK ("subscriptions"."status" in ('pending', 'confirmed', 'unsubscribed', 'erased')),
	CONSTRAINT "subscriptions_erased_check" CHECK ("subscriptions"."status" <> 'erased' or "subscriptions"."address" is null)
);
--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "atus" ADD COLUMN "search_key" text;--> statement-breakpoint
ALTER TABLE "district_coverage" ADD COLUMN "search_key" text;--> statement-breakpoint
ALTER TABLE "district_coverage" ADD COLUMN "rca" text;--> statement-breakpoint
ALTER TABLE "police_points" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "police_points" ADD COLUMN "reception_hours_kk" text;--> statement-breakpoint
ALTER TABLE "police_points" ADD COLUMN "reception_hours_ru" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "photo_url" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "directions" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "subscription_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "street_search_keys_trgm" ON "street_search_keys" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "subscriptions_district_idx" ON "subscriptions" USING btree ("district_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_start_code_uq" ON "subscriptions" USING btree ("start_code_hash");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "atus_search_key_trgm" ON "atus" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_trgm" ON "district_coverage" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_house" ON "district_coverage" USING btree ("search_key","house_from");--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_ranges" ON "district_coverage" USING btree ("search_key","house_from") WHERE "district_coverage"."house_from" is distinct from "district_coverage"."house_to";--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_missing" ON "district_coverage" USING btree ("id") WHERE "district_coverage"."search_key" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "district_coverage_rca_uq" ON "district_coverage" USING btree ("rca") WHERE "district_coverage"."rca" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_subscription_idx" ON "deliveries" USING btree ("subscription_id");--> statement-breakpoint
ALTER TABLE "district_coverage" ADD CONSTRAINT "district_coverage_rca_format" CHECK ("district_coverage"."rca" ~ '^[0-9]{16}$');--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_recipient_check" CHECK ("deliveries"."user_id" is not null or "deliveries"."subscription_id" is not null);