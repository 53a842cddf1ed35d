CREATE TABLE "street_search_keys" (
	"search_key" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "atus" ADD COLUMN "search_key" text;--> statement-breakpoint
ALTER TABLE "district_coverage" ADD COLUMN "search_key" text;--> statement-breakpoint
ALTER TABLE "district_coverage" ADD COLUMN "rca" text;--> statement-breakpoint
ALTER TABLE "police_points" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "police_points" ADD COLUMN "reception_hours_kk" text;--> statement-breakpoint
ALTER TABLE "police_points" ADD COLUMN "reception_hours_ru" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "photo_url" text;--> statement-breakpoint
CREATE INDEX "street_search_keys_trgm" ON "street_search_keys" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "atus_search_key_trgm" ON "atus" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_trgm" ON "district_coverage" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_house" ON "district_coverage" USING btree ("search_key","house_from");--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_ranges" ON "district_coverage" USING btree ("search_key","house_from") WHERE "district_coverage"."house_from" is distinct from "district_coverage"."house_to";--> statement-breakpoint
CREATE INDEX "district_coverage_search_key_missing" ON "district_coverage" USING btree ("id") WHERE "district_coverage"."search_key" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "district_coverage_rca_uq" ON "district_coverage" USING btree ("rca") WHERE "district_coverage"."rca" is not null;--> statement-breakpoint
ALTER TABLE "district_coverage" ADD CONSTRAINT "district_coverage_rca_format" CHECK ("district_coverage"."rca" ~ '^[0-9]{16}$');