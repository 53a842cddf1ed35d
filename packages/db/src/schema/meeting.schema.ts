import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './account.schema.ts';
import { atus, districts, policePoints, policeUnits, regions } from './org.schema.ts';
import { staff } from './staff.schema.ts';

export const meetingStatus = pgEnum('meeting_status', ['draft', 'scheduled', 'announced', 'held', 'protocol_signed', 'closed', 'postponed', 'cancelled']);
export const meetingSetting = pgEnum('meeting_setting', ['gathering', 'akim_meeting', 'initiative_meeting']);
export const meetingFormat = pgEnum('meeting_format', ['indoor', 'open_air', 'online', 'hybrid']);
export const announcementChannel = pgEnum('announcement_channel', ['mass_media', 'social_network', 'organisation', 'esep_page']);
export const invitationCategory = pgEnum('invitation_category', [
  'police_leadership', 'akimat', 'maslikhat_deputy', 'public', 'health_care', 'labour_social', 'education_science',
  'agriculture', 'housing_communal', 'organisation', 'mass_media',
]);
export const invitationStatus = pgEnum('invitation_status', ['draft', 'sent', 'accepted', 'declined', 'attended', 'absent']);
export const agreementStatus = pgEnum('agreement_status', ['pending', 'accepted', 'declined']);

/**
 * A reporting meeting. Region, unit and point are copied from its first district so territory
 * filters need no joins (a joint meeting's districts are adjacent, within one point or across
 * points of one unit; the meeting is visible in every covered district's territory through
 * meeting_districts).
 */
export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  status: meetingStatus('status').notNull().default('draft'),
  setting: meetingSetting('setting').notNull(),
  convenerAtuId: uuid('convener_atu_id').references(() => atus.id),
  membersCount: integer('members_count'),
  initiatorsCount: integer('initiators_count'),
  initiators: jsonb('initiators').$type<string[]>(),
  format: meetingFormat('format').notNull(),
  onlineLink: text('online_link'),
  weatherConsidered: boolean('weather_considered'),
  venueName: text('venue_name'),
  venueAddress: text('venue_address'),
  venueCapacity: integer('venue_capacity'),
  /** Issue 13: how to find the venue, in the inspector's words, shown on the public meeting page. */
  directions: text('directions'),
  expectedParticipants: integer('expected_participants'),
  /**
   * Issue 14: a practice meeting, to learn the cycle. It is never counted: not in a quarter
   * the boards, analytics or open data; its date rules are relaxed so it can be held at once.
   */
  practice: boolean('practice').notNull().default(false),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  /** Calendar date of the start in Asia/Almaty, kept for date-based rules and quarter queries. */
  startDate: date('start_date', { mode: 'string' }).notNull(),
  regionId: uuid('region_id').notNull().references(() => regions.id),
  unitId: uuid('unit_id').notNull().references(() => policeUnits.id),
  pointId: uuid('point_id').notNull().references(() => policePoints.id),
  reason: text('reason'),
  /** Bumped on every change: iCal SEQUENCE and optimistic concurrency. */
  sequence: integer('sequence').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('meetings_start_idx').on(t.startDate),
  index('meetings_point_idx').on(t.pointId, t.startDate),
  index('meetings_unit_idx').on(t.unitId, t.startDate),
  index('meetings_region_idx').on(t.regionId, t.startDate),
  // the control board selects the meetings whose protocol is being executed by status.
  index('meetings_status_idx').on(t.status, t.startDate),
]);

/** Districts covered by a meeting (R-27.4: several adjacent ones for a joint meeting). */
export const meetingDistricts = pgTable('meeting_districts', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  districtId: uuid('district_id').notNull().references(() => districts.id),
}, (t) => [primaryKey({ columns: [t.meetingId, t.districtId] }), index('meeting_districts_district_idx').on(t.districtId)]);

/** Who reports on each covered district (its inspector on the meeting date, or an acting one). */
export const meetingInspectors = pgTable('meeting_inspectors', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  acting: boolean('acting').notNull().default(false),
}, (t) => [primaryKey({ columns: [t.meetingId, t.districtId] }), index('meeting_inspectors_staff_idx').on(t.staffId)]);

/**
 * the agreement of a joint meeting's reporting inspector (other than the planner) for
 * the district he reports on; answered by him or, on his behalf, by his leadership (`answered_by`
 * is then another account). A row exists only where agreement is asked; re-planning deletes the
 * rows that no longer hold and asks again.
 */
export const meetingAgreements = pgTable('meeting_agreements', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  status: agreementStatus('status').notNull().default('pending'),
  /** Why he declined (required then). */
  reason: text('reason'),
  askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
  answeredBy: uuid('answered_by').references(() => users.id),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('meeting_agreements_district_uq').on(t.meetingId, t.districtId),
  index('meeting_agreements_staff_idx').on(t.staffId, t.status),
]);

/** Every state change, with its reason and the dates before a postponement. */
export const meetingEvents = pgTable('meeting_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  action: text('action').notNull(),
  fromStatus: meetingStatus('from_status'),
  toStatus: meetingStatus('to_status').notNull(),
  reason: text('reason'),
  previousStartsAt: timestamp('previous_starts_at', { withTimezone: true }),
  actorId: uuid('actor_id').references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('meeting_events_meeting_idx').on(t.meetingId, t.at)]);

/** a publication of the meeting's place and time. */
export const announcements = pgTable('announcements', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  channel: announcementChannel('channel').notNull(),
  outlet: text('outlet').notNull(),
  publishedOn: date('published_on', { mode: 'string' }).notNull(),
  reference: text('reference'),
  proofFile: text('proof_file'),
  /** Set when the meeting was postponed: the publication announced the old date. */
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('announcements_meeting_idx').on(t.meetingId)]);

/** R-26 (required) and R-28 (by agreement) invitations. */
export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  category: invitationCategory('category').notNull(),
  organisation: text('organisation').notNull(),
  personName: text('person_name').notNull(),
  contact: text('contact'),
  status: invitationStatus('status').notNull().default('draft'),
  /** The Esep account the invitation is addressed to (unit head, akimat), who answers it in Esep. */
  addresseeUserId: uuid('addressee_user_id').references(() => users.id),
  respondedAt: timestamp('responded_at', { withTimezone: true }),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('invitations_meeting_idx').on(t.meetingId),
  index('invitations_addressee_idx').on(t.addresseeUserId),
  uniqueIndex('invitations_person_uq').on(t.meetingId, sql`lower(${t.personName})`, sql`lower(${t.organisation})`),
]);

/** the hours residents of a district prefer, by weekday (Asia/Almaty). */
export const districtPreferredHours = pgTable('district_preferred_hours', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  days: jsonb('days').$type<number[]>().notNull(),
  fromTime: text('from_time').notNull(),
  toTime: text('to_time').notNull(),
}, (t) => [index('district_preferred_hours_district_idx').on(t.districtId)]);

/** R-O.4: a staff member confirmed reading the rules version in force. */
export const ruleAcknowledgements = pgTable('rule_acknowledgements', {
  userId: uuid('user_id').notNull().references(() => users.id),
  version: text('version').notNull(),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.version] })]);

/** Per-district meeting counter for human-readable numbers. */
export const meetingCounters = pgTable('meeting_counters', {
  scope: text('scope').primaryKey(),
  value: integer('value').notNull().default(0),
  updatedOn: date('updated_on', { mode: 'string' }),
});

/** Secret keys in iCal feed URLs (calendar clients cannot log in); only the hash is stored. */
export const feedTokens = pgTable('feed_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
