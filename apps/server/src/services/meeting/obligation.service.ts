import { BOARD_CONFLICT_LIMIT, CONFLICT_KIND_VALUES, type ObligationBoard, type ObligationQuery } from '@esep/contracts';
import {
  boardDistricts, boardMeetings, districtPoints, quarterMeetingsOf, quarterPage, quarterSummary, servingInspectorsOf, territoryRefs,
  type BoardFilter, type BoardMeeting, type QuarterCursor, type QuarterSort,
} from '@esep/db';
import {
  addDays, districtObligation, inspectorObligation, lastAnnounceDate, NOTICE_DAYS, OBLIGATION_STATUSES, parseQuarterKey, quarterEnd, quarterKey,
  quarterOf, quarterStart, responsibilityDate, type DistrictObligation, type MeetingForObligation, type ObligationStatus, type Quarter, type Scope,
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

// Collators made once: a unit's board sorts its inspectors by name.
const ru = new Intl.Collator('ru');
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The cursor travels as base64url JSON of the last row's sort key; anything else is a 400. */
function readCursor(text: string | undefined): QuarterCursor | undefined {
  if (!text) return undefined;
  try {
    const key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === 3 && ['string', 'number'].includes(typeof key[0]) && typeof key[1] === 'string'
      && typeof key[2] === 'string' && /^[0-9a-f-]{36}$/i.test(key[2])) return key as QuarterCursor;
  } catch { /* falls through to the refusal */ }
  throw new AppError('validation_failed', [{ field: 'querystring.cursor', reason: 'cursor' }]);
}
const writeCursor = (key: QuarterCursor) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/**
 * Inspectors' statuses and the clashes between meetings need every meeting of the territory's
 * quarter: they are worked out (by the domain) for a police unit or less, where that is a few
 * hundred meetings; a region's or the country's board drills down to them.
 */
const narrow = (scope: Scope, query: Query) => Boolean(query.unitId || query.pointId || query.districtId)
  || !['national', 'region'].includes(scope.level);

/**
 * R-22.13: the quarter board — the summary of the user's territory (or of a region, unit or
 * point of it: districts per status, and per territory one level down) from district_quarter_facts
 * in SQL, one keyset page of districts with the inspector answering for each and the meetings
 * covering it, and for a unit or less the inspectors' statuses and the quarter's clashes.
 */
export async function obligationBoard(ctx: ServiceContext, query: Query, atRiskDays: number): Promise<Board> {
  const actor = requireActor(ctx);
  const quarter = query.quarter ? parseQuarterKey(query.quarter) : quarterOf(ctx.today);
  if (!quarter) throw new AppError('validation_failed', [{ field: 'querystring.quarter', reason: 'YYYY-Qn' }]);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const cursor = readCursor(query.cursor);
  const filter = { regionId: query.regionId, unitId: query.unitId, pointId: query.pointId, districtId: query.districtId, q: query.q || undefined };
  const from = quarterStart(quarter);
  const to = quarterEnd(quarter);
  // What no meeting changes: the status of a district with nothing held or planned, and its days to announce.
  const idle = districtObligation(quarter, ctx.today, atRiskDays, '', []);
  const clock = { quarterStart: from, today: ctx.today, noticeHorizon: addDays(ctx.today, NOTICE_DAYS), planning: ctx.today <= to, idle: idle.status };
  const level = breakdownLevel(actor.scope, query);

  const summary = await quarterSummary(ctx.db, actor.scope, filter, clock, level);
  const counts = emptyCounts();
  const areaCounts = new Map<string, Record<ObligationStatus, number>>();
  for (const r of summary) {
    counts[r.status] += r.n;
    if (level && r.area) {
      const c = areaCounts.get(r.area) ?? emptyCounts();
      c[r.status] += r.n;
      areaCounts.set(r.area, c);
    }
  }
  const total = query.status ? counts[query.status] : OBLIGATION_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const sort = (query.sort ?? 'code').replace(/^-/, '') as QuarterSort;
  const rows = await quarterPage(ctx.db, actor.scope, filter, clock, {
    status: query.status, sort, descending: (query.sort ?? '').startsWith('-'), cursor, offset: (page - 1) * pageSize, limit: pageSize + 1,
  });
  const shown = rows.slice(0, pageSize);
  const ids = shown.map((r) => r.id);
  const responsibleOn = responsibilityDate(quarter, ctx.today);
  const [points, inspectors, meetingRows, areas] = await Promise.all([
    districtPoints(ctx.db, ids), servingInspectorsOf(ctx.db, ids, responsibleOn), quarterMeetingsOf(ctx.db, ids, from, to),
    level ? territoryRefs(ctx.db, level, [...areaCounts.keys()]) : Promise.resolve([]),
  ]);
  const meetingsOf = new Map<string, typeof meetingRows>();
  for (const m of meetingRows) append(meetingsOf, m.districtId, m);
  const detail = narrow(actor.scope, query) ? await inspectorsAndClashes(ctx, quarter, atRiskDays, filter, responsibleOn, new Set(ids)) : null;

  return {
    quarter: quarterKey(quarter), today: ctx.today, atRiskDays, lastAnnounceDate: lastAnnounceDate(quarter),
    counts, total, page, pageSize,
    nextCursor: rows.length > pageSize ? writeCursor(shown.at(-1)!.key) : null,
    districts: shown.map((d) => ({
      district: { id: d.id, code: d.code, nameKk: d.nameKk, nameRu: d.nameRu }, point: points.get(d.id)!, inspector: inspectors.get(d.id) ?? null,
      status: d.status, daysToAnnounce: ['open', 'at_risk'].includes(d.status) ? idle.daysToAnnounce : null,
      meetings: (meetingsOf.get(d.id) ?? []).map((m) => ({ id: m.id, number: m.number, status: m.status, startsAt: m.startsAt.toISOString(), lateEntry: m.lateEntry })),
    })),
    areas: level ? {
      level,
      items: areas.map((a) => {
        const c = areaCounts.get(a.id)!;
        return { ...a, total: OBLIGATION_STATUSES.reduce((sum, s) => sum + c[s], 0), counts: c };
      }).sort((a, b) => byCode(a.code, b.code)),
    } : null,
    inspectors: detail?.inspectors ?? null,
    conflicts: detail?.conflicts ?? null,
  };
}

