import type { KnownStructure, Scope, StructureData } from '@esep/domain';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { atus, districtAdjacency, districtCoverage, districts, policePoints, policeUnits, regions } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';
import { navigateCondition, scopeCondition } from './scope.repository.ts';
import { chunks, idsByCode, inList } from './structure.repository.ts';

/*
 * Reading the structure: what an import's rows refer to (knownStructure, for validation before
 * anything is written) and the structure of a scope as the export writes it (readStructure).
 * Writing it is structure.repository.ts.
 */
/**
 * Runs the queries one after another: these readers work inside a transaction, whose single
 * connection cannot run queries side by side.
 */
async function inSequence<T extends readonly (() => Promise<unknown>)[] | []>(queries: T): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const query of queries) out.push(await query());
  return out as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

async function referencedBy<T>(codes: ReadonlySet<string>, query: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks([...codes], 5000)) out.push(...(await query(part)));
  return out;
}

/**
 * The codes of the given references that exist, with what the import's cross-row rules need:
 * the police unit of points, districts and staff, and the stored inspector periods.
 */
export async function knownStructure(db: Executor, refs: Record<'regions' | 'units' | 'points' | 'atus' | 'districts' | 'staff', ReadonlySet<string>>, iins: ReadonlySet<string> = new Set()): Promise<KnownStructure> {
  const [regionIds, unitIds, atuIds, pointRows, districtRows, staffRows, periodRows, iinRows] = await inSequence([
    () => idsByCode(db, 'regions', [...refs.regions]),
    () => idsByCode(db, 'units', [...refs.units]),
    () => idsByCode(db, 'atus', [...refs.atus]),
    () => referencedBy(refs.points, (part) => db.select({ code: policePoints.code, unit: policeUnits.code }).from(policePoints)
      .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId)).where(inList(policePoints.code, part))),
    () => referencedBy(refs.districts, (part) => db.select({ code: districts.code, unit: policeUnits.code }).from(districts)
      .innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
      .where(inList(districts.code, part))),
    () => referencedBy(refs.staff, (part) => db.select({ code: staff.code, unit: policeUnits.code }).from(staff)
      .innerJoin(policeUnits, eq(policeUnits.id, staff.unitId)).where(inList(staff.code, part))),
    () => referencedBy(refs.districts, (part) => db.select({ district: districts.code, staffCode: staff.code, from: assignments.effectiveFrom, to: assignments.effectiveTo })
      .from(assignments).innerJoin(districts, eq(districts.id, assignments.districtId)).innerJoin(staff, eq(staff.id, assignments.staffId))
      .where(and(inList(districts.code, part), eq(assignments.role, 'inspector')))),
    () => referencedBy(iins, (part) => db.select({ iin: staff.iin, code: staff.code }).from(staff).where(inList(staff.iin, part))),
  ]);
  const periods = new Map<string, Array<{ staffCode: string; from: string; to: string | null }>>();
  for (const { district, ...period } of periodRows) {
    const list = periods.get(district);
    if (list) list.push(period); else periods.set(district, [period]);
  }
  return {
    codes: {
      regions: new Set(regionIds.keys()), units: new Set(unitIds.keys()), atus: new Set(atuIds.keys()),
      points: new Set(pointRows.map((r) => r.code)), districts: new Set(districtRows.map((r) => r.code)), staff: new Set(staffRows.map((r) => r.code)),
    },
    pointUnit: new Map(pointRows.map((r) => [r.code, r.unit])),
    districtUnit: new Map(districtRows.map((r) => [r.code, r.unit])),
    staffUnit: new Map(staffRows.map((r) => [r.code, r.unit])),
    inspectorPeriods: periods,
    staffByIin: new Map(iinRows.map((r) => [r.iin!, r.code])),
  };
}

const parentAtu = alias(atus, 'parent_atu');
const neighbour = alias(districts, 'neighbour');
const otherEnd = alias(districts, 'other_end');

/**
 * The structure the user sees, as StructureData (what the export writes): districts of his
 * territory with their adjacency (a pair with one end outside is kept: the district page shows
 * that neighbour too), coverage and assignments; the regions, units, points and staff he may
 * navigate to; every ATU of his regions (ATUs are the regions' public reference data). Run it
 * in one repeatable-read transaction for a consistent file.
 */
