import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { feedTokens } from '../schema/meeting.schema.ts';

/**
 * iCal feed keys. Calendar clients cannot log in, so a feed URL carries a secret key; only its
 * SHA-256 is stored. A user holds at most one live key: issuing a new one revokes the others.
 */
export async function revokeFeedTokens(db: Executor, userId: string, at: Date): Promise<number> {
  const rows = await db.update(feedTokens).set({ revokedAt: at })
    .where(and(eq(feedTokens.userId, userId), isNull(feedTokens.revokedAt))).returning({ id: feedTokens.id });
  return rows.length;
}

export async function insertFeedToken(db: Executor, userId: string, tokenHash: string) {
  const [row] = await db.insert(feedTokens).values({ userId, tokenHash }).returning({ id: feedTokens.id, createdAt: feedTokens.createdAt });
  return row!;
}

/** The owner of a live (not revoked) key, by the key's hash; null for an unknown or revoked key. */
export async function feedTokenOwner(db: Executor, tokenHash: string) {
  const [row] = await db.select({ user: users }).from(feedTokens).innerJoin(users, eq(users.id, feedTokens.userId))
    .where(and(eq(feedTokens.tokenHash, tokenHash), isNull(feedTokens.revokedAt)));
  return row?.user ?? null;
}
