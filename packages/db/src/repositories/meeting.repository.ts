import type { Scope, TerritoryPath } from '@esep/domain';
import { and, asc, count, type AnyColumn, desc, eq, exists, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { checklistLineCondition, type ChecklistLineName } from './analytics.repository.ts';
import { meetingLateEntries } from '../schema/late-entry.schema.ts';
import { announcements, districtPreferredHours, meetingCounters, meetingDistricts, meetingEvents, meetingInspectors, meetings } from '../schema/meeting.schema.ts';
import { atus, districtAdjacency, districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { staff } from '../schema/staff.schema.ts';
import { likePattern, orderBy, paged, type PageRequest } from './list.query.ts';
import { scopeCondition } from './scope.repository.ts';

export type MeetingRow = typeof meetings.$inferSelect;

/** Next number in a per-scope counter ("ALM-KAR-P2-D01-2026" → 1, 2, …), atomically. */
export async function nextNumber(db: Executor, scope: string): Promise<number> {
  const [row] = await db.insert(meetingCounters).values({ scope, value: 1 })
    .onConflictDoUpdate({ target: meetingCounters.scope, set: { value: sql`${meetingCounters.value} + 1` } })
    .returning({ value: meetingCounters.value });
  return row!.value;
}

export async function insertMeeting(db: Executor, values: typeof meetings.$inferInsert) {
  const [row] = await db.insert(meetings).values(values).returning();
  return row!;
}

export async function updateMeetingRow(db: Executor, id: string, patch: Partial<typeof meetings.$inferInsert>, at: Date) {
  const [row] = await db.update(meetings).set({ ...patch, sequence: sql`${meetings.sequence} + 1`, updatedAt: at })
    .where(eq(meetings.id, id)).returning();
  return row ?? null;
}

export async function replaceMeetingDistricts(db: Executor, meetingId: string, districtIds: readonly string[], reporters: ReadonlyArray<{ districtId: string; staffId: string; acting: boolean }>) {
  await db.delete(meetingInspectors).where(eq(meetingInspectors.meetingId, meetingId));
  await db.delete(meetingDistricts).where(eq(meetingDistricts.meetingId, meetingId));
  await db.insert(meetingDistricts).values(districtIds.map((districtId) => ({ meetingId, districtId })));
  if (reporters.length) await db.insert(meetingInspectors).values(reporters.map((r) => ({ meetingId, ...r })));
}

export async function meetingRow(db: Executor, id: string) {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row ?? null;
}

/** Covered districts, reporting inspectors and the point, for a set of meetings in one go. */
export async function meetingParts(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return { districts: [], inspectors: [] };
  // Sequential: inside a transaction both would share one connection.
  // The district's settlement (its ATU) by name too: a meeting's readable title names it (issue 14).
  const ds = await db.select({
    meetingId: meetingDistricts.meetingId, id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu, atuId: districts.atuId,
    atuNameKk: atus.nameKk, atuNameRu: atus.nameRu,
  }).from(meetingDistricts).innerJoin(districts, eq(districts.id, meetingDistricts.districtId)).innerJoin(atus, eq(atus.id, districts.atuId))
    .where(inArray(meetingDistricts.meetingId, [...ids])).orderBy(districts.code);
  const is = await db.select({ meetingId: meetingInspectors.meetingId, districtId: meetingInspectors.districtId, acting: meetingInspectors.acting, id: staff.id, code: staff.code, fullName: staff.fullName, rank: staff.rank, position: staff.position })
    .from(meetingInspectors).innerJoin(staff, eq(staff.id, meetingInspectors.staffId))
    .where(inArray(meetingInspectors.meetingId, [...ids])).orderBy(staff.fullName);
  return { districts: ds, inspectors: is };
}

/** Where a meeting sits: the path of every covered district (any one puts it in a territory). */
export async function meetingPaths(db: Executor, id: string): Promise<TerritoryPath[]> {
  const rows = await db.select({ districtId: districts.id, pointId: districts.pointId, unitId: policePoints.unitId, regionId: policeUnits.regionId, atuId: districts.atuId })
    .from(meetingDistricts).innerJoin(districts, eq(districts.id, meetingDistricts.districtId))
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .where(eq(meetingDistricts.meetingId, id));
  // The district's own ATU is enough: an akimat's scope already holds its whole ATU subtree.
  return rows.map((r) => ({ regionId: r.regionId, unitId: r.unitId, pointId: r.pointId, districtId: r.districtId, atuIds: [r.atuId] }));
}

/** Districts with their paths and adjacency among them, for planning checks. */
export async function planningDistricts(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return { rows: [], adjacency: [] as Array<[string, string]> };
  const rows = await db.select({
    id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu, atuId: districts.atuId,
    pointId: districts.pointId, unitId: policePoints.unitId, regionId: policeUnits.regionId,
  }).from(districts).innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .where(inArray(districts.id, [...ids]));
  const pairs = await db.select().from(districtAdjacency)
    .where(and(inArray(districtAdjacency.districtA, [...ids]), inArray(districtAdjacency.districtB, [...ids])));
  return { rows, adjacency: pairs.map((p) => [p.districtA, p.districtB] as [string, string]) };
}

/** Meetings inside the user's territory: any district they cover is in it. */
export const scopeOfMeeting = (scope: Scope, meetingId: AnyColumn = meetings.id): SQL | undefined => {
  const condition = scopeCondition(scope, { regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: districts.pointId, districtId: districts.id, atuId: districts.atuId });
  if (!condition) return undefined;
  // A meeting is in the territory when any district it covers is.
  return sql`exists (select 1 from ${meetingDistricts} join ${districts} on ${districts.id} = ${meetingDistricts.districtId}
    join ${policePoints} on ${policePoints.id} = ${districts.pointId} join ${policeUnits} on ${policeUnits.id} = ${policePoints.unitId}
    where ${meetingDistricts.meetingId} = ${meetingId} and ${condition})`;
};

export interface MeetingFilter {
  from?: string | undefined; to?: string | undefined; districtId?: string | undefined; pointId?: string | undefined;
  unitId?: string | undefined; staffId?: string | undefined; status?: MeetingRow['status'] | undefined; districtIds?: readonly string[] | undefined;
  /** Entered after the fact: any such meeting, or those whose entry is in one state. */
  lateEntry?: 'any' | (typeof meetingLateEntries.$inferSelect)['status'] | undefined;
  /** Free text: the meeting's number, venue name or address, or the name or code of a district it covers. */
  q?: string | undefined;
  /** Issue 15: the meeting's own region. */
  regionId?: string | undefined;
  /** Issue 15: only meetings the analytics count (held, signed or closed; not practice; an entry after the fact once confirmed). */
  counted?: boolean | undefined;
  /** Issue 15: the meetings behind a checklist line's figure — judged for the line, and met or not met when `met` is given. */
  line?: { name: ChecklistLineName; met?: boolean | undefined; today: string } | undefined;
}

/**
 * Issue 15: a counted meeting lies in a territory by the districts it covers, as the analytics count
 * it (a joint meeting in each child): read from the compliance rollup, which holds each covered
 * district's region, unit and point.
 */
const countedIn = (column: 'region_id' | 'unit_id' | 'point_id', id: string) =>
  sql`exists (select 1 from district_quarter_compliance x where x.meeting_id = ${meetings.id} and x.${sql.raw(column)} = ${id})`;

/**
 * The meetings whose number, venue name or address, or a covered district's code or name
 * contains `q`: a union of trigram index scans (one per column), not a scan of every meeting.
 */
function meetingSearch(q: string): SQL {
  const pattern = likePattern(q);
  return sql`${meetings.id} in (
    select m.id from ${meetings} m where m.number ilike ${pattern}
    union select m.id from ${meetings} m where m.venue_name ilike ${pattern}
    union select m.id from ${meetings} m where m.venue_address ilike ${pattern}
    union select md.meeting_id from ${meetingDistricts} md join ${districts} d on d.id = md.district_id
      where d.code ilike ${pattern} or d.name_ru ilike ${pattern} or d.name_kk ilike ${pattern})`;
}

const SORTS = { startsAt: meetings.startsAt, number: meetings.number, status: meetings.status };

export async function listMeetings(db: Executor, scope: Scope, filter: MeetingFilter, request: PageRequest) {
  const md = alias(meetingDistricts, 'md_filter');
  const mi = alias(meetingInspectors, 'mi_filter');
  const where = and(
    scopeOfMeeting(scope),
    filter.from ? gte(meetings.startDate, filter.from) : undefined,
    filter.to ? lte(meetings.startDate, filter.to) : undefined,
    filter.pointId ? (filter.counted ? countedIn('point_id', filter.pointId) : eq(meetings.pointId, filter.pointId)) : undefined,
    filter.unitId ? (filter.counted ? countedIn('unit_id', filter.unitId) : eq(meetings.unitId, filter.unitId)) : undefined,
    filter.status ? eq(meetings.status, filter.status) : undefined,
    filter.districtId ? exists(db.select({ x: sql`1` }).from(md).where(and(eq(md.meetingId, meetings.id), eq(md.districtId, filter.districtId)))) : undefined,
    filter.districtIds ? (filter.districtIds.length ? exists(db.select({ x: sql`1` }).from(md).where(and(eq(md.meetingId, meetings.id), inArray(md.districtId, [...filter.districtIds])))) : sql`false`) : undefined,
    filter.staffId ? exists(db.select({ x: sql`1` }).from(mi).where(and(eq(mi.meetingId, meetings.id), eq(mi.staffId, filter.staffId)))) : undefined,
    filter.lateEntry ? exists(db.select({ x: sql`1` }).from(meetingLateEntries).where(and(
      eq(meetingLateEntries.meetingId, meetings.id), filter.lateEntry === 'any' ? undefined : eq(meetingLateEntries.status, filter.lateEntry),
    ))) : undefined,
    filter.q ? meetingSearch(filter.q) : undefined,
    filter.regionId ? (filter.counted ? countedIn('region_id', filter.regionId) : eq(meetings.regionId, filter.regionId)) : undefined,
    filter.counted ? and(
      inArray(meetings.status, ['held', 'protocol_signed', 'closed']), eq(meetings.practice, false),
      sql`not exists (select 1 from ${meetingLateEntries} le where le.meeting_id = ${meetings.id} and le.status <> 'confirmed')`,
    ) : undefined,
    filter.line ? checklistLineCondition(meetings.id, filter.line.name, filter.line.met, filter.line.today) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(meetings).where(where).orderBy(...orderBy(SORTS, request.sort ?? 'startsAt', meetings.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(meetings).where(where),
  ]);
  return paged(rows, total?.n ?? 0, request);
}

export async function pointRef(db: Executor, id: string) {
  const [row] = await db.select({ id: policePoints.id, code: policePoints.code, nameKk: policePoints.nameKk, nameRu: policePoints.nameRu }).from(policePoints).where(eq(policePoints.id, id));
  return row!;
}
/** Issue 14: the latest publication of another meeting of these districts — the default outlet of the next one. */
export async function lastPublicationOf(db: Executor, districtIds: readonly string[], exceptMeetingId: string) {
  if (districtIds.length === 0) return null;
  const [row] = await db.select({ channel: announcements.channel, outlet: announcements.outlet }).from(announcements)
    .innerJoin(meetingDistricts, eq(meetingDistricts.meetingId, announcements.meetingId))
    .where(and(inArray(meetingDistricts.districtId, [...districtIds]), ne(announcements.meetingId, exceptMeetingId), ne(announcements.channel, 'esep_page')))
    .orderBy(desc(announcements.createdAt)).limit(1);
  return row ?? null;
}
export async function unitRef(db: Executor, id: string) {
  const [row] = await db.select({ id: policeUnits.id, code: policeUnits.code, nameKk: policeUnits.nameKk, nameRu: policeUnits.nameRu }).from(policeUnits).where(eq(policeUnits.id, id));
  return row ?? null;
}
export async function atuRef(db: Executor, id: string) {
  const [row] = await db.select({ id: atus.id, code: atus.code, nameKk: atus.nameKk, nameRu: atus.nameRu, kind: atus.kind }).from(atus).where(eq(atus.id, id));
  return row ?? null;
}

/** `at` comes from the server's clock (the history shows it), never the database's default. */
export async function insertMeetingEvent(db: Executor, values: typeof meetingEvents.$inferInsert & { at: Date }) {
  await db.insert(meetingEvents).values(values);
}
export async function meetingEventsOf(db: Executor, meetingId: string) {
  return db.select().from(meetingEvents).where(eq(meetingEvents.meetingId, meetingId)).orderBy(asc(meetingEvents.at));
}

export async function insertAnnouncement(db: Executor, values: typeof announcements.$inferInsert & { createdAt: Date }) {
  const [row] = await db.insert(announcements).values(values).returning();
  return row!;
}
export async function announcementsOf(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db.select().from(announcements).where(inArray(announcements.meetingId, [...meetingIds])).orderBy(asc(announcements.publishedOn), asc(announcements.createdAt));
}
/** A postponed meeting's earlier publications announced the old date: they stop counting. */
export async function voidAnnouncements(db: Executor, meetingId: string, at: Date) {
  await db.update(announcements).set({ voidedAt: at }).where(and(eq(announcements.meetingId, meetingId), isNull(announcements.voidedAt)));
}

/**
 * Meetings at the same venue (address compared trimmed and case-blind) whose time range touches
 * this one's: the expressions of `meetings_venue_time_idx` (GiST, btree_gist), so the clash check
 * reads only that venue's meetings around this time instead of every meeting. The caller keeps
 * the exact overlap (half-open) as well.
 */
export function sameVenueAround(meeting: Pick<MeetingRow, 'venueAddress' | 'startsAt' | 'endsAt'>): SQL {
  return sql`${meetings.venueAddress} is not null and lower(trim(${meetings.venueAddress})) = lower(trim(${meeting.venueAddress}::text))
    and tstzrange(${meetings.startsAt}, ${meetings.endsAt}, '[]') && tstzrange(${meeting.startsAt}::timestamptz, ${meeting.endsAt}::timestamptz, '[]')`;
}

/** Other live meetings that clash with this one: same inspector or same venue at overlapping times, same district in the same quarter. */
export async function meetingConflicts(db: Executor, meeting: MeetingRow, quarterFrom: string, quarterTo: string) {
  const live = and(ne(meetings.id, meeting.id), ne(meetings.status, 'cancelled'));
  const overlapping = and(sql`${meetings.startsAt} < ${meeting.endsAt}`, sql`${meetings.endsAt} > ${meeting.startsAt}`);
  const mine = alias(meetingInspectors, 'mine');
  const theirs = alias(meetingInspectors, 'theirs');
  const myDistricts = alias(meetingDistricts, 'my_d');
  const theirDistricts = alias(meetingDistricts, 'their_d');
  const pick = { meetingId: meetings.id, number: meetings.number, startsAt: meetings.startsAt };
  const [inspector, venue, quarter] = await Promise.all([
    db.selectDistinct(pick).from(meetings).innerJoin(theirs, eq(theirs.meetingId, meetings.id))
      .innerJoin(mine, and(eq(mine.staffId, theirs.staffId), eq(mine.meetingId, meeting.id))).where(and(live, overlapping)),
    meeting.venueAddress
      ? db.select(pick).from(meetings).where(and(live, overlapping, sameVenueAround(meeting)))
      : Promise.resolve([]),
    db.selectDistinct(pick).from(meetings).innerJoin(theirDistricts, eq(theirDistricts.meetingId, meetings.id))
      .innerJoin(myDistricts, and(eq(myDistricts.districtId, theirDistricts.districtId), eq(myDistricts.meetingId, meeting.id)))
      .where(and(live, gte(meetings.startDate, quarterFrom), lte(meetings.startDate, quarterTo))),
  ]);
  return [
    ...inspector.map((r) => ({ kind: 'inspector_overlap' as const, ...r })),
    ...venue.map((r) => ({ kind: 'venue_double_booked' as const, ...r })),
    ...quarter.map((r) => ({ kind: 'same_quarter' as const, ...r })),
  ];
}

export async function preferredHoursOf(db: Executor, districtIds: readonly string[]) {
  if (districtIds.length === 0) return [];
  return db.select().from(districtPreferredHours).where(inArray(districtPreferredHours.districtId, [...districtIds]));
}
export async function replacePreferredHours(db: Executor, districtId: string, windows: ReadonlyArray<{ days: number[]; from: string; to: string }>) {
  await db.delete(districtPreferredHours).where(eq(districtPreferredHours.districtId, districtId));
  if (windows.length) await db.insert(districtPreferredHours).values(windows.map((w) => ({ districtId, days: w.days, fromTime: w.from, toTime: w.to })));
}

export async function announcementById(db: Executor, id: string) {
  const [row] = await db.select().from(announcements).where(eq(announcements.id, id));
  return row ?? null;
}
export async function setAnnouncementProof(db: Executor, id: string, proofFile: string) {
  const [row] = await db.update(announcements).set({ proofFile }).where(eq(announcements.id, id)).returning();
  return row ?? null;
}
