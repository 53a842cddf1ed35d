import { announcementsOf, listDistricts, meetingParts, meetingsForDistricts, servingStaff } from '@esep/db';
import {
  districtObligation, inspectorObligation, lastAnnounceDate, noticeGiven, OBLIGATION_STATUSES, parseQuarterKey, quarterEnd, quarterKey,
  quarterOf, quarterStart, responsibilityDate, type MeetingForObligation, type ObligationStatus,
} from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import { requireActor, type ServiceContext } from '../context.ts';

export interface BoardQuery { quarter?: string | undefined; pointId?: string | undefined; unitId?: string | undefined; districtId?: string | undefined }

/**
 * the quarter board — every district in the user's territory (optionally one point or
 * unit) with its status, the inspector who answers for it, the meetings covering it, each
 * inspector's own status, and clashes between the quarter's meetings.
 */
export async function obligationBoard(ctx: ServiceContext, query: BoardQuery, atRiskDays: number) {
  const actor = requireActor(ctx);
  const quarter = query.quarter ? parseQuarterKey(query.quarter) : quarterOf(ctx.today);
  if (!quarter) throw new AppError('validation_failed', [{ field: 'querystring.quarter', reason: 'YYYY-Qn' }]);
  const from = quarterStart(quarter);
  const to = quarterEnd(quarter);
  const page = await listDistricts(ctx.db, actor.scope, { pointId: query.pointId, unitId: query.unitId }, { page: 1, pageSize: 100_000, sort: 'code' }, ctx.today);
  const districts = query.districtId ? page.items.filter((d) => d.id === query.districtId) : page.items;
  const ids = districts.map((d) => d.id);
  const responsibleOn = responsibilityDate(quarter, ctx.today);
  const [serving, meetingRows] = await Promise.all([servingStaff(ctx.db, ids, responsibleOn), meetingsForDistricts(ctx.db, ids, from, to)]);
  const meetingIds = meetingRows.map((m) => m.id);
  const [parts, announcements] = await Promise.all([meetingParts(ctx.db, meetingIds), announcementsOf(ctx.db, meetingIds)]);
  const facts: MeetingForObligation[] = meetingRows.map((m) => ({
    id: m.id, status: m.status, startDate: m.startDate,
    districtIds: parts.districts.filter((d) => d.meetingId === m.id).map((d) => d.id),
    reportingStaffIds: parts.inspectors.filter((i) => i.meetingId === m.id).map((i) => i.id),
    noticeGiven: noticeGiven(announcements.filter((a) => a.meetingId === m.id).map((a) => ({ publishedOn: a.publishedOn, voided: a.voidedAt != null })), m.startDate),
  }));
  const byId = new Map(meetingRows.map((m) => [m.id, m]));
  const rows = districts.map((d) => {
    const result = districtObligation(quarter, ctx.today, atRiskDays, d.id, facts);
    const covering = facts.filter((m) => m.districtIds.includes(d.id)).map((m) => byId.get(m.id)!);
    return {
      district: { id: d.id, code: d.code, nameKk: d.nameKk, nameRu: d.nameRu }, point: d.point,
      inspector: serving.find((s) => s.districtId === d.id && s.role === 'inspector')?.staff ?? null,
      status: result.status, daysToAnnounce: result.daysToAnnounce,
      meetings: covering.map((m) => ({ id: m.id, number: m.number, status: m.status, startsAt: m.startsAt.toISOString() })),
      _result: result,
    };
  });
  const inspectors = new Map<string, { staff: { id: string; code: string; fullName: string }; districtIds: string[] }>();
  for (const row of rows) {
    if (!row.inspector) continue;
    const entry = inspectors.get(row.inspector.id) ?? { staff: row.inspector, districtIds: [] };
    entry.districtIds.push(row.district.id);
    inspectors.set(row.inspector.id, entry);
  }
  const counts = Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;
  for (const row of rows) counts[row.status]++;
  return {
    quarter: quarterKey(quarter), today: ctx.today, atRiskDays, lastAnnounceDate: lastAnnounceDate(quarter),
    districts: rows.map(({ _result: _, ...row }) => row),
    inspectors: [...inspectors.values()].map((i) => ({
      ...i, status: inspectorObligation(quarter, i.staff.id, rows.filter((r) => i.districtIds.includes(r.district.id)).map((r) => r._result), facts),
    })),
    conflicts: clashes(meetingRows, parts),
    counts,
  };
}

type Row = Awaited<ReturnType<typeof meetingsForDistricts>>[number];
/** Pairs of the quarter's live meetings sharing an inspector or a venue at overlapping times, or a district. */
function clashes(meetings: readonly Row[], parts: Awaited<ReturnType<typeof meetingParts>>) {
  const live = meetings.filter((m) => m.status !== 'cancelled');
  const result: Array<{ kind: 'inspector_overlap' | 'venue_double_booked' | 'same_quarter'; meetingId: string; number: string; startsAt: string; withMeetingId: string }> = [];
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i]!;
      const b = live[j]!;
      const overlap = a.startsAt < b.endsAt && b.startsAt < a.endsAt;
      const staffOf = (id: string) => parts.inspectors.filter((x) => x.meetingId === id).map((x) => x.id);
      const districtsOf = (id: string) => parts.districts.filter((x) => x.meetingId === id).map((x) => x.id);
      const push = (kind: (typeof result)[number]['kind']) => result.push({ kind, meetingId: a.id, number: a.number, startsAt: a.startsAt.toISOString(), withMeetingId: b.id });
      if (overlap && staffOf(a.id).some((s) => staffOf(b.id).includes(s))) push('inspector_overlap');
      if (overlap && a.venueAddress && a.venueAddress.trim().toLowerCase() === b.venueAddress?.trim().toLowerCase()) push('venue_double_booked');
      if (districtsOf(a.id).some((d) => districtsOf(b.id).includes(d))) push('same_quarter');
    }
  }
  return result;
}
