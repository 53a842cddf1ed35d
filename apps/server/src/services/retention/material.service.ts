import { materialRemoval, type MaterialKind } from '@esep/db';
import { almatyDate, formatLongDate } from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import type { ServiceContext } from '../context.ts';

/*
 * once retention has removed a material's file, its record stays (the register, the
 * video's name and SHA-256, the source's list of attachments) and a download answers
 * 410 Gone `material_removed` with the day of the removal — not 404 (the record is there) and
 * not 500 (nothing is broken). The removal record decides, not the disk: a content-addressed
 * file still used by a kept record stays on disk, yet the removed record's copy is gone.
 *
 * A file missing WITHOUT a removal record is a fault (a lost disk, a bad restore): it stays a
 * 500, logged with the record's kind and id only (no names, no file contents).
 */
export interface MaterialRef { kind: MaterialKind; id: string; file?: string }

// The day written out for the reader (issue 14, item 11); `details.removedOn` keeps the ISO date.
const REMOVED = (day: string) => ({
  kk: `Файл сақтау мерзімі өткен соң ${formatLongDate(day, 'kk')} жойылды (R-32.6); жазбаның өзі сақталады`,
  ru: `Файл удалён ${formatLongDate(day, 'ru')} по истечении срока хранения (R-32.6); сама запись сохранена`,
  en: `The file was removed on ${formatLongDate(day, 'en')} after the retention period (R-32.6); the record itself is kept`,
});

export function materialRemoved(kind: MaterialKind, removedAt: Date): AppError {
  const removedOn = almatyDate(removedAt);
  return new AppError('material_removed', { rule: 'R-32.6', kind, removedAt: removedAt.toISOString(), removedOn }, 410, REMOVED(removedOn));
}

/** The file of a record is not where it should be, and retention did not remove it. */
export class MaterialFileMissing extends Error {
  constructor(readonly kind: MaterialKind, readonly recordId: string, options?: { cause?: unknown }) {
    super(`the file of ${kind} ${recordId} is missing and no retention removal explains it`, options);
    this.name = 'MaterialFileMissing';
  }
}

/** Throws 410 `material_removed` when retention removed this material's file. */
export async function assertNotRemoved(ctx: ServiceContext, material: MaterialRef): Promise<void> {
  const removal = await materialRemoval(ctx.db, material);
  if (removal) throw materialRemoved(material.kind, removal.removedAt);
}

/**
 * Reads a material's file through the service that owns it (`read`), unless retention removed
 * it (410). A read that finds no file (ENOENT) becomes MaterialFileMissing: the error handler
 * logs it with the record's id and answers 500.
 */
export async function keptMaterial<T>(ctx: ServiceContext, material: MaterialRef, read: () => Promise<T>): Promise<T> {
  await assertNotRemoved(ctx, material);
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MaterialFileMissing(material.kind, material.id, { cause: error });
    throw error;
  }
}
