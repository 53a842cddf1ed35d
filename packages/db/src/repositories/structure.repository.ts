import type { StructureData } from '@esep/domain';
import { namesSearchKey, normalisePair } from '@esep/domain';
import { and, getTableColumns, or, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Executor } from '../client.ts';
import { atus, districtAdjacency, districtCoverage, districts, policePoints, policeUnits, regions, streetSearchKeys } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';
import { announceAuthChange } from './auth-change.repository.ts';

export interface SheetCount { created: number; updated: number; unchanged: number }
export type StructureCounts = Record<keyof StructureData, SheetCount>;

const CHUNK = 1000;
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
const zero = (): SheetCount => ({ created: 0, updated: 0, unchanged: 0 });

/** `column IN (…)` for thousands of values as one json parameter (see recordset below). */
export const inList = (column: PgColumn, values: readonly string[]) =>
  sql`${column} in (select value::${sql.raw(column.getSQLType())} from json_array_elements_text(${JSON.stringify(values)}::json))`;

/** Rows of a code-keyed table whose codes are among `codes`, as a map code → row. */
async function byCodes<T extends { code: string }>(db: Executor, table: PgTable & { code: never }, codes: readonly string[]): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  for (const part of chunks([...new Set(codes)], 5000)) {
    const rows = await db.select().from(table as never).where(inList((table as unknown as { code: typeof regions.code }).code, part)) as unknown as T[];
    for (const row of rows) map.set(row.code, row);
  }
  return map;
}

/** Maps code → id for a code-keyed table (existing rows only). */
export async function idsByCode(db: Executor, table: 'regions' | 'units' | 'points' | 'atus' | 'districts' | 'staff', codes: readonly string[]): Promise<Map<string, string>> {
  const t = { regions, units: policeUnits, points: policePoints, atus, districts, staff }[table];
  const rows = await byCodes<{ code: string; id: string }>(db, t as never, codes);
  return new Map([...rows].map(([code, row]) => [code, row.id]));
}

type Stored = Record<string, unknown> & { code: string; id: string };

/**
 * Bulk writes pass a chunk of rows as ONE json parameter read by json_to_recordset, typed by
 * the table's own column types: a national import writes ~80,000 rows, and one parameter per
 * cell made building, sending and parsing the statements the bulk of the work. Keys are the
 * table's property names; a value left out is written as null (callers pass every column).
 */
function recordset(table: PgTable, keys: readonly string[], rows: ReadonlyArray<Record<string, unknown>>) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const cols = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`no column ${k}`);
    return column;
  });
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(cols.map((c, i) => [c.name, row[keys[i]!] ?? null]))));
  return {
    names: sql.join(cols.map((c) => sql.identifier(c.name)), sql`, `),
    source: sql`json_to_recordset(${json}::json) as v(${sql.join(cols.map((c) => sql`${sql.identifier(c.name)} ${sql.raw(c.getSQLType())}`), sql`, `)})`,
    cols,
  };
}

const BULK = 2000;

/** Inserts rows in chunks; returns `id` and `code` of each inserted row when the table has codes. */
async function insertMany(db: Executor, table: PgTable, rows: ReadonlyArray<Record<string, unknown>>, returning = false): Promise<Array<{ id: string; code: string }>> {
  if (rows.length === 0) return [];
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const out: Array<{ id: string; code: string }> = [];
  for (const part of chunks(rows, BULK)) {
    const { names, source } = recordset(table, keys, part);
    const result = await db.execute(sql`insert into ${table} (${names}) select ${names} from ${source}${returning ? sql` returning id, code` : sql``}`);
    if (returning) out.push(...rowsOf<{ id: string; code: string }>(result));
  }
  return out;
}

/** Updates many rows by id with one statement per chunk instead of a round-trip per row. */
async function updateMany(db: Executor, table: PgTable, keys: readonly string[], rows: ReadonlyArray<{ id: string; set: Record<string, unknown> }>, stamp: boolean): Promise<void> {
  if (rows.length === 0 || keys.length === 0) return;
  for (const part of chunks(rows, BULK)) {
    const { source, cols } = recordset(table, ['id', ...keys], part.map((row) => ({ ...row.set, id: row.id })));
    const set = sql.join([
      ...cols.slice(1).map((c) => sql`${sql.identifier(c.name)} = v.${sql.identifier(c.name)}`),
      ...(stamp ? [sql`updated_at = now()`] : []),
    ], sql`, `);
    await db.execute(sql`update ${table} set ${set} from ${source} where ${table}.id = v.id`);
  }
}

