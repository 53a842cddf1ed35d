import type { Scope } from '@esep/domain';
import { and, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Executor } from '../client.ts';
import { controlAreaDues, controlAreaFacts, meetingControlFacts } from '../schema/board.schema.ts';
import { meetingDistricts, meetingInspectors } from '../schema/meeting.schema.ts';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { scopeOfMeeting } from './meeting.repository.ts';

/*
 * R-33: the control board. Every meeting the filters select is counted and ordered in SQL, and
 * only one page of meetings comes back, so a national board is exact however many protocols it
 * holds. The records are not aggregated at each request: meeting_control_facts holds each signed
 * meeting's counts and its open records' due dates, and control_area_facts / control_area_dues
 * their sums per area, all kept by triggers in the same transaction as every change (migration
 * 0014) — so the national board reads a few thousand rows and walks two indexes.
 */

export type ControlRecordKind = 'decision' | 'check' | 'forwarding';

export interface ControlFilter {
  statuses: ReadonlyArray<'protocol_signed' | 'closed'>;
  regionId?: string | undefined; unitId?: string | undefined; pointId?: string | undefined;
  staffId?: string | undefined; districtId?: string | undefined;
  /** Only records of this kind are shown and counted; meetings without one leave the board. */
  kind?: ControlRecordKind | undefined;
  /** Only overdue records are shown and counted; meetings without one leave the board. */
  overdue?: boolean | undefined;
}

export interface ControlBoardMeeting {
  id: string; number: string; startDate: string; status: 'protocol_signed' | 'closed';
  /** All the meeting's records, whatever the filters: its progress. */
  total: number; verified: number; overdue: number;
}

export interface ControlBoardPage {
  total: number;
  /** The same per territory one level down (by the meeting's own region, unit or point), when asked. */
  areas: Array<{ id: string; total: number; summary: ControlBoardPage['summary'] }>;
  /** The shown records of every selected meeting, by where they stand. */
  summary: { overdue: number; open: number; done: number; verified: number };
  meetings: ControlBoardMeeting[];
}

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
  // The board reads the meetings' facts (meeting_control_facts: one row per signed meeting).
  const meetingId = meetingControlFacts.meetingId;
  return and(
    inArray(meetingControlFacts.status, [...filter.statuses]),
    scopeOfMeeting(scope, meetingId),
    territory ? exists(db.select({ x: sql`1` }).from(md).innerJoin(d, eq(d.id, md.districtId)).innerJoin(p, eq(p.id, d.pointId)).innerJoin(u, eq(u.id, p.unitId))
      .where(and(eq(md.meetingId, meetingId), territory))) : undefined,
    filter.staffId ? exists(db.select({ x: sql`1` }).from(mi).where(and(eq(mi.meetingId, meetingId), eq(mi.staffId, filter.staffId)))) : undefined,
  );
}

const KIND_PREFIX: Record<ControlRecordKind, 'd' | 'c' | 'f'> = { decision: 'd', check: 'c', forwarding: 'f' };

interface Row {
  n: number; areas: Array<{ id: string; total: number; overdue: number; open: number; done: number; verified: number }> | string | null; sum_overdue: number; sum_open: number; sum_done: number; sum_verified: number;
  id: string | null; number: string; start_date: string; status: 'protocol_signed' | 'closed'; total: number; verified: number; overdue: number;
}

/**
 * One page of the board, ordered as the point lead works it: meetings with an overdue record
 * first, then by the earliest due date among the shown records not yet verified (overdue ones
 * first), the meeting date and number. One statement (one snapshot): the totals over all the
 * selected meetings (per area when asked) and the page. The same figures as aggregating every
 * record at each request (apps/server/test/control-board.reference.ts; the rollup test).
 */
