import { staffWithIin, updateStaffIin } from '@esep/db';
import { isValidIin, maskIin } from '@esep/domain';
import { AppError, ruleRefusal } from '../http/app-error.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { orgService } from './org.service.ts';

const M = {
  iin_invalid: {
    kk: 'ЖСН жарамсыз: 12 цифр және соңғысы бақылау цифры болуы керек',
    ru: 'ИИН недействителен: 12 цифр, последняя — контрольная',
    en: 'The IIN is not valid: 12 digits, the last being the check digit',
  },
  iin_taken: {
    kk: 'Бұл ЖСН басқа қызметкерге жазылған',
    ru: 'Этот ИИН уже записан другому сотруднику',
    en: 'This IIN is already recorded for another staff member',
  },
};

/**
 * records (or forgets, with null) the IIN that binds a staff member's qualified
 * signature to him. The number is kept only for that check; the audit and the API show it
 * masked or as "recorded", never whole.
 */
export async function recordStaffIin(ctx: ServiceContext, staffId: string, iin: string | null) {
  if (iin !== null && !isValidIin(iin)) throw ruleRefusal({ reason: 'iin_invalid', rule: null, field: 'iin' }, M.iin_invalid, 400);
  await inTransaction(ctx, async (tx, audit) => {
    if (iin !== null && await staffWithIin(tx, iin, staffId)) throw new AppError('conflict', { reason: 'iin_taken', field: 'iin' }, 409, M.iin_taken);
    if (!(await updateStaffIin(tx, staffId, iin, ctx.now()))) throw new AppError('not_found');
    await audit({ action: 'staff.iin', entityType: 'staff', entityId: staffId, after: { iin: iin === null ? null : maskIin(iin) } });
  });
  const member = await orgService.staffMember(ctx, staffId);
  if (!member) throw new AppError('not_found');
  return member;
}
