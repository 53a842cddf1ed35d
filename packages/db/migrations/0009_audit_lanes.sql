-- Audit lanes (issue 10, item 7): entries written from now on go into one of several chains, each
-- with its own lock. Existing entries keep chain 0 (seq NULL) and their hashes: the verifier walks
-- chain 0 in id order with the original hash, so they stay verifiable. Adding columns fires no
-- UPDATE trigger; the append-only trigger of 0001 still covers every row.
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "witness_chain" smallint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "witness_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "witness_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_seq_idx" ON "audit_log" USING btree ("chain","seq");--> statement-breakpoint
CREATE INDEX "audit_log_chain0_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."chain" = 0;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_position" CHECK (("audit_log"."chain" = 0 and "audit_log"."seq" is null) or ("audit_log"."chain" > 0 and "audit_log"."seq" > 0));