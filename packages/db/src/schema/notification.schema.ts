import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './account.schema.ts';
import { subscriptions } from './subs.schema.ts';

/*
 * Issue 12: reminders and their delivery.
 *
 * - notification_settings: how a user wants reminders (channels, addresses, quiet hours, digest).
 *   The addresses are personal data kept with the user's recorded consent (`consent_at`).
 * - notifications: the bell. One row per reminder and recipient; `dedupe_key` is unique, so a
 *   scan that runs twice (two processes, a job delivered twice) makes one reminder, not two.
 * - deliveries: one row per message and channel; `idempotency_key` is unique. A worker claims a
 *   row (queued/retrying → sending) before calling the provider, and records the answer; a row
 *   left `sending` past its lease is a worker that stopped mid-send: `unknown`, resent only when
 *   the channel de-duplicates on the key. The row is the source of truth; pg-boss jobs only wake
 *   workers, and a sweep re-wakes what a lost job left behind.
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  channels: text('channels').array().notNull().default(sql`'{}'::text[]`),
  email: text('email'),
  telegramChatId: text('telegram_chat_id'),
  phone: text('phone'),
  whatsapp: text('whatsapp'),
  quietFrom: text('quiet_from'),
  quietTo: text('quiet_to'),
  digest: boolean('digest').notNull().default(false),
  digestAt: text('digest_at').notNull().default('18:00'),
  locale: text('locale'),
  consentAt: timestamp('consent_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  rule: text('rule').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  /** Template values, in every language the same (names, numbers, dates as YYYY-MM-DD). */
  params: jsonb('params').$type<Record<string, string | number>>().notNull(),
  link: text('link'),
  dedupeKey: text('dedupe_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  readAt: timestamp('read_at', { withTimezone: true }),
  /** Set once the daily digest that carries it is made (digest users only). */
  digestedAt: timestamp('digested_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
  index('notifications_user_idx').on(t.userId, t.createdAt),
]);

export const DELIVERY_STATUSES = ['queued', 'held', 'sending', 'retrying', 'sent', 'failed', 'unknown', 'skipped'] as const;

export const deliveries = pgTable('deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Null for a digest, which carries several (`payload.notificationIds`). */
  notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
  /** The staff recipient; null for a message to a resident's subscription (issue 13). */
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** Issue 13: the resident's subscription this message goes to (then `user_id` is null). */
  subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  channel: text('channel').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
  /** The address, masked, as it was when the message was made (the log never shows it whole). */
  addressMask: text('address_mask'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  error: text('error'),
  providerId: text('provider_id'),
  payload: jsonb('payload').$type<{ notificationIds?: string[]; date?: string; meetingId?: string; params?: Record<string, string | number>; link?: string }>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('deliveries_idempotency_uq').on(t.idempotencyKey),
  // The sweep's and the log's reads: what is due, and what is stuck.
  index('deliveries_status_idx').on(t.status, t.nextAttemptAt),
  index('deliveries_created_idx').on(t.createdAt),
  index('deliveries_subscription_idx').on(t.subscriptionId),
  check('deliveries_recipient_check', sql`${t.userId} is not null or ${t.subscriptionId} is not null`),
  check('deliveries_status_check', sql`${t.status} in ('queued', 'held', 'sending', 'retrying', 'sent', 'failed', 'unknown', 'skipped')`),
]);
