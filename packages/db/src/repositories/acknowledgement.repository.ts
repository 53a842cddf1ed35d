import type { Scope } from '@esep/domain';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { ruleAcknowledgements } from '../schema/meeting.schema.ts';
import { policePoints, policeUnits } from '../schema/org.schema.ts';
import { staff } from '../schema/staff.schema.ts';

export async function acknowledgementOf(db: Executor, userId: string, version: string) {
  const [row] = await db.select().from(ruleAcknowledgements).where(and(eq(ruleAcknowledgements.userId, userId), eq(ruleAcknowledgements.version, version)));
  return row ?? null;
}

export async function acknowledge(db: Executor, userId: string, version: string, at: Date) {
  const [row] = await db.insert(ruleAcknowledgements).values({ userId, version, acknowledgedAt: at })
    .onConflictDoNothing().returning();
  return row ?? (await acknowledgementOf(db, userId, version))!;
}

/**
 * R-O.4: staff accounts in the user's territory (by their staff record's unit and point) with
 * the date each confirmed reading the given rules version, or null.
 */
export async function acknowledgementReport(db: Executor, scope: Scope, version: string) {
  const territory = scope.level === 'national' ? undefined
    : scope.level === 'region' ? inArray(policeUnits.regionId, [...scope.ids])
    : scope.level === 'unit' ? inArray(staff.unitId, [...scope.ids])
    : scope.level === 'point' ? inArray(staff.pointId, [...scope.ids])
    : sql`false`;
  return db.select({
    userId: users.id, username: users.username, displayName: users.displayName, role: users.role,
    staff: { id: staff.id, code: staff.code, fullName: staff.fullName, position: staff.position },
    unit: { id: policeUnits.id, code: policeUnits.code, nameKk: policeUnits.nameKk, nameRu: policeUnits.nameRu },
    pointCode: policePoints.code,
    acknowledgedAt: ruleAcknowledgements.acknowledgedAt,
  }).from(users)
    .innerJoin(staff, eq(staff.id, users.staffId))
    .innerJoin(policeUnits, eq(policeUnits.id, staff.unitId))
    .leftJoin(policePoints, eq(policePoints.id, staff.pointId))
    .leftJoin(ruleAcknowledgements, and(eq(ruleAcknowledgements.userId, users.id), eq(ruleAcknowledgements.version, version)))
    .where(and(isNotNull(users.staffId), territory))
    .orderBy(asc(staff.fullName));
}
