import type { Scope } from '@esep/domain';
import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
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

const districtFilter = (scope: Scope, filter: BoardFilter): SQL | undefined => and(
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

/** Every district of the board, compact, with the inspector answering for it on `responsibleOn`. */
export async function boardDistricts(db: Executor, scope: Scope, filter: BoardFilter, responsibleOn: string): Promise<BoardDistrict[]> {
  const rows = await db.select({
    id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu,
    pointId: districts.pointId, unitId: policePoints.unitId, regionId: policeUnits.regionId,
    inspectorId: sql<string | null>`insp.id`, inspectorCode: sql<string | null>`insp.code`, inspectorName: sql<string | null>`insp.full_name`,
  }).from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .leftJoin(servingInspector(responsibleOn), sql`true`)
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
  venueAddress: string | null; districtIds: string[]; staffIds: string[]; noticeGiven: boolean;
}

/**
 * The quarter's meetings touching the board's districts (a meeting belongs to the board when any
 * district it covers passes the filter), with all their districts, reporters and whether a
 * counting notice exists (R-27.1). Districts, reporters and notices are joined and aggregated
 * once for the whole set, not looked up per meeting.
 */
export async function boardMeetings(db: Executor, scope: Scope, filter: BoardFilter, from: string, to: string): Promise<BoardMeeting[]> {
  const where = districtFilter(scope, filter);
  const rows = rowsOf<{
    id: string; number: string; status: BoardMeeting['status']; start_date: string; starts_at: string | Date; ends_at: string | Date;
    venue_address: string | null; district_ids: string[] | null; staff_ids: string[] | null; notice_given: boolean;
  }>(await db.execute(sql`
    with board as (
      select distinct bmd.meeting_id as id
      from ${meetingDistricts} bmd join ${meetings} bm on bm.id = bmd.meeting_id
        join ${districts} on ${districts.id} = bmd.district_id join ${policePoints} on ${policePoints.id} = ${districts.pointId}
        join ${policeUnits} on ${policeUnits.id} = ${policePoints.unitId}
      where bm.start_date >= ${from} and bm.start_date <= ${to} ${where ? sql`and ${where}` : sql``}
    ),
    covered as (
      select md.meeting_id, array_agg(md.district_id) as ids from ${meetingDistricts} md join board b on b.id = md.meeting_id group by md.meeting_id
    ),
    reporting as (
      select mi.meeting_id, array_agg(mi.staff_id) as ids from ${meetingInspectors} mi join board b on b.id = mi.meeting_id group by mi.meeting_id
    ),
    noticed as (
      select distinct an.meeting_id from ${announcements} an join board b on b.id = an.meeting_id join ${meetings} nm on nm.id = an.meeting_id
      where an.voided_at is null and an.published_on <= nm.start_date - 10
    )
    select m.id, m.number, m.status, m.start_date::text as start_date, m.starts_at, m.ends_at, m.venue_address,
      covered.ids as district_ids, reporting.ids as staff_ids, noticed.meeting_id is not null as notice_given
    from board b join ${meetings} m on m.id = b.id
      left join covered on covered.meeting_id = b.id left join reporting on reporting.meeting_id = b.id left join noticed on noticed.meeting_id = b.id
    order by m.starts_at desc, m.id`));
  return rows.map((m) => ({
    id: m.id, number: m.number, status: m.status, startDate: m.start_date, startsAt: new Date(m.starts_at), endsAt: new Date(m.ends_at),
    venueAddress: m.venue_address, districtIds: m.district_ids ?? [], staffIds: m.staff_ids ?? [], noticeGiven: m.notice_given,
  }));
}
