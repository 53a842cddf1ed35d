import type { Scope } from '@esep/domain';
import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { meetingLateEntries } from '../schema/late-entry.schema.ts';
import { announcements, meetingDistricts, meetingInspectors, meetings } from '../schema/meeting.schema.ts';
import { districts, policePoints, policeUnits, regions } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';
import { likePattern } from './list.query.ts';
import { scopeCondition } from './scope.repository.ts';

/*
 * R-22.13: the quarter board's data. A district's status is the domain's to decide from the
 * quarter's meetings, so the board reads every district of the territory in a compact form (ids,
 * code, names and who answers for it) and the quarter's meetings touching them, in three
 * statements whatever the territory's size; names, points and meetings are then presented for
 * one page of districts only.
 */

export interface BoardFilter {
  regionId?: string | undefined; unitId?: string | undefined; pointId?: string | undefined; districtId?: string | undefined;
  /** Code or name of the district contains this text (trigram indexes). */
  q?: string | undefined;
}

export const districtFilter = (scope: Scope, filter: BoardFilter): SQL | undefined => and(
  scopeCondition(scope, { regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: districts.pointId, districtId: districts.id, atuId: districts.atuId }),
  filter.regionId ? eq(policeUnits.regionId, filter.regionId) : undefined,
  filter.unitId ? eq(policePoints.unitId, filter.unitId) : undefined,
  filter.pointId ? eq(districts.pointId, filter.pointId) : undefined,
  filter.districtId ? eq(districts.id, filter.districtId) : undefined,
  filter.q ? or(ilike(districts.code, likePattern(filter.q)), ilike(districts.nameRu, likePattern(filter.q)), ilike(districts.nameKk, likePattern(filter.q))) : undefined,
);

/** The inspector serving the district on `on` (R-2.2), one lateral index lookup per district. */
const servingInspector = (on: string) => sql`lateral (
  select s.id, s.code, s.full_name from ${assignments} a join ${staff} s on s.id = a.staff_id
  where a.district_id = ${districts.id} and a.role = 'inspector' and a.effective_from <= ${on}
    and (a.effective_to is null or a.effective_to >= ${on})
  order by a.effective_from desc limit 1) insp`;

export interface BoardDistrict {
  id: string; code: string; nameKk: string; nameRu: string; pointId: string; unitId: string; regionId: string;
  inspector: { id: string; code: string; fullName: string } | null;
}

/**
 * The inspector serving each district on `on`, for a whole region or the country at once: the
 * latest current assignment per district in one pass over assignments (a lateral lookup per
 * district costs more when there are thousands of them).
 */
const servingInspectors = (on: string) => sql`(
  select distinct on (a.district_id) a.district_id, s.id, s.code, s.full_name from ${assignments} a join ${staff} s on s.id = a.staff_id
  where a.role = 'inspector' and a.effective_from <= ${on} and (a.effective_to is null or a.effective_to >= ${on})
  order by a.district_id, a.effective_from desc) insp`;

/** Every district of the board, compact, with the inspector answering for it on `responsibleOn`. */
export async function boardDistricts(db: Executor, scope: Scope, filter: BoardFilter, responsibleOn: string): Promise<BoardDistrict[]> {
  const wide = (scope.level === 'national' || scope.level === 'region') && !filter.unitId && !filter.pointId && !filter.districtId && !filter.q;
  const rows = await db.select({
    id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu,
    pointId: districts.pointId, unitId: policePoints.unitId, regionId: policeUnits.regionId,
    inspectorId: sql<string | null>`insp.id`, inspectorCode: sql<string | null>`insp.code`, inspectorName: sql<string | null>`insp.full_name`,
  }).from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .leftJoin(wide ? servingInspectors(responsibleOn) : servingInspector(responsibleOn), wide ? sql`insp.district_id = ${districts.id}` : sql`true`)
    .where(districtFilter(scope, filter));
  return rows.map(({ inspectorId, inspectorCode, inspectorName, ...d }) => ({
    ...d, inspector: inspectorId ? { id: inspectorId, code: inspectorCode!, fullName: inspectorName! } : null,
  }));
}

/** The points of the page's districts (names for the table). */
export async function districtPoints(db: Executor, districtIds: readonly string[]) {
  if (districtIds.length === 0) return new Map<string, { id: string; code: string; nameKk: string; nameRu: string }>();
  const rows = await db.select({ districtId: districts.id, id: policePoints.id, code: policePoints.code, nameKk: policePoints.nameKk, nameRu: policePoints.nameRu })
    .from(districts).innerJoin(policePoints, eq(policePoints.id, districts.pointId)).where(inArray(districts.id, [...districtIds]));
  return new Map(rows.map(({ districtId, ...point }) => [districtId, point]));
}

