CREATE TABLE "control_area_dues" (
	"point_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"status" "meeting_status" NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "control_area_dues_pk" PRIMARY KEY("point_id","unit_id","region_id","status","kind","due_date")
);
--> statement-breakpoint
CREATE TABLE "control_area_facts" (
	"point_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"status" "meeting_status" NOT NULL,
	"meetings" integer DEFAULT 0 NOT NULL,
	"d_meetings" integer DEFAULT 0 NOT NULL,
	"d_open" integer DEFAULT 0 NOT NULL,
	"d_done" integer DEFAULT 0 NOT NULL,
	"d_verified" integer DEFAULT 0 NOT NULL,
	"c_meetings" integer DEFAULT 0 NOT NULL,
	"c_open" integer DEFAULT 0 NOT NULL,
	"c_done" integer DEFAULT 0 NOT NULL,
	"c_verified" integer DEFAULT 0 NOT NULL,
	"f_meetings" integer DEFAULT 0 NOT NULL,
	"f_open" integer DEFAULT 0 NOT NULL,
	"f_done" integer DEFAULT 0 NOT NULL,
	"f_verified" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "control_area_facts_pk" PRIMARY KEY("point_id","unit_id","region_id","status")
);
--> statement-breakpoint
CREATE TABLE "meeting_control_facts" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"status" "meeting_status" NOT NULL,
	"number" text NOT NULL,
	"start_date" date NOT NULL,
	"region_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"open_due" date,
	"pending_due" date,
	"d_total" integer DEFAULT 0 NOT NULL,
	"d_open" integer DEFAULT 0 NOT NULL,
	"d_done" integer DEFAULT 0 NOT NULL,
	"d_verified" integer DEFAULT 0 NOT NULL,
	"d_open_dues" date[] DEFAULT '{}'::date[] NOT NULL,
	"d_pending_due" date,
	"c_total" integer DEFAULT 0 NOT NULL,
	"c_open" integer DEFAULT 0 NOT NULL,
	"c_done" integer DEFAULT 0 NOT NULL,
	"c_verified" integer DEFAULT 0 NOT NULL,
	"c_open_dues" date[] DEFAULT '{}'::date[] NOT NULL,
	"c_pending_due" date,
	"f_total" integer DEFAULT 0 NOT NULL,
	"f_open" integer DEFAULT 0 NOT NULL,
	"f_done" integer DEFAULT 0 NOT NULL,
	"f_verified" integer DEFAULT 0 NOT NULL,
	"f_open_dues" date[] DEFAULT '{}'::date[] NOT NULL,
	"f_pending_due" date
);
--> statement-breakpoint
CREATE INDEX "meeting_control_facts_open_due_idx" ON "meeting_control_facts" USING btree ("open_due","start_date","number");--> statement-breakpoint
CREATE INDEX "meeting_control_facts_pending_due_idx" ON "meeting_control_facts" USING btree ("pending_due","start_date","number");--> statement-breakpoint
CREATE INDEX "meeting_control_facts_d_pending_due_idx" ON "meeting_control_facts" USING btree ("d_pending_due","start_date","number") WHERE d_total > 0;--> statement-breakpoint
CREATE INDEX "meeting_control_facts_c_pending_due_idx" ON "meeting_control_facts" USING btree ("c_pending_due","start_date","number") WHERE c_total > 0;--> statement-breakpoint
CREATE INDEX "meeting_control_facts_f_pending_due_idx" ON "meeting_control_facts" USING btree ("f_pending_due","start_date","number") WHERE f_total > 0;
--> statement-breakpoint
-- R-33: meeting_control_facts is recomputed, for the meetings a statement touched, by
-- statement-level triggers in the same transaction as the change — whatever service or import
-- made it — so the control board never shows stale figures. A meeting whose protocol is not
-- signed (or that is gone) has no row. What depends on "today" (overdue) is worked out at read
-- time from the open records' sorted due dates (control.repository.ts).
-- Adds (sign 1) or subtracts (sign -1) meetings' facts to their areas' sums.
CREATE OR REPLACE FUNCTION control_area_add(rows meeting_control_facts[], sign integer) RETURNS void AS $$
BEGIN
  IF rows IS NULL THEN RETURN; END IF;
  -- In key order: two transactions adding to the same areas wait for each other, never deadlock.
  INSERT INTO control_area_facts AS a (point_id, unit_id, region_id, status, meetings, d_meetings, d_open, d_done, d_verified, c_meetings, c_open, c_done, c_verified, f_meetings, f_open, f_done, f_verified)
  SELECT g.point_id, g.unit_id, g.region_id, g.status,
    sign * count(*),
    sign * count(*) FILTER (WHERE g.d_total > 0), sign * sum(g.d_open), sign * sum(g.d_done), sign * sum(g.d_verified),
    sign * count(*) FILTER (WHERE g.c_total > 0), sign * sum(g.c_open), sign * sum(g.c_done), sign * sum(g.c_verified),
    sign * count(*) FILTER (WHERE g.f_total > 0), sign * sum(g.f_open), sign * sum(g.f_done), sign * sum(g.f_verified)
  FROM unnest(rows) g GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (point_id, unit_id, region_id, status) DO UPDATE SET meetings = a.meetings + excluded.meetings, d_meetings = a.d_meetings + excluded.d_meetings, d_open = a.d_open + excluded.d_open, d_done = a.d_done + excluded.d_done, d_verified = a.d_verified + excluded.d_verified, c_meetings = a.c_meetings + excluded.c_meetings, c_open = a.c_open + excluded.c_open, c_done = a.c_done + excluded.c_done, c_verified = a.c_verified + excluded.c_verified, f_meetings = a.f_meetings + excluded.f_meetings, f_open = a.f_open + excluded.f_open, f_done = a.f_done + excluded.f_done, f_verified = a.f_verified + excluded.f_verified;
  INSERT INTO control_area_dues AS a (point_id, unit_id, region_id, status, kind, due_date, n)
  SELECT g.point_id, g.unit_id, g.region_id, g.status, k.kind, k.due, sign * count(*)
  FROM unnest(rows) g CROSS JOIN LATERAL (SELECT 'd', x FROM unnest(g.d_open_dues) x UNION ALL SELECT 'c', x FROM unnest(g.c_open_dues) x
    UNION ALL SELECT 'f', x FROM unnest(g.f_open_dues) x) AS k(kind, due)
  GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (point_id, unit_id, region_id, status, kind, due_date) DO UPDATE SET n = a.n + excluded.n;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A meeting's facts, recomputed: its row replaced (or removed: not signed, or gone), and the
