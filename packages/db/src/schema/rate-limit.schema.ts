import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of fixed time windows, shared by every server process (production runs
 * several): one row per bucket and window, incremented atomically. `bucket` is a hash naming
 * the limit and what it counts (R-32.2: self-registration per client address and meeting), so
 * no client address is stored. Windows older than the previous one are swept.
 */
export const rateWindows = pgTable('rate_windows', {
  bucket: text('bucket').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
}, (t) => [
  primaryKey({ columns: [t.bucket, t.windowStart] }),
  index('rate_windows_start_idx').on(t.windowStart),
]);
