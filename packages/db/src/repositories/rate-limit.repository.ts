import { lt, sql } from 'drizzle-orm';
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

/** Deletes the windows that started before `before` (they no longer limit anything). */
export async function sweepRateWindows(db: Executor, before: Date): Promise<void> {
  await db.delete(rateWindows).where(lt(rateWindows.windowStart, before));
}
