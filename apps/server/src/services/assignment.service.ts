import { assignmentById, districtAssignments, endAssignment, findDistrict, inspectorPeriods, insertAssignment, pointById, staffById } from '@esep/db';
import { conflictingPeriod, periodIsValid } from '@esep/domain';
import { AppError } from '../http/app-error.ts';
import { inTransaction, type ServiceContext } from './context.ts';

export interface AssignmentInput { districtId: string; staffId: string; role: 'inspector' | 'assistant'; from: string; to?: string | null | undefined }

/**
 * assigns a staff member to a district for a period. A district has one inspector at a
 * time, so an inspector period overlapping another inspector's is refused; assistants may be
 * several. The staff member must belong to the district's police unit.
 */
export async function createAssignment(ctx: ServiceContext, input: AssignmentInput) {
  const period = { from: input.from, to: input.to ?? null };
  if (!periodIsValid(period)) throw new AppError('validation_failed', [{ field: 'body.to', reason: 'to < from' }]);
  return inTransaction(ctx, async (tx, audit) => {
    const district = await findDistrict(tx, input.districtId);
    const member = await staffById(tx, input.staffId);
    if (!district) throw new AppError('not_found');
    if (!member) throw new AppError('validation_failed', [{ field: 'body.staffId', reason: 'unknown staff member' }]);
    const point = await pointById(tx, district.pointId);
    if (member.unit.id !== point?.unit.id) throw new AppError('validation_failed', [{ field: 'body.staffId', reason: 'staff member of another police unit' }]);
    if (input.role === 'inspector') {
      const clash = conflictingPeriod(await inspectorPeriods(tx, district.id), period);
      if (clash) throw new AppError('assignment_overlap', { rule: 'R-2.2', conflictingAssignmentId: clash.id, from: clash.from, to: clash.to });
    }
    const row = await insertAssignment(tx, {
      districtId: district.id, staffId: member.id, role: input.role, effectiveFrom: period.from, effectiveTo: period.to,
    });
    await audit({ action: 'assignment.create', entityType: 'assignment', entityId: row.id, after: row });
    const [created] = (await districtAssignments(tx, district.id)).filter((a) => a.id === row.id);
    return created!;
  });
}

/** Ends an assignment on a date (history is kept: rows are never deleted). */
export async function closeAssignment(ctx: ServiceContext, id: string, to: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await assignmentById(tx, id);
    if (!before) throw new AppError('not_found');
    if (to < before.effectiveFrom) throw new AppError('validation_failed', [{ field: 'body.to', reason: 'to < from' }]);
    const after = await endAssignment(tx, id, to);
    await audit({ action: 'assignment.end', entityType: 'assignment', entityId: id, before, after });
    const [row] = (await districtAssignments(tx, before.districtId)).filter((a) => a.id === id);
    return row!;
  });
}
