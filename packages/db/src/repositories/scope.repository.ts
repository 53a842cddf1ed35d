import { NATIONAL_SCOPE, ROLE_LEVEL, type Role, type Scope } from '@esep/domain';
import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { atus, districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { assignments } from '../schema/staff.schema.ts';

export interface ScopeSubject { role: Role; staffId: string | null; territoryId: string | null }

const EMPTY = { regionIds: [], unitIds: [], pointIds: [] };

/** Districts joined to their point and unit: the columns a scope condition needs. */
export interface ScopeColumns { regionId: AnyColumn; unitId: AnyColumn; pointId: AnyColumn; districtId: AnyColumn; atuId: AnyColumn }

/**
 * The user's territory, worked out once per request from his role and where he works. An
 * inspector's territory is the districts he is assigned to today; an akimat's is its
 * ATU and every ATU below it.
 */
export async function loadScope(db: Executor, subject: ScopeSubject, today: string): Promise<Scope> {
  const level = ROLE_LEVEL[subject.role];
  if (level === 'national') return NATIONAL_SCOPE;
  if (level === 'districts') {
    if (!subject.staffId) return { level, ids: [], ancestors: EMPTY };
    const rows = await db.select({ id: assignments.districtId }).from(assignments).where(and(
      eq(assignments.staffId, subject.staffId), lte(assignments.effectiveFrom, today),
      or(isNull(assignments.effectiveTo), gte(assignments.effectiveTo, today)),
    ));
    const ids = [...new Set(rows.map((r) => r.id))];
    return { level, ids, ancestors: await ancestorsOf(db, inArray(districts.id, ids), ids.length) };
  }
  if (!subject.territoryId) return { level, ids: [], ancestors: EMPTY };
  const id = subject.territoryId;
  switch (level) {
    case 'region':
      return { level, ids: [id], ancestors: { ...EMPTY, regionIds: [id] } };
    case 'unit': {
      const [unit] = await db.select({ regionId: policeUnits.regionId }).from(policeUnits).where(eq(policeUnits.id, id));
      return { level, ids: [id], ancestors: { regionIds: unit ? [unit.regionId] : [], unitIds: [id], pointIds: [] } };
    }
    case 'point': {
      const [point] = await db.select({ unitId: policePoints.unitId, regionId: policeUnits.regionId })
        .from(policePoints).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId)).where(eq(policePoints.id, id));
      return { level, ids: [id], ancestors: point ? { regionIds: [point.regionId], unitIds: [point.unitId], pointIds: [id] } : EMPTY };
    }
    case 'atu': {
      const ids = await atuSubtree(db, id);
      return { level, ids, ancestors: await ancestorsOf(db, inArray(districts.atuId, ids), ids.length) };
    }
  }
}

async function ancestorsOf(db: Executor, where: SQL, size: number): Promise<Scope['ancestors']> {
  if (size === 0) return EMPTY;
  const rows = await db.selectDistinct({ pointId: districts.pointId, unitId: policePoints.unitId, regionId: policeUnits.regionId })
    .from(districts)
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .where(where);
  return {
    regionIds: [...new Set(rows.map((r) => r.regionId))],
    unitIds: [...new Set(rows.map((r) => r.unitId))],
    pointIds: [...new Set(rows.map((r) => r.pointId))],
  };
}

/** An ATU and every ATU below it. */
export async function atuSubtree(db: Executor, rootId: string): Promise<string[]> {
  const result = rowsOf<{ id: string }>(await db.execute(sql`
    with recursive tree(id) as (
      select id from ${atus} where id = ${rootId}
      union all
      select a.id from ${atus} a join tree t on a.parent_id = t.id
    ) select id from tree`));
  return result.map((r) => r.id);
}

/** An ATU and every ATU above it. */
export async function atuAncestry(db: Executor, atuId: string): Promise<string[]> {
  const result = rowsOf<{ id: string }>(await db.execute(sql`
    with recursive up(id, parent_id) as (
      select id, parent_id from ${atus} where id = ${atuId}
      union all
      select a.id, a.parent_id from ${atus} a join up on a.id = up.parent_id
    ) select id from up`));
  return result.map((r) => r.id);
}

const NONE = sql`false`;
const inIds = (column: AnyColumn, ids: readonly string[]) => (ids.length ? inArray(column, [...ids]) : NONE);

/** The WHERE condition that keeps district-level rows inside the scope (lists are filtered here). */
export function scopeCondition(scope: Scope, c: ScopeColumns): SQL | undefined {
  switch (scope.level) {
    case 'national': return undefined;
    case 'region': return inIds(c.regionId, scope.ids);
    case 'unit': return inIds(c.unitId, scope.ids);
    case 'point': return inIds(c.pointId, scope.ids);
    case 'districts': return inIds(c.districtId, scope.ids);
    case 'atu': return inIds(c.atuId, scope.ids);
  }
}

/**
 * For containers (regions, units, points) and staff: inside the scope, or above it (the user
 * may name and navigate to the containers of his own districts).
 */
export function navigateCondition(scope: Scope, c: { regionId: AnyColumn; unitId?: AnyColumn; pointId?: AnyColumn }): SQL | undefined {
  if (scope.level === 'national') return undefined;
  const own = (() => {
    switch (scope.level) {
      case 'region': return inIds(c.regionId, scope.ids);
      case 'unit': return c.unitId ? inIds(c.unitId, scope.ids) : NONE;
      case 'point': return c.pointId ? inIds(c.pointId, scope.ids) : NONE;
      default: return NONE;
    }
  })();
  // A container is an ancestor when its own id is listed; a record with a lower level set
  // (e.g. staff of a point) is visible when that lower container is an ancestor.
  const above = c.pointId && c.unitId
    ? or(inIds(c.pointId, scope.ancestors.pointIds), and(isNull(c.pointId), inIds(c.unitId, scope.ancestors.unitIds)))
    : c.unitId ? inIds(c.unitId, scope.ancestors.unitIds) : inIds(c.regionId, scope.ancestors.regionIds);
  return or(own, above);
}
