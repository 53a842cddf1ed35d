import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { invitations, meetings } from '../schema/meeting.schema.ts';

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(db: Executor, values: typeof invitations.$inferInsert) {
  const [row] = await db.insert(invitations).values(values).returning();
  return row!;
}
export async function invitationById(db: Executor, id: string) {
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
  return row ?? null;
}
export async function invitationsOf(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db.select().from(invitations).where(inArray(invitations.meetingId, [...meetingIds])).orderBy(asc(invitations.createdAt));
}
/** The same person of the same organisation invited twice to one meeting (names compared case-insensitively). */
export async function findSameInvitee(db: Executor, meetingId: string, personName: string, organisation: string) {
  const [row] = await db.select({ id: invitations.id }).from(invitations).where(and(
    eq(invitations.meetingId, meetingId),
    sql`lower(${invitations.personName}) = lower(${personName})`, sql`lower(${invitations.organisation}) = lower(${organisation})`,
  ));
  return row ?? null;
}
export async function updateInvitation(db: Executor, id: string, patch: Partial<typeof invitations.$inferInsert>, at: Date) {
  const [row] = await db.update(invitations).set({ ...patch, updatedAt: at }).where(eq(invitations.id, id)).returning();
  return row ?? null;
}
/** Invitations addressed to an account, newest meetings first. */
export async function invitationsAddressedTo(db: Executor, userId: string) {
  return db.select({ invitation: invitations, meeting: { id: meetings.id, number: meetings.number, startsAt: meetings.startsAt, endsAt: meetings.endsAt, status: meetings.status, venueName: meetings.venueName, venueAddress: meetings.venueAddress } })
    .from(invitations).innerJoin(meetings, eq(meetings.id, invitations.meetingId))
    .where(eq(invitations.addresseeUserId, userId)).orderBy(desc(meetings.startsAt));
}
/** Accounts an invitation of a required category may be addressed to. */
export async function accountsFor(db: Executor, role: 'unit_head' | 'akimat', territoryIds: readonly string[]) {
  if (territoryIds.length === 0) return [];
  return db.select({ id: users.id, displayName: users.displayName, territoryId: users.territoryId })
    .from(users).where(and(eq(users.role, role), inArray(users.territoryId, [...territoryIds])));
}
