import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { itemTopics, meetingDecisions, meetingItems } from '../schema/holding.schema.ts';
import { meetingDistricts, meetings } from '../schema/meeting.schema.ts';
import { districts } from '../schema/org.schema.ts';
import { checks, decisionControls, forwardings, stateBodies } from '../schema/protocol.schema.ts';
import { residentQuestions } from '../schema/resident.schema.ts';

/*
 * Issue 13, part 5: "you said — we did" and the resident's own
 * verdict on the item that answered her question. Only ids, texts the protocol records and
 * follow-up facts leave here: never a participant's or an author's name or contact.
 */

/** Statuses of a meeting whose protocol is signed: only those are reported back. */
export const OUTCOME_MEETING_STATUSES = ['protocol_signed', 'closed'] as const;

// Question rows are written by resident-question.repository.ts (questions ahead).

/** The question a private link names, with the item that answers it and that item's meeting. */
export async function questionForVerdict(db: Executor, tokenHash: string) {
  const [row] = await db.select({
    id: residentQuestions.id, districtId: residentQuestions.districtId, itemId: residentQuestions.itemId,
    verdict: residentQuestions.verdict, verdictWords: residentQuestions.verdictWords, verdictAt: residentQuestions.verdictAt,
    carriedToMeetingId: residentQuestions.carriedToMeetingId,
    meetingId: meetingItems.meetingId, meetingStatus: meetings.status, meetingNumber: meetings.number,
  }).from(residentQuestions)
    .leftJoin(meetingItems, eq(meetingItems.id, residentQuestions.itemId))
    .leftJoin(meetings, eq(meetings.id, meetingItems.meetingId))
    .where(eq(residentQuestions.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * Records the verdict unless it was carried meanwhile (the write itself is the check: a verdict
 * already on a signed next report stays as it was). Returns false when nothing was written.
 */
export async function writeVerdict(db: Executor, id: string, v: { verdict: 'resolved' | 'not_resolved'; words: string | null; at: Date }): Promise<boolean> {
  const rows = await db.update(residentQuestions).set({ verdict: v.verdict, verdictWords: v.words, verdictAt: v.at })
    .where(and(eq(residentQuestions.id, id), isNull(residentQuestions.carriedToMeetingId))).returning({ id: residentQuestions.id });
  return rows.length > 0;
}

// ─── The carry-over ──────────────────────────────────────────────────
/**
 * "Not resolved" verdicts on items of earlier meetings of these districts that belong on this
 * meeting's report: those carried to it, and — while its protocol is not signed — those not yet
 * carried anywhere. Words only, oldest first; never who said them.
 */
export async function notResolvedFor(db: Executor, meetingId: string, districtIds: readonly string[], before: Date) {
  if (districtIds.length === 0) return [];
  // A practice meeting (issue 14) takes no carry-over: a resident's words wait for a real one.
  const open = sql`(select ${meetings.status} from ${meetings} where ${meetings.id} = ${meetingId} and not ${meetings.practice}) not in ('protocol_signed', 'closed')`;
  return db.select({ itemId: residentQuestions.itemId, words: residentQuestions.verdictWords }).from(residentQuestions)
    .innerJoin(meetingItems, eq(meetingItems.id, residentQuestions.itemId))
    .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
    .where(and(
      eq(residentQuestions.verdict, 'not_resolved'), inArray(residentQuestions.districtId, [...districtIds]),
      sql`${meetings.startsAt} < ${before.toISOString()}`,
      or(eq(residentQuestions.carriedToMeetingId, meetingId), and(isNull(residentQuestions.carriedToMeetingId), open)),
    ))
    .orderBy(asc(residentQuestions.verdictAt), asc(residentQuestions.id));
}

/**
 * when this meeting's protocol is signed its report is final; the "not resolved" verdicts
 * it carried are marked as carried by it (and can no longer change). Returns how many.
 */
export async function markVerdictsCarried(db: Executor, meetingId: string): Promise<number> {
  const rows = await db.update(residentQuestions).set({ carriedToMeetingId: meetingId }).where(and(
    eq(residentQuestions.verdict, 'not_resolved'), isNull(residentQuestions.carriedToMeetingId),
    sql`${residentQuestions.districtId} in (select ${meetingDistricts.districtId} from ${meetingDistricts} where ${meetingDistricts.meetingId} = ${meetingId})`,
    sql`${residentQuestions.itemId} in (select ${meetingItems.id} from ${meetingItems} join ${meetings} on ${meetings.id} = ${meetingItems.meetingId}
      where ${meetings.startsAt} < (select m2.starts_at from ${meetings} m2 where m2.id = ${meetingId}))`,
  )).returning({ id: residentQuestions.id });
  return rows.length;
}

// ─── "You said — we did" ─────────────────────────────────────────────
export async function outcomesDistrictByCode(db: Executor, code: string) {
  const [row] = await db.select({ id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu })
    .from(districts).where(eq(districts.code, code));
  return row ?? null;
}

/** Signed meetings covering the district (joint ones included), newest first, optionally within dates. */
export async function signedMeetingsOf(db: Executor, districtId: string, range?: { from: string; to: string }) {
  return db.select({
    id: meetings.id, number: meetings.number, startsAt: meetings.startsAt, startDate: meetings.startDate,
    format: meetings.format, venueName: meetings.venueName, venueAddress: meetings.venueAddress,
  }).from(meetings).innerJoin(meetingDistricts, eq(meetingDistricts.meetingId, meetings.id))
    .where(and(
      eq(meetingDistricts.districtId, districtId), inArray(meetings.status, [...OUTCOME_MEETING_STATUSES]), eq(meetings.practice, false),
      range ? gte(meetings.startDate, range.from) : undefined, range ? lte(meetings.startDate, range.to) : undefined,
    ))
    .orderBy(desc(meetings.startsAt), desc(meetings.id));
}

/**
 * The items of these meetings with what came of them. Deliberately not selected: who raised an
 * item, a check's letter to the initiator and its extension reason, the forwarding's notice text
 * and the body's contact — they may name or reach a person.
 */
export async function outcomeItems(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db.select({
    id: meetingItems.id, meetingId: meetingItems.meetingId, number: meetingItems.number, kind: meetingItems.kind, text: meetingItems.text,
    resolution: meetingItems.resolution, answer: meetingItems.answer,
    topicKk: itemTopics.nameKk, topicRu: itemTopics.nameRu, topicEn: itemTopics.nameEn,
    checkDue: checks.dueDate, checkStatus: checks.status, checkResult: checks.result,
    forwardDue: forwardings.dueDate, forwardSentOn: forwardings.sentOn, forwardNotifiedOn: forwardings.initiatorNotifiedOn, forwardStatus: forwardings.status,
    bodyKk: stateBodies.nameKk, bodyRu: stateBodies.nameRu,
  }).from(meetingItems)
    .innerJoin(itemTopics, eq(itemTopics.code, meetingItems.topic))
    .leftJoin(checks, eq(checks.itemId, meetingItems.id))
    .leftJoin(forwardings, eq(forwardings.itemId, meetingItems.id))
    .leftJoin(stateBodies, eq(stateBodies.id, forwardings.bodyId))
    .where(inArray(meetingItems.meetingId, [...meetingIds]))
    .orderBy(asc(meetingItems.number));
}
export type OutcomeItemRow = Awaited<ReturnType<typeof outcomeItems>>[number];

/** Decisions of these meetings with their due date and whether they were carried out; not who answers for them. */
export async function outcomeDecisions(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db.select({ meetingId: meetingDecisions.meetingId, number: meetingDecisions.number, text: meetingDecisions.text, dueDate: meetingDecisions.dueDate, doneOn: decisionControls.doneOn })
    .from(meetingDecisions).leftJoin(decisionControls, eq(decisionControls.decisionId, meetingDecisions.id))
    .where(inArray(meetingDecisions.meetingId, [...meetingIds])).orderBy(asc(meetingDecisions.number));
}

/** Residents' verdicts per item: counts only. */
export async function verdictCounts(db: Executor, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db.select({
    itemId: residentQuestions.itemId,
    resolved: sql<number>`count(*) filter (where ${residentQuestions.verdict} = 'resolved')::int`,
    notResolved: sql<number>`count(*) filter (where ${residentQuestions.verdict} = 'not_resolved')::int`,
  }).from(residentQuestions)
    .where(and(inArray(residentQuestions.itemId, [...itemIds]), sql`${residentQuestions.verdict} is not null`))
    .groupBy(residentQuestions.itemId);
}
