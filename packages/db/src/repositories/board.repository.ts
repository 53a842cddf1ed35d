import type { Scope } from '@esep/domain';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { meetingLateEntries } from '../schema/late-entry.schema.ts';
import { announcements, meetingDistricts, meetingInspectors, meetings } from '../schema/meeting.schema.ts';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';
import { scopeCondition } from './scope.repository.ts';

export interface BoardFilter { pointId?: string | undefined; unitId?: string | undefined; districtId?: string | undefined }

const districtFilter = (scope: Scope, filter: BoardFilter): SQL | undefined => and(
  scopeCondition(scope, { regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: districts.pointId, districtId: districts.id, atuId: districts.atuId }),
  filter.pointId ? eq(districts.pointId, filter.pointId) : undefined,
  filter.unitId ? eq(policePoints.unitId, filter.unitId) : undefined,
  filter.districtId ? eq(districts.id, filter.districtId) : undefined,
);

/**
 * The quarter board's data in two queries, whatever the territory's size: its districts with
 * the inspector serving each on `responsibleOn`, and the quarter's meetings touching them with
 * their districts, reporters and whether a counting notice exists (R-27.1), aggregated in SQL.
 */
export async function quarterBoardData(db: Executor, scope: Scope, filter: BoardFilter, from: string, to: string, responsibleOn: string) {
  const where = districtFilter(scope, filter);
  const districtRows = await db.select({
    id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu,
    point: { id: policePoints.id, code: policePoints.code, nameKk: policePoints.nameKk, nameRu: policePoints.nameRu },
    inspector: {
      id: sql<string | null>`insp.id`, code: sql<string | null>`insp.code`, fullName: sql<string | null>`insp.full_name`,
    },
  }).from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .leftJoin(sql`lateral (
      select s.id, s.code, s.full_name from ${assignments} a join ${staff} s on s.id = a.staff_id
      where a.district_id = ${districts.id} and a.role = 'inspector' and a.effective_from <= ${responsibleOn}
        and (a.effective_to is null or a.effective_to >= ${responsibleOn})
      order by a.effective_from desc limit 1) insp`, sql`true`)
    .where(where)
    .orderBy(districts.code);

  // A meeting belongs to the board when any district it covers passes the same filter.
  const meetingRows = rowsOf<{
    id: string; number: string; status: typeof meetings.$inferSelect['status']; start_date: string; starts_at: string | Date; ends_at: string | Date;
    venue_address: string | null; district_ids: string[] | null; staff_ids: string[] | null; notice_given: boolean;
    late_entry: (typeof meetingLateEntries.$inferSelect)['status'] | null;
  }>(await db.execute(sql`
    select ${meetings.id}, ${meetings.number}, ${meetings.status}, ${meetings.startDate}::text as start_date, ${meetings.startsAt}, ${meetings.endsAt},
      ${meetings.venueAddress},
      (select array_agg(md.district_id) from ${meetingDistricts} md where md.meeting_id = ${meetings.id}) as district_ids,
      (select array_agg(mi.staff_id) from ${meetingInspectors} mi where mi.meeting_id = ${meetings.id}) as staff_ids,
      exists (select 1 from ${announcements} an where an.meeting_id = ${meetings.id} and an.voided_at is null
        and an.published_on <= ${meetings.startDate} - 10) as notice_given,
      (select le.status from ${meetingLateEntries} le where le.meeting_id = ${meetings.id}) as late_entry
    from ${meetings}
    where ${meetings.startDate} >= ${from} and ${meetings.startDate} <= ${to}
      and exists (select 1 from ${meetingDistricts} md2 join ${districts} on ${districts.id} = md2.district_id
        join ${policePoints} on ${policePoints.id} = ${districts.pointId} join ${policeUnits} on ${policeUnits.id} = ${policePoints.unitId}
        where md2.meeting_id = ${meetings.id} ${where ? sql`and ${where}` : sql``})
    order by ${meetings.startsAt} desc`));
  return {
    districts: districtRows.map((d) => ({ ...d, inspector: d.inspector.id ? d.inspector as { id: string; code: string; fullName: string } : null })),
    meetings: meetingRows.map((m) => ({
      id: m.id, number: m.number, status: m.status, startDate: m.start_date, startsAt: new Date(m.starts_at), endsAt: new Date(m.ends_at),
      venueAddress: m.venue_address, districtIds: m.district_ids ?? [], staffIds: m.staff_ids ?? [], noticeGiven: m.notice_given,
      lateEntry: m.late_entry ?? null,
    })),
  };
}
