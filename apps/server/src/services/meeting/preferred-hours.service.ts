import { preferredHoursOf, replacePreferredHours } from '@esep/db';
import { AppError } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

type Window = { days: number[]; from: string; to: string };

export async function preferredHours(ctx: ServiceContext, districtId: string): Promise<Window[]> {
  return (await preferredHoursOf(ctx.db, [districtId])).map((h) => ({ days: h.days, from: h.fromTime, to: h.toTime }));
}

/** records the hours the district's residents prefer; the checklist flags meetings outside them. */
export async function setPreferredHours(ctx: ServiceContext, districtId: string, windows: Window[]): Promise<Window[]> {
  const bad = windows.findIndex((w) => w.from >= w.to);
  if (bad >= 0) throw new AppError('validation_failed', [{ field: `body.${bad}.to`, reason: 'to must be after from' }]);
  return inTransaction(ctx, async (tx, audit) => {
    const before = (await preferredHoursOf(tx, [districtId])).map((h) => ({ days: h.days, from: h.fromTime, to: h.toTime }));
    await replacePreferredHours(tx, districtId, windows);
    await audit({ action: 'district.preferred_hours', entityType: 'district', entityId: districtId, before, after: windows });
    return windows;
  });
}
