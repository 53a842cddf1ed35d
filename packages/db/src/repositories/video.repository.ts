import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { videos } from '../schema/protocol.schema.ts';

/*
 * the meeting's video files. The bytes live in the video store (local disk or S3,
 * under `storageKey`); this table knows whose they are, how big, and their SHA-256.
 */
export type VideoRow = typeof videos.$inferSelect;

export async function insertVideo(db: Executor, values: typeof videos.$inferInsert): Promise<VideoRow> {
  const [row] = await db.insert(videos).values(values).returning();
  return row!;
}

export async function videoById(db: Executor, id: string): Promise<VideoRow | null> {
  const [row] = await db.select().from(videos).where(eq(videos.id, id));
  return row ?? null;
}

export async function videoByUploadId(db: Executor, uploadId: string): Promise<VideoRow | null> {
  const [row] = await db.select().from(videos).where(eq(videos.uploadId, uploadId));
  return row ?? null;
}

/** Records the finished upload: its size and SHA-256. Only an upload still in progress completes. */
export async function completeVideo(db: Executor, id: string, values: { size: number; sha256: string; completedAt: Date }): Promise<VideoRow | null> {
  const [row] = await db.update(videos).set({ ...values, status: 'complete' })
    .where(and(eq(videos.id, id), eq(videos.status, 'uploading'))).returning();
  return row ?? null;
}

/** The files are gone (deleted by an administrator or after retention); the record stays. */
export async function markVideosRemoved(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(videos).set({ status: 'removed', removedAt: at }).where(inArray(videos.id, [...ids]));
}

/**
 * Uploads started before `startedBefore` and never finished expire: marked removed (never
 * completed, so `completedAt` stays null), the record kept. Returns what was marked, for the
 * caller to delete the partial files.
 */
export async function markExpiredUploads(db: Executor, startedBefore: Date, at: Date): Promise<Array<{ id: string; meetingId: string; storageKey: string }>> {
  return db.update(videos).set({ status: 'removed', removedAt: at })
    .where(and(eq(videos.status, 'uploading'), lt(videos.createdAt, startedBefore)))
    .returning({ id: videos.id, meetingId: videos.meetingId, storageKey: videos.storageKey });
}

/** An upload abandoned before completion (tus termination) leaves no record. */
export async function deleteUploadingVideo(db: Executor, id: string): Promise<void> {
  await db.delete(videos).where(and(eq(videos.id, id), eq(videos.status, 'uploading')));
}

export async function meetingVideos(db: Executor, meetingId: string) {
  return db.select({
    video: videos,
    uploaderName: users.displayName,
  }).from(videos).leftJoin(users, eq(users.id, videos.createdBy))
    .where(eq(videos.meetingId, meetingId)).orderBy(asc(videos.createdAt), asc(videos.fileName));
}
