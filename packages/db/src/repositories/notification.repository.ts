import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { meetingInspectors, meetings } from '../schema/meeting.schema.ts';
import { deliveries, notifications, notificationSettings } from '../schema/notification.schema.ts';
import { districts } from '../schema/org.schema.ts';
import { reminders } from '../schema/protocol.schema.ts';
import { subscriptions } from '../schema/subs.schema.ts';

/*
 * Issue 12: the bell (notifications), how each user wants reminders (notification_settings) and
 * the delivery log (deliveries). A delivery changes state only from the state the caller saw
 * (`where status = …`), so two workers that got one job both cannot send it.
 */
export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type NotificationSettingsRow = typeof notificationSettings.$inferSelect;
export type NewNotification = Omit<typeof notifications.$inferInsert, 'id' | 'readAt' | 'digestedAt'>;
export type NewDelivery = Omit<typeof deliveries.$inferInsert, 'id'>;

/** R-32.3: held meetings of these days whose protocol is not signed, with their inspectors' accounts. */
export async function unsignedProtocolCandidates(db: Executor, fromDate: string, toDate: string) {
  return db.select({
    meetingId: meetings.id, number: meetings.number, startDate: meetings.startDate, endsAt: meetings.endsAt,
    userId: users.id,
  }).from(meetings)
    .innerJoin(meetingInspectors, eq(meetingInspectors.meetingId, meetings.id))
    .innerJoin(users, eq(users.staffId, meetingInspectors.staffId))
    .where(and(eq(meetings.status, 'held'), gte(meetings.startDate, fromDate), lte(meetings.startDate, toDate)))
    .orderBy(asc(meetings.startDate), asc(meetings.id));
}

/** the protocol's evening reminder is recorded as sent (the protocol page shows when). */
export async function markProtocolReminderSent(db: Executor, meetingId: string, dueAt: Date, sentAt: Date): Promise<void> {
  await db.insert(reminders).values({ meetingId, kind: 'evening', dueAt, sentAt, channel: 'esep' })
    .onConflictDoUpdate({ target: [reminders.meetingId, reminders.kind], set: { sentAt: sql`coalesce(${reminders.sentAt}, excluded.sent_at)`, channel: sql`coalesce(${reminders.channel}, excluded.channel)` } });
}

/** Inserts what is new; a reminder already made (same dedupe key) is left as it is and not returned. */
export async function insertNotifications(db: Executor, rows: readonly NewNotification[]): Promise<NotificationRow[]> {
  if (!rows.length) return [];
  return db.insert(notifications).values([...rows]).onConflictDoNothing({ target: notifications.dedupeKey }).returning();
}

export async function settingsOf(db: Executor, userIds: readonly string[]): Promise<NotificationSettingsRow[]> {
  if (!userIds.length) return [];
  return db.select().from(notificationSettings).where(inArray(notificationSettings.userId, [...userIds]));
}

export async function upsertSettings(db: Executor, values: typeof notificationSettings.$inferInsert): Promise<NotificationSettingsRow> {
  const { userId, ...rest } = values;
  const [row] = await db.insert(notificationSettings).values(values)
    .onConflictDoUpdate({ target: notificationSettings.userId, set: rest }).returning();
  return row!;
}

export async function insertDeliveries(db: Executor, rows: readonly NewDelivery[]): Promise<DeliveryRow[]> {
  if (!rows.length) return [];
  return db.insert(deliveries).values([...rows]).onConflictDoNothing({ target: deliveries.idempotencyKey }).returning();
}

/**
 * Claims a delivery for sending: only a queued, held or retrying one that is due. The one statement is
 * the lock — a second worker with the same job finds nothing to claim.
 */
export async function claimDelivery(db: Executor, id: string, now: Date): Promise<DeliveryRow | null> {
  const [row] = await db.update(deliveries)
    .set({ status: 'sending', attempts: sql`${deliveries.attempts} + 1`, claimedAt: now, updatedAt: now })
    .where(and(eq(deliveries.id, id), inArray(deliveries.status, ['queued', 'held', 'retrying']), or(isNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, now))))
    .returning();
  return row ?? null;
}

export async function deliveryById(db: Executor, id: string): Promise<DeliveryRow | null> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row ?? null;
}

/** Records the outcome of a send this worker claimed (still `sending`); false if it was settled meanwhile. */
export async function settleDelivery(db: Executor, id: string, values: Partial<Pick<DeliveryRow, 'status' | 'error' | 'providerId' | 'sentAt' | 'nextAttemptAt'>> & { updatedAt: Date }): Promise<boolean> {
  const rows = await db.update(deliveries).set(values).where(and(eq(deliveries.id, id), eq(deliveries.status, 'sending'))).returning({ id: deliveries.id });
  return rows.length === 1;
}

