import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { sessions, users } from '../schema/account.schema.ts';
import { announceAuthChange } from './auth-change.repository.ts';
import { orderBy, paged, type PageRequest } from './list.query.ts';

export type UserRow = typeof users.$inferSelect;

export async function userByUsername(db: Executor, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ?? null;
}
export async function userById(db: Executor, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}
export async function userByOidcSubject(db: Executor, subject: string) {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject));
  return row ?? null;
}
export async function insertUser(db: Executor, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}
/** Servers keep users with their sessions (session.cache.ts): the change is announced to them. */
export async function updateUser(db: Executor, id: string, patch: Partial<typeof users.$inferInsert>, at: Date) {
  const [row] = await db.update(users).set({ ...patch, updatedAt: at }).where(eq(users.id, id)).returning();
  if (row) await announceAuthChange(db, { kind: 'user', id });
  return row ?? null;
}
export async function countUsers(db: Executor) {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

const SORTS = { username: users.username, displayName: users.displayName, role: users.role };
export async function listUsers(db: Executor, filter: { role?: UserRow['role'] | undefined; onlyId?: string | undefined }, request: PageRequest) {
  const where = and(filter.role ? eq(users.role, filter.role) : undefined, filter.onlyId ? eq(users.id, filter.onlyId) : undefined);
  const [items, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(...orderBy(SORTS, request.sort ?? 'username', users.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return paged(items, total?.n ?? 0, request);
}

/** Counts a failed login atomically; returns the new count. */
export async function recordFailedLogin(db: Executor, id: string, lockUntil: (failures: number) => Date | null) {
  const [row] = await db.update(users).set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, id)).returning({ failedLogins: users.failedLogins });
  const failures = row?.failedLogins ?? 0;
  const until = lockUntil(failures);
  if (until) await db.update(users).set({ lockedUntil: until }).where(eq(users.id, id));
  return failures;
}

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}
/** A session that has not expired at `now`, with its user; servers keep the answer (session.cache.ts). */
export async function sessionWithUser(db: Executor, id: string, now: Date) {
  const [row] = await db.select({ session: sessions, user: users }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  return row ?? null;
}
export async function touchSession(db: Executor, id: string, now: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}
/** Ends a session, in this process and in every server that keeps it (announced). */
export async function deleteSession(db: Executor, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
  await announceAuthChange(db, { kind: 'session', id });
}
export async function deleteUserSessions(db: Executor, userId: string, exceptId?: string) {
  await db.delete(sessions).where(exceptId
    ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`)
    : eq(sessions.userId, userId));
  await announceAuthChange(db, { kind: 'user', id: userId });
}
export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