/**
 * Inserts new rows and updates changed ones of a code-keyed table, in chunks. `values` already
 * carry resolved foreign ids. Unchanged rows are not written (re-import is a no-op). Returns the
 * rows as they were, and which codes were left unchanged.
 */
async function upsertByCode<V extends { code: string }>(db: Executor, table: PgTable, values: readonly V[]): Promise<{ count: SheetCount; ids: Map<string, string>; existing: Map<string, Stored>; unchanged: Set<string> }> {
  const count = zero();
  const existing = await byCodes<Stored>(db, table as never, values.map((v) => v.code));
  const toInsert: V[] = [];
  const unchanged = new Set<string>();
  const changed = new Map<string, Array<{ id: string; set: Record<string, unknown> }>>();
  for (const value of values) {
    const row = existing.get(value.code);
    if (!row) { toInsert.push(value); continue; }
    if (!Object.entries(value).some(([k, v]) => (row[k] ?? null) !== (v ?? null))) { count.unchanged++; unchanged.add(value.code); continue; }
    // Grouped by the columns they set (all rows of one sheet set the same ones).
    const keys = Object.keys(value).join(',');
    const group = changed.get(keys);
    if (group) group.push({ id: row.id, set: value }); else changed.set(keys, [{ id: row.id, set: value }]);
    count.updated++;
  }
  for (const [keys, rows] of changed) await updateMany(db, table, keys.split(','), rows, true);
  const ids = new Map([...existing].map(([code, row]) => [code, row.id]));
  for (const row of await insertMany(db, table, toInsert, true)) ids.set(row.code, row.id);
  count.created += toInsert.length;
  return { count, ids, existing, unchanged };
}

const must = (ids: Map<string, string>, code: string, what: string) => {
  const id = ids.get(code);
  if (!id) throw new Error(`unknown ${what} code ${code}`);
  return id;
};

/**
 * Applies a validated structure in the caller's transaction. References must already be
 * checked (the import validates every row first); an unknown code here is a programming error.
 */