export async function readStructure(db: Executor, scope: Scope): Promise<StructureData> {
  const visible = db.select({ id: districts.id }).from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .where(scopeCondition(scope, { regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: districts.pointId, districtId: districts.id, atuId: districts.atuId }));
  const atuRegions = scope.level === 'region' ? scope.ids : scope.ancestors.regionIds;
  const atuVisible = scope.level === 'national' ? undefined : atuRegions.length ? inArray(atus.regionId, [...atuRegions]) : sql`false`;
  const [regionRows, unitRows, pointRows, atuRows, districtRows, pairRows, coverageRows, assignmentRows, staffRows] = await inSequence([
    () => db.select({ code: regions.code, kind: regions.kind, nameKk: regions.nameKk, nameRu: regions.nameRu }).from(regions)
      .where(navigateCondition(scope, { regionId: regions.id })).orderBy(regions.code),
    () => db.select({ code: policeUnits.code, regionCode: regions.code, kind: policeUnits.kind, nameKk: policeUnits.nameKk, nameRu: policeUnits.nameRu })
      .from(policeUnits).innerJoin(regions, eq(regions.id, policeUnits.regionId))
      .where(navigateCondition(scope, { regionId: policeUnits.regionId, unitId: policeUnits.id })).orderBy(policeUnits.code),
    () => db.select({
      code: policePoints.code, unitCode: policeUnits.code, nameKk: policePoints.nameKk, nameRu: policePoints.nameRu, address: policePoints.address,
      phone: policePoints.phone, receptionHoursKk: policePoints.receptionHoursKk, receptionHoursRu: policePoints.receptionHoursRu,
    })
      .from(policePoints).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
      .where(navigateCondition(scope, { regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: policePoints.id })).orderBy(policePoints.code),
    () => db.select({
      code: atus.code, regionCode: regions.code, parentCode: parentAtu.code, kind: atus.kind, nameKk: atus.nameKk, nameRu: atus.nameRu,
      akimName: atus.akimName, akimatNameKk: atus.akimatNameKk, akimatNameRu: atus.akimatNameRu, maslikhatNameKk: atus.maslikhatNameKk, maslikhatNameRu: atus.maslikhatNameRu,
    }).from(atus).innerJoin(regions, eq(regions.id, atus.regionId)).leftJoin(parentAtu, eq(parentAtu.id, atus.parentId))
      .where(atuVisible).orderBy(atus.code),
    () => db.select({ code: districts.code, pointCode: policePoints.code, atuCode: atus.code, nameKk: districts.nameKk, nameRu: districts.nameRu, population: districts.population })
      .from(districts).innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(atus, eq(atus.id, districts.atuId))
      .where(inArray(districts.id, visible)).orderBy(districts.code),
    () => db.select({ a: neighbour.code, b: otherEnd.code }).from(districtAdjacency)
      .innerJoin(neighbour, eq(neighbour.id, districtAdjacency.districtA)).innerJoin(otherEnd, eq(otherEnd.id, districtAdjacency.districtB))
      .where(or(inArray(districtAdjacency.districtA, visible), inArray(districtAdjacency.districtB, visible))),
    () => db.select({
      districtCode: districts.code, streetKind: districtCoverage.streetKind, streetNameKk: districtCoverage.streetNameKk, streetNameRu: districtCoverage.streetNameRu,
      houseFrom: districtCoverage.houseFrom, houseTo: districtCoverage.houseTo, parity: districtCoverage.parity, rca: districtCoverage.rca,
    }).from(districtCoverage).innerJoin(districts, eq(districts.id, districtCoverage.districtId))
      .where(inArray(districtCoverage.districtId, visible))
      .orderBy(districts.code, districtCoverage.streetNameRu, districtCoverage.houseFrom, districtCoverage.parity),
    () => db.select({ districtCode: districts.code, staffCode: staff.code, staffId: staff.id, role: assignments.role, from: assignments.effectiveFrom, to: assignments.effectiveTo })
      .from(assignments).innerJoin(districts, eq(districts.id, assignments.districtId)).innerJoin(staff, eq(staff.id, assignments.staffId))
      .where(inArray(assignments.districtId, visible)).orderBy(districts.code, assignments.effectiveFrom, staff.code),
    () => db.select({ id: staff.id, code: staff.code, fullName: staff.fullName, position: staff.position, rank: staff.rank, unitCode: policeUnits.code, pointCode: policePoints.code })
      .from(staff).innerJoin(policeUnits, eq(policeUnits.id, staff.unitId)).leftJoin(policePoints, eq(policePoints.id, staff.pointId))
      .where(navigateCondition(scope, { regionId: policeUnits.regionId, unitId: staff.unitId, pointId: staff.pointId })),
  ]);
  // Staff assigned to a visible district are part of it even when they are listed elsewhere.
  const listed = new Set(staffRows.map((s) => s.id));
  const missing = [...new Set(assignmentRows.map((a) => a.staffId).filter((id) => !listed.has(id)))];
  const extra = await referencedBy(new Set(missing), (part) => db.select({
    id: staff.id, code: staff.code, fullName: staff.fullName, position: staff.position, rank: staff.rank, unitCode: policeUnits.code, pointCode: policePoints.code,
  }).from(staff).innerJoin(policeUnits, eq(policeUnits.id, staff.unitId)).leftJoin(policePoints, eq(policePoints.id, staff.pointId))
    .where(inList(staff.id, part)));
  const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return {
    regions: regionRows, units: unitRows, points: pointRows, atus: atuRows, districts: districtRows,
    adjacency: pairRows.map(({ a, b }) => (a < b ? { districtCode: a, adjacentCode: b } : { districtCode: b, adjacentCode: a }))
      .sort((x, y) => (x.districtCode + '\u0000' + x.adjacentCode < y.districtCode + '\u0000' + y.adjacentCode ? -1 : 1)),
    coverage: coverageRows,
    staff: [...staffRows, ...extra].map(({ id: _, ...s }) => s).sort(byCode),
    assignments: assignmentRows.map(({ staffId: _, ...a }) => a),
  };
}
