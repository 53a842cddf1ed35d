import { findDistrict, updateDistrict } from '@esep/db';
import { AppError } from '../http/app-error.ts';
import { inTransaction, type ServiceContext } from './context.ts';

export interface DistrictPatch { nameKk?: string | undefined; nameRu?: string | undefined; population?: number | null | undefined }

export async function changeDistrict(ctx: ServiceContext, id: string, patch: DistrictPatch) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await findDistrict(tx, id);
    if (!before) throw new AppError('not_found');
    const after = await updateDistrict(tx, id, patch, ctx.now());
    await audit({ action: 'district.update', entityType: 'district', entityId: id, before, after });
    return after!;
  });
}
