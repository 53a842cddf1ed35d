import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { districts } from './org.schema.ts';

/*
 * Issue 13, part 4: residents' subscriptions to their district's meetings. A subscriber is not a
 * user: the subscription row holds the one address she gave (with her consent, Law 94-V: the
 * consent text's version and time), and the delivery engine of issue 12 sends to it through a
 * delivery row addressed to the subscription (`deliveries.subscription_id`) instead of a user.
 *
 * Life: pending (waits for its confirmation: the e-mail link, the SMS/WhatsApp code, the Telegram
 * /start) → confirmed (gets messages) → unsubscribed; withdrawing consent erases the address
 * (status `erased`, the row kept as the trace: district, channel, dates, no contact).
 */
export const SUBSCRIPTION_STATUSES = ['pending', 'confirmed', 'unsubscribed', 'erased'] as const;
export const SUBSCRIPTION_KINDS = ['announcements', 'reminder', 'outcomes'] as const;

export const subscriptions = pgTable('subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtId: uuid('district_id').notNull().references(() => districts.id, { onDelete: 'cascade' }),
  channel: text('channel').notNull(),
  /** E-mail, E.164 phone, or the Telegram chat id (known once /start arrives); null once erased. */
  address: text('address'),
  addressMask: text('address_mask'),
  kinds: text('kinds').array().notNull(),
  locale: text('locale').notNull(),
  status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
  consentVersion: text('consent_version').notNull(),
  consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
  /** Telegram: sha-256 of the deep link's start code (the code itself is only in the link). */
  startCodeHash: text('start_code_hash'),
  /** SMS/WhatsApp: when the current code was made (the code is derived from it, never stored); its expiry counts from here. */
  codeSentAt: timestamp('code_sent_at', { withTimezone: true }),
  codeAttempts: integer('code_attempts').notNull().default(0),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('subscriptions_district_idx').on(t.districtId, t.status),
  uniqueIndex('subscriptions_start_code_uq').on(t.startCodeHash),
  check('subscriptions_status_check', sql`${t.status} in ('pending', 'confirmed', 'unsubscribed', 'erased')`),
  check('subscriptions_erased_check', sql`${t.status} <> 'erased' or ${t.address} is null`),
]);

/**
 * The key that signs confirmation and unsubscribe links (HMAC). One row, made by the first
 * process that needs it, so every process of a deployment signs and checks with the same key.
 */
export const subscriptionKeys = pgTable('subscription_keys', {
  id: smallint('id').primaryKey(),
  key: text('key').notNull(),
}, (t) => [check('subscription_keys_one', sql`${t.id} = 1`)]);
