import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { LegalHold, RetentionEntry, RetentionList, RetentionRemovalResult } from '@esep/contracts';
import {
  expiredMaterials, fileReferences, heldMeetingsBefore, insertRemovals, markVideosRemoved, meetingRow, placeLegalHold, releaseLegalHold,
  removedReferences, type Material,
} from '@esep/db';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import type { VideoStore } from '../../storage/video.store.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/*
 * the meeting's materials — video, paper sheet scans, source attachments, publication
 * proofs — are kept at least ESEP_RETENTION_DAYS (≥ 365) from the meeting date. The list of
 * what has passed is a dry run anyone with the grant (the administrator) may look at any time;
 * the removal is always a human decision, confirmed explicitly. A legal hold keeps a meeting's
 * materials. The records (register, items, protocol, signatures) are never removed.
 */
export interface RetentionDeps { dataDir: string; videoStore: VideoStore; retentionDays: number }

const FUTURE = {
  kk: 'Жою күні болашақта болмауы керек (R-32.6)',
  ru: 'Дата удаления не может быть в будущем (R-32.6)',
  en: 'The removal date cannot be in the future (R-32.6)',
};

export function retentionCutoff(asOf: string, days: number): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const present = (m: Material): RetentionEntry => ({
  meetingId: m.meetingId, meetingNumber: m.meetingNumber, meetingDate: m.meetingDate, kind: m.kind, reference: m.reference, fileName: m.fileName, size: m.size,
});

/** Publication proofs record no size: it is the stored file's. */
async function withSizes(materials: Material[], dataDir: string): Promise<Material[]> {
  for (const m of materials) {
    if (m.kind === 'publication_proof' && m.size === 0) m.size = await stat(join(dataDir, 'files', m.file)).then((s) => s.size, () => 0);
  }
  return materials;
}

/** Dry run: what has passed retention on `asOf` (default today), and which meetings a hold keeps. */
export async function retentionList(ctx: ServiceContext, deps: Pick<RetentionDeps, 'retentionDays' | 'dataDir'>, asOf?: string): Promise<RetentionList> {
  const day = asOf ?? ctx.today;
  const cutoff = retentionCutoff(day, deps.retentionDays);
  const items = (await withSizes(await expiredMaterials(ctx.db, cutoff), deps.dataDir)).map(present);
  const heldMeetings = await heldMeetingsBefore(ctx.db, cutoff);
  return { asOf: day, retentionDays: deps.retentionDays, cutoff, items, count: items.length, totalSize: items.reduce((s, i) => s + i.size, 0), heldMeetings };
}

/**
 * Removes every material the dry run for `asOf` lists: one retention_removals row per file
 * reference, videos marked removed, then the files deleted (local or S3) — all in one
 * transaction, so a failure leaves the records as they were (an already deleted file is not an
 * error on the next run). A content-addressed file is deleted only when no record still kept
 * (a newer meeting's, or a held one's) refers to it.
 */
export async function removeExpired(ctx: ServiceContext, deps: RetentionDeps, asOf: string): Promise<RetentionRemovalResult> {
  if (asOf > ctx.today) throw ruleRefusal({ reason: 'as_of_in_future', rule: 'R-32.6', field: 'asOf' }, FUTURE, 422);
  const cutoff = retentionCutoff(asOf, deps.retentionDays);
  const removedAt = ctx.now();
  return inTransaction(ctx, async (tx, audit) => {
    const materials = await withSizes(await expiredMaterials(tx, cutoff), deps.dataDir);
    if (materials.length === 0) return { asOf, removed: [], count: 0, totalSize: 0, filesDeleted: 0, removedAt: removedAt.toISOString() };
    await insertRemovals(tx, materials.map((m) => ({ meetingId: m.meetingId, kind: m.kind, reference: m.reference, size: m.size, removedBy: ctx.actor?.id ?? null, removedAt })));
    const videos = materials.filter((m) => m.kind === 'video');
    await markVideosRemoved(tx, videos.map((v) => v.videoId!), removedAt);

    // Shared files: kept while any record not removed (now or before) refers to them.
    const files = [...new Set(materials.filter((m) => m.kind !== 'video').map((m) => m.file))];
    const references = await fileReferences(tx, files);
    const gone = await removedReferences(tx, references.map((r) => r.reference));
    for (const m of materials) gone.add(m.reference);
    const kept = new Set(references.filter((r) => !gone.has(r.reference)).map((r) => r.file));
    const deletable = files.filter((f) => !kept.has(f));

    const totalSize = materials.reduce((s, m) => s + m.size, 0);
    await audit({
      action: 'retention.remove', entityType: 'retention', entityId: null,
      after: { asOf, cutoff, count: materials.length, totalSize, videos: videos.length, filesDeleted: deletable.length + videos.length, meetings: [...new Set(materials.map((m) => m.meetingId))] },
    });
    for (const v of videos) await deps.videoStore.remove(v.file);
    for (const f of deletable) {
      if (!/^[0-9a-f]{64}\.[a-z]{3,4}$/.test(f)) continue;
      await unlink(join(deps.dataDir, 'files', f)).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
    }
    return { asOf, removed: materials.map(present), count: materials.length, totalSize, filesDeleted: deletable.length + videos.length, removedAt: removedAt.toISOString() };
  });
}

const presentHold = (row: { meetingId: string; reason: string; placedBy: string | null; placedAt: Date }): LegalHold => ({
  meetingId: row.meetingId, reason: row.reason, placedBy: row.placedBy, placedAt: row.placedAt.toISOString(),
});

export async function placeHold(ctx: ServiceContext, meetingId: string, reason: string): Promise<LegalHold> {
  if (!(await meetingRow(ctx.db, meetingId))) throw new AppError('not_found');
  return inTransaction(ctx, async (tx, audit) => {
    const row = await placeLegalHold(tx, meetingId, reason, ctx.actor?.id ?? null, ctx.now());
    await audit({ action: 'retention.hold', entityType: 'meeting', entityId: meetingId, after: { reason } });
    return presentHold(row);
  });
}

/** Lifting a hold that is not there changes nothing (and answers the same). */
export async function releaseHold(ctx: ServiceContext, meetingId: string): Promise<void> {
  if (!(await meetingRow(ctx.db, meetingId))) throw new AppError('not_found');
  await inTransaction(ctx, async (tx, audit) => {
    const row = await releaseLegalHold(tx, meetingId);
    if (row) await audit({ action: 'retention.release', entityType: 'meeting', entityId: meetingId, before: { reason: row.reason } });
  });
}
