import type { Scope, TerritoryPath } from '@esep/domain';
import { and, count, desc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { policePoints, policeUnits } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';
import { announceAuthChange } from './auth-change.repository.ts';
import { likePattern, orderBy, paged, type PageRequest } from './list.query.ts';
import { navigateCondition } from './scope.repository.ts';

type Position = typeof staff.$inferSelect['position'];
export interface StaffFilter { unitId?: string | undefined; pointId?: string | undefined; position?: Position | undefined; q?: string | undefined }

function staffQuery(db: Executor) {
  return db.select({
    id: staff.id, code: staff.code, fullName: staff.fullName, position: staff.position, rank: staff.rank,
    iinRecorded: sql<boolean>`${staff.iin} is not null`,
    regionId: policeUnits.regionId,
    unit: { id: policeUnits.id, code: policeUnits.code, nameKk: policeUnits.nameKk, nameRu: policeUnits.nameRu },
    point: { id: policePoints.id, code: policePoints.code, nameKk: policePoints.nameKk, nameRu: policePoints.nameRu },
  }).from(staff)
    .innerJoin(policeUnits, eq(policeUnits.id, staff.unitId))
    .leftJoin(policePoints, eq(policePoints.id, staff.pointId));
}
type StaffRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['execute']>>[number];
const present = (row: StaffRow) => ({ ...row, point: row.point?.id ? row.point as NonNullable<StaffRow['point']> & { id: string } : null });

const SORTS = { code: staff.code, fullName: staff.fullName, position: staff.position };

export async function listStaff(db: Executor, scope: Scope, filter: StaffFilter, request: PageRequest) {
  const conditions: Array<SQL | undefined> = [
    navigateCondition(scope, { regionId: policeUnits.regionId, unitId: staff.unitId, pointId: staff.pointId }),
  ];
  if (filter.unitId) conditions.push(eq(staff.unitId, filter.unitId));
  if (filter.pointId) conditions.push(eq(staff.pointId, filter.pointId));
  if (filter.position) conditions.push(eq(staff.position, filter.position));
  if (filter.q) conditions.push(or(ilike(staff.fullName, likePattern(filter.q)), ilike(staff.code, likePattern(filter.q))));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    staffQuery(db).where(where).orderBy(...orderBy(SORTS, request.sort ?? 'fullName', staff.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(staff).innerJoin(policeUnits, eq(policeUnits.id, staff.unitId)).where(where),
  ]);
  return paged(rows.map(present), total?.n ?? 0, request);
}

export async function staffById(db: Executor, id: string) {
  const [row] = await staffQuery(db).where(eq(staff.id, id));
  return row ? present(row) : null;
}

export function staffPath(row: { regionId: string; unit: { id: string }; point: { id: string } | null }): TerritoryPath {
  return { regionId: row.regionId, unitId: row.unit.id, pointId: row.point?.id ?? null };
}

/** assignment history of a district, newest first. */
export async function districtAssignments(db: Executor, districtId: string) {
  return db.select({
    id: assignments.id, districtId: assignments.districtId, role: assignments.role,
    from: assignments.effectiveFrom, to: assignments.effectiveTo,
    staff: { id: staff.id, code: staff.code, fullName: staff.fullName },
  }).from(assignments).innerJoin(staff, eq(staff.id, assignments.staffId))
    .where(eq(assignments.districtId, districtId))
    .orderBy(desc(assignments.effectiveFrom), staff.fullName);
}

export async function assignmentById(db: Executor, id: string) {
  const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
  return row ?? null;
}

/** Inspector periods of a district (to refuse a second inspector for the same days). */
export async function inspectorPeriods(db: Executor, districtId: string) {
  return db.select({ id: assignments.id, staffId: assignments.staffId, from: assignments.effectiveFrom, to: assignments.effectiveTo })
    .from(assignments).where(and(eq(assignments.districtId, districtId), eq(assignments.role, 'inspector')));
}

/** An assignment changes its staff member's territory: announced to the servers that keep it. */
export async function insertAssignment(db: Executor, values: typeof assignments.$inferInsert) {
  const [row] = await db.insert(assignments).values(values).returning();
  await announceAuthChange(db, { kind: 'staff', id: row!.staffId });
  return row!;
}

export async function endAssignment(db: Executor, id: string, to: string) {
  const [row] = await db.update(assignments).set({ effectiveTo: to }).where(eq(assignments.id, id)).returning();
  if (row) await announceAuthChange(db, { kind: 'staff', id: row.staffId });
  return row ?? null;
}

/** Districts a staff member serves on a date. */
export async function districtsServedBy(db: Executor, staffId: string, date: string) {
  return db.select({ districtId: assignments.districtId, role: assignments.role }).from(assignments).where(and(
    eq(assignments.staffId, staffId), lte(assignments.effectiveFrom, date),
    or(isNull(assignments.effectiveTo), gte(assignments.effectiveTo, date)),
  ));
}

/** the IIN a qualified signature of this staff member must carry; null until recorded. */
export async function staffIinOf(db: Executor, staffId: string): Promise<string | null> {
  const [row] = await db.select({ iin: staff.iin }).from(staff).where(eq(staff.id, staffId));
  return row?.iin ?? null;
}

/** Whose IIN this is, other than `exceptStaffId` (one IIN belongs to one person). */
export async function staffWithIin(db: Executor, iin: string, exceptStaffId: string): Promise<string | null> {
  const [row] = await db.select({ id: staff.id }).from(staff).where(and(eq(staff.iin, iin), sql`${staff.id} <> ${exceptStaffId}`));
  return row?.id ?? null;
}

export async function updateStaffIin(db: Executor, staffId: string, iin: string | null, at: Date): Promise<boolean> {
  const rows = await db.update(staff).set({ iin, updatedAt: at }).where(eq(staff.id, staffId)).returning({ id: staff.id });
  return rows.length > 0;
}
