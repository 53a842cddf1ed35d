import type { Video, VideoList } from '@esep/contracts';
import {
  completeVideo, deleteUploadingVideo, insertVideo, markExpiredUploads, markVideosRemoved, materialRemoval, meetingPaths, meetingRow, meetingVideos, videoById, videoByUploadId, type VideoRow,
} from '@esep/db';
import { can, visible } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import type { VideoStore } from '../../storage/video.store.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { MaterialFileMissing, materialRemoved } from '../retention/material.service.ts';

/*
 * the video recording of the meeting — several files when a camera splits it —
 * uploaded resumably (tus), stored on disk or in S3 with its SHA-256, played back by ranges.
 */

const HELD_STATUSES = new Set(['held', 'protocol_signed', 'closed']);

const NOT_HELD = {
  kk: 'Бейнежазба кездесу өткізілгеннен кейін жүктеледі (R-32.1)',
  ru: 'Видеозапись загружается после проведения встречи (R-32.1)',
  en: 'The video recording is uploaded once the meeting has been held (R-32.1)',
};
const TOO_LARGE = (max: number) => {
  const gib = (max / 1024 ** 3).toFixed(max % 1024 ** 3 === 0 ? 0 : 1);
  return {
    kk: `Файл тым үлкен: ең көбі ${gib} ГиБ`,
    ru: `Файл слишком большой: не более ${gib} ГиБ`,
    en: `The file is too large: at most ${gib} GiB`,
  };
};
export const NOT_A_VIDEO = {
  kk: 'Файл бейне емес (MP4, MOV, 3GP, WebM, MKV, AVI немесе MPEG-TS қабылданады)',
  ru: 'Файл не является видео (принимаются MP4, MOV, 3GP, WebM, MKV, AVI или MPEG-TS)',
  en: 'The file is not a video (MP4, MOV, 3GP, WebM, MKV, AVI or MPEG-TS are accepted)',
};

export function presentVideo(row: VideoRow, uploaderName: string | null): Video {
  return {
    id: row.id, meetingId: row.meetingId, uploadId: row.uploadId, fileName: row.fileName, contentType: row.contentType,
    size: row.size, sha256: row.sha256, status: row.status,
    uploadedBy: row.createdBy ? { id: row.createdBy, name: uploaderName ?? '' } : null,
    uploadedAt: row.createdAt.toISOString(), completedAt: row.completedAt?.toISOString() ?? null, removedAt: row.removedAt?.toISOString() ?? null,
  };
}

/** The meeting's paths, refusing as the access plugin would: 404 out of territory, 403 when seen but not allowed. */
async function authorise(ctx: ServiceContext, meetingId: string, action: 'create' | 'read') {
  const actor = requireActor(ctx);
  const paths = await meetingPaths(ctx.db, meetingId);
  if (paths.length === 0) throw new AppError('not_found');
  const target = { resource: 'video' as const, paths };
  if (!visible(actor, target)) throw new AppError('not_found');
  if (!can(actor, action, target)) throw new AppError('forbidden');
}

/**
 * tus creation (onUploadCreate): the meeting must be one the user holds, already held, and the
 * declared length within the limit. Records the upload as in progress.
 */
export async function startUpload(ctx: ServiceContext, input: {
  meetingId: string; uploadId: string; fileName: string; contentType: string | null; size: number | undefined; maxBytes: number; storage: VideoStore['kind'];
}): Promise<VideoRow> {
  await authorise(ctx, input.meetingId, 'create');
  const meeting = await meetingRow(ctx.db, input.meetingId);
  if (!meeting) throw new AppError('not_found');
  if (!HELD_STATUSES.has(meeting.status)) throw ruleRefusal({ reason: 'meeting_not_held', rule: 'R-32.1', field: 'meetingId' }, NOT_HELD, 409);
  if (input.size === undefined) throw new AppError('validation_failed', [{ field: 'Upload-Length', reason: 'required (deferred length is not accepted)' }]);
  if (input.size > input.maxBytes) throw new AppError('payload_too_large', { maxBytes: input.maxBytes, size: input.size }, 413, TOO_LARGE(input.maxBytes));
  return insertVideo(ctx.db, {
    meetingId: input.meetingId, uploadId: input.uploadId, storage: input.storage, storageKey: input.uploadId,
    fileName: input.fileName, contentType: input.contentType, size: input.size, status: 'uploading', createdBy: requireActor(ctx).id,
  });
}

const EXPIRED = {
  kk: 'Жүктеу аяқталмай, мерзімі өтіп кетті; файлды қайта жүктеңіз (R-32.1)',
  ru: 'Загрузка не была завершена вовремя и истекла; загрузите файл заново (R-32.1)',
  en: 'The upload was not finished in time and has expired; upload the file again (R-32.1)',
};

/**
 * tus HEAD/PATCH/DELETE: only someone who may upload to the meeting continues its upload. An
 * upload that expired unfinished answers 410 Gone (tus expiration: the server keeps track).
 */
