import type { Scope } from '@esep/domain';
import { and, asc, eq, exists, getTableColumns, gte, inArray, isNotNull, isNull, lte, notExists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { meetingDecisions, meetingItems, participants } from '../schema/holding.schema.ts';
import { meetingDistricts, meetingInspectors, meetings } from '../schema/meeting.schema.ts';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { checks, decisionControls, forwardings, stateBodies } from '../schema/protocol.schema.ts';
import { staff } from '../schema/staff.schema.ts';
import { scopeCondition } from './scope.repository.ts';

/*
 * What follows the signed protocol: checks, forwardings to state bodies, the
 * execution marks of decisions and the point lead's verification.
 */

// ─── Opening ───────────────────────────────────────────────────────────────
/** Items routed to a check or a forwarding that have none yet. */
export async function itemsAwaitingFollowUp(db: Executor, meetingId: string) {
  return db.select({ id: meetingItems.id, resolution: meetingItems.resolution }).from(meetingItems).where(and(
    eq(meetingItems.meetingId, meetingId), inArray(meetingItems.resolution, ['to_check', 'to_forward']),
    notExists(db.select({ x: sql`1` }).from(checks).where(eq(checks.itemId, meetingItems.id))),
    notExists(db.select({ x: sql`1` }).from(forwardings).where(eq(forwardings.itemId, meetingItems.id))),
  )).orderBy(asc(meetingItems.number));
}

/** The meeting's first reporting inspector (by district code): the default assignee of its checks. */
export async function firstReporter(db: Executor, meetingId: string): Promise<string | null> {
  const [row] = await db.select({ staffId: meetingInspectors.staffId }).from(meetingInspectors)
    .innerJoin(districts, eq(districts.id, meetingInspectors.districtId))
    .where(eq(meetingInspectors.meetingId, meetingId)).orderBy(asc(districts.code)).limit(1);
  return row?.staffId ?? null;
}

/** Inserts checks; an item that already has one is skipped. Returns how many were added. */
export async function insertChecks(db: Executor, rows: Array<typeof checks.$inferInsert>): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await db.insert(checks).values(rows).onConflictDoNothing({ target: checks.itemId }).returning({ id: checks.id });
  return added.length;
}
export async function insertForwardings(db: Executor, rows: Array<typeof forwardings.$inferInsert>): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await db.insert(forwardings).values(rows).onConflictDoNothing({ target: forwardings.itemId }).returning({ id: forwardings.id });
  return added.length;
}

// ─── Checks ───────────────────────────────────────────────────────
const itemContext = {
  meetingNumber: meetings.number, meetingDate: meetings.startDate, meetingStatus: meetings.status, meetingStartsAt: meetings.startsAt,
  itemNumber: meetingItems.number, itemText: meetingItems.text, itemKind: meetingItems.kind, topic: meetingItems.topic,
  participantId: meetingItems.participantId, participantName: participants.fullName, participantAddress: participants.address,
};
const checkQuery = (db: Executor) => db.select({ ...getTableColumns(checks), ...itemContext, assigneeName: staff.fullName }).from(checks)
  .innerJoin(meetingItems, eq(meetingItems.id, checks.itemId))
  .innerJoin(meetings, eq(meetings.id, checks.meetingId))
  .leftJoin(participants, eq(participants.id, meetingItems.participantId))
  .leftJoin(staff, eq(staff.id, checks.assigneeStaffId));
export type CheckRow = Awaited<ReturnType<ReturnType<typeof checkQuery>['execute']>>[number];

export async function checksOfMeetings(db: Executor, meetingIds: readonly string[]): Promise<CheckRow[]> {
  if (meetingIds.length === 0) return [];
  return checkQuery(db).where(inArray(checks.meetingId, [...meetingIds])).orderBy(asc(meetings.startsAt), asc(meetingItems.number));
}
export async function checkById(db: Executor, id: string): Promise<CheckRow | null> {
  const [row] = await checkQuery(db).where(eq(checks.id, id));
  return row ?? null;
}
export async function updateCheckRow(db: Executor, id: string, patch: Partial<typeof checks.$inferInsert>) {
  await db.update(checks).set(patch).where(eq(checks.id, id));
}
/** Open checks whose term was not extended, opened in the period: their due dates follow the calendar. */
export async function openUnextendedChecks(db: Executor, from: string, to: string) {
  return db.select({ id: checks.id, openedOn: checks.openedOn, dueDate: checks.dueDate }).from(checks)
    .where(and(eq(checks.status, 'open'), eq(checks.extended, false), gte(checks.openedOn, from), lte(checks.openedOn, to)));
}

// ─── Forwardings ──────────────────────────────────────────────────
const forwardingQuery = (db: Executor) => db.select({
  ...getTableColumns(forwardings), ...itemContext,
  bodyNameKk: stateBodies.nameKk, bodyNameRu: stateBodies.nameRu, bodyTopics: stateBodies.topics, bodyContact: stateBodies.contact, bodyAtuId: stateBodies.atuId,
}).from(forwardings)
  .innerJoin(meetingItems, eq(meetingItems.id, forwardings.itemId))
  .innerJoin(meetings, eq(meetings.id, forwardings.meetingId))
  .leftJoin(participants, eq(participants.id, meetingItems.participantId))
  .leftJoin(stateBodies, eq(stateBodies.id, forwardings.bodyId));
export type ForwardingRow = Awaited<ReturnType<ReturnType<typeof forwardingQuery>['execute']>>[number];

