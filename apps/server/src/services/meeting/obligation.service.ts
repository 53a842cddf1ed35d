import { BOARD_CONFLICT_LIMIT, CONFLICT_KIND_VALUES, type ObligationBoard, type ObligationQuery } from '@esep/contracts';
import { boardDistricts, boardMeetings, districtPoints, territoryRefs, type BoardDistrict, type BoardMeeting } from '@esep/db';
import {
  districtObligation, inspectorObligation, lastAnnounceDate, OBLIGATION_SEVERITY, OBLIGATION_STATUSES, parseQuarterKey, quarterEnd, quarterKey,
  quarterOf, quarterStart, responsibilityDate, type DistrictObligation, type MeetingForObligation, type ObligationStatus, type Scope,
} from '@esep/domain';
import type { z } from 'zod';
import { AppError } from '../../http/app-error.ts';
import { requireActor, type ServiceContext } from '../context.ts';

type Query = Partial<z.infer<typeof ObligationQuery>>;
type Board = z.infer<typeof ObligationBoard>;
type ConflictKind = (typeof CONFLICT_KIND_VALUES)[number];

/** Adds to the list kept under the key (one pass, no copying). */
function append<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const emptyCounts = () => Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;

/** The territories one level below what the board shows: regions for the country, units for a region, points for a unit. */
function breakdownLevel(scope: Scope, query: Query): 'region' | 'unit' | 'point' | null {
  if (query.districtId || query.pointId) return null;
  if (query.unitId) return 'point';
  if (query.regionId) return 'unit';
  return ({ national: 'region', region: 'unit', unit: 'point' } as const)[scope.level as 'national' | 'region' | 'unit'] ?? null;
}

// Collators made once: a national board sorts ~12,000 names.
const kk = new Intl.Collator('kk');
const ru = new Intl.Collator('ru');
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const SORTS = {
  code: (a: Row, b: Row) => byCode(a.district.code, b.district.code),
  nameKk: (a: Row, b: Row) => kk.compare(a.district.nameKk, b.district.nameKk),
  nameRu: (a: Row, b: Row) => ru.compare(a.district.nameRu, b.district.nameRu),
  status: (a: Row, b: Row) => OBLIGATION_SEVERITY[a.result.status] - OBLIGATION_SEVERITY[b.result.status],
};
interface Row { district: BoardDistrict; result: DistrictObligation; meetings: BoardMeeting[] }

/**
 * the quarter board — the districts of the user's territory (or of a region, unit or
 * point of it) with their status, the inspector answering for each, the meetings covering it,
 * each inspector's status and the clashes between the quarter's meetings. Every district's
 * status is worked out (the counts are exact); one page of districts is presented.
 */
export async function obligationBoard(ctx: ServiceContext, query: Query, atRiskDays: number): Promise<Board> {
  const actor = requireActor(ctx);
  const quarter = query.quarter ? parseQuarterKey(query.quarter) : quarterOf(ctx.today);
  if (!quarter) throw new AppError('validation_failed', [{ field: 'querystring.quarter', reason: 'YYYY-Qn' }]);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const filter = { regionId: query.regionId, unitId: query.unitId, pointId: query.pointId, districtId: query.districtId, q: query.q || undefined };
  const responsibleOn = responsibilityDate(quarter, ctx.today);
  const districts = await boardDistricts(ctx.db, actor.scope, filter, responsibleOn);
  const meetings = await boardMeetings(ctx.db, actor.scope, filter, quarterStart(quarter), quarterEnd(quarter));

  const facts = new Map<string, MeetingForObligation>();
  const meetingsOf = new Map<string, BoardMeeting[]>();
  const reportedBy = new Map<string, MeetingForObligation[]>();
  for (const m of meetings) {
    const fact = { id: m.id, status: m.status, startDate: m.startDate, districtIds: m.districtIds, reportingStaffIds: m.staffIds, noticeGiven: m.noticeGiven, lateEntry: m.lateEntry };
    facts.set(m.id, fact);
    for (const d of m.districtIds) append(meetingsOf, d, m);
    for (const s of m.staffIds) append(reportedBy, s, fact);
  }

  const counts = emptyCounts();
  const level = breakdownLevel(actor.scope, query);
  const areaCounts = new Map<string, Record<ObligationStatus, number>>();
  const inspectorResults = new Map<string, DistrictObligation[]>();
  const inspectorDistricts = new Map<string, string[]>();
  const rows: Row[] = districts.map((district) => {
    const own = meetingsOf.get(district.id) ?? [];
    const result = districtObligation(quarter, ctx.today, atRiskDays, district.id, own.map((m) => facts.get(m.id)!));
    counts[result.status]++;
    if (level) {
      const area = level === 'region' ? district.regionId : level === 'unit' ? district.unitId : district.pointId;
      const areaCount = areaCounts.get(area) ?? emptyCounts();
      areaCount[result.status]++;
      areaCounts.set(area, areaCount);
    }
    if (district.inspector) {
      append(inspectorResults, district.inspector.id, result);
      append(inspectorDistricts, district.inspector.id, district.id);
    }
    return { district, result, meetings: own };
  });

  const inspectorCounts = emptyCounts();
  const inspectorStatus = new Map<string, ObligationStatus>();
  for (const [staffId, results] of inspectorResults) {
    const status = inspectorObligation(quarter, staffId, results, reportedBy.get(staffId) ?? []);
    inspectorStatus.set(staffId, status);
    inspectorCounts[status]++;
  }

  const selected = query.status ? rows.filter((r) => r.result.status === query.status) : rows;
  const sort = query.sort ?? 'code';
  const compare = SORTS[sort.replace(/^-/, '') as keyof typeof SORTS] ?? SORTS.code;
  const direction = sort.startsWith('-') ? -1 : 1;
  selected.sort((a, b) => direction * compare(a, b) || byCode(a.district.code, b.district.code) || byCode(a.district.id, b.district.id));
  const shown = selected.slice((page - 1) * pageSize, page * pageSize);
  const points = await districtPoints(ctx.db, shown.map((r) => r.district.id));
  const areas = level ? await territoryRefs(ctx.db, level, [...areaCounts.keys()]) : [];

  const pageInspectors = new Map<string, { id: string; code: string; fullName: string }>();
  for (const row of shown) if (row.district.inspector) pageInspectors.set(row.district.inspector.id, row.district.inspector);
  const conflicts = clashes(meetings);

  return {
    quarter: quarterKey(quarter), today: ctx.today, atRiskDays, lastAnnounceDate: lastAnnounceDate(quarter),
    counts, total: selected.length, page, pageSize,
    districts: shown.map(({ district: d, result, meetings: own }) => ({
      district: { id: d.id, code: d.code, nameKk: d.nameKk, nameRu: d.nameRu }, point: points.get(d.id)!, inspector: d.inspector,
      status: result.status, daysToAnnounce: result.daysToAnnounce,
      meetings: own.map((m) => ({ id: m.id, number: m.number, status: m.status, startsAt: m.startsAt.toISOString(), lateEntry: m.lateEntry })),
    })),
    areas: level ? {
      level,
      items: areas.map((a) => {
        const c = areaCounts.get(a.id)!;
        return { ...a, total: OBLIGATION_STATUSES.reduce((sum, s) => sum + c[s], 0), counts: c };
      }).sort((a, b) => byCode(a.code, b.code)),
    } : null,
    inspectors: {
      total: inspectorStatus.size, counts: inspectorCounts,
      items: [...pageInspectors.values()].sort((a, b) => ru.compare(a.fullName, b.fullName)).map((staff) => ({
        staff, status: inspectorStatus.get(staff.id)!, districtIds: inspectorDistricts.get(staff.id) ?? [],
      })),
    },
    conflicts,
  };
}

