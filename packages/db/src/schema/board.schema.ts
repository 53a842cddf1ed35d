import { date, index, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { districts } from './org.schema.ts';

/**
 * what the quarter board needs to know about each district's quarter, kept by triggers
 * (migration 0012) in the same transaction as every change to a meeting, its districts, its
 * announcements or its entry after the fact — never stale. Only meetings that count for the
 * quarter are summed (an entry after the fact counts once confirmed). What depends on "today"
 * (a plan still able to be announced; at risk or missed) is worked out at read time from the
 * dates kept here (board.repository.ts, mirroring the domain's `districtObligation`).
 * No row = no counting meeting in that quarter.
 */
export const districtQuarterFacts = pgTable('district_quarter_facts', {
  /** First day of the quarter (a meeting's quarter is that of its start date in Almaty). */
  quarterStart: date('quarter_start', { mode: 'string' }).notNull(),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  /** Meetings held whose protocol is signed (protocol_signed, closed). */
  signed: integer('signed').notNull().default(0),
  /** Meetings held, protocol not signed yet. */
  held: integer('held').notNull().default(0),
  /** The latest start of a planned meeting (scheduled, announced, postponed) whose ≥ 10 days' notice is given (R-27.1). */
  noticedUntil: date('noticed_until', { mode: 'string' }),
  /** The latest start of a planned meeting without such notice yet: it still counts while 10 days remain before it. */
  unnoticedUntil: date('unnoticed_until', { mode: 'string' }),
}, (t) => [
  // The board reads one quarter (the key's first column); the triggers replace a district's rows,
  // for one quarter or all of them (this index: without it each refresh read the whole table).
  primaryKey({ columns: [t.quarterStart, t.districtId] }),
  index('district_quarter_facts_district_idx').on(t.districtId, t.quarterStart),
]);