export async function applyStructure(db: Executor, data: StructureData): Promise<StructureCounts> {
  // Points, units, ATUs and assignments make up territories: every server drops the ones it keeps.
  await announceAuthChange(db, { kind: 'all' });
  const counts = {} as StructureCounts;
  const resolve = async (table: Parameters<typeof idsByCode>[1], known: Map<string, string>, codes: string[]) => {
    const missing = codes.filter((c) => !known.has(c));
    if (missing.length) for (const [c, id] of await idsByCode(db, table, missing)) known.set(c, id);
    return known;
  };

  const r = await upsertByCode(db, regions, data.regions);
  counts.regions = r.count;
  const regionIds = await resolve('regions', r.ids, [...data.units.map((u) => u.regionCode), ...data.atus.map((a) => a.regionCode)]);

  const u = await upsertByCode(db, policeUnits, data.units.map(({ regionCode, ...rest }) => ({ ...rest, regionId: must(regionIds, regionCode, 'region') })));
  counts.units = u.count;
  const unitIds = await resolve('units', u.ids, [...data.points.map((p) => p.unitCode), ...data.staff.map((s) => s.unitCode)]);

  const p = await upsertByCode(db, policePoints, data.points.map(({ unitCode, ...rest }) => ({ ...rest, unitId: must(unitIds, unitCode, 'unit') })));
  counts.points = p.count;
  const pointIds = await resolve('points', p.ids, [
    ...data.districts.map((d) => d.pointCode), ...data.staff.flatMap((s) => (s.pointCode ? [s.pointCode] : [])),
  ]);

  // ATUs reference their parent: insert without parents first, then set the parents that
  // differ from what is stored, in batches.
  // Issue 13: the search key is the application's folding of the names (see address.fold.ts).
  const a = await upsertByCode(db, atus, data.atus.map(({ regionCode, parentCode: _p, ...rest }) => ({
    ...rest, searchKey: namesSearchKey(rest.nameKk, rest.nameRu), regionId: must(regionIds, regionCode, 'region'),
  })));
  const atuIds = await resolve('atus', a.ids, [...data.atus.flatMap((x) => (x.parentCode ? [x.parentCode] : [])), ...data.districts.map((d) => d.atuCode)]);
  const moves: Array<{ id: string; set: { parentId: string | null } }> = [];
  for (const atu of data.atus) {
    const parentId = atu.parentCode ? must(atuIds, atu.parentCode, 'ATU') : null;
    if (((a.existing.get(atu.code)?.parentId as string | null | undefined) ?? null) === parentId) continue;
    moves.push({ id: must(atuIds, atu.code, 'ATU'), set: { parentId } });
    // An existing ATU that only moved under another parent counts as updated.
    if (a.unchanged.has(atu.code)) { a.count.unchanged--; a.count.updated++; }
  }
  await updateMany(db, atus, ['parentId'], moves, false);
  counts.atus = a.count;

  const d = await upsertByCode(db, districts, data.districts.map(({ pointCode, atuCode, ...rest }) => ({
    ...rest, pointId: must(pointIds, pointCode, 'point'), atuId: must(atuIds, atuCode, 'ATU'),
  })));
  counts.districts = d.count;
  const districtIds = await resolve('districts', d.ids, [
    ...data.adjacency.flatMap((x) => [x.districtCode, x.adjacentCode]), ...data.coverage.map((c) => c.districtCode),
    ...data.assignments.map((x) => x.districtCode),
  ]);

  counts.adjacency = await replaceAdjacency(db, data.adjacency.map((x) => normalisePair(must(districtIds, x.districtCode, 'district'), must(districtIds, x.adjacentCode, 'district'))));
  const coverageLines = data.coverage.map(({ districtCode, rca, ...rest }) => ({
    ...rest, rca: rca ?? null, searchKey: namesSearchKey(rest.streetNameKk, rest.streetNameRu), districtId: must(districtIds, districtCode, 'district'),
  }));
  counts.coverage = await replaceCoverage(db, coverageLines);
  await addStreetSearchKeys(db, coverageLines.map((l) => l.searchKey));

  // An IIN not given leaves the stored one as it is (the key is left out, so it is not compared or written).
  const s = await upsertByCode(db, staff, data.staff.map(({ unitCode, pointCode, iin, ...rest }) => ({
    ...rest, ...(iin ? { iin } : {}), unitId: must(unitIds, unitCode, 'unit'), pointId: pointCode ? must(pointIds, pointCode, 'point') : null,
  })));
  counts.staff = s.count;
  const staffIds = await resolve('staff', s.ids, data.assignments.map((x) => x.staffCode));
  counts.assignments = await upsertAssignments(db, data.assignments.map((x) => ({
    districtId: must(districtIds, x.districtCode, 'district'), staffId: must(staffIds, x.staffCode, 'staff'),
    role: x.role, effectiveFrom: x.from, effectiveTo: x.to,
  })));
  return counts;
}

/** For every district named in the file, its adjacency becomes exactly the file's pairs. */
async function replaceAdjacency(db: Executor, pairs: Array<readonly [string, string]>): Promise<SheetCount> {
  const count = zero();
  if (pairs.length === 0) return count;
  const wanted = new Map(pairs.map(([x, y]) => [`${x}|${y}`, [x, y] as const]));
  const touched = [...new Set(pairs.flat())];
  const current = new Set<string>();
  for (const part of chunks(touched, 5000)) {
    const rows = await db.select().from(districtAdjacency).where(or(inList(districtAdjacency.districtA, part), inList(districtAdjacency.districtB, part)));
    for (const row of rows) current.add(`${row.districtA}|${row.districtB}`);
  }
  const stale = [...current].filter((key) => !wanted.has(key));
  for (const part of chunks(stale, 500)) {
    const pairs = sql.join(part.map((key) => {
      const [x, y] = key.split('|') as [string, string];
      return sql`(${x}::uuid, ${y}::uuid)`;
    }), sql`, `);
    await db.execute(sql`delete from ${districtAdjacency} where (district_a, district_b) in (${pairs})`);
  }
  const fresh = [...wanted].filter(([key]) => !current.has(key)).map(([, [x, y]]) => ({ districtA: x, districtB: y }));
  await insertMany(db, districtAdjacency, fresh);
  count.created = fresh.length;
  count.unchanged = wanted.size - fresh.length;
  count.updated = stale.length;
  return count;
}

type CoverageValue = typeof districtCoverage.$inferInsert;
const coverageKey = (c: CoverageValue) => [c.districtId, c.streetKind, c.streetNameRu, c.streetNameKk, c.houseFrom ?? '', c.houseTo ?? '', c.parity ?? 'all', c.rca ?? ''].join('|');

