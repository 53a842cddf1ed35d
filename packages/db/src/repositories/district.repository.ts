import type { Scope, TerritoryPath } from '@esep/domain';
import { and, count, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { atus, districtAdjacency, districtCoverage, districts, policePoints, policeUnits, regions } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';
import { likePattern, orderBy, paged, type PageRequest } from './list.query.ts';
import { scopeCondition } from './scope.repository.ts';

export interface DistrictFilter { regionId?: string; unitId?: string; pointId?: string; atuId?: string; q?: string }

const scopeColumns = {
  regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: districts.pointId,
  districtId: districts.id, atuId: districts.atuId,
};

const SORTS = { code: districts.code, nameRu: districts.nameRu, nameKk: districts.nameKk, population: districts.population };

/** Districts the user may see, one page, each with the inspector serving it on `today`. */
export async function listDistricts(db: Executor, scope: Scope, filter: DistrictFilter, request: PageRequest, today: string) {
  const conditions: Array<SQL | undefined> = [scopeCondition(scope, scopeColumns)];
  if (filter.regionId) conditions.push(eq(policeUnits.regionId, filter.regionId));
  if (filter.unitId) conditions.push(eq(policePoints.unitId, filter.unitId));
  if (filter.pointId) conditions.push(eq(districts.pointId, filter.pointId));
  if (filter.atuId) conditions.push(eq(districts.atuId, filter.atuId));
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(or(ilike(districts.code, pattern), ilike(districts.nameRu, pattern), ilike(districts.nameKk, pattern)));
  }
  const where = and(...conditions);
  const base = () => db.select({ n: count() }).from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId));
  const [rows, [total]] = await Promise.all([
    db.select({
      id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu, population: districts.population,
      point: { id: policePoints.id, code: policePoints.code, nameKk: policePoints.nameKk, nameRu: policePoints.nameRu },
      unit: { id: policeUnits.id, code: policeUnits.code, nameKk: policeUnits.nameKk, nameRu: policeUnits.nameRu },
      atu: { id: atus.id, code: atus.code, nameKk: atus.nameKk, nameRu: atus.nameRu },
    }).from(districts)
      .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
      .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
      .innerJoin(atus, eq(atus.id, districts.atuId))
      .where(where)
      .orderBy(...orderBy(SORTS, request.sort ?? 'code', districts.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    base().where(where),
  ]);
  const inspectors = await servingStaff(db, rows.map((r) => r.id), today);
  const items = rows.map((row) => ({
    ...row, inspector: inspectors.find((s) => s.districtId === row.id && s.role === 'inspector')?.staff ?? null,
  }));
  return paged(items, total?.n ?? 0, request);
}

/** Staff assigned to the given districts on a date, in one query for the whole page. */
export async function servingStaff(db: Executor, districtIds: readonly string[], date: string) {
  if (districtIds.length === 0) return [];
  const rows = await db.select({
    districtId: assignments.districtId, role: assignments.role,
    staff: { id: staff.id, code: staff.code, fullName: staff.fullName },
  }).from(assignments).innerJoin(staff, eq(staff.id, assignments.staffId)).where(and(
    inArray(assignments.districtId, [...districtIds]), lte(assignments.effectiveFrom, date),
    or(isNull(assignments.effectiveTo), gte(assignments.effectiveTo, date)),
  )).orderBy(staff.fullName);
  return rows;
}

/** Where a district sits, for the policy module. */
export async function districtPath(db: Executor, id: string): Promise<TerritoryPath | null> {
  const [row] = await db.select({
    regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: districts.pointId, atuId: districts.atuId,
  }).from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .where(eq(districts.id, id));
  if (!row) return null;
  // The district's own ATU is enough: an akimat's scope already holds its whole ATU subtree.
  return { regionId: row.regionId, unitId: row.unitId, pointId: row.pointId, districtId: id, atuIds: [row.atuId] };
}

const parentAtu = alias(atus, 'parent_atu');

/** Everything the district page shows. */
export async function districtDetail(db: Executor, id: string, today: string) {
  const [row] = await db.select({
    id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu, population: districts.population,
    point: { id: policePoints.id, code: policePoints.code, nameKk: policePoints.nameKk, nameRu: policePoints.nameRu },
    unit: { id: policeUnits.id, code: policeUnits.code, nameKk: policeUnits.nameKk, nameRu: policeUnits.nameRu },
    region: { id: regions.id, code: regions.code, nameKk: regions.nameKk, nameRu: regions.nameRu },
    atu: {
      id: atus.id, code: atus.code, kind: atus.kind, nameKk: atus.nameKk, nameRu: atus.nameRu, akimName: atus.akimName,
      akimatNameKk: atus.akimatNameKk, akimatNameRu: atus.akimatNameRu, maslikhatNameKk: atus.maslikhatNameKk, maslikhatNameRu: atus.maslikhatNameRu,
    },
    parent: { id: parentAtu.id, code: parentAtu.code, nameKk: parentAtu.nameKk, nameRu: parentAtu.nameRu },
  }).from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .innerJoin(regions, eq(regions.id, policeUnits.regionId))
    .innerJoin(atus, eq(atus.id, districts.atuId))
    .leftJoin(parentAtu, eq(parentAtu.id, atus.parentId))
    .where(eq(districts.id, id));
  if (!row) return null;
  const [adjacent, coverage, serving] = await Promise.all([
    db.select({ id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu })
      .from(districtAdjacency)
      .innerJoin(districts, sql`${districts.id} = case when ${districtAdjacency.districtA} = ${id} then ${districtAdjacency.districtB} else ${districtAdjacency.districtA} end`)
      .where(or(eq(districtAdjacency.districtA, id), eq(districtAdjacency.districtB, id)))
      .orderBy(districts.code),
    db.select({
      id: districtCoverage.id, streetKind: districtCoverage.streetKind, streetNameKk: districtCoverage.streetNameKk,
      streetNameRu: districtCoverage.streetNameRu, houseFrom: districtCoverage.houseFrom, houseTo: districtCoverage.houseTo,
      parity: districtCoverage.parity,
    }).from(districtCoverage).where(eq(districtCoverage.districtId, id))
      .orderBy(districtCoverage.streetNameRu, districtCoverage.houseFrom),
    servingStaff(db, [id], today),
  ]);
  const { atu, parent, ...rest } = row;
  return {
    ...rest,
    atu: { id: atu.id, code: atu.code, nameKk: atu.nameKk, nameRu: atu.nameRu },
    atuDetail: {
      id: atu.id, code: atu.code, kind: atu.kind, nameKk: atu.nameKk, nameRu: atu.nameRu,
      parent: parent?.id ? parent as { id: string; code: string; nameKk: string; nameRu: string } : null,
      region: rest.region, akimName: atu.akimName, akimatNameKk: atu.akimatNameKk, akimatNameRu: atu.akimatNameRu,
      maslikhatNameKk: atu.maslikhatNameKk, maslikhatNameRu: atu.maslikhatNameRu,
    },
    adjacent,
    coverage,
    inspector: serving.find((s) => s.role === 'inspector')?.staff ?? null,
    assistants: serving.filter((s) => s.role === 'assistant').map((s) => s.staff),
  };
}

export async function findDistrict(db: Executor, id: string) {
  const [row] = await db.select().from(districts).where(eq(districts.id, id));
  return row ?? null;
}

export async function updateDistrict(db: Executor, id: string, patch: Partial<Pick<typeof districts.$inferInsert, 'nameKk' | 'nameRu' | 'population'>>, at: Date) {
  const [row] = await db.update(districts).set({ ...patch, updatedAt: at }).where(eq(districts.id, id)).returning();
  return row ?? null;
}
