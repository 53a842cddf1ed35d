import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { meetingLateEntries } from '../schema/late-entry.schema.ts';
import { staff } from '../schema/staff.schema.ts';

/* A meeting entered after the fact and the point lead's decision on it. */

export type LateEntryRow = typeof meetingLateEntries.$inferSelect;

export async function insertLateEntry(db: Executor, values: typeof meetingLateEntries.$inferInsert) {
  const [row] = await db.insert(meetingLateEntries).values(values).returning();
  return row!;
}

export async function lateEntryOf(db: Executor, meetingId: string): Promise<LateEntryRow | null> {
  const [row] = await db.select().from(meetingLateEntries).where(eq(meetingLateEntries.meetingId, meetingId));
  return row ?? null;
}

/** The entry, locked until the transaction ends: two decisions on one entry happen one after the other. */
export async function lockLateEntry(db: Executor, meetingId: string): Promise<LateEntryRow | null> {
  const [row] = await db.select().from(meetingLateEntries).where(eq(meetingLateEntries.meetingId, meetingId)).for('update');
  return row ?? null;
}

export async function updateLateEntry(db: Executor, meetingId: string, patch: Partial<typeof meetingLateEntries.$inferInsert>, at: Date) {
  const [row] = await db.update(meetingLateEntries).set({ ...patch, updatedAt: at }).where(eq(meetingLateEntries.meetingId, meetingId)).returning();
  return row ?? null;
}

/** The entry state of each meeting that has one (lists, calendars, boards), in one query. */
export async function lateEntryStatuses(db: Executor, meetingIds: readonly string[]): Promise<Map<string, LateEntryRow['status']>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db.select({ meetingId: meetingLateEntries.meetingId, status: meetingLateEntries.status })
    .from(meetingLateEntries).where(inArray(meetingLateEntries.meetingId, [...meetingIds]));
  return new Map(rows.map((r) => [r.meetingId, r.status]));
}

/** How a user is named on a record: his staff member's full name, else the account's display name. */
export async function personNameOfUser(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db.select({ displayName: users.displayName, fullName: staff.fullName })
    .from(users).leftJoin(staff, eq(staff.id, users.staffId)).where(eq(users.id, userId));
  return row ? row.fullName ?? row.displayName : null;
}

/** the point lead of a district police point, by name (the first by name if several are recorded). */
export async function pointLeadName(db: Executor, pointId: string): Promise<string | null> {
  const [row] = await db.select({ fullName: staff.fullName }).from(staff)
    .where(and(eq(staff.pointId, pointId), eq(staff.position, 'point_lead'))).orderBy(asc(staff.fullName)).limit(1);
  return row?.fullName ?? null;
}