/** The domain's inspector statuses and clashes over the quarter's meetings of a unit or less. */
async function inspectorsAndClashes(ctx: ServiceContext, quarter: Quarter, atRiskDays: number, filter: BoardFilter, responsibleOn: string, pageIds: ReadonlySet<string>) {
  const actor = requireActor(ctx);
  const districts = await boardDistricts(ctx.db, actor.scope, filter, responsibleOn);
  const meetings = await boardMeetings(ctx.db, actor.scope, filter, quarterStart(quarter), quarterEnd(quarter));
  const facts = new Map<string, MeetingForObligation>();
  const meetingsOf = new Map<string, MeetingForObligation[]>();
  const reportedBy = new Map<string, MeetingForObligation[]>();
  for (const m of meetings) {
    const fact = { id: m.id, status: m.status, startDate: m.startDate, districtIds: m.districtIds, reportingStaffIds: m.staffIds, noticeGiven: m.noticeGiven, lateEntry: m.lateEntry };
    facts.set(m.id, fact);
    for (const d of m.districtIds) append(meetingsOf, d, fact);
    for (const s of m.staffIds) append(reportedBy, s, fact);
  }
  const inspectorResults = new Map<string, DistrictObligation[]>();
  const inspectorDistricts = new Map<string, string[]>();
  const pageInspectors = new Map<string, { id: string; code: string; fullName: string }>();
  for (const district of districts) {
    if (!district.inspector) continue;
    const result = districtObligation(quarter, ctx.today, atRiskDays, district.id, meetingsOf.get(district.id) ?? []);
    append(inspectorResults, district.inspector.id, result);
    append(inspectorDistricts, district.inspector.id, district.id);
    if (pageIds.has(district.id)) pageInspectors.set(district.inspector.id, district.inspector);
  }
  const inspectorCounts = emptyCounts();
  const inspectorStatus = new Map<string, ObligationStatus>();
  for (const [staffId, results] of inspectorResults) {
    const status = inspectorObligation(quarter, staffId, results, reportedBy.get(staffId) ?? []);
    inspectorStatus.set(staffId, status);
    inspectorCounts[status]++;
  }
  return {
    inspectors: {
      total: inspectorStatus.size, counts: inspectorCounts,
      items: [...pageInspectors.values()].sort((a, b) => ru.compare(a.fullName, b.fullName)).map((staff) => ({
        staff, status: inspectorStatus.get(staff.id)!, districtIds: inspectorDistricts.get(staff.id) ?? [],
      })),
    },
    conflicts: clashes(meetings),
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