-- difference carried to its area's sums. The meetings are locked first (in id order), so two
-- transactions changing records of the same meeting refresh it one after the other, the second
-- reading what the first committed (read committed: each statement here sees the latest commits).
-- `lock` false: a load that holds the tables alone (the migration's backfill, the national seed).
CREATE OR REPLACE FUNCTION meeting_control_refresh(ids uuid[], lock boolean DEFAULT true) RETURNS void AS $$
DECLARE
  removed meeting_control_facts[];
  added meeting_control_facts[];
BEGIN
  IF ids IS NULL THEN RETURN; END IF;
  IF lock THEN
    PERFORM 1 FROM meetings m WHERE m.id = ANY(ids) ORDER BY m.id FOR NO KEY UPDATE;
  END IF;
  SELECT array_agg(f) INTO removed FROM meeting_control_facts f WHERE f.meeting_id = ANY(ids);
  DELETE FROM meeting_control_facts f WHERE f.meeting_id = ANY(ids);
  INSERT INTO meeting_control_facts (meeting_id, status, number, start_date, region_id, unit_id, point_id, open_due, pending_due,
    d_total, d_open, d_done, d_verified, d_open_dues, d_pending_due,
    c_total, c_open, c_done, c_verified, c_open_dues, c_pending_due,
    f_total, f_open, f_done, f_verified, f_open_dues, f_pending_due)
  SELECT m.id, m.status, m.number, m.start_date, m.region_id, m.unit_id, m.point_id,
    least(d.open_dues[1], c.open_dues[1], fw.open_dues[1]), least(d.pending_due, c.pending_due, fw.pending_due),
    d.total, d.open, d.done, d.verified, d.open_dues, d.pending_due,
    c.total, c.open, c.done, c.verified, c.open_dues, c.pending_due,
    fw.total, fw.open, fw.done, fw.verified, fw.open_dues, fw.pending_due
  FROM (SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL) t
    JOIN meetings m ON m.id = t.id AND m.status IN ('protocol_signed', 'closed')
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total, count(*) FILTER (WHERE r.s = 'open')::int AS open,
        count(*) FILTER (WHERE r.s = 'done')::int AS done, count(*) FILTER (WHERE r.s = 'verified')::int AS verified,
        coalesce(array_agg(r.due_date ORDER BY r.due_date) FILTER (WHERE r.s = 'open'), '{}'::date[]) AS open_dues,
        min(r.due_date) FILTER (WHERE r.s <> 'verified') AS pending_due
      FROM (SELECT md.due_date, CASE WHEN dc.verified_at IS NOT NULL THEN 'verified' WHEN dc.done_on IS NOT NULL THEN 'done' ELSE 'open' END AS s
        FROM meeting_decisions md LEFT JOIN decision_controls dc ON dc.decision_id = md.id WHERE md.meeting_id = m.id) r) d
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total, count(*) FILTER (WHERE r.status = 'open')::int AS open,
        count(*) FILTER (WHERE r.status = 'done')::int AS done, count(*) FILTER (WHERE r.status = 'verified')::int AS verified,
        coalesce(array_agg(r.due_date ORDER BY r.due_date) FILTER (WHERE r.status = 'open'), '{}'::date[]) AS open_dues,
        min(r.due_date) FILTER (WHERE r.status <> 'verified') AS pending_due
      FROM checks r WHERE r.meeting_id = m.id) c
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total, count(*) FILTER (WHERE r.status = 'open')::int AS open,
        count(*) FILTER (WHERE r.status = 'done')::int AS done, count(*) FILTER (WHERE r.status = 'verified')::int AS verified,
        coalesce(array_agg(r.due_date ORDER BY r.due_date) FILTER (WHERE r.status = 'open'), '{}'::date[]) AS open_dues,
        min(r.due_date) FILTER (WHERE r.status <> 'verified') AS pending_due
      FROM forwardings r WHERE r.meeting_id = m.id) fw;
  SELECT array_agg(f) INTO added FROM meeting_control_facts f WHERE f.meeting_id = ANY(ids);
  PERFORM control_area_add(removed, -1);
  PERFORM control_area_add(added, 1);
  -- Areas left without a meeting, dates without an open record.
  DELETE FROM control_area_facts a USING (SELECT DISTINCT g.point_id FROM unnest(removed) g) p WHERE a.point_id = p.point_id AND a.meetings = 0;
  DELETE FROM control_area_dues a USING (SELECT DISTINCT g.point_id FROM unnest(removed) g) p WHERE a.point_id = p.point_id AND a.n = 0;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A record (decision, execution mark, check, forwarding) added, changed or removed: its meeting,