export async function notificationsByIds(db: Executor, ids: readonly string[]): Promise<NotificationRow[]> {
  if (!ids.length) return [];
  return db.select().from(notifications).where(inArray(notifications.id, [...ids])).orderBy(asc(notifications.createdAt));
}

export async function recipientOf(db: Executor, userId: string) {
  const [row] = await db.select({ id: users.id, locale: users.locale, displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** Sending past its lease: the worker stopped between the claim and the record. */
export async function stuckDeliveries(db: Executor, claimedBefore: Date, limit = 500): Promise<DeliveryRow[]> {
  return db.select().from(deliveries).where(and(eq(deliveries.status, 'sending'), lt(deliveries.claimedAt, claimedBefore))).limit(limit);
}

/** Held (quiet hours) and now due, or queued/retrying and due long enough ago that their job was lost. */
export async function deliveriesToWake(db: Executor, now: Date, lostBefore: Date, limit = 500): Promise<DeliveryRow[]> {
  return db.select().from(deliveries).where(or(
    and(eq(deliveries.status, 'held'), lte(deliveries.nextAttemptAt, now)),
    and(inArray(deliveries.status, ['queued', 'retrying']), lte(deliveries.nextAttemptAt, lostBefore)),
  )).orderBy(asc(deliveries.nextAttemptAt)).limit(limit);
}

export async function setDeliveryStatus(db: Executor, id: string, from: DeliveryRow['status'], values: Partial<Pick<DeliveryRow, 'status' | 'error' | 'nextAttemptAt'>> & { updatedAt: Date }): Promise<boolean> {
  const rows = await db.update(deliveries).set(values).where(and(eq(deliveries.id, id), eq(deliveries.status, from))).returning({ id: deliveries.id });
  return rows.length === 1;
}

/** Digest users whose notifications of before `upTo` are not yet in a digest. */
export async function undigested(db: Executor, upTo: Date) {
  return db.select({ notification: notifications, settings: notificationSettings }).from(notifications)
    .innerJoin(notificationSettings, eq(notificationSettings.userId, notifications.userId))
    .where(and(eq(notificationSettings.digest, true), isNull(notifications.digestedAt), lte(notifications.createdAt, upTo)))
    .orderBy(asc(notifications.userId), asc(notifications.createdAt));
}

export async function markDigested(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length) await db.update(notifications).set({ digestedAt: at }).where(inArray(notifications.id, [...ids]));
}

/** A user's bell, newest first (keyset on created_at, id). */
export async function bellOf(db: Executor, userId: string, limit: number, before?: { createdAt: Date; id: string }): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(and(
    eq(notifications.userId, userId),
    before ? sql`(${notifications.createdAt}, ${notifications.id}) < (${before.createdAt}, ${before.id})` : undefined,
  )).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks the user's own notifications read (all of them when `ids` is absent); answers how many changed. */
export async function markRead(db: Executor, userId: string, at: Date, ids?: readonly string[]): Promise<number> {
  const rows = await db.update(notifications).set({ readAt: at }).where(and(
    eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, [...ids]) : undefined,
  )).returning({ id: notifications.id });
  return rows.length;
}

export interface DeliveryLogFilter {
  status?: DeliveryRow['status'];
  channel?: string;
  /** Issue 13: messages to staff accounts, or to residents' subscriptions. */
  recipient?: 'staff' | 'subscriber';
  userIds?: readonly string[] | null;
  before?: { createdAt: Date; id: string };
}

/**
 * The delivery log, newest first; `userIds` null = every user (the administrator's view).
 * A message goes to a user or (issue 13) to a resident's subscription: the subscriber is given
 * by her district only — the subscription's address is not read here, the log shows the mask
 * stored with the delivery.
 */
export async function deliveryLog(db: Executor, filter: DeliveryLogFilter, limit: number) {
  return db.select({
    delivery: deliveries, userName: users.displayName,
    subscriberDistrict: { id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu },
  }).from(deliveries)
    .leftJoin(users, eq(users.id, deliveries.userId))
    .leftJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
    .leftJoin(districts, eq(districts.id, subscriptions.districtId))
    .where(and(
      filter.status ? eq(deliveries.status, filter.status) : undefined,
      filter.channel ? eq(deliveries.channel, filter.channel) : undefined,
      filter.recipient === 'staff' ? isNotNull(deliveries.userId) : filter.recipient === 'subscriber' ? isNotNull(deliveries.subscriptionId) : undefined,
      filter.userIds ? inArray(deliveries.userId, [...filter.userIds]) : undefined,
      filter.before ? sql`(${deliveries.createdAt}, ${deliveries.id}) < (${filter.before.createdAt}, ${filter.before.id})` : undefined,
    ))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id)).limit(limit);
}
