import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from './staff.schema.ts';

export const role = pgEnum('role', [
  'admin', 'national_analyst', 'regional_head', 'unit_head', 'point_lead', 'inspector',
  'assistant', 'akimat', 'auditor',
]);
export const locale = pgEnum('locale', ['kk', 'ru', 'en']);
export const sessionKind = pgEnum('session_kind', ['cookie', 'bearer']);

/**
 * A login. `territoryId` is the region, unit, point or ATU the role works in; inspectors and
 * assistants take their territory from their current district assignments instead.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  role: role('role').notNull(),
  locale: locale('locale').notNull().default('kk'),
  staffId: uuid('staff_id').references(() => staff.id),
  territoryId: uuid('territory_id'),
  oidcSubject: text('oidc_subject').unique(),
  isDemo: boolean('is_demo').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions; only the SHA-256 of the token is stored. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  kind: sessionKind('kind').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);
