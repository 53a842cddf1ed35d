import { and, asc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { meetingItems } from '../schema/holding.schema.ts';
import { meetingDistricts, meetings } from '../schema/meeting.schema.ts';
import { districts } from '../schema/org.schema.ts';
import { residentQuestions } from '../schema/resident.schema.ts';

/*
 * questions residents send ahead of a meeting (table `resident_questions`, migration 0016).
 * Only this module reads or writes the table's question-ahead columns.
 */

export type ResidentQuestionRow = typeof residentQuestions.$inferSelect;
export type NewResidentQuestion = typeof residentQuestions.$inferInsert;

/** A district by its public code (the `/d/:code` pages). */
export async function districtByCode(db: Executor, code: string) {
  const [row] = await db.select({ id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu })
    .from(districts).where(eq(districts.code, code));
  return row ?? null;
}

/** An announced meeting covering the district that has not ended yet, or null. */
export async function announcedMeetingOfDistrict(db: Executor, districtId: string, meetingId: string, now: Date) {
  const [row] = await db.select({ id: meetings.id, number: meetings.number, startsAt: meetings.startsAt })
    .from(meetings).innerJoin(meetingDistricts, eq(meetingDistricts.meetingId, meetings.id))
    .where(and(eq(meetings.id, meetingId), eq(meetingDistricts.districtId, districtId), eq(meetings.status, 'announced'), gt(meetings.endsAt, now), eq(meetings.practice, false)));
  return row ?? null;
}

/** The district's next announced meeting that has not ended yet. */
export async function nextAnnouncedMeeting(db: Executor, districtId: string, now: Date) {
  const [row] = await db.select({ id: meetings.id, number: meetings.number, startsAt: meetings.startsAt })
    .from(meetings).innerJoin(meetingDistricts, eq(meetingDistricts.meetingId, meetings.id))
    .where(and(eq(meetingDistricts.districtId, districtId), eq(meetings.status, 'announced'), gt(meetings.endsAt, now)))
    .orderBy(asc(meetings.startsAt)).limit(1);
  return row ?? null;
}

export async function insertResidentQuestion(db: Executor, values: NewResidentQuestion): Promise<ResidentQuestionRow> {
  const [row] = await db.insert(residentQuestions).values(values).returning();
  return row!;
}

/** True when a question was already stored from the form with this challenge (its sha256; R-29, migration 0018). */
export async function challengeUsed(db: Executor, challengeHash: string): Promise<boolean> {
  const [row] = await db.select({ id: residentQuestions.id }).from(residentQuestions).where(eq(residentQuestions.challengeHash, challengeHash)).limit(1);
  return row != null;
}

/** The author's view: her question with the item that answers it (by its token's hash). */
export async function questionByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db.select({
    id: residentQuestions.id, kind: residentQuestions.kind, text: residentQuestions.text, createdAt: residentQuestions.createdAt,
    districtId: residentQuestions.districtId, meetingId: residentQuestions.meetingId, itemId: residentQuestions.itemId,
    meetingNumber: meetings.number, meetingStartsAt: meetings.startsAt, meetingStatus: meetings.status,
    itemNumber: meetingItems.number, itemResolution: meetingItems.resolution, itemAnswer: meetingItems.answer,
  }).from(residentQuestions)
    .leftJoin(meetings, eq(meetings.id, residentQuestions.meetingId))
    .leftJoin(meetingItems, eq(meetingItems.id, residentQuestions.itemId))
    .where(eq(residentQuestions.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * The preparation list of a meeting: questions from its districts sent ahead of it —
 * attached to it, or attached to no meeting and sent before it starts — oldest first.
 */
export async function questionsForMeeting(db: Executor, meetingId: string) {
  const [meeting] = await db.select({ startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return [];
  const covered = db.select({ id: meetingDistricts.districtId }).from(meetingDistricts).where(eq(meetingDistricts.meetingId, meetingId));
  return db.select({
    id: residentQuestions.id, kind: residentQuestions.kind, text: residentQuestions.text, createdAt: residentQuestions.createdAt,
    districtId: residentQuestions.districtId, meetingId: residentQuestions.meetingId, itemId: residentQuestions.itemId,
    authorName: residentQuestions.authorName, contact: residentQuestions.contact, contactKind: residentQuestions.contactKind,
    itemNumber: meetingItems.number,
  }).from(residentQuestions)
    .leftJoin(meetingItems, eq(meetingItems.id, residentQuestions.itemId))
    .where(and(
      inArray(residentQuestions.districtId, covered),
      or(eq(residentQuestions.meetingId, meetingId), and(isNull(residentQuestions.meetingId), lt(residentQuestions.createdAt, meeting.startsAt))),
    ))
    .orderBy(asc(residentQuestions.createdAt), asc(residentQuestions.id));
}

export async function residentQuestionById(db: Executor, id: string): Promise<ResidentQuestionRow | null> {
  const [row] = await db.select().from(residentQuestions).where(eq(residentQuestions.id, id));
  return row ?? null;
}

/** Links (or unlinks, `itemId` null) the item answering the question; linking also attaches the question to the item's meeting. */
export async function setQuestionItem(db: Executor, id: string, link: { itemId: string | null; linkedBy: string | null; linkedAt: Date | null; meetingId?: string }) {
  await db.update(residentQuestions).set(link).where(eq(residentQuestions.id, id));
}
