import { and, lt, notLike, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rateWindows } from '../schema/rate-limit.schema.ts';

/**
 * Counts one request in `bucket`'s window starting at `windowStart` and returns the count with
 * it: one upsert, atomic on both engines, so concurrent requests in several processes never
 * lose a hit.
 */
export async function countRateHit(db: Executor, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await db.insert(rateWindows).values({ bucket, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateWindows.bucket, rateWindows.windowStart], set: { hits: sql`${rateWindows.hits} + 1` } })
    .returning({ hits: rateWindows.hits });
  return row!.hits;
}

/**
 * Buckets of windows longer than a minute (up to an hour; R-29: questions sent ahead are limited
 * per hour) carry this prefix: the sweep keeps them an hour longer than the minute windows.
 */
export const LONG_RATE_BUCKET = 'long:';
export const LONG_RATE_WINDOW_MS = 3_600_000;

/** Deletes the windows that started before `before` (they no longer limit anything); long ones an hour later. */
export async function sweepRateWindows(db: Executor, before: Date): Promise<void> {
  await db.delete(rateWindows).where(or(
    and(lt(rateWindows.windowStart, before), notLike(rateWindows.bucket, `${LONG_RATE_BUCKET}%`)),
    lt(rateWindows.windowStart, new Date(before.getTime() - LONG_RATE_WINDOW_MS)),
  ));
}
