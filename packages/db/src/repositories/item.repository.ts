import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { itemTopics, meetingAwards, meetingDecisions, meetingItems, participants } from '../schema/holding.schema.ts';
import { meetings } from '../schema/meeting.schema.ts';

/*
 * What is recorded at the meeting besides the register: items raised,
 * decisions taken, awards given, and the configurable list of item topics.
 */

// ─── Items ──────────────────────────────────────────────────────────
const itemColumns = {
  id: meetingItems.id, meetingId: meetingItems.meetingId, number: meetingItems.number, kind: meetingItems.kind,
  participantId: meetingItems.participantId, participantName: participants.fullName, text: meetingItems.text,
  topic: meetingItems.topic, resolution: meetingItems.resolution, answer: meetingItems.answer,
  clientKey: meetingItems.clientKey, createdAt: meetingItems.createdAt, meetingNumber: meetings.number,
};
export type ItemRow = {
  id: string; meetingId: string; number: number; kind: (typeof meetingItems.$inferSelect)['kind']; participantId: string | null;
  participantName: string | null; text: string; topic: string; resolution: (typeof meetingItems.$inferSelect)['resolution'];
  answer: string | null; clientKey: string | null; createdAt: Date; meetingNumber: string;
};

const itemQuery = (db: Executor) => db.select(itemColumns).from(meetingItems)
  .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
  .leftJoin(participants, eq(participants.id, meetingItems.participantId));

/** A meeting's items by number, with the name of whoever raised each (null when anonymous). */
export async function itemsOf(db: Executor, meetingId: string): Promise<ItemRow[]> {
  return itemQuery(db).where(eq(meetingItems.meetingId, meetingId)).orderBy(asc(meetingItems.number));
}
export async function itemById(db: Executor, id: string): Promise<ItemRow | null> {
  const [row] = await itemQuery(db).where(eq(meetingItems.id, id));
  return row ?? null;
}
export async function itemByClientKey(db: Executor, meetingId: string, clientKey: string): Promise<ItemRow | null> {
  const [row] = await itemQuery(db).where(and(eq(meetingItems.meetingId, meetingId), eq(meetingItems.clientKey, clientKey)));
  return row ?? null;
}
export async function insertItem(db: Executor, values: typeof meetingItems.$inferInsert): Promise<string> {
  const [row] = await db.insert(meetingItems).values(values).returning({ id: meetingItems.id });
  return row!.id;
}
export async function updateItem(db: Executor, id: string, patch: Pick<Partial<typeof meetingItems.$inferInsert>, 'resolution' | 'answer' | 'topic'>, at: Date) {
  await db.update(meetingItems).set({ ...patch, updatedAt: at }).where(eq(meetingItems.id, id));
}

// ─── Decisions ────────────────────────────────────────────────────
export type DecisionRow = typeof meetingDecisions.$inferSelect;
export async function decisionsOf(db: Executor, meetingId: string): Promise<DecisionRow[]> {
  return db.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)).orderBy(asc(meetingDecisions.number));
}
export async function decisionById(db: Executor, id: string): Promise<DecisionRow | null> {
  const [row] = await db.select().from(meetingDecisions).where(eq(meetingDecisions.id, id));
  return row ?? null;
}
export async function decisionByClientKey(db: Executor, meetingId: string, clientKey: string): Promise<DecisionRow | null> {
  const [row] = await db.select().from(meetingDecisions).where(and(eq(meetingDecisions.meetingId, meetingId), eq(meetingDecisions.clientKey, clientKey)));
  return row ?? null;
}
export async function insertDecision(db: Executor, values: typeof meetingDecisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await db.insert(meetingDecisions).values(values).returning();
  return row!;
}
export async function deleteDecision(db: Executor, id: string) {
  await db.delete(meetingDecisions).where(eq(meetingDecisions.id, id));
}

// ─── Awards ─────────────────────────────────────────────────────────
export type AwardRow = typeof meetingAwards.$inferSelect;
export async function awardsOf(db: Executor, meetingId: string): Promise<AwardRow[]> {
  return db.select().from(meetingAwards).where(eq(meetingAwards.meetingId, meetingId)).orderBy(asc(meetingAwards.createdAt), asc(meetingAwards.id));
}
export async function awardById(db: Executor, id: string): Promise<AwardRow | null> {
  const [row] = await db.select().from(meetingAwards).where(eq(meetingAwards.id, id));
  return row ?? null;
}
export async function awardByClientKey(db: Executor, meetingId: string, clientKey: string): Promise<AwardRow | null> {
  const [row] = await db.select().from(meetingAwards).where(and(eq(meetingAwards.meetingId, meetingId), eq(meetingAwards.clientKey, clientKey)));
  return row ?? null;
}
export async function insertAward(db: Executor, values: typeof meetingAwards.$inferInsert): Promise<AwardRow> {
  const [row] = await db.insert(meetingAwards).values(values).returning();
  return row!;
}
export async function deleteAward(db: Executor, id: string) {
  await db.delete(meetingAwards).where(eq(meetingAwards.id, id));
}

// ─── Topics ────────────────────────────────────────────────────────────────
export type TopicRow = typeof itemTopics.$inferSelect;
/** Every topic, the active ones first, each group in its sort order. */
export async function allTopics(db: Executor): Promise<TopicRow[]> {
  return db.select().from(itemTopics).orderBy(desc(itemTopics.active), asc(itemTopics.sort), asc(itemTopics.code));
}
export async function activeTopics(db: Executor): Promise<TopicRow[]> {
  return db.select().from(itemTopics).where(eq(itemTopics.active, true)).orderBy(asc(itemTopics.sort), asc(itemTopics.code));
}
export async function topicByCode(db: Executor, code: string): Promise<TopicRow | null> {
  const [row] = await db.select().from(itemTopics).where(eq(itemTopics.code, code));
  return row ?? null;
}
/** Adds a topic; null when the code is taken. */
export async function insertTopic(db: Executor, values: typeof itemTopics.$inferInsert): Promise<TopicRow | null> {
  const [row] = await db.insert(itemTopics).values(values).onConflictDoNothing({ target: itemTopics.code }).returning();
  return row ?? null;
}
export async function upsertTopic(db: Executor, values: typeof itemTopics.$inferInsert): Promise<TopicRow> {
  const { code: _code, ...rest } = values;
  const [row] = await db.insert(itemTopics).values(values).onConflictDoUpdate({ target: itemTopics.code, set: rest }).returning();
  return row!;
}
