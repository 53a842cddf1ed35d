CREATE TABLE "district_quarter_compliance" (
	"quarter_start" date NOT NULL,
	"district_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"atu_id" uuid NOT NULL,
	"joint" boolean NOT NULL,
	"start_date" date NOT NULL,
	"status" "meeting_status" NOT NULL,
	"notice" boolean NOT NULL,
	"present" boolean NOT NULL,
	"registered" boolean NOT NULL,
	"video" boolean NOT NULL,
	"protocol_signed" boolean NOT NULL,
	"protocol_on_time" boolean NOT NULL,
	"to_check" boolean NOT NULL,
	"checks_opened" boolean NOT NULL,
	"to_forward" boolean NOT NULL,
	"initiators_notified" boolean NOT NULL,
	CONSTRAINT "district_quarter_compliance_quarter_start_district_id_meeting_id_pk" PRIMARY KEY("quarter_start","district_id","meeting_id")
);
--> statement-breakpoint
ALTER TABLE "district_quarter_compliance" ADD CONSTRAINT "district_quarter_compliance_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_quarter_compliance" ADD CONSTRAINT "district_quarter_compliance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "district_quarter_compliance_district_idx" ON "district_quarter_compliance" USING btree ("district_id","quarter_start");--> statement-breakpoint
CREATE INDEX "district_quarter_compliance_meeting_idx" ON "district_quarter_compliance" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "district_quarter_compliance_region_idx" ON "district_quarter_compliance" USING btree ("region_id","quarter_start");--> statement-breakpoint
CREATE INDEX "district_quarter_compliance_unit_idx" ON "district_quarter_compliance" USING btree ("unit_id","quarter_start");--> statement-breakpoint
CREATE INDEX "district_quarter_compliance_point_idx" ON "district_quarter_compliance" USING btree ("point_id","quarter_start");
--> statement-breakpoint
-- Issue 15: the rows district_quarter_compliance must hold, computed from the records: one per
-- counting meeting and each of its districts. The refresh below and the rollup test
-- (analytics.rollup.int.test.ts) both read it.
CREATE VIEW district_quarter_compliance_source AS
SELECT date_trunc('quarter', m.start_date::timestamp)::date AS quarter_start, md.district_id, m.id AS meeting_id,
  u.region_id, p.unit_id, d.point_id, d.atu_id,
  (SELECT count(*) FROM meeting_districts x WHERE x.meeting_id = m.id) > 1 AS joint,
  m.start_date, m.status,
  EXISTS (SELECT 1 FROM announcements an WHERE an.meeting_id = m.id AND an.voided_at IS NULL AND an.published_on <= m.start_date - 10) AS notice,
  (EXISTS (SELECT 1 FROM invitations i WHERE i.meeting_id = m.id AND i.category = 'police_leadership' AND i.status = 'attended')
    OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.category = 'police_leadership'))
  AND (EXISTS (SELECT 1 FROM invitations i WHERE i.meeting_id = m.id AND i.category = 'akimat' AND i.status = 'attended')
    OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.category = 'akimat')) AS present,
  EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id) AS registered,
  EXISTS (SELECT 1 FROM videos v WHERE v.meeting_id = m.id AND v.status = 'complete') AS video,
  coalesce(pr.status = 'signed', false) AS protocol_signed,
  coalesce(pr.status = 'signed' AND NOT pr.late, false) AS protocol_on_time,
  it.to_check > 0 AS to_check, it.checks >= it.to_check AS checks_opened,
  it.to_forward > 0 AS to_forward, it.notified >= it.to_forward AS initiators_notified
FROM meetings m
  JOIN meeting_districts md ON md.meeting_id = m.id
  JOIN districts d ON d.id = md.district_id
  JOIN police_points p ON p.id = d.point_id
  JOIN police_units u ON u.id = p.unit_id
  LEFT JOIN meeting_late_entries le ON le.meeting_id = m.id
  LEFT JOIN protocols pr ON pr.meeting_id = m.id
  CROSS JOIN LATERAL (SELECT
    (SELECT count(*) FROM meeting_items i WHERE i.meeting_id = m.id AND i.resolution = 'to_check') AS to_check,
    (SELECT count(*) FROM checks c WHERE c.meeting_id = m.id) AS checks,
    (SELECT count(*) FROM meeting_items i WHERE i.meeting_id = m.id AND i.resolution = 'to_forward') AS to_forward,
    (SELECT count(*) FROM forwardings fw JOIN meeting_items i ON i.id = fw.item_id WHERE fw.meeting_id = m.id
      AND fw.sent_on IS NOT NULL AND (fw.initiator_notified_on IS NOT NULL OR i.participant_id IS NULL)) AS notified) it
