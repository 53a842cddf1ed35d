ALTER TABLE "resident_questions" ADD COLUMN "challenge_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "resident_questions_challenge_uq" ON "resident_questions" USING btree ("challenge_hash");