import { insertPaperSheet, paperSheetById, paperSheetsOf, type PaperSheetRow } from '@esep/db';
import { AppError } from '../../http/app-error.ts';
import { readStoredFile, sniffType, storeFile } from '../../storage/file.store.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { loadMeeting, requireRecordingOpen } from './participant.service.ts';

/*
 * scans of paper sign-in sheets, for a register kept on paper in a hall without network;
 * their entries are typed in later (participants name the sheet they come from). Stored while
 * the register is open, like any entry.
 */

export const SHEET_TYPES_MESSAGE = {
  kk: 'Файл түрі қолдау көрсетілмейді (PNG, JPEG немесе PDF)',
  ru: 'Тип файла не поддерживается (PNG, JPEG или PDF)',
  en: 'Unsupported file type (PNG, JPEG or PDF)',
};

export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

function presentSheet(row: PaperSheetRow, entries: number) {
  return { id: row.id, meetingId: row.meetingId, contentType: row.contentType, size: row.size, uploadedAt: row.uploadedAt.toISOString(), entries };
}

/** Stores the scan of a paper sign-in sheet (PNG, JPEG or PDF by its first bytes). */
export async function uploadPaperSheet(ctx: ServiceContext, dataDir: string, meetingId: string, bytes: Buffer) {
  const meeting = await loadMeeting(ctx, meetingId);
  requireRecordingOpen(ctx, meeting);
  const type = sniffType(bytes);
  if (!type) throw new AppError('unsupported_file', { accepted: ['image/png', 'image/jpeg', 'application/pdf'] }, 400, SHEET_TYPES_MESSAGE);
  if (bytes.length > MAX_SHEET_BYTES) throw new AppError('payload_too_large', { maxBytes: MAX_SHEET_BYTES }, 413);
  const file = await storeFile(dataDir, bytes, type);
  const row = await inTransaction(ctx, async (tx, audit) => {
    const sheet = await insertPaperSheet(tx, { meetingId, file, contentType: type, size: bytes.length, uploadedBy: ctx.actor?.id ?? null, uploadedAt: ctx.now() });
    await audit({ action: 'paper_sheet.create', entityType: 'meeting', entityId: meetingId, after: { sheetId: sheet.id, contentType: type, size: bytes.length, file } });
    return sheet;
  });
  return presentSheet(row, 0);
}

export async function paperSheets(ctx: ServiceContext, meetingId: string) {
  return (await paperSheetsOf(ctx.db, meetingId)).map((r) => presentSheet(r.sheet, Number(r.entries)));
}

export async function paperSheetFile(ctx: ServiceContext, dataDir: string, sheetId: string) {
  const sheet = await paperSheetById(ctx.db, sheetId);
  if (!sheet) throw new AppError('not_found');
  return readStoredFile(dataDir, sheet.file);
}
