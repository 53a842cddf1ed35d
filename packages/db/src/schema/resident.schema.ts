import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './account.schema.ts';
import { meetingItems } from './holding.schema.ts';
import { meetings } from './meeting.schema.ts';
import { districts } from './org.schema.ts';

/*
 * Issue 13, the residents' side. R-29: a resident sends a question, complaint or proposal ahead
 * of the meeting; it reaches the inspector's preparation list and he links it to the item that
 * answers it. The author keeps a private link (a capability token; only its hash is stored)
 * through which she follows her question and, once it is answered, says whether it was really
 * resolved; "not resolved" is carried over into the next meeting's report (R-30).
 * Name and contact are optional (needed only for an answer) and recorded with the consent text
 * version (Law 94-V); they never appear on a public page.
 */
export const residentQuestionKind = pgEnum('resident_question_kind', ['question', 'complaint', 'proposal']);
export const residentVerdict = pgEnum('resident_verdict', ['resolved', 'not_resolved']);

export const residentQuestions = pgTable('resident_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  /** The announced meeting it was sent ahead of; null when none was announced yet. */
  meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
  kind: residentQuestionKind('kind').notNull(),
  text: text('text').notNull(),
  authorName: text('author_name'),
  /** An e-mail address or a phone number in E.164, as the resident gave it (for an answer only). */
  contact: text('contact'),
  contactKind: text('contact_kind').$type<'email' | 'phone'>(),
  consentVersion: text('consent_version'),
  consentAt: timestamp('consent_at', { withTimezone: true }),
  /** sha256 (hex) of the author's private token. */
  tokenHash: text('token_hash').notNull(),
  /**
   * sha256 (hex) of the form's signed challenge, the puzzle of its proof of work: unique, so one
   * form (and one solution) stores one question. Null for rows from before migration 0018.
   */
  challengeHash: text('challenge_hash'),
  /** The meeting item that answers it (linked by the inspector in preparation). */
  itemId: uuid('item_id').references(() => meetingItems.id, { onDelete: 'set null' }),
  linkedBy: uuid('linked_by').references(() => users.id),
  linkedAt: timestamp('linked_at', { withTimezone: true }),
  verdict: residentVerdict('verdict'),
  verdictWords: text('verdict_words'),
  verdictAt: timestamp('verdict_at', { withTimezone: true }),
  /** the next meeting whose report carries a "not resolved" verdict over. */
  carriedToMeetingId: uuid('carried_to_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('resident_questions_token_uq').on(t.tokenHash),
  uniqueIndex('resident_questions_challenge_uq').on(t.challengeHash),
  index('resident_questions_district_idx').on(t.districtId, t.createdAt),
  index('resident_questions_meeting_idx').on(t.meetingId),
  index('resident_questions_item_idx').on(t.itemId),
]);
