import type { Scope, TerritoryPath } from '@esep/domain';
import { and, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { atus, districts, policePoints, policeUnits, regions } from '../schema/org.schema.ts';
import { staff } from '../schema/staff.schema.ts';
import { likePattern, orderBy, paged, type PageRequest } from './list.query.ts';
import { atuAncestry, navigateCondition, scopeCondition } from './scope.repository.ts';

/** Regions, police units, points and ATUs: the containers of districts. */

const search = (q: string | undefined, ...columns: Parameters<typeof ilike>[0][]) =>
  q ? or(...columns.map((c) => ilike(c, likePattern(q)))) : undefined;
interface Named { id: AnyPgColumn; code: AnyPgColumn; nameKk: AnyPgColumn; nameRu: AnyPgColumn }
const ref = <T extends Named>(t: T) => ({ id: t.id as T['id'], code: t.code as T['code'], nameKk: t.nameKk as T['nameKk'], nameRu: t.nameRu as T['nameRu'] });
const NAME_SORTS = (t: Named) => ({ code: t.code, nameKk: t.nameKk, nameRu: t.nameRu });

export async function listRegions(db: Executor, scope: Scope, request: PageRequest & { q?: string | undefined }) {
  const where = and(navigateCondition(scope, { regionId: regions.id }), search(request.q, regions.code, regions.nameRu, regions.nameKk));
  const [items, [total]] = await Promise.all([
    db.select().from(regions).where(where).orderBy(...orderBy(NAME_SORTS(regions), request.sort ?? 'code', regions.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(regions).where(where),
  ]);
  return paged(items, total?.n ?? 0, request);
}

export async function listUnits(db: Executor, scope: Scope, request: PageRequest & { q?: string | undefined; regionId?: string | undefined }) {
  const where = and(navigateCondition(scope, { regionId: policeUnits.regionId, unitId: policeUnits.id }),
    request.regionId ? eq(policeUnits.regionId, request.regionId) : undefined,
    search(request.q, policeUnits.code, policeUnits.nameRu, policeUnits.nameKk));
  const [items, [total]] = await Promise.all([
    db.select({ ...ref(policeUnits), kind: policeUnits.kind, region: ref(regions) }).from(policeUnits)
      .innerJoin(regions, eq(regions.id, policeUnits.regionId)).where(where)
      .orderBy(...orderBy(NAME_SORTS(policeUnits), request.sort ?? 'code', policeUnits.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(policeUnits).where(where),
  ]);
  return paged(items, total?.n ?? 0, request);
}

const leadStaff = alias(staff, 'lead_staff');

function pointQuery(db: Executor) {
  return db.select({
    ...ref(policePoints), address: policePoints.address, unit: ref(policeUnits), region: ref(regions),
    lead: { id: leadStaff.id, fullName: leadStaff.fullName },
  }).from(policePoints)
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .innerJoin(regions, eq(regions.id, policeUnits.regionId))
    .leftJoin(leadStaff, and(eq(leadStaff.pointId, policePoints.id), eq(leadStaff.position, 'point_lead')));
}
type PointRow = Awaited<ReturnType<ReturnType<typeof pointQuery>['execute']>>[number];
const withLead = (row: PointRow) => ({ ...row, lead: row.lead?.id ? row.lead as { id: string; fullName: string } : null });

export async function listPoints(db: Executor, scope: Scope, request: PageRequest & { q?: string | undefined; unitId?: string | undefined }) {
  const where = and(
    navigateCondition(scope, { regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: policePoints.id }),
    request.unitId ? eq(policePoints.unitId, request.unitId) : undefined,
    search(request.q, policePoints.code, policePoints.nameRu, policePoints.nameKk));
  const [rows, [total]] = await Promise.all([
    pointQuery(db).where(where).orderBy(...orderBy(NAME_SORTS(policePoints), request.sort ?? 'code', policePoints.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(policePoints).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId)).where(where),
  ]);
  return paged(rows.map(withLead), total?.n ?? 0, request);
}

const parentAtu = alias(atus, 'parent_atu');
function atuQuery(db: Executor) {
  return db.select({
    ...ref(atus), kind: atus.kind, akimName: atus.akimName, akimatNameKk: atus.akimatNameKk, akimatNameRu: atus.akimatNameRu,
    maslikhatNameKk: atus.maslikhatNameKk, maslikhatNameRu: atus.maslikhatNameRu, region: ref(regions),
    parent: { id: parentAtu.id, code: parentAtu.code, nameKk: parentAtu.nameKk, nameRu: parentAtu.nameRu },
  }).from(atus).innerJoin(regions, eq(regions.id, atus.regionId)).leftJoin(parentAtu, eq(parentAtu.id, atus.parentId));
}
type AtuRow = Awaited<ReturnType<ReturnType<typeof atuQuery>['execute']>>[number];
const withParent = (row: AtuRow) => ({ ...row, parent: row.parent?.id ? row.parent as { id: string; code: string; nameKk: string; nameRu: string } : null });

/**
 * ATUs, their akims, akimats and maslikhats are public reference data of a region: a user sees
 * every ATU of the regions he works in (consistent with the policy's `navigate` on the region).
 */
export async function listAtus(db: Executor, scope: Scope, request: PageRequest & { q?: string | undefined }) {
  const regionIds = scope.level === 'region' ? scope.ids : scope.ancestors.regionIds;
  const visible = scope.level === 'national' ? undefined
    : regionIds.length ? inArray(atus.regionId, [...regionIds]) : sql`false`;
  const where = and(visible, search(request.q, atus.code, atus.nameRu, atus.nameKk));
  const [rows, [total]] = await Promise.all([
    atuQuery(db).where(where).orderBy(...orderBy(NAME_SORTS(atus), request.sort ?? 'code', atus.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(atus).where(where),
  ]);
  return paged(rows.map(withParent), total?.n ?? 0, request);
}

export async function regionById(db: Executor, id: string) {
  const [row] = await db.select().from(regions).where(eq(regions.id, id));
  return row ?? null;
}
export async function unitById(db: Executor, id: string) {
  const [row] = await db.select({ ...ref(policeUnits), kind: policeUnits.kind, region: ref(regions) }).from(policeUnits)
    .innerJoin(regions, eq(regions.id, policeUnits.regionId)).where(eq(policeUnits.id, id));
  return row ?? null;
}
export async function pointById(db: Executor, id: string) {
  const [row] = await pointQuery(db).where(eq(policePoints.id, id));
  return row ? withLead(row) : null;
}
export async function atuById(db: Executor, id: string) {
  const [row] = await atuQuery(db).where(eq(atus.id, id));
  return row ? withParent(row) : null;
}

/** The path the policy needs for a container or ATU. */
export async function containerPath(db: Executor, kind: 'region' | 'unit' | 'point' | 'atu', id: string): Promise<TerritoryPath | null> {
  switch (kind) {
    case 'region': { const r = await regionById(db, id); return r ? { regionId: r.id } : null; }
    case 'unit': { const u = await unitById(db, id); return u ? { regionId: u.region.id, unitId: u.id } : null; }
    case 'point': { const p = await pointById(db, id); return p ? { regionId: p.region.id, unitId: p.unit.id, pointId: p.id } : null; }
    case 'atu': {
      const a = await atuById(db, id);
      // An ATU is read like a container: inside an akimat's subtree, or above districts the user sees.
      return a ? { regionId: a.region.id, atuIds: await atuAncestry(db, a.id) } : null;
    }
  }
}

/** Map.groupBy arrived in Node 21; Esep runs on Node 20. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item); else map.set(k, [item]);
  }
  return map;
}

/** The organisation tree down to districts, limited to what the user sees. */
export async function orgTree(db: Executor, scope: Scope) {
  const all = { page: 1, pageSize: 100_000 };
  const [regionPage, unitPage, pointPage, districtRows] = await Promise.all([
    listRegions(db, scope, all), listUnits(db, scope, all), listPoints(db, scope, all),
    db.select({ ...ref(districts), pointId: districts.pointId }).from(districts)
      .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
      .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
      .where(scopeCondition(scope, { regionId: policeUnits.regionId, unitId: policePoints.unitId, pointId: districts.pointId, districtId: districts.id, atuId: districts.atuId }))
      .orderBy(districts.code),
  ]);
  const byPoint = groupBy(districtRows, (d) => d.pointId);
  const pointsByUnit = groupBy(pointPage.items, (p) => p.unit.id);
  const unitsByRegion = groupBy(unitPage.items, (u) => u.region.id);
  return {
    regions: regionPage.items.map((r) => ({
      id: r.id, code: r.code, nameKk: r.nameKk, nameRu: r.nameRu,
      units: (unitsByRegion.get(r.id) ?? []).map((u) => ({
        id: u.id, code: u.code, nameKk: u.nameKk, nameRu: u.nameRu,
        points: (pointsByUnit.get(u.id) ?? []).map((p) => ({
          id: p.id, code: p.code, nameKk: p.nameKk, nameRu: p.nameRu,
          districts: (byPoint.get(p.id) ?? []).map(({ pointId: _, ...d }) => d),
        })),
      })),
    })),
  };
}
