import { boolean, date, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { meetings, meetingStatus } from './meeting.schema.ts';
import { districts } from './org.schema.ts';

/**
 * Issue 15: the meeting checklist's facts for the compliance analytics, one row per district and
 * quarter and per meeting that counts there (held, protocol signed or closed; not a practice
 * meeting; an entry after the fact only once confirmed) — a joint meeting has a row in each of its
 * districts, so a territory counts it once (count distinct) and each child that holds one of its
 * districts once. Kept by statement triggers (migration 0021) in the same transaction as every
 * change to the meeting, its districts, entry after the fact, announcements, invitations,
 * register, videos, protocol, items, checks and forwardings — never stale. What depends on
 * "today" (R-32.3: a protocol may still be signed on the day of the meeting) is finished at read
 * time from `startDate` (analytics.repository.ts). The rows are those of the view
 * `district_quarter_compliance_source`, which computes them from the records.
 */
export const districtQuarterCompliance = pgTable('district_quarter_compliance', {
  /** First day of the meeting's quarter (of its start date in Almaty). */
  quarterStart: date('quarter_start', { mode: 'string' }).notNull(),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  /**
   * The district's place in the structure, copied so that a territory's figures are read without
   * joining the structure (kept by triggers on districts, points and units too).
   */
  regionId: uuid('region_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  pointId: uuid('point_id').notNull(),
  atuId: uuid('atu_id').notNull(),
  /** The meeting covers more than one district: counted once per territory and child (the others need no de-duplication). */
  joint: boolean('joint').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  status: meetingStatus('status').notNull(),
  /** an announcement in force published ≥ 10 days before the meeting. */
  notice: boolean('notice').notNull(),
  /** police leadership and the akimat present (invitation attended or registered). */
  present: boolean('present').notNull(),
  /** anyone registered. */
  registered: boolean('registered').notNull(),
  /** a complete video. */
  video: boolean('video').notNull(),
  /** the protocol is signed, and signed on time (not late). */
  protocolSigned: boolean('protocol_signed').notNull(),
  protocolOnTime: boolean('protocol_on_time').notNull(),
  /** items to check exist, and each has its check opened. */
  toCheck: boolean('to_check').notNull(),
  checksOpened: boolean('checks_opened').notNull(),
  /** items to forward exist, and each is sent with its initiator told (or none to tell). */
  toForward: boolean('to_forward').notNull(),
  initiatorsNotified: boolean('initiators_notified').notNull(),
}, (t) => [
  primaryKey({ columns: [t.quarterStart, t.districtId, t.meetingId] }),
  // The analytics read a quarter (the key's first column) or a territory's districts for a range of
  // quarters; the triggers replace a meeting's rows, or a district's.
  index('district_quarter_compliance_district_idx').on(t.districtId, t.quarterStart),
  index('district_quarter_compliance_region_idx').on(t.regionId, t.quarterStart),
  index('district_quarter_compliance_unit_idx').on(t.unitId, t.quarterStart),
  index('district_quarter_compliance_point_idx').on(t.pointId, t.quarterStart),
  index('district_quarter_compliance_meeting_idx').on(t.meetingId),
]);
