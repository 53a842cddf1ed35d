import {
  checks, decisionControls, districts, forwardings, meetingDecisions, meetingDistricts, meetingInspectors, meetings, policePoints, policeUnits, rowsOf, scopeOfMeeting,
  type ControlBoardPage, type ControlFilter, type Executor,
} from '@esep/db';
import type { Scope } from '@esep/domain';
import { and, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

/*
 * R-33: the control board as it was computed before meeting_control_facts (migration 0014) — every
 * record of every selected meeting aggregated at each request. The rollup's tests check that
 * the board read from the facts equals this, figure for figure.
 */

function meetingCondition(db: Executor, scope: Scope, filter: ControlFilter): SQL | undefined {
  const mi = alias(meetingInspectors, 'mi_control');
  const md = alias(meetingDistricts, 'md_control');
  const d = alias(districts, 'd_control');
  const p = alias(policePoints, 'p_control');
  const u = alias(policeUnits, 'u_control');
  // A meeting is in a region, unit, point or district when any district it covers is: a joint
  // meeting may span two points (R-27.4), and its own region/unit/point are its first district's.
  const territory = and(
    filter.regionId ? eq(u.regionId, filter.regionId) : undefined,
    filter.unitId ? eq(p.unitId, filter.unitId) : undefined,
    filter.pointId ? eq(d.pointId, filter.pointId) : undefined,
    filter.districtId ? eq(md.districtId, filter.districtId) : undefined,
  );
  return and(
    inArray(meetings.status, [...filter.statuses]),
    scopeOfMeeting(scope),
    territory ? exists(db.select({ x: sql`1` }).from(md).innerJoin(d, eq(d.id, md.districtId)).innerJoin(p, eq(p.id, d.pointId)).innerJoin(u, eq(u.id, p.unitId))
      .where(and(eq(md.meetingId, meetings.id), territory))) : undefined,
    filter.staffId ? exists(db.select({ x: sql`1` }).from(mi).where(and(eq(mi.meetingId, meetings.id), eq(mi.staffId, filter.staffId)))) : undefined,
  );
}

interface Row {
  n: number; areas: Array<{ id: string; total: number; overdue: number; open: number; done: number; verified: number }> | string | null; sum_overdue: number; sum_open: number; sum_done: number; sum_verified: number;
  id: string | null; number: string; start_date: string; status: 'protocol_signed' | 'closed'; total: number; verified: number; overdue: number;
}

/**
 * One page of the board (the reference), ordered as the point lead works it: meetings with an overdue record
 * first, then by the earliest due date among the shown records not yet verified (overdue ones
 * first), the meeting date and number. One statement: the selected meetings, their records
 * (decisions with their execution marks, checks, forwardings) aggregated per meeting, the
 * totals over all of them, and the page.
 */
export async function controlBoardReference(db: Executor, scope: Scope, filter: ControlFilter, today: string, request: { page: number; pageSize: number }, area: 'region' | 'unit' | 'point' | null = null): Promise<ControlBoardPage> {
  const where = meetingCondition(db, scope, filter) ?? sql`true`;
  const shown = and(filter.kind ? sql`r.kind = ${filter.kind}` : undefined, filter.overdue ? sql`r.overdue` : undefined) ?? sql`true`;
  const narrowed = filter.kind || filter.overdue;
  const rows = rowsOf<Row>(await db.execute(sql`
    with selected as (
      select ${meetings.id} as id, ${meetings.number} as number, ${meetings.startDate}::text as start_date, ${meetings.status} as status,
        ${area ? sql.raw(`meetings.${area}_id`) : sql`null::uuid`} as area
      from ${meetings} where ${where}
    ),
    records as (
      select d.meeting_id, 'decision' as kind, d.due_date,
        case when dc.verified_at is not null then 'verified' when dc.done_on is not null then 'done' else 'open' end as status
      from ${meetingDecisions} d join selected s on s.id = d.meeting_id left join ${decisionControls} dc on dc.decision_id = d.id
      union all
      select c.meeting_id, 'check', c.due_date, c.status::text from ${checks} c join selected s on s.id = c.meeting_id
      union all
      select f.meeting_id, 'forwarding', f.due_date, f.status::text from ${forwardings} f join selected s on s.id = f.meeting_id
    ),
    marked as (
      select r.*, (${shown}) as shown from (
        select meeting_id, kind, due_date, status, (status = 'open' and due_date < ${today}::date) as overdue from records
      ) r
    ),
    per_meeting as (
      select meeting_id,
        count(*)::int as total,
        count(*) filter (where status = 'verified')::int as verified,
        count(*) filter (where overdue)::int as overdue,
        count(*) filter (where shown)::int as shown,
        count(*) filter (where shown and overdue)::int as shown_overdue,
        count(*) filter (where shown and status = 'open' and not overdue)::int as shown_open,
        count(*) filter (where shown and status = 'done')::int as shown_done,
        count(*) filter (where shown and status = 'verified')::int as shown_verified,
        coalesce(min(due_date) filter (where shown and overdue), min(due_date) filter (where shown and status <> 'verified')) as first_due
      from marked group by meeting_id
    ),
    board as (
      select s.id, s.number, s.start_date, s.status, s.area,
        coalesce(p.total, 0) as total, coalesce(p.verified, 0) as verified, coalesce(p.overdue, 0) as overdue,
        coalesce(p.shown_overdue, 0) as shown_overdue, coalesce(p.shown_open, 0) as shown_open,
        coalesce(p.shown_done, 0) as shown_done, coalesce(p.shown_verified, 0) as shown_verified, p.first_due
      from selected s left join per_meeting p on p.meeting_id = s.id
      ${narrowed ? sql`where p.shown > 0` : sql``}
    )
    select totals.*, page.id, page.number, page.start_date, page.status, page.total, page.verified, page.overdue
    from (
      select count(*)::int as n, coalesce(sum(shown_overdue), 0)::int as sum_overdue, coalesce(sum(shown_open), 0)::int as sum_open,
        coalesce(sum(shown_done), 0)::int as sum_done, coalesce(sum(shown_verified), 0)::int as sum_verified,
        ${area ? sql`(select json_agg(a) from (
          select area as id, count(*)::int as total, sum(shown_overdue)::int as overdue, sum(shown_open)::int as open,
            sum(shown_done)::int as done, sum(shown_verified)::int as verified
          from board group by area) a)` : sql`null::json`} as areas
      from board
    ) totals
    left join lateral (
      select * from board
      order by (overdue > 0) desc, first_due asc nulls last, start_date, number
      limit ${request.pageSize} offset ${(request.page - 1) * request.pageSize}
    ) page on true`));
  const head = rows[0]!;
  const areas = (typeof head.areas === 'string' ? JSON.parse(head.areas) : head.areas ?? []) as Array<{ id: string; total: number; overdue: number; open: number; done: number; verified: number }>;
  return {
    total: Number(head.n),
    areas: areas.map((a) => ({ id: a.id, total: a.total, summary: { overdue: a.overdue, open: a.open, done: a.done, verified: a.verified } })),
    summary: { overdue: Number(head.sum_overdue), open: Number(head.sum_open), done: Number(head.sum_done), verified: Number(head.sum_verified) },
    meetings: rows.filter((r) => r.id !== null).map((r) => ({
      id: r.id!, number: r.number, startDate: r.start_date, status: r.status, total: Number(r.total), verified: Number(r.verified), overdue: Number(r.overdue),
    })),
  };
}
