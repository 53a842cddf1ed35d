import type { StructureData } from '@esep/domain';
import { normalisePair } from '@esep/domain';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { atus, districtAdjacency, districtCoverage, districts, policePoints, policeUnits, regions } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';

export interface SheetCount { created: number; updated: number; unchanged: number }
export type StructureCounts = Record<keyof StructureData, SheetCount>;

const CHUNK = 1000;
function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
const zero = (): SheetCount => ({ created: 0, updated: 0, unchanged: 0 });

/** Rows of a code-keyed table whose codes are among `codes`, as a map code → row. */
async function byCodes<T extends { code: string }>(db: Executor, table: PgTable & { code: never }, codes: readonly string[]): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  for (const part of chunks([...new Set(codes)], 5000)) {
    const rows = await db.select().from(table as never).where(inArray((table as unknown as { code: typeof regions.code }).code, part)) as unknown as T[];
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

/**
 * Inserts new rows and updates changed ones of a code-keyed table, in chunks. `values` already
 * carry resolved foreign ids. Unchanged rows are not written (re-import is a no-op).
 */
async function upsertByCode<V extends { code: string }>(db: Executor, table: PgTable, values: readonly V[]): Promise<{ count: SheetCount; ids: Map<string, string> }> {
  const count = zero();
  const existing = await byCodes<Record<string, unknown> & { code: string; id: string }>(db, table as never, values.map((v) => v.code));
  const toInsert: V[] = [];
  for (const value of values) {
    const row = existing.get(value.code);
    if (!row) { toInsert.push(value); continue; }
    const changed = Object.entries(value).some(([k, v]) => (row[k] ?? null) !== (v ?? null));
    if (!changed) { count.unchanged++; continue; }
    await db.update(table).set({ ...value, updatedAt: new Date() } as never).where(eq((table as unknown as { id: typeof regions.id }).id, row.id));
    count.updated++;
  }
  const ids = new Map([...existing].map(([code, row]) => [code, row.id]));
  for (const part of chunks(toInsert)) {
    const inserted = await db.insert(table).values(part as never).returning({ id: sql<string>`id`, code: sql<string>`code` }) as Array<{ id: string; code: string }>;
    for (const row of inserted) ids.set(row.code, row.id);
    count.created += part.length;
  }
  return { count, ids };
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

  // ATUs reference their parent: insert without parents first, then set parents.
  const beforeAtus = await idsByCode(db, 'atus', data.atus.map((x) => x.code));
  const a = await upsertByCode(db, atus, data.atus.map(({ regionCode, parentCode: _p, ...rest }) => ({ ...rest, regionId: must(regionIds, regionCode, 'region') })));
  const freshAtus = new Set(data.atus.map((x) => x.code).filter((c) => !beforeAtus.has(c)));
  const existingAtus = new Set<string>(); // codes already moved from unchanged to updated
  const atuIds = await resolve('atus', a.ids, [...data.atus.flatMap((x) => (x.parentCode ? [x.parentCode] : [])), ...data.districts.map((d) => d.atuCode)]);
  for (const atu of data.atus) {
    const parentId = atu.parentCode ? must(atuIds, atu.parentCode, 'ATU') : null;
    const id = must(atuIds, atu.code, 'ATU');
    const [row] = await db.select({ parentId: atus.parentId }).from(atus).where(eq(atus.id, id));
    if ((row?.parentId ?? null) !== parentId) {
      await db.update(atus).set({ parentId }).where(eq(atus.id, id));
      // An existing ATU that only moved under another parent counts as updated.
      if (!freshAtus.has(atu.code) && !existingAtus.has(atu.code) && a.count.unchanged > 0) { a.count.unchanged--; a.count.updated++; existingAtus.add(atu.code); }
    }
  }
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
  counts.coverage = await replaceCoverage(db, data.coverage.map(({ districtCode, ...rest }) => ({ ...rest, districtId: must(districtIds, districtCode, 'district') })));

  const s = await upsertByCode(db, staff, data.staff.map(({ unitCode, pointCode, ...rest }) => ({
    ...rest, unitId: must(unitIds, unitCode, 'unit'), pointId: pointCode ? must(pointIds, pointCode, 'point') : null,
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
    const rows = await db.select().from(districtAdjacency).where(or(inArray(districtAdjacency.districtA, part), inArray(districtAdjacency.districtB, part)));
    for (const row of rows) current.add(`${row.districtA}|${row.districtB}`);
  }
  const stale = [...current].filter((key) => !wanted.has(key));
  for (const key of stale) {
    const [x, y] = key.split('|') as [string, string];
    await db.delete(districtAdjacency).where(and(eq(districtAdjacency.districtA, x), eq(districtAdjacency.districtB, y)));
  }
  const fresh = [...wanted].filter(([key]) => !current.has(key)).map(([, [x, y]]) => ({ districtA: x, districtB: y }));
  for (const part of chunks(fresh)) await db.insert(districtAdjacency).values(part);
  count.created = fresh.length;
  count.unchanged = wanted.size - fresh.length;
  count.updated = stale.length;
  return count;
}

type CoverageValue = typeof districtCoverage.$inferInsert;
const coverageKey = (c: CoverageValue) => [c.districtId, c.streetKind, c.streetNameRu, c.streetNameKk, c.houseFrom ?? '', c.houseTo ?? '', c.parity ?? 'all'].join('|');

/** For every district named in the file, its coverage becomes exactly the file's lines. */
async function replaceCoverage(db: Executor, lines: CoverageValue[]): Promise<SheetCount> {
  const count = zero();
  if (lines.length === 0) return count;
  const districtIds = [...new Set(lines.map((l) => l.districtId))];
  const current = new Map<string, string>();
  for (const part of chunks(districtIds, 5000)) {
    for (const row of await db.select().from(districtCoverage).where(inArray(districtCoverage.districtId, part))) current.set(coverageKey(row), row.id);
  }
  const wanted = new Map(lines.map((l) => [coverageKey(l), l]));
  const staleIds = [...current].filter(([key]) => !wanted.has(key)).map(([, id]) => id);
  for (const part of chunks(staleIds)) await db.delete(districtCoverage).where(inArray(districtCoverage.id, part));
  const fresh = [...wanted].filter(([key]) => !current.has(key)).map(([, l]) => l);
  for (const part of chunks(fresh)) await db.insert(districtCoverage).values(part);
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
    for (const row of await db.select().from(assignments).where(inArray(assignments.districtId, part))) current.set(key(row), row);
  }
  const fresh: AssignmentValue[] = [];
  for (const value of values) {
    const row = current.get(key(value));
    if (!row) fresh.push(value);
    else if ((row.effectiveTo ?? null) !== (value.effectiveTo ?? null)) {
      await db.update(assignments).set({ effectiveTo: value.effectiveTo ?? null }).where(eq(assignments.id, row.id));
      count.updated++;
    } else count.unchanged++;
  }
  for (const part of chunks(fresh)) await db.insert(assignments).values(part);
  count.created = fresh.length;
  return count;
}
