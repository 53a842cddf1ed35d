import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './account.schema.ts';
import { meetingItems } from './holding.schema.ts';
import { meetings } from './meeting.schema.ts';
import { atus, regions } from './org.schema.ts';
import { staff } from './staff.schema.ts';

/*
 * The protocol and what follows it.
 */
export const protocolStatus = pgEnum('protocol_status', ['draft', 'signed']);
export const signatureMethod = pgEnum('signature_method', ['builtin_ed25519', 'ncalayer_cms']);

/** one protocol per meeting; frozen once every reporting inspector has signed. */
export const protocols = pgTable('protocols', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id, { onDelete: 'cascade' }),
  status: protocolStatus('status').notNull().default('draft'),
  /** The assembled content (ProtocolContent), editable while a draft. */
  content: jsonb('content').notNull(),
  version: integer('version').notNull().default(1),
  /** SHA-256 of the canonical content, fixed by the first signature. */
  contentHash: text('content_hash'),
  /** The rendered documents at signing (content-addressed files) and their SHA-256. */
  pdfKkFile: text('pdf_kk_file'),
  pdfRuFile: text('pdf_ru_file'),
  pdfKkHash: text('pdf_kk_hash'),
  pdfRuHash: text('pdf_ru_hash'),
  /** when the last signature made it signed, and whether that was after the meeting day. */
  signedAt: timestamp('signed_at', { withTimezone: true }),
  late: boolean('late'),
  lateReason: text('late_reason'),
  updatedBy: uuid('updated_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A change to a signed protocol: a signed addendum, never an edit. */
export const protocolAddenda = pgTable('protocol_addenda', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  text: text('text').notNull(),
  contentHash: text('content_hash').notNull(),
  status: protocolStatus('status').notNull().default('draft'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('protocol_addenda_number_uq').on(t.meetingId, t.number)]);

/** A reporting inspector's signature over the protocol's (or an addendum's) hash. */
export const protocolSignatures = pgTable('protocol_signatures', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  addendumId: uuid('addendum_id').references(() => protocolAddenda.id),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  signerName: text('signer_name').notNull(),
  method: signatureMethod('method').notNull(),
  /** What was signed: SHA-256 (hex) of the canonical content, and of the PDFs for the built-in signer. */
  signedHash: text('signed_hash').notNull(),
  signature: text('signature').notNull(),
  /** The signer's public key (SPKI, base64) or certificate (PEM) as verified. */
  publicKey: text('public_key').notNull(),
  certificateSubject: text('certificate_subject'),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('protocol_signatures_meeting_idx').on(t.meetingId),
  unique('protocol_signatures_once_uq').on(t.meetingId, t.staffId, t.addendumId).nullsNotDistinct(),
]);

/** The built-in signer's per-user key pair; the private key is sealed with the server key. */
export const signingKeys = pgTable('signing_keys', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  publicKey: text('public_key').notNull(),
  sealedPrivateKey: text('sealed_private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** reminders to sign the protocol (delivery comes with notifications). */
export const reminders = pgTable('reminders', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  channel: text('channel'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('reminders_meeting_kind_uq').on(t.meetingId, t.kind)]);

export const videoStatus = pgEnum('video_status', ['uploading', 'complete', 'removed']);

/** the meeting's video recording (several files when a camera splits it). */
export const videos = pgTable('videos', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  uploadId: text('upload_id').notNull().unique(),
  storage: text('storage').notNull(),
  storageKey: text('storage_key').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type'),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: text('sha256'),
  status: videoStatus('status').notNull().default('uploading'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  removedAt: timestamp('removed_at', { withTimezone: true }),
}, (t) => [index('videos_meeting_idx').on(t.meetingId)]);

export const followUpStatus = pgEnum('follow_up_status', ['open', 'done', 'verified']);

/** the check of an item not answered in full (APPK art. 76: 15 working days). */
export const checks = pgTable('checks', {
  id: uuid('id').primaryKey().defaultRandom(),
  itemId: uuid('item_id').notNull().unique().references(() => meetingItems.id),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  assigneeStaffId: uuid('assignee_staff_id').references(() => staff.id),
  openedOn: date('opened_on', { mode: 'string' }).notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  originalDueDate: date('original_due_date', { mode: 'string' }).notNull(),
  extended: boolean('extended').notNull().default(false),
  extensionReason: text('extension_reason'),
  extensionNoticeOn: date('extension_notice_on', { mode: 'string' }),
  result: text('result'),
  answerText: text('answer_text'),
  answerSentOn: date('answer_sent_on', { mode: 'string' }),
  answerChannel: text('answer_channel'),
  status: followUpStatus('status').notNull().default('open'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedBy: uuid('verified_by').references(() => users.id),
}, (t) => [index('checks_meeting_idx').on(t.meetingId), index('checks_due_idx').on(t.status, t.dueDate)]);

/** the directory of state bodies items are forwarded to. */
export const stateBodies = pgTable('state_bodies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  /** Item topic codes the body is competent for. */
  topics: jsonb('topics').$type<string[]>().notNull(),
  regionId: uuid('region_id').references(() => regions.id),
  atuId: uuid('atu_id').references(() => atus.id),
  contact: text('contact'),
  active: boolean('active').notNull().default(true),
});

/** an item outside police competence sent to a state body, with the initiator told. */
export const forwardings = pgTable('forwardings', {
  id: uuid('id').primaryKey().defaultRandom(),
  itemId: uuid('item_id').notNull().unique().references(() => meetingItems.id),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  bodyId: uuid('body_id').references(() => stateBodies.id),
  competenceReason: text('competence_reason'),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  letterNumber: text('letter_number'),
  letterDate: date('letter_date', { mode: 'string' }),
  sentOn: date('sent_on', { mode: 'string' }),
  initiatorNoticeText: text('initiator_notice_text'),
  initiatorChannel: text('initiator_channel'),
  initiatorNotifiedOn: date('initiator_notified_on', { mode: 'string' }),
  status: followUpStatus('status').notNull().default('open'),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedBy: uuid('verified_by').references(() => users.id),
}, (t) => [index('forwardings_meeting_idx').on(t.meetingId), index('forwardings_due_idx').on(t.status, t.dueDate)]);

/** the point lead's mark that a decision was carried out. */
export const decisionControls = pgTable('decision_controls', {
  decisionId: uuid('decision_id').primaryKey(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  doneOn: date('done_on', { mode: 'string' }),
  note: text('note'),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedBy: uuid('verified_by').references(() => users.id),
}, (t) => [index('decision_controls_meeting_idx').on(t.meetingId)]);

/** Working-day calendar per year: holidays, transferred days off and working weekends. */
export const workingCalendarDays = pgTable('working_calendar_days', {
  date: date('date', { mode: 'string' }).notNull(),
  kind: text('kind').notNull(),
  note: text('note'),
}, (t) => [primaryKey({ columns: [t.date] })]);

/** what was removed after the retention period, when and by whom. */
export const retentionRemovals = pgTable('retention_removals', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
  kind: text('kind').notNull(),
  reference: text('reference').notNull(),
  size: bigint('size', { mode: 'number' }),
  removedBy: uuid('removed_by').references(() => users.id),
  removedAt: timestamp('removed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('retention_removals_meeting_idx').on(t.meetingId)]);

/** a legal hold keeps a meeting's materials past retention. */
export const legalHolds = pgTable('legal_holds', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  placedBy: uuid('placed_by').references(() => users.id),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
});