/** Names of regions, units or points: the board's breakdown by the territories one level down. */
export async function territoryRefs(db: Executor, level: 'region' | 'unit' | 'point', ids: readonly string[]) {
  if (ids.length === 0) return [];
  const table = { region: regions, unit: policeUnits, point: policePoints }[level];
  return db.select({ id: table.id, code: table.code, nameKk: table.nameKk, nameRu: table.nameRu }).from(table).where(inArray(table.id, [...ids]));
}

export interface BoardMeeting {
  id: string; number: string; status: typeof meetings.$inferSelect['status']; startDate: string; startsAt: Date; endsAt: Date;
  /** The venue's address trimmed and lower-cased by the database, as the clash check of a meeting's page compares it. */
  venueKey: string | null; districtIds: string[]; staffIds: string[]; noticeGiven: boolean;
  /** Entered after the fact, and where its confirmation stands (counts for R-22.13 once confirmed). */
  lateEntry: (typeof meetingLateEntries.$inferSelect)['status'] | null;
}

/** The ids of an aggregated join, once each (a joint meeting's districts × reporters × notices repeat them). */
const distinct = (ids: string | null): string[] => (ids ? [...new Set(ids.split(','))] : []);

/**
 * The quarter's meetings touching the board's districts (a meeting belongs to the board when any
 * district it covers passes the filter), with all their districts, reporters and whether a
 * counting notice exists (R-27.1): one join grouped by meeting, not subqueries run per meeting.
 */
export async function boardMeetings(db: Executor, scope: Scope, filter: BoardFilter, from: string, to: string): Promise<BoardMeeting[]> {
  const where = districtFilter(scope, filter);
  const rows = rowsOf<{
    id: string; number: string; status: BoardMeeting['status']; start_date: string; starts_at: number; ends_at: number;
    venue_key: string | null; district_ids: string | null; staff_ids: string | null; notice_given: boolean;
    late_entry: BoardMeeting['lateEntry'];
  }>(await db.execute(sql`
    with chosen as materialized (
      ${where
        // The territory's districts first, then their meetings of the quarter (by meeting_districts_district_idx):
        // a unit's hundred meetings are found without reading the country's quarter.
        ? sql`select distinct bmd.meeting_id as id from ${meetingDistricts} bmd join ${districts} on ${districts.id} = bmd.district_id
            join ${policePoints} on ${policePoints.id} = ${districts.pointId} join ${policeUnits} on ${policeUnits.id} = ${policePoints.unitId}
            join ${meetings} cm on cm.id = bmd.meeting_id and cm.start_date >= ${from} and cm.start_date <= ${to} and not cm.practice
            where ${where}`
        : sql`select id from ${meetings} where start_date >= ${from} and start_date <= ${to} and not practice`}
    )
    select bm.id, bm.number, bm.status, bm.start_date::text as start_date,
      (extract(epoch from bm.starts_at) * 1000)::float8 as starts_at, (extract(epoch from bm.ends_at) * 1000)::float8 as ends_at,
      lower(trim(bm.venue_address)) as venue_key,
      string_agg(md.district_id::text, ',') as district_ids, string_agg(mi.staff_id::text, ',') as staff_ids,
      bool_or(an.meeting_id is not null) as notice_given, max(le.status::text) as late_entry
    from chosen c
      join ${meetings} bm on bm.id = c.id
      join ${meetingDistricts} md on md.meeting_id = bm.id
      left join ${meetingInspectors} mi on mi.meeting_id = bm.id
      left join ${announcements} an on an.meeting_id = bm.id and an.voided_at is null and an.published_on <= bm.start_date - 10
      left join ${meetingLateEntries} le on le.meeting_id = bm.id
    group by bm.id`));
  // A national board reads ~20,000 rows: instants travel as epoch milliseconds and ids as one
  // text, which cost the driver far less to read than timestamps and uuid arrays. Newest first, as
  // the board lists a district's meetings; sorted here rather than spilled to disk by the database.
  return rows.map((m) => ({
    id: m.id, number: m.number, status: m.status, startDate: m.start_date, startsAt: new Date(Number(m.starts_at)), endsAt: new Date(Number(m.ends_at)),
    venueKey: m.venue_key, districtIds: distinct(m.district_ids), staffIds: distinct(m.staff_ids), noticeGiven: m.notice_given,
    lateEntry: m.late_entry ?? null,
  })).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
