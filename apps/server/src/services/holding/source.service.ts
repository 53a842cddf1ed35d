import type { Source } from '@esep/contracts';
import { cleanText } from '@esep/contracts';
import { deleteSource, insertSource, lockSource, meetingRow, sourceById, sourcesOf, updateSource, type SourceRow } from '@esep/db';
import { refusalMessage } from '@esep/domain';
import type { z } from 'zod';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { readStoredAttachment, sniffAttachmentType, storeFile } from '../../storage/file.store.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';

/**
 * the sources a report is prepared from (statistics, appeals, programmes, opinion
 * studies, media), each with its attachments. They are worked on until the protocol is signed.
 */

/** Statuses in which the report and its sources may still change. */
export const REPORT_OPEN = ['draft', 'scheduled', 'announced', 'postponed', 'held'] as const;

export interface SourceInput { kind: z.infer<typeof Source>['kind']; title: string; sourceDate?: string | null | undefined; note?: string | null | undefined }

export function presentSource(row: SourceRow): z.infer<typeof Source> {
  return {
    id: row.id, meetingId: row.meetingId, kind: row.kind, title: row.title, sourceDate: row.sourceDate, note: row.note,
    files: row.files.map((f) => ({ file: f.file, name: f.name, contentType: f.contentType, size: f.size })), createdAt: row.createdAt.toISOString(),
  };
}

/** 409 wrong_status (no rule) once the meeting is cancelled or its protocol signed. */
export async function requireOpenMeeting(ctx: ServiceContext, meetingId: string) {
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  if (!(REPORT_OPEN as readonly string[]).includes(meeting.status)) throw ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);
  return meeting;
}

export async function listSources(ctx: ServiceContext, meetingId: string) {
  return (await sourcesOf(ctx.db, meetingId)).map(presentSource);
}

export async function createSource(ctx: ServiceContext, meetingId: string, input: SourceInput) {
  await requireOpenMeeting(ctx, meetingId);
  return inTransaction(ctx, async (tx, audit) => {
    const row = await insertSource(tx, {
      meetingId, kind: input.kind, title: input.title, sourceDate: input.sourceDate ?? null, note: input.note ?? null, createdBy: requireActor(ctx).id,
    });
    await audit({ action: 'source.create', entityType: 'meeting', entityId: meetingId, after: { sourceId: row.id, kind: row.kind, sourceDate: row.sourceDate } });
    return presentSource(row);
  });
}

export async function changeSource(ctx: ServiceContext, id: string, input: Partial<SourceInput>) {
  const before = await sourceById(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await requireOpenMeeting(ctx, before.meetingId);
  const patch: Parameters<typeof updateSource>[2] = {};
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.title !== undefined) patch.title = input.title;
  if (input.sourceDate !== undefined) patch.sourceDate = input.sourceDate;
  if (input.note !== undefined) patch.note = input.note;
  return inTransaction(ctx, async (tx, audit) => {
    const row = Object.keys(patch).length ? await updateSource(tx, id, patch) : before;
    if (!row) throw new AppError('not_found');
    await audit({
      action: 'source.update', entityType: 'meeting', entityId: row.meetingId,
      before: { sourceId: id, kind: before.kind, sourceDate: before.sourceDate }, after: { sourceId: id, kind: row.kind, sourceDate: row.sourceDate, fields: Object.keys(patch) },
    });
    return presentSource(row);
  });
}

export async function removeSource(ctx: ServiceContext, id: string): Promise<void> {
  const row = await sourceById(ctx.db, id);
  if (!row) throw new AppError('not_found');
  await requireOpenMeeting(ctx, row.meetingId);
  await inTransaction(ctx, async (tx, audit) => {
    await deleteSource(tx, id);
    await audit({ action: 'source.delete', entityType: 'meeting', entityId: row.meetingId, before: { sourceId: id, kind: row.kind, files: row.files.length } });
  });
}

const UNSUPPORTED = {
  kk: 'Файл түріне қолдау көрсетілмейді: PDF, PNG, JPEG, DOCX немесе XLSX жүктеңіз',
  ru: 'Тип файла не поддерживается: загрузите PDF, PNG, JPEG, DOCX или XLSX',
  en: 'Unsupported file type: upload PDF, PNG, JPEG, DOCX or XLSX',
};

/** The original name as shown to people: no folders, no hidden characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined, fallback: string): string {
  const base = cleanText((raw ?? '').split(/[\\/]/).pop() ?? '').replace(/["\r\n]/g, '');
  const name = base || fallback;
  const chars = [...name];
  if (chars.length <= 200) return name;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
  return chars.slice(0, 200 - ext.length).join('') + ext;
}

/**
 * Attaches a file to a source. Its type is judged by its bytes, not its name or the client's
 * claim; the content is stored once under its hash and the original name kept beside it.
 */
export async function attachSourceFile(ctx: ServiceContext, dataDir: string, id: string, upload: { bytes: Buffer; filename: string | undefined }) {
  const source = await sourceById(ctx.db, id);
  if (!source) throw new AppError('not_found');
  await requireOpenMeeting(ctx, source.meetingId);
  const type = sniffAttachmentType(upload.bytes);
  if (!type) throw new AppError('unsupported_file', [{ field: 'file', reason: 'PDF, PNG, JPEG, DOCX or XLSX' }], 400, UNSUPPORTED);
  const file = await storeFile(dataDir, upload.bytes, type);
  const entry = { file, name: cleanFileName(upload.filename, file), contentType: type, size: upload.bytes.length };
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockSource(tx, id);
    if (!locked) throw new AppError('not_found');
    // The same content attached again keeps one entry, under the latest name.
    const files = [...locked.files.filter((f) => f.file !== file), entry];
    const row = (await updateSource(tx, id, { files }))!;
    await audit({ action: 'source.file', entityType: 'meeting', entityId: row.meetingId, after: { sourceId: id, file, contentType: type, bytes: upload.bytes.length } });
    return presentSource(row);
  });
}

export async function sourceFile(ctx: ServiceContext, dataDir: string, id: string, name: string) {
  const source = await sourceById(ctx.db, id);
  const entry = source?.files.find((f) => f.file === name);
  if (!entry) throw new AppError('not_found');
  // A listed attachment whose file is gone is a fault, not "not found": the caller (keptMaterial)
  // answers 410 when retention removed it and 500, logged, otherwise.
  const stored = await readStoredAttachment(dataDir, entry.file);
  return { bytes: stored.bytes, type: stored.type, name: entry.name };
}

/** Content-Disposition with the original name: an ASCII fallback and the UTF-8 name (RFC 5987/6266). */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
