import { quarterBoardData } from '@esep/db';
import {
  districtObligation, inspectorObligation, lastAnnounceDate, OBLIGATION_STATUSES, parseQuarterKey, quarterEnd, quarterKey,
  quarterOf, quarterStart, responsibilityDate, type DistrictObligation, type MeetingForObligation, type ObligationStatus,
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
  const responsibleOn = responsibilityDate(quarter, ctx.today);
  const data = await quarterBoardData(ctx.db, actor.scope, query, from, to, responsibleOn);
  const districts = data.districts;
  const meetingRows = data.meetings;
  const districtsOf = new Map(meetingRows.map((m) => [m.id, m.districtIds]));
  const staffOf = new Map(meetingRows.map((m) => [m.id, m.staffIds]));
  const facts: MeetingForObligation[] = meetingRows.map((m) => ({
    id: m.id, status: m.status, startDate: m.startDate, districtIds: m.districtIds, reportingStaffIds: m.staffIds, noticeGiven: m.noticeGiven,
    lateEntry: m.lateEntry,
  }));
  const byId = new Map(meetingRows.map((m) => [m.id, m]));
  const factsOfDistrict = new Map<string, MeetingForObligation[]>();
  for (const f of facts) for (const d of f.districtIds) factsOfDistrict.set(d, [...(factsOfDistrict.get(d) ?? []), f]);
  const rows = districts.map((d) => {
    const mine = factsOfDistrict.get(d.id) ?? [];
    const result = districtObligation(quarter, ctx.today, atRiskDays, d.id, mine);
    return {
      district: { id: d.id, code: d.code, nameKk: d.nameKk, nameRu: d.nameRu }, point: d.point,
      inspector: d.inspector,
      status: result.status, daysToAnnounce: result.daysToAnnounce,
      meetings: mine.map((f) => byId.get(f.id)!).map((m) => ({ id: m.id, number: m.number, status: m.status, startsAt: m.startsAt.toISOString(), lateEntry: m.lateEntry })),
      _result: result,
    };
  });
  const inspectors = new Map<string, { staff: { id: string; code: string; fullName: string }; districtIds: string[]; results: DistrictObligation[] }>();
  for (const row of rows) {
    if (!row.inspector) continue;
    const entry = inspectors.get(row.inspector.id) ?? { staff: row.inspector, districtIds: [], results: [] };
    entry.districtIds.push(row.district.id);
    entry.results.push(row._result);
    inspectors.set(row.inspector.id, entry);
  }
  const reportedBy = new Map<string, MeetingForObligation[]>();
  for (const f of facts) for (const s of f.reportingStaffIds) reportedBy.set(s, [...(reportedBy.get(s) ?? []), f]);
  const counts = Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;
  for (const row of rows) counts[row.status]++;
  return {
    quarter: quarterKey(quarter), today: ctx.today, atRiskDays, lastAnnounceDate: lastAnnounceDate(quarter),
    districts: rows.map(({ _result: _, ...row }) => row),
    inspectors: [...inspectors.values()].map(({ results, ...i }) => ({
      ...i, status: inspectorObligation(quarter, i.staff.id, results, reportedBy.get(i.staff.id) ?? []),
    })),
    conflicts: clashes(meetingRows, districtsOf, staffOf),
    counts,
  };
}

type Row = Awaited<ReturnType<typeof quarterBoardData>>['meetings'][number];
/**
 * Pairs of the quarter's live meetings sharing an inspector or a venue at overlapping times, or
 * a district. Meetings are grouped by the shared key first, so only candidates are compared.
 */
function clashes(meetings: readonly Row[], districtsOf: Map<string, string[]>, staffOf: Map<string, string[]>) {
  type Kind = 'inspector_overlap' | 'venue_double_booked' | 'same_quarter';
  const live = meetings.filter((m) => m.status !== 'cancelled');
  const seen = new Set<string>();
  const result: Array<{ kind: Kind; meetingId: string; number: string; startsAt: string; withMeetingId: string }> = [];
  const pairsWithin = (groups: Map<string, Row[]>, kind: Kind, needsOverlap: boolean) => {
    for (const list of groups.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [a, b] = [list[i]!, list[j]!];
          if (needsOverlap && !(a.startsAt < b.endsAt && b.startsAt < a.endsAt)) continue;
          const key = `${kind}|${a.id}|${b.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          result.push({ kind, meetingId: a.id, number: a.number, startsAt: a.startsAt.toISOString(), withMeetingId: b.id });
        }
      }
    }
  };
  const by = (keys: (m: Row) => string[]) => {
    const map = new Map<string, Row[]>();
    for (const m of live) for (const k of keys(m)) map.set(k, [...(map.get(k) ?? []), m]);
    return map;
  };
  pairsWithin(by((m) => staffOf.get(m.id) ?? []), 'inspector_overlap', true);
  pairsWithin(by((m) => (m.venueAddress ? [m.venueAddress.trim().toLowerCase()] : [])), 'venue_double_booked', true);
  pairsWithin(by((m) => districtsOf.get(m.id) ?? []), 'same_quarter', false);
  return result;
}