export async function forwardingsOfMeetings(db: Executor, meetingIds: readonly string[]): Promise<ForwardingRow[]> {
  if (meetingIds.length === 0) return [];
  return forwardingQuery(db).where(inArray(forwardings.meetingId, [...meetingIds])).orderBy(asc(meetings.startsAt), asc(meetingItems.number));
}
export async function forwardingById(db: Executor, id: string): Promise<ForwardingRow | null> {
  const [row] = await forwardingQuery(db).where(eq(forwardings.id, id));
  return row ?? null;
}
/** the ATUs served by the state bodies a meeting's items were forwarded to (the access policy's `sentTo`). */
export async function forwardedToAtus(db: Executor, meetingId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ atuId: stateBodies.atuId }).from(forwardings)
    .innerJoin(stateBodies, eq(stateBodies.id, forwardings.bodyId))
    .where(and(eq(forwardings.meetingId, meetingId), isNotNull(stateBodies.atuId)));
  return rows.flatMap((r) => (r.atuId ? [r.atuId] : []));
}
export async function updateForwardingRow(db: Executor, id: string, patch: Partial<typeof forwardings.$inferInsert>) {
  await db.update(forwardings).set(patch).where(eq(forwardings.id, id));
}
/** Open forwardings not yet sent, of meetings held in the period: their due dates follow the calendar. */
export async function unsentForwardings(db: Executor, from: string, to: string) {
  return db.select({ id: forwardings.id, dueDate: forwardings.dueDate, meetingDate: meetings.startDate }).from(forwardings)
    .innerJoin(meetings, eq(meetings.id, forwardings.meetingId))
    .where(and(eq(forwardings.status, 'open'), isNull(forwardings.sentOn), gte(meetings.startDate, from), lte(meetings.startDate, to)));
}

// ─── State bodies ─────────────────────────────────────────────────
export type StateBodyRow = typeof stateBodies.$inferSelect;
export async function allStateBodies(db: Executor, activeOnly: boolean): Promise<StateBodyRow[]> {
  return db.select().from(stateBodies).where(activeOnly ? eq(stateBodies.active, true) : undefined).orderBy(asc(stateBodies.nameRu));
}
export async function stateBodyById(db: Executor, id: string): Promise<StateBodyRow | null> {
  const [row] = await db.select().from(stateBodies).where(eq(stateBodies.id, id));
  return row ?? null;
}
/** Adds a body; null when the code is taken. */
export async function insertStateBody(db: Executor, values: typeof stateBodies.$inferInsert): Promise<StateBodyRow | null> {
  const [row] = await db.insert(stateBodies).values(values).onConflictDoNothing({ target: stateBodies.code }).returning();
  return row ?? null;
}
export async function updateStateBodyRow(db: Executor, id: string, patch: Partial<typeof stateBodies.$inferInsert>): Promise<StateBodyRow | null> {
  const [row] = await db.update(stateBodies).set(patch).where(eq(stateBodies.id, id)).returning();
  return row ?? null;
}

// ─── Decisions and their execution ──────────────────────────────────
/** Every decision of the meetings with what is recorded of its execution and who verified it (null when nothing is). */
export async function decisionsWithControl(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db.select({
    id: meetingDecisions.id, meetingId: meetingDecisions.meetingId, number: meetingDecisions.number, text: meetingDecisions.text,
    responsible: meetingDecisions.responsible, dueDate: meetingDecisions.dueDate,
    doneOn: decisionControls.doneOn, note: decisionControls.note, verifiedAt: decisionControls.verifiedAt, verifiedByName: users.displayName,
  }).from(meetingDecisions).leftJoin(decisionControls, eq(decisionControls.decisionId, meetingDecisions.id))
    .leftJoin(users, eq(users.id, decisionControls.verifiedBy))
    .where(inArray(meetingDecisions.meetingId, [...meetingIds])).orderBy(asc(meetingDecisions.number));
}
export type DecisionControlRow = typeof decisionControls.$inferSelect;
export async function decisionControlOf(db: Executor, decisionId: string): Promise<DecisionControlRow | null> {
  const [row] = await db.select().from(decisionControls).where(eq(decisionControls.decisionId, decisionId));
  return row ?? null;
}
export async function upsertDecisionControl(db: Executor, values: typeof decisionControls.$inferInsert): Promise<DecisionControlRow> {
  const { decisionId: _id, meetingId: _m, ...rest } = values;
  const [row] = await db.insert(decisionControls).values(values).onConflictDoUpdate({ target: decisionControls.decisionId, set: rest }).returning();
  return row!;
}

/** whether every decision, check and forwarding of the meeting is verified (and every routed item has its follow-up). */
export async function executionCounts(db: Executor, meetingId: string) {
  const [row] = await db.select({
    decisions: sql<number>`(select count(*)::int from ${meetingDecisions} where ${meetingDecisions.meetingId} = ${meetingId})`,
    decisionsVerified: sql<number>`(select count(*)::int from ${decisionControls} dc join ${meetingDecisions} d on d.id = dc.decision_id where dc.meeting_id = ${meetingId} and dc.verified_at is not null)`,
    toCheck: sql<number>`(select count(*)::int from ${meetingItems} where ${meetingItems.meetingId} = ${meetingId} and ${meetingItems.resolution} = 'to_check')`,
    checksVerified: sql<number>`(select count(*)::int from ${checks} where ${checks.meetingId} = ${meetingId} and ${checks.status} = 'verified')`,
    toForward: sql<number>`(select count(*)::int from ${meetingItems} where ${meetingItems.meetingId} = ${meetingId} and ${meetingItems.resolution} = 'to_forward')`,
    forwardingsVerified: sql<number>`(select count(*)::int from ${forwardings} where ${forwardings.meetingId} = ${meetingId} and ${forwardings.status} = 'verified')`,
  }).from(sql`(select 1) as one`);
  return row!;
}
