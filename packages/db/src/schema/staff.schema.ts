import type { PoliceRank, StaffPosition } from '@esep/domain';
import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { districts, policePoints, policeUnits } from './org.schema.ts';

export const staffPosition = pgEnum('staff_position', [
  'inspector', 'assistant', 'point_lead', 'unit_head', 'deputy_unit_head', 'regional_head',
]);
/** Issue 14: the special ranks of the police of Kazakhstan, as codes (labels: @esep/domain staff.titles.ts). */
export const policeRank = pgEnum('police_rank', [
  'junior_sergeant', 'sergeant', 'senior_sergeant', 'sergeant_major',
  'junior_lieutenant', 'lieutenant', 'senior_lieutenant', 'captain',
  'major', 'lieutenant_colonel', 'colonel',
  'major_general', 'lieutenant_general', 'colonel_general',
]);
// The database's lists are the domain's, word for word.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _lists: [Same<(typeof policeRank.enumValues)[number], PoliceRank>, Same<(typeof staffPosition.enumValues)[number], StaffPosition>] = [true, true];
void _lists;
export const assignmentRole = pgEnum('assignment_role', ['inspector', 'assistant']);

/** Police staff: inspectors, assistants, point leads and unit leadership. */
export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  fullName: text('full_name').notNull(),
  position: staffPosition('position').notNull(),
  rank: policeRank('rank'),
  /** A rank typed before ranks became a list (migration 0019) that no label matches: kept as written, never printed as a rank. */
  rankAsWritten: text('rank_as_written'),
  unitId: uuid('unit_id').notNull().references(() => policeUnits.id),
  pointId: uuid('point_id').references(() => policePoints.id),
  /** binds a qualified signature (the certificate's IIN) to this person; null until recorded. */
  iin: text('iin'),
  /** Issue 13: a photo the police chose to publish on the district page (https URL); null = none. */
  photoUrl: text('photo_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('staff_unit_idx').on(t.unitId), index('staff_point_idx').on(t.pointId),
  uniqueIndex('staff_iin_uq').on(t.iin).where(sql`${t.iin} is not null`),
  check('staff_iin_format', sql`${t.iin} ~ '^[0-9]{12}$'`),
]);

/**
 * assignment of staff to a district for a period (dates inclusive; `effective_to` null =
 * in force). Rows are ended, never deleted, so history answers "who served X on D".
 */
export const assignments = pgTable('assignments', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  role: assignmentRole('role').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  effectiveTo: date('effective_to', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('assignments_district_idx').on(t.districtId, t.effectiveFrom),
  index('assignments_staff_idx').on(t.staffId, t.effectiveFrom),
  check('assignments_period', sql`${t.effectiveTo} is null or ${t.effectiveFrom} <= ${t.effectiveTo}`),
]);
