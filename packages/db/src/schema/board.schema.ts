import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { meetingStatus } from './meeting.schema.ts';
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

/**
 * the control board's facts about each meeting whose protocol is signed (protocol_signed,
 * closed), kept by statement triggers (migration 0014) in the same transaction as every change
 * to its decisions, their execution marks, its checks, its forwardings or the meeting itself —
 * never stale. Per kind of record (d = decisions, c = checks, f = forwardings): how many, how
 * many open, done and verified, the due dates of the open ones (sorted: what is overdue on a day
 * is counted at read time by a binary search, `width_bucket`) and the earliest due date of those
 * not verified. No row = the meeting is not on the board (not signed, or gone).
 */
export const meetingControlFacts = pgTable('meeting_control_facts', {
  // No foreign key: a meeting removed is taken off by the triggers, its difference subtracted from its area.
  meetingId: uuid('meeting_id').primaryKey(),
  status: meetingStatus('status').notNull(),
  number: text('number').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  regionId: uuid('region_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  pointId: uuid('point_id').notNull(),
  /** The earliest due date of an open record of any kind: overdue on a day before which it falls. */
  openDue: date('open_due', { mode: 'string' }),
  /** The earliest due date of a record of any kind not verified yet (open or done). */
  pendingDue: date('pending_due', { mode: 'string' }),
  dTotal: integer('d_total').notNull().default(0), dOpen: integer('d_open').notNull().default(0),
  dDone: integer('d_done').notNull().default(0), dVerified: integer('d_verified').notNull().default(0),
  dOpenDues: date('d_open_dues', { mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
  dPendingDue: date('d_pending_due', { mode: 'string' }),
  cTotal: integer('c_total').notNull().default(0), cOpen: integer('c_open').notNull().default(0),
  cDone: integer('c_done').notNull().default(0), cVerified: integer('c_verified').notNull().default(0),
  cOpenDues: date('c_open_dues', { mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
  cPendingDue: date('c_pending_due', { mode: 'string' }),
  fTotal: integer('f_total').notNull().default(0), fOpen: integer('f_open').notNull().default(0),
  fDone: integer('f_done').notNull().default(0), fVerified: integer('f_verified').notNull().default(0),
  fOpenDues: date('f_open_dues', { mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
  fPendingDue: date('f_pending_due', { mode: 'string' }),
}, (t) => [
  // The board's page in its order, read from an index: first the meetings with an overdue record
  // (open_due before today) by that date, then the others by their earliest pending due date.
  index('meeting_control_facts_open_due_idx').on(t.openDue, t.startDate, t.number),
  index('meeting_control_facts_pending_due_idx').on(t.pendingDue, t.startDate, t.number),
  // The same for one kind of record shown: the meetings without an overdue record that have one.
  index('meeting_control_facts_d_pending_due_idx').on(t.dPendingDue, t.startDate, t.number).where(sql`d_total > 0`),
  index('meeting_control_facts_c_pending_due_idx').on(t.cPendingDue, t.startDate, t.number).where(sql`c_total > 0`),
  index('meeting_control_facts_f_pending_due_idx').on(t.fPendingDue, t.startDate, t.number).where(sql`f_total > 0`),
]);

/**
 * meeting_control_facts summed per area and status (a meeting counts in its own region,
 * unit and point), kept by the same triggers by adding each change's difference: the national
 * board's summary reads these few rows, not one per meeting. `meetings`: the signed meetings;
 * per kind of record, the meetings that have one and the records by state.
 */
export const controlAreaFacts = pgTable('control_area_facts', {
  pointId: uuid('point_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  regionId: uuid('region_id').notNull(),
  status: meetingStatus('status').notNull(),
  meetings: integer('meetings').notNull().default(0),
  dMeetings: integer('d_meetings').notNull().default(0), dOpen: integer('d_open').notNull().default(0),
  dDone: integer('d_done').notNull().default(0), dVerified: integer('d_verified').notNull().default(0),
  cMeetings: integer('c_meetings').notNull().default(0), cOpen: integer('c_open').notNull().default(0),
  cDone: integer('c_done').notNull().default(0), cVerified: integer('c_verified').notNull().default(0),
  fMeetings: integer('f_meetings').notNull().default(0), fOpen: integer('f_open').notNull().default(0),
  fDone: integer('f_done').notNull().default(0), fVerified: integer('f_verified').notNull().default(0),
}, (t) => [primaryKey({ name: 'control_area_facts_pk', columns: [t.pointId, t.unitId, t.regionId, t.status] })]);

/** the open records per area, status, kind (d, c, f) and due date: what is overdue on a day, summed. */
export const controlAreaDues = pgTable('control_area_dues', {
  pointId: uuid('point_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  regionId: uuid('region_id').notNull(),
  status: meetingStatus('status').notNull(),
  kind: text('kind').notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [primaryKey({ name: 'control_area_dues_pk', columns: [t.pointId, t.unitId, t.regionId, t.status, t.kind, t.dueDate] })]);
