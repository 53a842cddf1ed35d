-- R-32.2 (issue 11, part 5): register numbers are drawn from a per-meeting counter in a statement
-- of their own instead of under a lock on the meeting row held to commit. UNLOGGED: no WAL, so a
-- draw's commit waits for no disk flush and holds the counter's row for microseconds. The counter
-- is only a floor above the register's highest number (every draw also reads max(number)), so
-- its loss in a crash (an unlogged table is emptied) costs nothing.
CREATE UNLOGGED TABLE "participant_counters" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"participants" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participant_counters" ADD CONSTRAINT "participant_counters_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
INSERT INTO "participant_counters" ("meeting_id", "participants") SELECT "meeting_id", max("number") FROM "participants" GROUP BY "meeting_id";
--> statement-breakpoint
-- The self-registration limit's windows (0008) are counted on every request, all requests from one
-- address into one meeting on one row: logged, each increment waited for its WAL flush while
-- holding that row, so the row let ~300 requests a second through (one fsync each). Unlogged, a
-- crash empties the windows: at worst a minute's limit starts over.
ALTER TABLE "rate_windows" SET UNLOGGED;
