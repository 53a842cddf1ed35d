CREATE INDEX "meetings_status_idx" ON "meetings" USING btree ("status","start_date");--> statement-breakpoint
-- hand-written:
-- Searches (`q`) are `ilike '%…%'` on these columns: trigram GIN indexes answer them without
-- reading every row (pg_trgm; PGlite loads it from PGLITE_EXTENSIONS).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "regions_code_trgm" ON "regions" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "regions_name_ru_trgm" ON "regions" USING gin ("name_ru" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "regions_name_kk_trgm" ON "regions" USING gin ("name_kk" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "police_units_code_trgm" ON "police_units" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "police_units_name_ru_trgm" ON "police_units" USING gin ("name_ru" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "police_units_name_kk_trgm" ON "police_units" USING gin ("name_kk" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "police_points_code_trgm" ON "police_points" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "police_points_name_ru_trgm" ON "police_points" USING gin ("name_ru" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "police_points_name_kk_trgm" ON "police_points" USING gin ("name_kk" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "atus_code_trgm" ON "atus" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "atus_name_ru_trgm" ON "atus" USING gin ("name_ru" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "atus_name_kk_trgm" ON "atus" USING gin ("name_kk" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "staff_code_trgm" ON "staff" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "staff_full_name_trgm" ON "staff" USING gin ("full_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "districts_code_trgm" ON "districts" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "districts_name_ru_trgm" ON "districts" USING gin ("name_ru" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "districts_name_kk_trgm" ON "districts" USING gin ("name_kk" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "participants_full_name_trgm" ON "participants" USING gin ("full_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "participants_address_trgm" ON "participants" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meetings_number_trgm" ON "meetings" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meetings_venue_name_trgm" ON "meetings" USING gin ("venue_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meetings_venue_address_trgm" ON "meetings" USING gin ("venue_address" gin_trgm_ops);--> statement-breakpoint
-- The venue clash on a meeting's page (meetingConflicts): the same address at overlapping times.
-- Equality on the normalised address and range overlap in one GiST index (btree_gist), so the
-- check reads only the venue's meetings around that time. Closed ranges ('[]'): the query keeps
-- the exact half-open comparison as a recheck; a plan always ends after it starts (end_before_start).
CREATE INDEX IF NOT EXISTS "meetings_venue_time_idx" ON "meetings" USING gist (lower(trim("venue_address")), tstzrange("starts_at", "ends_at", '[]'));
