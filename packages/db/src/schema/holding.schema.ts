import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './account.schema.ts';
import { invitations, meetings } from './meeting.schema.ts';
import { districts } from './org.schema.ts';
import { staff } from './staff.schema.ts';

/*
 * Holding the meeting. Records written from the live screen
 * carry the client's idempotency key, unique per meeting, so a retried offline sync never
 * stores a second copy.
 */
export const participantCategory = pgEnum('participant_category', ['resident', 'police_leadership', 'akimat', 'maslikhat_deputy', 'invited_agency', 'organisation', 'media', 'other']);
export const registrationChannel = pgEnum('registration_channel', ['staff', 'self', 'online_link', 'paper', 'invitation']);
export const attendanceMode = pgEnum('attendance_mode', ['in_person', 'online']);
export const itemKind = pgEnum('item_kind', ['complaint', 'proposal', 'remark', 'question']);
export const itemResolution = pgEnum('item_resolution', ['answered', 'to_check', 'to_forward']);
export const sourceKind = pgEnum('source_kind', [
  'state_statistics', 'departmental_statistics', 'appeal_individual', 'appeal_legal_entity', 'appeal_public_council',
  'appeal_public_organisation', 'programme_national', 'programme_regional', 'opinion_study', 'mass_media',
]);
export const awardRecipientKind = pgEnum('award_recipient_kind', ['citizen', 'public_association', 'organisation']);
export const awardKind = pgEnum('award_kind', ['letter_of_thanks', 'certificate_of_honour', 'valuable_gift', 'cash_bonus', 'other']);

/** A scanned paper sign-in sheet; entries typed from it point to it. */
export const paperSheets = pgTable('paper_sheets', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  file: text('file').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('paper_sheets_meeting_idx').on(t.meetingId)]);

/** the register of everyone present. */
export const participants = pgTable('participants', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  fullName: text('full_name').notNull(),
  address: text('address'),
  residentOfDistrictId: uuid('resident_of_district_id').references(() => districts.id),
  category: participantCategory('category').notNull(),
  organisation: text('organisation'),
  phone: text('phone'),
  email: text('email'),
  consentVersion: text('consent_version').notNull(),
  consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
  arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull(),
  attendance: attendanceMode('attendance').notNull(),
  channel: registrationChannel('channel').notNull(),
  paperSheetId: uuid('paper_sheet_id').references(() => paperSheets.id),
  invitationId: uuid('invitation_id').references(() => invitations.id),
  /** Normalised name + address: the same person registers once. */
  personKey: text('person_key').notNull(),
  clientKey: uuid('client_key'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('participants_number_uq').on(t.meetingId, t.number),
  uniqueIndex('participants_person_uq').on(t.meetingId, t.personKey),
  uniqueIndex('participants_client_key_uq').on(t.meetingId, t.clientKey),
  uniqueIndex('participants_invitation_uq').on(t.invitationId),
]);

/**
 * the last register number handed out per meeting. Numbers are drawn from here in a
 * statement of their own, before the registration's transaction, so no registration holds a lock
 * on the meeting's numbering while it waits for its commit to reach the disk (why and what it
 * costs: participant.repository.ts, `drawParticipantNumber`). UNLOGGED (migration 0011): the
 * counter is only ever a floor above the register's own highest number, which every draw also
 * reads, so losing it in a crash loses nothing.
 */
export const participantCounters = pgTable('participant_counters', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id, { onDelete: 'cascade' }),
  participants: integer('participants').notNull(),
});

/**
 * who is being registered right now, so that copies of one registration arriving at once
 * (an offline batch sent again while the first is still in flight, the same person at two desks)
 * draw one register number, not one each: the first copy claims the person here and draws; the
 * others wait for its entry and answer it (participant.repository.ts, `claimParticipant`). `claim`
 * is a SHA-256 of the person key, not the name and address again. UNLOGGED (migration 0013): a
 * claim matters only for the seconds of the registration; a crash that empties the table costs at
 * most a gap in the numbers.
 */
export const participantClaims = pgTable('participant_claims', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  claim: text('claim').notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.claim] })]);

/** The configurable list of item topics. */
export const itemTopics = pgTable('item_topics', {
  code: text('code').primaryKey(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(100),
});

/** a complaint, proposal, remark or question raised at the meeting. */
export const meetingItems = pgTable('meeting_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  /** Stable within the meeting: shown as `<meeting number>/<n>` on the protocol and in checks. */
  number: integer('number').notNull(),
  kind: itemKind('kind').notNull(),
  participantId: uuid('participant_id').references(() => participants.id),
  text: text('text').notNull(),
  topic: text('topic').notNull().references(() => itemTopics.code),
  resolution: itemResolution('resolution'),
  answer: text('answer'),
  clientKey: uuid('client_key'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('meeting_items_number_uq').on(t.meetingId, t.number),
  uniqueIndex('meeting_items_client_key_uq').on(t.meetingId, t.clientKey),
]);

/** A decision taken at the meeting, with who answers for it and by when. */
export const meetingDecisions = pgTable('meeting_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  text: text('text').notNull(),
  responsible: text('responsible').notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  clientKey: uuid('client_key'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('meeting_decisions_number_uq').on(t.meetingId, t.number),
  uniqueIndex('meeting_decisions_client_key_uq').on(t.meetingId, t.clientKey),
]);

/** an award to an active citizen, association or organisation. */
export const meetingAwards = pgTable('meeting_awards', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  recipientKind: awardRecipientKind('recipient_kind').notNull(),
  recipientName: text('recipient_name').notNull(),
  reason: text('reason').notNull(),
  awardKind: awardKind('award_kind').notNull(),
  clientKey: uuid('client_key'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('meeting_awards_client_key_uq').on(t.meetingId, t.clientKey)]);

/** a source the report is prepared from. */
export const reportSources = pgTable('report_sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  kind: sourceKind('kind').notNull(),
  title: text('title').notNull(),
  sourceDate: date('source_date', { mode: 'string' }),
  note: text('note'),
  files: jsonb('files').$type<Array<{ file: string; name: string; contentType: string; size: number }>>().notNull().default(sql`'[]'::jsonb`),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('report_sources_meeting_idx').on(t.meetingId)]);

/** Registered offences per district, quarter and category. */
export const districtStatistics = pgTable('district_statistics', {
  districtId: uuid('district_id').notNull().references(() => districts.id),
  year: integer('year').notNull(),
  quarter: integer('quarter').notNull(),
  category: text('category').notNull(),
  count: integer('count').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.districtId, t.year, t.quarter, t.category] })]);

/** a section of a reporting inspector's report; each save is also kept as a revision. */
export const reportSections = pgTable('report_sections', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  section: text('section').notNull(),
  content: jsonb('content').notNull(),
  version: integer('version').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.staffId, t.section] })]);

export const reportRevisions = pgTable('report_revisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  section: text('section').notNull(),
  version: integer('version').notNull(),
  content: jsonb('content').notNull(),
  savedBy: uuid('saved_by').references(() => users.id),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('report_revisions_uq').on(t.meetingId, t.staffId, t.section, t.version)]);

/** R-30 ¶4: what the reporting inspector says was done about an item of an earlier meeting. */
export const reportCarryNotes = pgTable('report_carry_notes', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  itemId: uuid('item_id').notNull().references(() => meetingItems.id),
  note: text('note').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.itemId] })]);
