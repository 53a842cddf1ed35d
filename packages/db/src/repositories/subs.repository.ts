import { and, arrayContains, asc, eq, gte, inArray, isNull, like, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { announcements, meetingDistricts, meetings } from '../schema/meeting.schema.ts';
import { districts } from '../schema/org.schema.ts';
import { subscriptionKeys, subscriptions } from '../schema/subs.schema.ts';
import { deliveries } from '../schema/notification.schema.ts';

/*
 * Issue 13, part 4: residents' subscriptions to their district. A status changes only from the
 * status the caller saw (`where status = …`): a link clicked twice, or two processes, change it once.
 */
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NewSubscription = Omit<typeof subscriptions.$inferInsert, 'id'>;

export async function insertSubscription(db: Executor, values: NewSubscription): Promise<SubscriptionRow> {
  const [row] = await db.insert(subscriptions).values(values).returning();
  return row!;
}

export async function subscriptionById(db: Executor, id: string): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

export async function subscriptionByStartCode(db: Executor, hash: string): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.startCodeHash, hash));
  return row ?? null;
}

/** Changes a subscription only if it is still in `from`; answers the changed row or null. */
export async function updateSubscription(db: Executor, id: string, from: SubscriptionRow['status'] | readonly SubscriptionRow['status'][], patch: Partial<NewSubscription>): Promise<SubscriptionRow | null> {
  const states = typeof from === 'string' ? [from] : [...from];
  const [row] = await db.update(subscriptions).set(patch).where(and(eq(subscriptions.id, id), inArray(subscriptions.status, states))).returning();
  return row ?? null;
}

/** One more wrong code; answers the attempts so far (null if the subscription is not pending). */
export async function countCodeAttempt(db: Executor, id: string, at: Date): Promise<number | null> {
  const [row] = await db.update(subscriptions).set({ codeAttempts: sql`${subscriptions.codeAttempts} + 1`, updatedAt: at })
    .where(and(eq(subscriptions.id, id), eq(subscriptions.status, 'pending'))).returning({ n: subscriptions.codeAttempts });
  return row ? row.n : null;
}

/** Confirmed subscriptions of the meeting's districts that want `kind` (one per subscription, even for a meeting of two districts). */
export async function subscribersOfMeeting(db: Executor, meetingId: string, kind: string): Promise<SubscriptionRow[]> {
  return db.selectDistinct({ s: subscriptions }).from(subscriptions)
    .innerJoin(meetingDistricts, eq(meetingDistricts.districtId, subscriptions.districtId))
    .where(and(eq(meetingDistricts.meetingId, meetingId), eq(subscriptions.status, 'confirmed'), arrayContains(subscriptions.kinds, [kind])))
    .orderBy(asc(subscriptions.id))
    .then((rows) => rows.map((r) => r.s));
}

/** Meetings announced for this date (Almaty), for the day-before reminder. */
export async function announcedMeetingsOn(db: Executor, date: string) {
  return db.select({ id: meetings.id }).from(meetings)
    .where(and(eq(meetings.status, 'announced'), gte(meetings.startDate, date), lte(meetings.startDate, date), eq(meetings.practice, false)))
    .orderBy(asc(meetings.id));
}

/** The district codes a meeting covers (for the links in its messages). */
export async function meetingDistrictCodes(db: Executor, meetingId: string) {
  return db.select({ id: districts.id, code: districts.code }).from(meetingDistricts)
    .innerJoin(districts, eq(districts.id, meetingDistricts.districtId))
    .where(eq(meetingDistricts.meetingId, meetingId)).orderBy(asc(districts.code));
}

/** whether this announcement of the meeting already has its "Esep: N subscribers" record. */
export async function hasSubscriberAnnouncement(db: Executor, meetingId: string): Promise<boolean> {
  const [row] = await db.select({ id: announcements.id }).from(announcements)
    .where(and(eq(announcements.meetingId, meetingId), eq(announcements.channel, 'esep_page'), like(announcements.outlet, 'Esep: %'), isNull(announcements.voidedAt)));
  return Boolean(row);
}

/** Confirmed subscribers of a district (the staff count). */
export async function confirmedCount(db: Executor, districtId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(subscriptions)
    .where(and(eq(subscriptions.districtId, districtId), eq(subscriptions.status, 'confirmed')));
  return Number(row?.n ?? 0);
}

/** The link-signing key, made once for the whole deployment. */
export async function subscriptionKey(db: Executor, fresh: string): Promise<string> {
  await db.insert(subscriptionKeys).values({ id: 1, key: fresh }).onConflictDoNothing();
  const [row] = await db.select().from(subscriptionKeys).where(eq(subscriptionKeys.id, 1));
  return row!.key;
}

export async function districtCodeOf(db: Executor, districtId: string): Promise<string | null> {
  const [row] = await db.select({ code: districts.code }).from(districts).where(eq(districts.id, districtId));
  return row?.code ?? null;
}

/** Consent withdrawn: the delivery log keeps its rows (what was sent, when) but not even the masked address. */
export async function forgetDeliveryAddresses(db: Executor, subscriptionId: string): Promise<void> {
  await db.update(deliveries).set({ addressMask: null }).where(eq(deliveries.subscriptionId, subscriptionId));
}
