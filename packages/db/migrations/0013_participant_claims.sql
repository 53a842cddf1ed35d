-- R-32.2: copies of one registration arriving at once draw one register number, not one each
-- (participant.repository.ts, claimParticipant). UNLOGGED: a claim matters only for the seconds
-- of a registration; a crash that empties the table costs at most a gap in the numbers.
CREATE UNLOGGED TABLE "participant_claims" (
	"meeting_id" uuid NOT NULL,
	"claim" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "participant_claims_meeting_id_claim_pk" PRIMARY KEY("meeting_id","claim")
);
--> statement-breakpoint
ALTER TABLE "participant_claims" ADD CONSTRAINT "participant_claims_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
