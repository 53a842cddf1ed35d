import type { Role } from './role.ts';

/**
 * Where a record sits in the organisation. Every territorial record can say which region, unit,
 * point and district it belongs to, and which administrative-territorial units (its own and the
 * ones above it) contain it; fields above the record's own level are set, those below are not.
 */
export interface TerritoryPath {
  regionId: string;
  unitId?: string | null;
  pointId?: string | null;
  districtId?: string | null;
  /**
   * ATUs containing the record (at least its own). An akimat's scope lists its ATU and every ATU
   * below it, so a district's own ATU decides.
   */
  atuIds?: readonly string[];
}

/**
 * What a user may see. `level` and `ids` say where the user works (R-2.2: an inspector acts in
 * the districts he is assigned to); `ancestors` lets him name the point, unit and region above
 * his districts without seeing their other districts.
 */
export interface Scope {
  level: 'national' | 'region' | 'unit' | 'point' | 'districts' | 'atu';
  ids: readonly string[];
  ancestors: { regionIds: readonly string[]; unitIds: readonly string[]; pointIds: readonly string[] };
}

export interface Actor {
  id: string;
  role: Role;
  scope: Scope;
}

export const NATIONAL_SCOPE: Scope = {
  level: 'national', ids: [], ancestors: { regionIds: [], unitIds: [], pointIds: [] },
};

/** True when the record lies inside the user's territory. */
export function withinScope(scope: Scope, path: TerritoryPath): boolean {
  const has = (id: string | null | undefined) => id != null && scope.ids.includes(id);
  switch (scope.level) {
    case 'national': return true;
    case 'region': return has(path.regionId);
    case 'unit': return has(path.unitId);
    case 'point': return has(path.pointId);
    case 'districts': return has(path.districtId);
    case 'atu': return (path.atuIds ?? []).some((id) => scope.ids.includes(id));
  }
}

/**
 * True when the record is a container (region, unit or point) above the user's territory: he
 * may read its name to navigate, not the rest of what it contains.
 */
export function isAncestorOfScope(scope: Scope, path: TerritoryPath): boolean {
  if (path.districtId) return false;
  if (path.pointId) return scope.ancestors.pointIds.includes(path.pointId);
  if (path.unitId) return scope.ancestors.unitIds.includes(path.unitId);
  return scope.ancestors.regionIds.includes(path.regionId);
}
