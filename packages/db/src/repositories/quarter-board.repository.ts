import type { Scope } from '@esep/domain';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { districtQuarterFacts } from '../schema/board.schema.ts';
import { meetingLateEntries } from '../schema/late-entry.schema.ts';
import { meetingDistricts, meetings } from '../schema/meeting.schema.ts';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';
import { districtFilter, type BoardFilter } from './board.repository.ts';

/*
 * R-22.13 at national scale: every district's status for a quarter is read from
 * district_quarter_facts (kept by triggers in the same transaction as each change) and finished
 * in SQL with what depends on today, so the counts per status and per territory and a keyset page
 * of districts cost a few milliseconds for 10,000 districts — no meeting is read for the summary.
 */

export type QuarterStatus = 'met' | 'held' | 'scheduled' | 'at_risk' | 'open' | 'missed';

/** What the status of a district depends on besides its facts: the quarter and today. */
export interface QuarterClock {
  quarterStart: string;
  today: string;
  /** today + 10 days: a plan without its notice still counts if it starts on or after this (R-27.1). */
  noticeHorizon: string;
  /** The quarter has not ended: a plan can still make a district `scheduled`. */
  planning: boolean;
  /** The status of a district with nothing held or planned (open, at risk or missed, from the domain). */
  idle: QuarterStatus;
}

/**
 * Mirrors the domain's `districtObligation` over the facts of one district's quarter (aliased
 * `f`); the quarter_at_risk reminder reads the same (reminder.repository.ts).
 */
export const districtQuarterStatus = (c: QuarterClock) => sql<QuarterStatus>`(case
  when f.signed > 0 then 'met' when f.held > 0 then 'held'
  when ${c.planning} and (f.noticed_until >= ${c.today}::date or f.unnoticed_until >= ${c.noticeHorizon}::date) then 'scheduled'
  else ${c.idle}::text end)`;

/** Severity as in OBLIGATION_SEVERITY: the `status` sort. */
const severity = sql`(case status when 'missed' then 5 when 'at_risk' then 4 when 'open' then 3 when 'scheduled' then 2 when 'held' then 1 else 0 end)`;

/** The board's districts with their status: territory scope, drill-down filters and search. */
function boardRows(scope: Scope, filter: BoardFilter, c: QuarterClock): SQL {
  const where = districtFilter(scope, filter) ?? sql`true`;
  return sql`select ${districts.id} as id, ${districts.code} as code, ${districts.nameKk} as name_kk, ${districts.nameRu} as name_ru,
      ${districts.pointId} as point_id, ${policePoints.unitId} as unit_id, ${policeUnits.regionId} as region_id, ${districtQuarterStatus(c)} as status
    from ${districts}
      join ${policePoints} on ${policePoints.id} = ${districts.pointId}
      join ${policeUnits} on ${policeUnits.id} = ${policePoints.unitId}
      left join ${districtQuarterFacts} f on f.quarter_start = ${c.quarterStart}::date and f.district_id = ${districts.id}
    where ${where}`;
}

export type AreaLevel = 'region' | 'unit' | 'point';

/** Districts per status, overall and per territory one level down: one statement. */
export async function quarterSummary(db: Executor, scope: Scope, filter: BoardFilter, c: QuarterClock, level: AreaLevel | null) {
  const area = level ? sql.raw(`${level}_id`) : sql`null::uuid`;
  return rowsOf<{ area: string | null; status: QuarterStatus; n: number }>(await db.execute(sql`
    select ${area} as area, status, count(*)::int as n from (${boardRows(scope, filter, c)}) b group by 1, 2`))
    .map((r) => ({ area: r.area, status: r.status, n: Number(r.n) }));
}

export type QuarterSort = 'code' | 'nameKk' | 'nameRu' | 'status';
/** Where the previous page ended: its last row's sort value, code and id. */
export type QuarterCursor = [value: string | number, code: string, id: string];

export interface QuarterPageRow { id: string; code: string; nameKk: string; nameRu: string; pointId: string; status: QuarterStatus; key: QuarterCursor }

const SORT_COLUMN: Record<QuarterSort, SQL> = { code: sql`code`, nameKk: sql`name_kk`, nameRu: sql`name_ru`, status: severity };

/**
 * One page of districts in a stable order (the sort, then code and id), after `cursor` when given
 * (keyset: no row is skipped or repeated however far one pages), else from `offset`.
 */