WHERE m.status IN ('held', 'protocol_signed', 'closed') AND NOT m.practice AND (le.status IS NULL OR le.status = 'confirmed');
--> statement-breakpoint
-- Replaces the rows of these meetings (a meeting that no longer counts, or is gone, loses them).
CREATE OR REPLACE FUNCTION district_quarter_compliance_refresh(ids uuid[]) RETURNS void AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  DELETE FROM district_quarter_compliance WHERE meeting_id = ANY (ids);
  INSERT INTO district_quarter_compliance (quarter_start, district_id, meeting_id, region_id, unit_id, point_id, atu_id, joint, start_date, status, notice, present, registered, video,
    protocol_signed, protocol_on_time, to_check, checks_opened, to_forward, initiators_notified)
  SELECT quarter_start, district_id, meeting_id, region_id, unit_id, point_id, atu_id, joint, start_date, status, notice, present, registered, video,
    protocol_signed, protocol_on_time, to_check, checks_opened, to_forward, initiators_notified
  FROM district_quarter_compliance_source WHERE meeting_id = ANY (ids);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A record of a meeting (transition tables new_rows / old_rows with a meeting_id) changed: its meetings.
CREATE OR REPLACE FUNCTION district_quarter_compliance_on_records() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM district_quarter_compliance_refresh(array_agg(DISTINCT meeting_id)) FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM district_quarter_compliance_refresh(array_agg(meeting_id)) FROM (SELECT meeting_id FROM new_rows UNION SELECT meeting_id FROM old_rows) c;
  ELSE
    PERFORM district_quarter_compliance_refresh(array_agg(DISTINCT meeting_id)) FROM old_rows;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The meeting itself: what decides whether and where it counts (status, date, practice).
CREATE OR REPLACE FUNCTION district_quarter_compliance_on_meetings() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM district_quarter_compliance_refresh(array_agg(id)) FROM new_rows WHERE status IN ('held', 'protocol_signed', 'closed');
  ELSE
    PERFORM district_quarter_compliance_refresh(array_agg(n.id)) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.start_date IS DISTINCT FROM n.start_date OR o.practice IS DISTINCT FROM n.practice;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER district_quarter_compliance_meetings_insert AFTER INSERT ON meetings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_meetings();
--> statement-breakpoint
CREATE TRIGGER district_quarter_compliance_meetings_update AFTER UPDATE ON meetings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_meetings();
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['meeting_districts', 'meeting_late_entries', 'announcements', 'invitations', 'participants', 'videos', 'protocols', 'meeting_items', 'checks', 'forwardings'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_records()', 'dqc_' || t || '_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_records()', 'dqc_' || t || '_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_records()', 'dqc_' || t || '_delete', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- The structure moved (a district to another point or ATU, a point to another unit, a unit to
-- another region, as a structure import does): the rows of the meetings of the districts below it.
CREATE OR REPLACE FUNCTION district_quarter_compliance_on_structure() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'districts' THEN
    PERFORM district_quarter_compliance_refresh(array_agg(DISTINCT md.meeting_id))
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN meeting_districts md ON md.district_id = n.id
      WHERE o.point_id IS DISTINCT FROM n.point_id OR o.atu_id IS DISTINCT FROM n.atu_id;
  ELSIF TG_TABLE_NAME = 'police_points' THEN
    PERFORM district_quarter_compliance_refresh(array_agg(DISTINCT md.meeting_id))
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN districts d ON d.point_id = n.id JOIN meeting_districts md ON md.district_id = d.id
      WHERE o.unit_id IS DISTINCT FROM n.unit_id;
  ELSE
    PERFORM district_quarter_compliance_refresh(array_agg(DISTINCT md.meeting_id))
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN police_points p ON p.unit_id = n.id JOIN districts d ON d.point_id = p.id
        JOIN meeting_districts md ON md.district_id = d.id
      WHERE o.region_id IS DISTINCT FROM n.region_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER dqc_districts_update AFTER UPDATE ON districts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_structure();
--> statement-breakpoint
CREATE TRIGGER dqc_police_points_update AFTER UPDATE ON police_points
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_structure();
--> statement-breakpoint
CREATE TRIGGER dqc_police_units_update AFTER UPDATE ON police_units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION district_quarter_compliance_on_structure();
--> statement-breakpoint
-- The facts of the meetings already recorded.
INSERT INTO district_quarter_compliance SELECT * FROM district_quarter_compliance_source;
