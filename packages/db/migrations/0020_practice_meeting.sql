ALTER TABLE "meetings" ADD COLUMN "practice" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Issue 14: a practice meeting never counts for a district's quarter (R-22.13): the rollup the
-- quarter board and open data read leaves it out.
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
  WHERE (le.status IS NULL OR le.status = 'confirmed') AND NOT m.practice
    AND m.status IN ('protocol_signed', 'closed', 'held', 'scheduled', 'announced', 'postponed')
  GROUP BY 1, 2;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
-- Issue 14: nor is a practice meeting's follow-up on the point lead's control board (R-33).
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
    JOIN meetings m ON m.id = t.id AND m.status IN ('protocol_signed', 'closed') AND NOT m.practice
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