export async function quarterPage(db: Executor, scope: Scope, filter: BoardFilter, c: QuarterClock, request: {
  status?: QuarterStatus | undefined; sort: QuarterSort; descending: boolean; cursor?: QuarterCursor | undefined; offset: number; limit: number;
}): Promise<QuarterPageRow[]> {
  const column = SORT_COLUMN[request.sort];
  const value = request.sort === 'status' ? sql`${request.cursor?.[0] ?? 0}::int` : sql`${String(request.cursor?.[0] ?? '')}::text`;
  // Code and id break ties in the same direction as the sort, so the row comparison is one index-like order.
  const after = request.cursor
    ? sql`and (${column}, code, id) ${sql.raw(request.descending ? '<' : '>')} (${value}, ${request.cursor[1]}::text, ${request.cursor[2]}::uuid)`
    : sql``;
  const direction = sql.raw(request.descending ? 'desc' : 'asc');
  const rows = rowsOf<{ id: string; code: string; name_kk: string; name_ru: string; point_id: string; status: QuarterStatus; sort_value: string | number }>(await db.execute(sql`
    select id, code, name_kk, name_ru, point_id, status, ${column} as sort_value from (${boardRows(scope, filter, c)}) b
    where ${request.status ? sql`status = ${request.status}` : sql`true`} ${after}
    order by ${column} ${direction}, code ${direction}, id ${direction}
    limit ${request.limit} ${request.cursor ? sql`` : sql`offset ${request.offset}`}`));
  return rows.map((r) => ({
    id: r.id, code: r.code, nameKk: r.name_kk, nameRu: r.name_ru, pointId: r.point_id, status: r.status,
    key: [request.sort === 'status' ? Number(r.sort_value) : String(r.sort_value), r.code, r.id],
  }));
}

/**
 * The quarter's meetings covering these districts (a page of the board), newest first. The page's
 * links come first (meeting_districts_district_idx), then each meeting by its key: left to itself
 * the planner read the country's whole quarter (20,000 meetings) to keep a page's hundred.
 */
export async function quarterMeetingsOf(db: Executor, districtIds: readonly string[], from: string, to: string) {
  if (districtIds.length === 0) return [];
  const rows = rowsOf<{ district_id: string; id: string; number: string; status: typeof meetings.$inferSelect['status']; starts_at: number; late_entry: string | null }>(await db.execute(sql`
    with links as materialized (
      select district_id, meeting_id from ${meetingDistricts} where district_id in (${sql.join(districtIds.map((id) => sql`${id}::uuid`), sql`, `)})
    )
    select l.district_id, m.id, m.number, m.status, (extract(epoch from m.starts_at) * 1000)::float8 as starts_at, le.status::text as late_entry
    from links l
      -- One lookup by key per link (OFFSET 0 keeps the planner from hashing the whole quarter instead).
      join lateral (select * from ${meetings} m where m.id = l.meeting_id and m.start_date >= ${from} and m.start_date <= ${to} and not m.practice offset 0) m on true
      left join ${meetingLateEntries} le on le.meeting_id = m.id
    order by m.starts_at desc, m.id`));
  return rows.map((r) => ({
    districtId: r.district_id, id: r.id, number: r.number, status: r.status, startsAt: new Date(Number(r.starts_at)),
    lateEntry: r.late_entry as typeof meetingLateEntries.$inferSelect['status'] | null,
  }));
}

/** The inspector serving each of these districts on `on` (R-2.2): the latest current assignment. */
export async function servingInspectorsOf(db: Executor, districtIds: readonly string[], on: string) {
  if (districtIds.length === 0) return new Map<string, { id: string; code: string; fullName: string }>();
  const rows = rowsOf<{ district_id: string; id: string; code: string; full_name: string }>(await db.execute(sql`
    select distinct on (a.district_id) a.district_id, s.id, s.code, s.full_name from ${assignments} a join ${staff} s on s.id = a.staff_id
    where a.district_id in (${sql.join(districtIds.map((id) => sql`${id}::uuid`), sql`, `)}) and a.role = 'inspector'
      and a.effective_from <= ${on} and (a.effective_to is null or a.effective_to >= ${on})
    order by a.district_id, a.effective_from desc`));
  return new Map(rows.map((r) => [r.district_id, { id: r.id, code: r.code, fullName: r.full_name }]));
}
