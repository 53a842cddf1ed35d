import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { meetingAwards, meetingDecisions, meetingItems, participants, reportCarryNotes } from '../schema/holding.schema.ts';
import { meetingDistricts, meetings } from '../schema/meeting.schema.ts';

/**
 * What the checklist needs about what happened at a meeting, in one
 * query: counts only, no personal data.
 */
export async function holdingCounts(db: Executor, meetingId: string) {
  const [row] = await db.select({
    participants: sql<number>`(select count(*)::int from ${participants} where ${participants.meetingId} = ${meetingId})`,
    policeLeadership: sql<boolean>`exists(select 1 from ${participants} where ${participants.meetingId} = ${meetingId} and ${participants.category} = 'police_leadership')`,
    akimat: sql<boolean>`exists(select 1 from ${participants} where ${participants.meetingId} = ${meetingId} and ${participants.category} = 'akimat')`,
    items: sql<number>`(select count(*)::int from ${meetingItems} where ${meetingItems.meetingId} = ${meetingId})`,
    unclassified: sql<number>`(select count(*)::int from ${meetingItems} where ${meetingItems.meetingId} = ${meetingId} and ${meetingItems.resolution} is null)`,
    decisions: sql<number>`(select count(*)::int from ${meetingDecisions} where ${meetingDecisions.meetingId} = ${meetingId})`,
    awards: sql<number>`(select count(*)::int from ${meetingAwards} where ${meetingAwards.meetingId} = ${meetingId})`,
  }).from(sql`(select 1) as one`);
  return row!;
}

/** Participant counts of many meetings at once (lists, boards): always derived from the register. */
export async function participantCounts(db: Executor, meetingIds: readonly string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db.select({ meetingId: participants.meetingId, n: sql<number>`count(*)::int` }).from(participants)
    .where(inArray(participants.meetingId, [...meetingIds])).groupBy(participants.meetingId);
  return new Map(rows.map((r) => [r.meetingId, r.n]));
}

const HELD = ['held', 'protocol_signed', 'closed'] as const;

/**
 * items raised at earlier held meetings of any of these districts, with the districts of
 * their meetings and the note this meeting's report gives each. The domain's `carryOver`
 * decides which of them the report must carry.
 */
export async function earlierItems(db: Executor, meetingId: string, districtIds: readonly string[], before: Date) {
  if (districtIds.length === 0) return [];
  const earlier = db.selectDistinct({ id: meetingDistricts.meetingId }).from(meetingDistricts)
    .where(inArray(meetingDistricts.districtId, [...districtIds]));
  const rows = await db.select({
    itemId: meetingItems.id, meetingId: meetingItems.meetingId, number: meetingItems.number, kind: meetingItems.kind,
    text: meetingItems.text, topic: meetingItems.topic, resolution: meetingItems.resolution, answer: meetingItems.answer,
    participantName: participants.fullName, meetingNumber: meetings.number, meetingStartsAt: meetings.startsAt, meetingDate: meetings.startDate,
    note: reportCarryNotes.note,
  }).from(meetingItems)
    .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
    .leftJoin(participants, eq(participants.id, meetingItems.participantId))
    .leftJoin(reportCarryNotes, and(eq(reportCarryNotes.itemId, meetingItems.id), eq(reportCarryNotes.meetingId, meetingId)))
    .where(and(inArray(meetingItems.meetingId, earlier), inArray(meetings.status, [...HELD]), lt(meetings.startsAt, before)))
    .orderBy(asc(meetings.startsAt), asc(meetingItems.number));
  const meetingIds = [...new Set(rows.map((r) => r.meetingId))];
  const links = meetingIds.length
    ? await db.select().from(meetingDistricts).where(inArray(meetingDistricts.meetingId, meetingIds))
    : [];
  return rows.map((r) => ({ ...r, districtIds: links.filter((l) => l.meetingId === r.meetingId).map((l) => l.districtId) }));
}
export type EarlierItemRow = Awaited<ReturnType<typeof earlierItems>>[number];

/**
 * Locks the meeting row: item and decision numbers are handed out one writer at a time, and
 * protocol signing and follow-up see a meeting nobody changes under them. (Register numbers are
 * drawn without it: `drawParticipantNumber`.)
 */
export async function lockMeetingForNumbers(db: Executor, meetingId: string) {
  const rows = await db.select({ id: meetings.id, status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
  return rows[0] ?? null;
}

/**
 * Share-locks the meeting row for the rest of the transaction and returns it. Registrations
 * take this lock, not `lockMeetingForNumbers`: share locks do not wait for each other,
 * but any change of the meeting row (a status transition, `lockMeetingForNumbers` of the
 * protocol's signing) waits for the registrations holding it, and a registration arriving after
 * such a change waits for its commit and then reads the new row. So the check made on the returned
 * row (is the register still open?) holds until the registration commits.
 */
export async function shareLockMeeting(db: Executor, meetingId: string) {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).for('share');
  return row ?? null;
}

/** The next free number of a meeting's items or decisions (call under `lockMeetingForNumbers`). */
export async function nextInMeeting(db: Executor, table: 'items' | 'decisions', meetingId: string): Promise<number> {
  const t = table === 'items' ? meetingItems : meetingDecisions;
  const [row] = await db.select({ n: sql<number>`coalesce(max(${t.number}), 0)::int + 1` }).from(t).where(eq(t.meetingId, meetingId));
  return row!.n;
}