-- before and after (a decision's mark is counted with the decision's own meeting).
CREATE OR REPLACE FUNCTION meeting_control_on_records() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM meeting_control_refresh(array_agg(DISTINCT r.meeting_id)) FROM new_rows r;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM meeting_control_refresh(array_agg(DISTINCT c.meeting_id))
      FROM (SELECT meeting_id FROM new_rows UNION SELECT meeting_id FROM old_rows) c;
  ELSE
    PERFORM meeting_control_refresh(array_agg(DISTINCT r.meeting_id)) FROM old_rows r;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION meeting_control_on_marks() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM meeting_control_refresh(array_agg(DISTINCT c.meeting_id))
      FROM (SELECT r.meeting_id FROM new_rows r UNION SELECT d.meeting_id FROM new_rows r JOIN meeting_decisions d ON d.id = r.decision_id) c;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM meeting_control_refresh(array_agg(DISTINCT c.meeting_id))
      FROM (SELECT r.meeting_id FROM new_rows r UNION SELECT r.meeting_id FROM old_rows r
        UNION SELECT d.meeting_id FROM new_rows r JOIN meeting_decisions d ON d.id = r.decision_id
        UNION SELECT d.meeting_id FROM old_rows r JOIN meeting_decisions d ON d.id = r.decision_id) c;
  ELSE
    PERFORM meeting_control_refresh(array_agg(DISTINCT c.meeting_id))
      FROM (SELECT r.meeting_id FROM old_rows r UNION SELECT d.meeting_id FROM old_rows r JOIN meeting_decisions d ON d.id = r.decision_id) c;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER meeting_control_decisions_insert AFTER INSERT ON meeting_decisions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_decisions_update AFTER UPDATE ON meeting_decisions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_decisions_delete AFTER DELETE ON meeting_decisions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_checks_insert AFTER INSERT ON checks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_checks_update AFTER UPDATE ON checks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_checks_delete AFTER DELETE ON checks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_forwardings_insert AFTER INSERT ON forwardings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_forwardings_update AFTER UPDATE ON forwardings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_forwardings_delete AFTER DELETE ON forwardings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_records();
--> statement-breakpoint
CREATE TRIGGER meeting_control_marks_insert AFTER INSERT ON decision_controls
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_marks();
--> statement-breakpoint
CREATE TRIGGER meeting_control_marks_update AFTER UPDATE ON decision_controls
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_marks();
--> statement-breakpoint
CREATE TRIGGER meeting_control_marks_delete AFTER DELETE ON decision_controls
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_marks();
--> statement-breakpoint
-- A meeting added or removed, or its status, number, date or territory changed: its row (made, replaced or removed).
CREATE OR REPLACE FUNCTION meeting_control_on_meetings() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM meeting_control_refresh(array_agg(n.id)) FROM new_rows n WHERE n.status IN ('protocol_signed', 'closed');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM meeting_control_refresh(array_agg(o.id)) FROM old_rows o WHERE o.status IN ('protocol_signed', 'closed');
  ELSE
    PERFORM meeting_control_refresh(array_agg(n.id))
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.number IS DISTINCT FROM n.number OR o.start_date IS DISTINCT FROM n.start_date
        OR o.region_id IS DISTINCT FROM n.region_id OR o.unit_id IS DISTINCT FROM n.unit_id OR o.point_id IS DISTINCT FROM n.point_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER meeting_control_meetings_insert AFTER INSERT ON meetings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_meetings();
--> statement-breakpoint
CREATE TRIGGER meeting_control_meetings_update AFTER UPDATE ON meetings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_meetings();
--> statement-breakpoint
CREATE TRIGGER meeting_control_meetings_delete AFTER DELETE ON meetings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_control_on_meetings();
--> statement-breakpoint
-- The facts of the meetings already recorded.
SELECT meeting_control_refresh(array_agg(id), false) FROM meetings WHERE status IN ('protocol_signed', 'closed');
