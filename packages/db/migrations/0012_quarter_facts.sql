CREATE TABLE "district_quarter_facts" (
	"quarter_start" date NOT NULL,
	"district_id" uuid NOT NULL,
	"signed" integer DEFAULT 0 NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"noticed_until" date,
	"unnoticed_until" date,
	CONSTRAINT "district_quarter_facts_quarter_start_district_id_pk" PRIMARY KEY("quarter_start","district_id")
);
--> statement-breakpoint
ALTER TABLE "district_quarter_facts" ADD CONSTRAINT "district_quarter_facts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "district_quarter_facts_district_idx" ON "district_quarter_facts" USING btree ("district_id","quarter_start");
--> statement-breakpoint
-- R-22.13: district_quarter_facts is recomputed, for the districts and quarters a statement
-- touched, by statement-level triggers in the same transaction as the change — whatever service
-- or import made it — so the quarter board never shows stale compliance. `quarters` holds the
-- first day of a quarter, or NULL for every quarter of that district (a link whose meeting is gone).
CREATE OR REPLACE FUNCTION district_quarter_refresh(ids uuid[], quarters date[]) RETURNS void AS $$
BEGIN
  IF ids IS NULL THEN RETURN; END IF;
  DELETE FROM district_quarter_facts f USING unnest(ids, quarters) AS p(d, q)
    WHERE f.district_id = p.d AND (p.q IS NULL OR f.quarter_start = p.q);
  -- Each link matches one pair: a district asked for with NULL (every quarter) is asked for once.
  WITH raw AS (SELECT DISTINCT t.d, t.q FROM unnest(ids, quarters) AS t(d, q) WHERE t.d IS NOT NULL),
  pairs AS (SELECT r.d, r.q FROM raw r WHERE r.q IS NULL OR NOT EXISTS (SELECT 1 FROM raw w WHERE w.d = r.d AND w.q IS NULL))
  INSERT INTO district_quarter_facts (quarter_start, district_id, signed, held, noticed_until, unnoticed_until)
  SELECT date_trunc('quarter', m.start_date::timestamp)::date, md.district_id,
    count(*) FILTER (WHERE m.status IN ('protocol_signed', 'closed')),
    count(*) FILTER (WHERE m.status = 'held'),
    max(m.start_date) FILTER (WHERE m.status IN ('scheduled', 'announced', 'postponed') AND n.given),
    max(m.start_date) FILTER (WHERE m.status IN ('scheduled', 'announced', 'postponed') AND NOT n.given)
  FROM pairs p
    JOIN meeting_districts md ON md.district_id = p.d
    JOIN meetings m ON m.id = md.meeting_id
      AND (p.q IS NULL OR (m.start_date >= p.q AND m.start_date < (p.q + interval '3 months')::date))
    LEFT JOIN meeting_late_entries le ON le.meeting_id = m.id
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM announcements an WHERE an.meeting_id = m.id AND an.voided_at IS NULL
      AND an.published_on <= m.start_date - 10) AS given) n
  WHERE (le.status IS NULL OR le.status = 'confirmed')
    AND m.status IN ('protocol_signed', 'closed', 'held', 'scheduled', 'announced', 'postponed')
  GROUP BY 1, 2;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION district_quarter_on_links() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM district_quarter_refresh(array_agg(l.district_id), array_agg(date_trunc('quarter', m.start_date::timestamp)::date))
      FROM new_links l JOIN meetings m ON m.id = l.meeting_id;
  ELSE
    PERFORM district_quarter_refresh(array_agg(l.district_id), array_agg(date_trunc('quarter', m.start_date::timestamp)::date))
      FROM old_links l LEFT JOIN meetings m ON m.id = l.meeting_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER district_quarter_links_insert AFTER INSERT ON meeting_districts
  REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_links();
--> statement-breakpoint
CREATE TRIGGER district_quarter_links_delete AFTER DELETE ON meeting_districts
  REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_links();
--> statement-breakpoint
-- A meeting's status or date changed: its districts, in the old and the new quarter.
CREATE OR REPLACE FUNCTION district_quarter_on_meetings() RETURNS trigger AS $$
BEGIN
  PERFORM district_quarter_refresh(array_agg(md.district_id), array_agg(q.q))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
      JOIN meeting_districts md ON md.meeting_id = n.id
      CROSS JOIN LATERAL (VALUES (date_trunc('quarter', o.start_date::timestamp)::date), (date_trunc('quarter', n.start_date::timestamp)::date)) AS q(q)
    WHERE o.status IS DISTINCT FROM n.status OR o.start_date IS DISTINCT FROM n.start_date;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER district_quarter_meetings_update AFTER UPDATE ON meetings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_meetings();
--> statement-breakpoint
-- An announcement or an entry after the fact changed: the districts of its meeting, in its quarter.
CREATE OR REPLACE FUNCTION district_quarter_on_meeting_facts() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM district_quarter_refresh(array_agg(md.district_id), array_agg(date_trunc('quarter', m.start_date::timestamp)::date))
      FROM (SELECT DISTINCT meeting_id FROM new_facts) c JOIN meetings m ON m.id = c.meeting_id JOIN meeting_districts md ON md.meeting_id = m.id;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM district_quarter_refresh(array_agg(md.district_id), array_agg(date_trunc('quarter', m.start_date::timestamp)::date))
      FROM (SELECT meeting_id FROM new_facts UNION SELECT meeting_id FROM old_facts) c JOIN meetings m ON m.id = c.meeting_id JOIN meeting_districts md ON md.meeting_id = m.id;
  ELSE
    PERFORM district_quarter_refresh(array_agg(md.district_id), array_agg(date_trunc('quarter', m.start_date::timestamp)::date))
      FROM (SELECT DISTINCT meeting_id FROM old_facts) c JOIN meetings m ON m.id = c.meeting_id JOIN meeting_districts md ON md.meeting_id = m.id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER district_quarter_announcements_insert AFTER INSERT ON announcements
  REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_meeting_facts();
--> statement-breakpoint
CREATE TRIGGER district_quarter_announcements_update AFTER UPDATE ON announcements
  REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_meeting_facts();
--> statement-breakpoint
CREATE TRIGGER district_quarter_announcements_delete AFTER DELETE ON announcements
  REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_meeting_facts();
--> statement-breakpoint
CREATE TRIGGER district_quarter_late_entries_insert AFTER INSERT ON meeting_late_entries
  REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_meeting_facts();
--> statement-breakpoint
CREATE TRIGGER district_quarter_late_entries_update AFTER UPDATE ON meeting_late_entries
  REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_meeting_facts();
--> statement-breakpoint
CREATE TRIGGER district_quarter_late_entries_delete AFTER DELETE ON meeting_late_entries
  REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_on_meeting_facts();
--> statement-breakpoint
-- The facts of the meetings already recorded.
SELECT district_quarter_refresh(array_agg(id), array_agg(NULL::date)) FROM districts;
