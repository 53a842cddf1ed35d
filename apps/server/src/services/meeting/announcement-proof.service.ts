import { announcementById, setAnnouncementProof } from '@esep/db';
import { AppError } from '../../http/app-error.ts';
import { readStoredFile, sniffType, storeFile } from '../../storage/file.store.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/** a screenshot or scan proving the publication (PNG, JPEG or PDF). */
export async function attachProof(ctx: ServiceContext, dataDir: string, announcementId: string, bytes: Buffer) {
  const announcement = await announcementById(ctx.db, announcementId);
  if (!announcement) throw new AppError('not_found');
  const type = sniffType(bytes);
  if (!type) throw new AppError('unsupported_file', [{ field: 'file', reason: 'PNG, JPEG or PDF' }]);
  const name = await storeFile(dataDir, bytes, type);
  await inTransaction(ctx, async (tx, audit) => {
    await setAnnouncementProof(tx, announcementId, name);
    await audit({ action: 'announcement.proof', entityType: 'meeting', entityId: announcement.meetingId, after: { announcementId, file: name, bytes: bytes.length } });
  });
  return { file: name, contentType: type, size: bytes.length };
}

export async function proofOf(ctx: ServiceContext, dataDir: string, announcementId: string) {
  const announcement = await announcementById(ctx.db, announcementId);
  if (!announcement?.proofFile) throw new AppError('not_found');
  return readStoredFile(dataDir, announcement.proofFile);
}
