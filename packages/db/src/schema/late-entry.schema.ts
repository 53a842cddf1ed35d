import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './account.schema.ts';
import { meetings } from './meeting.schema.ts';

export const lateEntryStatus = pgEnum('late_entry_status', ['pending', 'confirmed', 'returned', 'withdrawn']);

/**
 * A meeting entered after the fact (domain: meeting/late-entry.ts): the inspector's statement
 * that it took place, with his reason, and the point lead's decision on it. Names are
 * kept as they were when each person acted, so the record (and the protocol that quotes it)
 * does not change when an account is renamed. Every step is also a meeting event and an audit
 * entry; this row holds the current state.
 */
export const meetingLateEntries = pgTable('meeting_late_entries', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id, { onDelete: 'cascade' }),
  status: lateEntryStatus('status').notNull().default('pending'),
  reason: text('reason').notNull(),
  enteredBy: uuid('entered_by').notNull().references(() => users.id),
  enteredByName: text('entered_by_name').notNull(),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedByName: text('decided_by_name'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  returnReason: text('return_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [index('meeting_late_entries_status_idx').on(t.status)]);