/** For every district named in the file, its coverage becomes exactly the file's lines. */
async function replaceCoverage(db: Executor, lines: CoverageValue[]): Promise<SheetCount> {
  const count = zero();
  if (lines.length === 0) return count;
  const districtIds = [...new Set(lines.map((l) => l.districtId))];
  const current = new Map<string, string>();
  for (const part of chunks(districtIds, 5000)) {
    for (const row of await db.select().from(districtCoverage).where(inList(districtCoverage.districtId, part))) current.set(coverageKey(row), row.id);
  }
  const wanted = new Map(lines.map((l) => [coverageKey(l), l]));
  const staleIds = [...current].filter(([key]) => !wanted.has(key)).map(([, id]) => id);
  for (const part of chunks(staleIds)) await db.delete(districtCoverage).where(inList(districtCoverage.id, part));
  const fresh = [...wanted].filter(([key]) => !current.has(key)).map(([, l]) => l);
  await insertMany(db, districtCoverage, fresh);
  count.created = fresh.length;
  count.updated = staleIds.length;
  count.unchanged = wanted.size - fresh.length;
  return count;
}

type AssignmentValue = typeof assignments.$inferInsert;
/** Assignments are keyed by district, staff member, role and start date; only the end date changes. */
async function upsertAssignments(db: Executor, values: AssignmentValue[]): Promise<SheetCount> {
  const count = zero();
  if (values.length === 0) return count;
  const key = (v: { districtId: string; staffId: string; role: string; effectiveFrom: string }) => `${v.districtId}|${v.staffId}|${v.role}|${v.effectiveFrom}`;
  const current = new Map<string, { id: string; effectiveTo: string | null }>();
  for (const part of chunks([...new Set(values.map((v) => v.districtId))], 5000)) {
    for (const row of await db.select().from(assignments).where(inList(assignments.districtId, part))) current.set(key(row), row);
  }
  const fresh: AssignmentValue[] = [];
  const ended: Array<{ id: string; set: { effectiveTo: string | null } }> = [];
  for (const value of values) {
    const row = current.get(key(value));
    if (!row) fresh.push(value);
    else if ((row.effectiveTo ?? null) !== (value.effectiveTo ?? null)) {
      ended.push({ id: row.id, set: { effectiveTo: value.effectiveTo ?? null } });
      count.updated++;
    } else count.unchanged++;
  }
  await updateMany(db, assignments, ['effectiveTo'], ended, false);
  await insertMany(db, assignments, fresh);
  count.created = fresh.length;
  return count;
}

// ---- Reading the structure back (export) and what an upload refers to (import) -------------

/**
 * Issue 13: search keys of rows written before the keys existed (or by hand): coverage lines
 * and ATUs whose key is null get the application's folding of their names. Run at start-up;
 * it reads only rows without a key, in batches, so a filled database costs one indexed probe.
 */
export async function fillMissingSearchKeys(db: Executor): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.select({ id: districtCoverage.id, kk: districtCoverage.streetNameKk, ru: districtCoverage.streetNameRu })
      .from(districtCoverage).where(sql`${districtCoverage.searchKey} is null`).limit(BULK);
    if (rows.length === 0) break;
    const keyed = rows.map((r) => ({ id: r.id, set: { searchKey: namesSearchKey(r.kk, r.ru) } }));
    await updateMany(db, districtCoverage, ['searchKey'], keyed, false);
    await addStreetSearchKeys(db, keyed.map((r) => r.set.searchKey));
    filled += rows.length;
  }
  const atuRows = await db.select({ id: atus.id, kk: atus.nameKk, ru: atus.nameRu }).from(atus).where(sql`${atus.searchKey} is null`);
  await updateMany(db, atus, ['searchKey'], atuRows.map((r) => ({ id: r.id, set: { searchKey: namesSearchKey(r.kk, r.ru) } })), false);
  return filled + atuRows.length;
}

/** Issue 13: records street search keys not yet in street_search_keys. */
export async function addStreetSearchKeys(db: Executor, keys: readonly string[]): Promise<void> {
  for (const part of chunks([...new Set(keys)], 5000)) {
    await db.execute(sql`insert into ${streetSearchKeys} (search_key)
      select value from json_array_elements_text(${JSON.stringify(part)}::json) on conflict do nothing`);
  }
}
