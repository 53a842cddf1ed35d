import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const regionKind = pgEnum('region_kind', ['oblast', 'city_republican', 'capital']);
export const unitKind = pgEnum('unit_kind', ['district_department', 'city_department', 'city_district_department']);
export const atuKind = pgEnum('atu_kind', ['district', 'city_district_significance', 'village', 'settlement', 'rural_district', 'city_district']);
export const streetKind = pgEnum('street_kind', [
  'street', 'avenue', 'microdistrict', 'lane', 'boulevard', 'highway', 'square', 'embankment', 'passage', 'residential_area',
]);
export const parity = pgEnum('parity', ['all', 'odd', 'even']);

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Oblast, city of republican significance or the capital. `code` is the external key used by imports. */
export const regions = pgTable('regions', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  kind: regionKind('kind').notNull(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  ...stamps,
});

/** Territorial police body (district or city police department). */
export const policeUnits = pgTable('police_units', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  regionId: uuid('region_id').notNull().references(() => regions.id),
  kind: unitKind('kind').notNull(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  ...stamps,
}, (t) => [index('police_units_region_idx').on(t.regionId)]);

/** District police point (УПП). */
export const policePoints = pgTable('police_points', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  unitId: uuid('unit_id').notNull().references(() => policeUnits.id),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  address: text('address'),
  /** Issue 13: the point's public phone and reception hours, shown on the district page. */
  phone: text('phone'),
  receptionHoursKk: text('reception_hours_kk'),
  receptionHoursRu: text('reception_hours_ru'),
  ...stamps,
}, (t) => [index('police_points_unit_idx').on(t.unitId)]);

/** Administrative-territorial unit with its akim, akimat and maslikhat. */
export const atus = pgTable('atus', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  regionId: uuid('region_id').notNull().references(() => regions.id),
  parentId: uuid('parent_id'),
  kind: atuKind('kind').notNull(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  akimName: text('akim_name'),
  akimatNameKk: text('akimat_name_kk'),
  akimatNameRu: text('akimat_name_ru'),
  maslikhatNameKk: text('maslikhat_name_kk'),
  maslikhatNameRu: text('maslikhat_name_ru'),
  /** Issue 13: the folded kk and ru names (domain `namesSearchKey`), written by the application. */
  searchKey: text('search_key'),
  ...stamps,
}, (t) => [
  index('atus_parent_idx').on(t.parentId), index('atus_region_idx').on(t.regionId),
  index('atus_search_key_trgm').using('gin', t.searchKey.op('gin_trgm_ops')),
]);

/** Administrative district (учаске / участок). */
export const districts = pgTable('districts', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  pointId: uuid('point_id').notNull().references(() => policePoints.id),
  atuId: uuid('atu_id').notNull().references(() => atus.id),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  population: integer('population'),
  ...stamps,
}, (t) => [index('districts_point_idx').on(t.pointId), index('districts_atu_idx').on(t.atuId)]);

/** Symmetric adjacency stored once, smaller id first. */
export const districtAdjacency = pgTable('district_adjacency', {
  districtA: uuid('district_a').notNull().references(() => districts.id),
  districtB: uuid('district_b').notNull().references(() => districts.id),
}, (t) => [
  primaryKey({ columns: [t.districtA, t.districtB] }),
  index('district_adjacency_b_idx').on(t.districtB),
  check('district_adjacency_ordered', sql`${t.districtA} < ${t.districtB}`),
]);

/** Address coverage: a street with a house range and parity. */
export const districtCoverage = pgTable('district_coverage', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  streetKind: streetKind('street_kind').notNull(),
  streetNameKk: text('street_name_kk').notNull(),
  streetNameRu: text('street_name_ru').notNull(),
  houseFrom: integer('house_from'),
  houseTo: integer('house_to'),
  parity: parity('parity').notNull().default('all'),
  /**
   * Issue 13: the folded kk and ru street names (domain `namesSearchKey`): plain ASCII, so
   * pg_trgm finds words under any collation, and computed by the application at import and
   * seed time (not by SQL) so PGlite and PostgreSQL hold the same keys. Null until computed.
   */
  searchKey: text('search_key'),
  /** Issue 13: the 16-digit code of the state address register (RCA) of a building line. */
  rca: text('rca'),
}, (t) => [
  index('district_coverage_district_idx').on(t.districtId),
  index('district_coverage_search_key_trgm').using('gin', t.searchKey.op('gin_trgm_ops')),
  // The lookup reads a matched key's building lines by house number (equality) and its range
  // lines (few) by the partial index, never all of a long street's buildings.
  index('district_coverage_search_key_house').on(t.searchKey, t.houseFrom),
  index('district_coverage_search_key_ranges').on(t.searchKey, t.houseFrom).where(sql`${t.houseFrom} is distinct from ${t.houseTo}`),
  // Start-up fills keys still missing (fillMissingSearchKeys): this index holds only those rows.
  index('district_coverage_search_key_missing').on(t.id).where(sql`${t.searchKey} is null`),
  uniqueIndex('district_coverage_rca_uq').on(t.rca).where(sql`${t.rca} is not null`),
  check('district_coverage_rca_format', sql`${t.rca} ~ '^[0-9]{16}$'`),
  uniqueIndex('district_coverage_line_uq').on(t.districtId, t.streetKind, t.streetNameRu, t.houseFrom, t.houseTo, t.parity),
]);

/**
 * Issue 13: every distinct street search key of the coverage, once. The lookup matches the
 * resident's words against these few thousand keys by trigram word similarity, then reads only
 * the matched keys' lines by the (search_key, house_from) index: at a million building lines a
 * common name ("Абай") has thousands of lines, which a trigram match on the lines themselves
 * would all read. Filled by the application with the lines; a key left by a removed street
 * only finds no line.
 */
export const streetSearchKeys = pgTable('street_search_keys', {
  searchKey: text('search_key').primaryKey(),
}, (t) => [index('street_search_keys_trgm').using('gin', t.searchKey.op('gin_trgm_ops'))]);