/**
 * Pairs of the quarter's live meetings sharing an inspector or a venue at overlapping times, or
 * a district. Meetings are grouped by the shared key; within a group, overlapping pairs are found
 * by a sweep over start times (only pairs that do overlap are looked at), so the work grows with
 * the meetings and the clashes found, not with the square of a group. All are counted; the
 * earliest BOARD_CONFLICT_LIMIT are listed.
 */
export function clashes(meetings: readonly BoardMeeting[]): Board['conflicts'] {
  const live = meetings.filter((m) => m.status !== 'cancelled').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || byCode(a.id, b.id));
  const seen = new Set<string>();
  const found: Array<{ kind: ConflictKind; a: BoardMeeting; b: BoardMeeting }> = [];
  const add = (kind: ConflictKind, a: BoardMeeting, b: BoardMeeting) => {
    const key = `${kind}|${a.id}|${b.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ kind, a, b });
  };
  const groups = (keys: (m: BoardMeeting) => readonly string[]) => {
    const map = new Map<string, BoardMeeting[]>();
    // `live` is in start order, so every group is too.
    for (const m of live) for (const k of new Set(keys(m))) append(map, k, m);
    return map.values();
  };
  const overlapping = (kind: ConflictKind, keys: (m: BoardMeeting) => readonly string[]) => {
    for (const list of groups(keys)) {
      for (let i = 0; i < list.length; i++) {
        const a = list[i]!;
        for (let j = i + 1; j < list.length && list[j]!.startsAt < a.endsAt; j++) {
          if (a.startsAt < list[j]!.endsAt) add(kind, a, list[j]!);
        }
      }
    }
  };
  overlapping('inspector_overlap', (m) => m.staffIds);
  overlapping('venue_double_booked', (m) => (m.venueKey ? [m.venueKey] : []));
  for (const list of groups((m) => m.districtIds)) {
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add('same_quarter', list[i]!, list[j]!);
  }
  const counts = Object.fromEntries(CONFLICT_KIND_VALUES.map((k) => [k, 0])) as Record<ConflictKind, number>;
  for (const f of found) counts[f.kind]++;
  const order = (x: (typeof found)[number], y: (typeof found)[number]) => x.a.startsAt.getTime() - y.a.startsAt.getTime()
    || CONFLICT_KIND_VALUES.indexOf(x.kind) - CONFLICT_KIND_VALUES.indexOf(y.kind) || x.b.startsAt.getTime() - y.b.startsAt.getTime() || byCode(x.a.id, y.a.id) || byCode(x.b.id, y.b.id);
  return {
    total: found.length, counts,
    items: found.sort(order).slice(0, BOARD_CONFLICT_LIMIT).map(({ kind, a, b }) => ({
      kind, meetingId: a.id, number: a.number, startsAt: a.startsAt.toISOString(), withMeetingId: b.id, withNumber: b.number,
    })),
  };
}