export async function uploadOf(ctx: ServiceContext, uploadId: string): Promise<VideoRow> {
  const row = await videoByUploadId(ctx.db, uploadId);
  if (!row) throw new AppError('not_found');
  await authorise(ctx, row.meetingId, 'create');
  if (row.status === 'removed' && !row.completedAt) {
    throw new AppError('not_found', { reason: 'upload_expired', rule: 'R-32.1', expiredAt: row.removedAt?.toISOString() ?? null }, 410, EXPIRED);
  }
  return row;
}

/**
 * The last byte has arrived: the SHA-256 (from the tap, or re-read), the container check, and
 * the record marked complete — one audited change.
 */
export async function finishUpload(ctx: ServiceContext, store: VideoStore, uploadId: string, size: number): Promise<VideoRow> {
  const row = await videoByUploadId(ctx.db, uploadId);
  if (!row) throw new AppError('not_found');
  const { sha256, video, rehashed } = await store.finish(row.storageKey, size);
  if (!video) {
    await store.remove(row.storageKey);
    await deleteUploadingVideo(ctx.db, row.id);
    throw new AppError('unsupported_file', [{ field: 'file', reason: 'not a video container' }], 400, NOT_A_VIDEO);
  }
  return inTransaction(ctx, async (tx, audit) => {
    const done = await completeVideo(tx, row.id, { size, sha256, completedAt: ctx.now() });
    if (!done) throw new AppError('conflict');
    await audit({ action: 'video.upload', entityType: 'meeting', entityId: row.meetingId, after: { videoId: row.id, size, sha256, storage: row.storage, rehashed } });
    return done;
  });
}

/** A refused or terminated upload leaves no record. */
export async function dropUpload(ctx: ServiceContext, uploadId: string): Promise<void> {
  const row = await videoByUploadId(ctx.db, uploadId);
  if (row) await deleteUploadingVideo(ctx.db, row.id);
}

export async function listVideos(ctx: ServiceContext, meetingId: string, maxBytes: number): Promise<VideoList> {
  const rows = await meetingVideos(ctx.db, meetingId);
  const items = rows.map((r) => presentVideo(r.video, r.uploaderName));
  return { items, totalSize: items.filter((v) => v.status === 'complete').reduce((sum, v) => sum + v.size, 0), maxBytes };
}

/**
 * A complete video to play back, with the size of its stored file.: one removed after
 * the retention period answers 410 `material_removed` with the day; a complete one whose file
 * is missing is a fault (500, logged with the video's id).
 */
export async function playableVideo(ctx: ServiceContext, store: VideoStore, id: string): Promise<{ video: VideoRow; size: number }> {
  const row = await videoById(ctx.db, id);
  if (row?.status === 'removed') {
    const removal = await materialRemoval(ctx.db, { kind: 'video', id: row.id });
    if (removal) throw materialRemoved('video', removal.removedAt);
  }
  if (!row || row.status !== 'complete') throw new AppError('not_found');
  const size = await store.size(row.storageKey);
  if (size === null) throw new MaterialFileMissing('video', row.id);
  return { video: row, size };
}

/** The administrator deletes a video's file; the record stays, marked removed (audited). */
export async function deleteVideo(ctx: ServiceContext, store: VideoStore, id: string): Promise<void> {
  const row = await videoById(ctx.db, id);
  if (!row) throw new AppError('not_found');
  if (row.status === 'removed') return;
  await inTransaction(ctx, async (tx, audit) => {
    await markVideosRemoved(tx, [row.id], ctx.now());
    await audit({ action: 'video.delete', entityType: 'meeting', entityId: row.meetingId, before: { videoId: row.id, size: row.size, sha256: row.sha256, status: row.status } });
    // Inside the transaction: if the store refuses, the record is not marked removed.
    await store.remove(row.storageKey);
  });
}

/**
 * with the tus expiration extension: an upload not finished ESEP_UPLOAD_EXPIRY_HOURS
 * after it started is abandoned — its partial file deleted (disk, or the S3 multipart upload
 * aborted) and its record marked removed, never completed (`completedAt` null), so the list
 * still says a file was begun and when it went. The same window as the store's, which answers
 * 410 to a late HEAD/PATCH. Run by the scheduler as the system (no actor); the audit entry
 * holds counts only. A file deletion failing rolls the marks back; the next run retries.
 */
export async function expireUploads(ctx: ServiceContext, store: VideoStore, expiryMs: number): Promise<{ expired: number }> {
  const now = ctx.now();
  return inTransaction(ctx, async (tx, audit) => {
    const rows = await markExpiredUploads(tx, new Date(now.getTime() - expiryMs), now);
    if (rows.length === 0) return { expired: 0 };
    await audit({
      action: 'video.upload_expire', entityType: 'video', entityId: null,
      after: { expired: rows.length, meetings: new Set(rows.map((r) => r.meetingId)).size, expiryHours: expiryMs / 3600_000 },
    });
    for (const row of rows) await store.remove(row.storageKey);
    return { expired: rows.length };
  });
}