export async function controlBoardPage(db: Executor, scope: Scope, filter: ControlFilter, today: string, request: { page: number; pageSize: number }, area: 'region' | 'unit' | 'point' | null = null): Promise<ControlBoardPage> {
  // Each meeting's records are counted in its facts; what depends on today is read from the open
  // records' sorted due dates: width_bucket(today - 1, dues) = how many fall before today.
  const t = sql`${today}::date`;
  const col = (name: string) => sql.raw(`meeting_control_facts.${name}`);
  const sum = (parts: SQL[]) => sql.join(parts, sql` + `);
  const all = ['d', 'c', 'f'] as const;
  const kind = filter.kind ? KIND_PREFIX[filter.kind] : null;
  const shownKinds = kind ? [kind] : [...all];
  const overdueOf = (k: string) => sql`width_bucket(${t} - 1, ${col(`${k}_open_dues`)})`;
  const overdue = sql`case when meeting_control_facts.open_due < ${t} then ${sum(all.map(overdueOf))} else 0 end`;
  // The earliest due date of a shown open record: the meeting has a shown overdue one when it is before today.
  const shownOpenDue = kind ? col(`${kind}_open_dues[1]`) : col('open_due');
  const shownOverdue = kind ? sql`case when ${shownOpenDue} < ${t} then ${overdueOf(kind)} else 0 end` : overdue;
  const shownSum = (what: string) => filter.overdue ? sql`0` : sum(shownKinds.map((k) => col(`${k}_${what}`)));
  // Where the shown records start: the earliest overdue one, else the earliest not verified.
  const pendingDue = filter.overdue ? sql`null::date` : kind ? col(`${kind}_pending_due`) : col('pending_due');
  const firstDue = sql`case when ${shownOpenDue} < ${t} then ${shownOpenDue} else ${pendingDue} end`;
  const where = and(
    meetingCondition(db, scope, filter),
    // Narrowed to the meetings with a shown record.
    filter.overdue ? sql`${shownOpenDue} < ${t}` : kind ? sql`${col(`${kind}_total`)} > 0` : undefined,
  ) ?? sql`true`;
  const fields = sql`meeting_control_facts.meeting_id as id, meeting_control_facts.number, meeting_control_facts.start_date::text as start_date,
    meeting_control_facts.status, ${sum(all.map((k) => col(`${k}_total`)))} as total, ${sum(all.map((k) => col(`${k}_verified`)))} as verified, ${overdue} as overdue`;
  const limit = request.pageSize;
  const offset = (request.page - 1) * request.pageSize;
  // The page, ordered by (overdue > 0) desc, first due, start date, number: first the meetings with
  // an overdue record (by their earliest open due date: the walk of an index; one kind shown: a
  // sort of those), then the others by their earliest pending due date (the walk of an index).
  const overdueDue = kind ? firstDue : col('open_due');
  const page = sql`
      select id, number, start_date, status, total, verified, overdue from (
        (select 0 as part, ${fields}, ${overdueDue} as due, meeting_control_facts.start_date as day, meeting_control_facts.number as n
          from ${meetingControlFacts} where ${where} and meeting_control_facts.open_due < ${t}
          order by ${overdueDue}, meeting_control_facts.start_date, meeting_control_facts.number limit ${limit + offset})
        ${filter.overdue ? sql`` : sql`union all
        (select 1 as part, ${fields}, ${pendingDue} as due, meeting_control_facts.start_date as day, meeting_control_facts.number as n
          from ${meetingControlFacts} where ${where} and not coalesce(meeting_control_facts.open_due < ${t}, false)
          order by ${pendingDue} nulls last, meeting_control_facts.start_date, meeting_control_facts.number limit ${limit + offset})`}
      ) p order by part, due nulls last, day, n limit ${limit} offset ${offset}`;
  const areaOf = area ? (table: string) => sql.raw(`${table}.${area}_id`) : () => sql`null::uuid`;
  const statuses = filter.statuses.length ? sql.join(filter.statuses.map((st) => sql`${st}`), sql`, `) : sql`null`;
  // The national board (no territory asked, every meeting of the statuses): the summary sums the
  // areas' facts and their open records due before today — a few thousand rows. Otherwise the
  // meetings' facts, those the filters select.
  const national = !scopeOfMeeting(scope) && !filter.regionId && !filter.unitId && !filter.pointId && !filter.districtId && !filter.staffId && !filter.overdue;
  const areaSum = (what: string) => sql.raw(shownKinds.map((k) => `control_area_facts.${k}_${what}`).join(' + '));
  const perArea = national ? sql`
        select area, sum(n)::int as n, sum(overdue)::int as overdue, (sum(open) - sum(overdue))::int as open, sum(done)::int as done, sum(verified)::int as verified
        from (
          select ${areaOf('control_area_facts')} as area, ${kind ? sql.raw(`control_area_facts.${kind}_meetings`) : sql`control_area_facts.meetings`} as n, 0 as overdue,
            ${areaSum('open')} as open, ${areaSum('done')} as done, ${areaSum('verified')} as verified
          from ${controlAreaFacts} where control_area_facts.status in (${statuses})
          union all
          select ${areaOf('control_area_dues')}, 0, control_area_dues.n, 0, 0, 0 from ${controlAreaDues}
          where control_area_dues.status in (${statuses}) and control_area_dues.due_date < ${t} ${kind ? sql`and control_area_dues.kind = ${kind}` : sql``}
        ) x group by area having sum(n) > 0` : sql`
        select ${areaOf('meeting_control_facts')} as area, count(*)::int as n, sum(${shownOverdue})::int as overdue,
          sum(${filter.overdue ? sql`0` : sql`${shownSum('open')} - ${shownOverdue}`})::int as open,
          sum(${shownSum('done')})::int as done, sum(${shownSum('verified')})::int as verified
        from ${meetingControlFacts} where ${where} group by 1`;
  const rows = rowsOf<Row>(await db.execute(sql`
    select totals.*, page.id, page.number, page.start_date, page.status, page.total, page.verified, page.overdue
    from (
      select coalesce(sum(n), 0)::int as n, coalesce(sum(overdue), 0)::int as sum_overdue, coalesce(sum(open), 0)::int as sum_open,
        coalesce(sum(done), 0)::int as sum_done, coalesce(sum(verified), 0)::int as sum_verified,
        ${area ? sql`json_agg(json_build_object('id', area, 'total', n, 'overdue', overdue, 'open', open, 'done', done, 'verified', verified))` : sql`null::json`} as areas
      from (${perArea}) a
    ) totals
    left join lateral (${page}) page on true`));
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
