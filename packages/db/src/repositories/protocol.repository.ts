import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { meetings } from '../schema/meeting.schema.ts';
import { protocolAddenda, protocolSignatures, protocols, reminders, signingKeys } from '../schema/protocol.schema.ts';
import { staff } from '../schema/staff.schema.ts';

/*
 * The protocol, its signatures and addenda, the built-in signer's keys and the
 * reminders to sign.
 */
export type ProtocolRow = typeof protocols.$inferSelect;
export type ProtocolSignatureRow = typeof protocolSignatures.$inferSelect;
export type ProtocolAddendumRow = typeof protocolAddenda.$inferSelect;
export type ReminderRow = typeof reminders.$inferSelect;

export async function protocolRow(db: Executor, meetingId: string): Promise<ProtocolRow | null> {
  const [row] = await db.select().from(protocols).where(eq(protocols.meetingId, meetingId));
  return row ?? null;
}

/** The protocol row locked for a change (edit, signature): one writer at a time. */
export async function lockProtocol(db: Executor, meetingId: string): Promise<ProtocolRow | null> {
  const [row] = await db.select().from(protocols).where(eq(protocols.meetingId, meetingId)).for('update');
  return row ?? null;
}

/** Creates the draft once; a concurrent first read keeps the row the other one made. */
export async function insertProtocolDraft(db: Executor, values: { meetingId: string; content: unknown; updatedBy: string | null }): Promise<boolean> {
  const rows = await db.insert(protocols).values({ meetingId: values.meetingId, content: values.content, updatedBy: values.updatedBy })
    .onConflictDoNothing().returning({ meetingId: protocols.meetingId });
  return rows.length > 0;
}

/** Writes a draft's content over the version the editor started from (null when someone saved in between). */
export async function updateProtocolDraft(db: Executor, meetingId: string, baseVersion: number, content: unknown, userId: string | null, at: Date): Promise<ProtocolRow | null> {
  const [row] = await db.update(protocols)
    .set({ content, version: sql`${protocols.version} + 1`, updatedBy: userId, updatedAt: at })
    .where(and(eq(protocols.meetingId, meetingId), eq(protocols.version, baseVersion), eq(protocols.status, 'draft')))
    .returning();
  return row ?? null;
}

export async function updateProtocolRow(db: Executor, meetingId: string, patch: Partial<typeof protocols.$inferInsert>, at: Date): Promise<ProtocolRow | null> {
  const [row] = await db.update(protocols).set({ ...patch, updatedAt: at }).where(eq(protocols.meetingId, meetingId)).returning();
  return row ?? null;
}

export async function signaturesOf(db: Executor, meetingId: string): Promise<ProtocolSignatureRow[]> {
  return db.select().from(protocolSignatures).where(eq(protocolSignatures.meetingId, meetingId)).orderBy(asc(protocolSignatures.signedAt), asc(protocolSignatures.id));
}

/** A signature of this staff member on the protocol itself (addendumId null) or on one addendum. */
export async function signatureBy(db: Executor, meetingId: string, staffId: string, addendumId: string | null): Promise<ProtocolSignatureRow | null> {
  const [row] = await db.select().from(protocolSignatures).where(and(
    eq(protocolSignatures.meetingId, meetingId), eq(protocolSignatures.staffId, staffId),
    addendumId ? eq(protocolSignatures.addendumId, addendumId) : isNull(protocolSignatures.addendumId),
  ));
  return row ?? null;
}

/** Stores a signature; null when the same signer signed the same document in between (unique index). */
export async function insertSignature(db: Executor, values: typeof protocolSignatures.$inferInsert): Promise<ProtocolSignatureRow | null> {
  const [row] = await db.insert(protocolSignatures).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function addendaOf(db: Executor, meetingId: string): Promise<ProtocolAddendumRow[]> {
  return db.select().from(protocolAddenda).where(eq(protocolAddenda.meetingId, meetingId)).orderBy(asc(protocolAddenda.number));
}

export async function addendumById(db: Executor, id: string): Promise<ProtocolAddendumRow | null> {
  const [row] = await db.select().from(protocolAddenda).where(eq(protocolAddenda.id, id));
  return row ?? null;
}

export async function nextAddendumNumber(db: Executor, meetingId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${protocolAddenda.number}), 0)::int + 1` }).from(protocolAddenda).where(eq(protocolAddenda.meetingId, meetingId));
  return row!.n;
}

export async function insertAddendum(db: Executor, values: typeof protocolAddenda.$inferInsert): Promise<ProtocolAddendumRow> {
  const [row] = await db.insert(protocolAddenda).values(values).returning();
  return row!;
}

export async function markAddendumSigned(db: Executor, id: string): Promise<void> {
  await db.update(protocolAddenda).set({ status: 'signed' }).where(eq(protocolAddenda.id, id));
}

export async function signingKeyOf(db: Executor, userId: string) {
  const [row] = await db.select().from(signingKeys).where(eq(signingKeys.userId, userId));
  return row ?? null;
}

/** Stores the user's key pair unless one exists (then the existing one is returned). */
export async function insertSigningKey(db: Executor, values: typeof signingKeys.$inferInsert) {
  await db.insert(signingKeys).values(values).onConflictDoNothing();
  return (await signingKeyOf(db, values.userId))!;
}

/** What the built-in signer needs about a user: his password hash and his staff record. */
export async function signerAccount(db: Executor, userId: string) {
  const [row] = await db.select({ id: users.id, passwordHash: users.passwordHash, staffId: users.staffId, staffName: staff.fullName })
    .from(users).leftJoin(staff, eq(staff.id, users.staffId)).where(eq(users.id, userId));
  return row ?? null;
}

export async function insertReminders(db: Executor, rows: ReadonlyArray<typeof reminders.$inferInsert>): Promise<void> {
  if (rows.length) await db.insert(reminders).values([...rows]).onConflictDoNothing();
}

export async function remindersOf(db: Executor, meetingId: string): Promise<ReminderRow[]> {
  return db.select().from(reminders).where(eq(reminders.meetingId, meetingId)).orderBy(asc(reminders.dueAt));
}

/** Meetings with a signed protocol (for the verification command), optionally only some. */
export async function signedProtocolMeetings(db: Executor, ids?: readonly string[]) {
  return db.select({ meetingId: protocols.meetingId, number: meetings.number }).from(protocols)
    .innerJoin(meetings, eq(meetings.id, protocols.meetingId))
    .where(and(eq(protocols.status, 'signed'), ids ? inArray(protocols.meetingId, [...ids]) : undefined))
    .orderBy(asc(meetings.startsAt));
}

/** Rank and position of staff members (the protocol's reporters). */
export async function staffRefs(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: staff.id, fullName: staff.fullName, rank: staff.rank, position: staff.position }).from(staff).where(inArray(staff.id, [...ids]));
}
