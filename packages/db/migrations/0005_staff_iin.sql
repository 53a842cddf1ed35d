ALTER TABLE "staff" ADD COLUMN "iin" text;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_iin_uq" ON "staff" USING btree ("iin") WHERE "staff"."iin" is not null;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_iin_format" CHECK ("staff"."iin" ~ '^[0-9]{12}$');