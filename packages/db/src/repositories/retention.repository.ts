import { and, asc, desc, eq, inArray, like, lt, ne, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { paperSheets, reportSources } from '../schema/holding.schema.ts';
import { announcements, meetings } from '../schema/meeting.schema.ts';
import { legalHolds, retentionRemovals, videos } from '../schema/protocol.schema.ts';

/*
 * the meeting's materials (video, paper sheet scans, source attachments, publication
 * proofs) are kept at least a year from the meeting date; afterwards an administrator removes
 * them. A legal hold keeps a meeting's materials. What was removed is recorded, one row per
 * file reference; the records themselves (register, protocol, signatures) stay.
 */
export type MaterialKind = 'video' | 'paper_sheet' | 'source_attachment' | 'publication_proof';

export interface Material {
  meetingId: string;
  meetingNumber: string;
  meetingDate: string;
  kind: MaterialKind;
  /** `video:<id>`, `paper_sheet:<id>:<file>`, `source_attachment:<id>:<file>`, `publication_proof:<id>:<file>`. */
  reference: string;
  fileName: string | null;
  size: number;
  /** The video's storage key, or the content-addressed file name under DATA_DIR/files. */
  file: string;
  videoId?: string;
}

export const materialReference = (kind: MaterialKind, id: string, file?: string) => (file ? `${kind}:${id}:${file}` : `${kind}:${id}`);

const notHeld = notExists(sql`(select 1 from ${legalHolds} where ${legalHolds.meetingId} = ${meetings.id})`);

/** Every material of meetings dated before `cutoff` without a legal hold, not yet removed. */
export async function expiredMaterials(db: Executor, cutoff: string): Promise<Material[]> {
  const old = and(lt(meetings.startDate, cutoff), notHeld);
  const meetingCols = { meetingId: meetings.id, meetingNumber: meetings.number, meetingDate: meetings.startDate };
  // Sequential: inside a transaction all of them share one connection.
  const vs = await db.select({ ...meetingCols, id: videos.id, key: videos.storageKey, name: videos.fileName, size: videos.size })
    .from(videos).innerJoin(meetings, eq(meetings.id, videos.meetingId))
    .where(and(old, ne(videos.status, 'removed'))).orderBy(asc(meetings.startDate), asc(videos.createdAt));
  const sheets = await db.select({ ...meetingCols, id: paperSheets.id, file: paperSheets.file, size: paperSheets.size })
    .from(paperSheets).innerJoin(meetings, eq(meetings.id, paperSheets.meetingId))
    .where(old).orderBy(asc(meetings.startDate), asc(paperSheets.uploadedAt));
  const sources = await db.select({ ...meetingCols, id: reportSources.id, files: reportSources.files })
    .from(reportSources).innerJoin(meetings, eq(meetings.id, reportSources.meetingId))
    .where(and(old, sql`jsonb_array_length(${reportSources.files}) > 0`)).orderBy(asc(meetings.startDate), asc(reportSources.createdAt));
  const proofs = await db.select({ ...meetingCols, id: announcements.id, file: announcements.proofFile })
    .from(announcements).innerJoin(meetings, eq(meetings.id, announcements.meetingId))
    .where(and(old, sql`${announcements.proofFile} is not null`)).orderBy(asc(meetings.startDate), asc(announcements.createdAt));

  const out: Material[] = [];
  for (const v of vs) {
    out.push({ meetingId: v.meetingId, meetingNumber: v.meetingNumber, meetingDate: v.meetingDate, kind: 'video', reference: materialReference('video', v.id), fileName: v.name, size: v.size, file: v.key, videoId: v.id });
  }
  for (const s of sheets) {
    out.push({ meetingId: s.meetingId, meetingNumber: s.meetingNumber, meetingDate: s.meetingDate, kind: 'paper_sheet', reference: materialReference('paper_sheet', s.id, s.file), fileName: s.file, size: s.size, file: s.file });
  }
  for (const s of sources) {
    for (const f of s.files) {
      out.push({ meetingId: s.meetingId, meetingNumber: s.meetingNumber, meetingDate: s.meetingDate, kind: 'source_attachment', reference: materialReference('source_attachment', s.id, f.file), fileName: f.name, size: f.size, file: f.file });
    }
  }
  for (const p of proofs) {
    out.push({ meetingId: p.meetingId, meetingNumber: p.meetingNumber, meetingDate: p.meetingDate, kind: 'publication_proof', reference: materialReference('publication_proof', p.id, p.file!), fileName: p.file, size: 0, file: p.file! });
  }
  // Files (not videos) already removed keep their rows: the removal record says so.
  const removed = await removedReferences(db, out.filter((m) => m.kind !== 'video').map((m) => m.reference));
  return out.filter((m) => !removed.has(m.reference)).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.meetingNumber.localeCompare(b.meetingNumber));
}

/** Meetings dated before `cutoff` that a legal hold keeps. */
export async function heldMeetingsBefore(db: Executor, cutoff: string) {
  return db.select({ meetingId: meetings.id, meetingNumber: meetings.number, reason: legalHolds.reason })
    .from(legalHolds).innerJoin(meetings, eq(meetings.id, legalHolds.meetingId))
    .where(lt(meetings.startDate, cutoff)).orderBy(asc(meetings.startDate));
}

export async function removedReferences(db: Executor, references: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < references.length; i += 500) {
    const chunk = references.slice(i, i + 500);
    const rows = await db.select({ reference: retentionRemovals.reference }).from(retentionRemovals).where(inArray(retentionRemovals.reference, chunk));
    for (const r of rows) out.add(r.reference);
  }
  return out;
}

/**
 * When retention removed the file of one record, or null: `video:<id>` exactly, or any file of
 * `<kind>:<id>:` when `file` is not given (a paper sheet or a proof has one file).
 */
export async function materialRemoval(db: Executor, material: { kind: MaterialKind; id: string; file?: string }): Promise<{ removedAt: Date } | null> {
  const match = material.kind === 'video' || material.file !== undefined
    ? eq(retentionRemovals.reference, materialReference(material.kind, material.id, material.file))
    : like(retentionRemovals.reference, `${material.kind}:${material.id}:%`);
  const [row] = await db.select({ removedAt: retentionRemovals.removedAt }).from(retentionRemovals)
    .where(and(eq(retentionRemovals.kind, material.kind), match)).orderBy(desc(retentionRemovals.removedAt)).limit(1);
  return row ?? null;
}

/**
 * Every record (of any meeting) that points to one of these content-addressed files: the same
 * scan may be stored once and referenced by several records.
 */
export async function fileReferences(db: Executor, files: readonly string[]): Promise<Array<{ reference: string; file: string }>> {
  if (files.length === 0) return [];
  const list = [...files];
  const sheets = await db.select({ id: paperSheets.id, file: paperSheets.file }).from(paperSheets).where(inArray(paperSheets.file, list));
  const proofs = await db.select({ id: announcements.id, file: announcements.proofFile }).from(announcements).where(inArray(announcements.proofFile, list));
  const wanted = sql.join(list.map((f) => sql`${f}`), sql`, `);
  const sources = await db.select({ id: reportSources.id, files: reportSources.files }).from(reportSources)
    .where(sql`exists (select 1 from jsonb_array_elements(${reportSources.files}) e where e->>'file' in (${wanted}))`);
  const set = new Set(list);
  return [
    ...sheets.map((s) => ({ reference: materialReference('paper_sheet', s.id, s.file), file: s.file })),
    ...proofs.map((p) => ({ reference: materialReference('publication_proof', p.id, p.file!), file: p.file! })),
    ...sources.flatMap((s) => s.files.filter((f) => set.has(f.file)).map((f) => ({ reference: materialReference('source_attachment', s.id, f.file), file: f.file }))),
  ];
}

export async function insertRemovals(db: Executor, rows: Array<{ meetingId: string; kind: MaterialKind; reference: string; size: number; removedBy: string | null; removedAt: Date }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(retentionRemovals).values(rows.slice(i, i + 500));
}

export async function legalHoldOf(db: Executor, meetingId: string) {
  const [row] = await db.select().from(legalHolds).where(eq(legalHolds.meetingId, meetingId));
  return row ?? null;
}

/** Places (or re-words) the legal hold of a meeting. */
export async function placeLegalHold(db: Executor, meetingId: string, reason: string, placedBy: string | null, at: Date) {
  const [row] = await db.insert(legalHolds).values({ meetingId, reason, placedBy, placedAt: at })
    .onConflictDoUpdate({ target: legalHolds.meetingId, set: { reason, placedBy, placedAt: at } }).returning();
  return row!;
}

export async function releaseLegalHold(db: Executor, meetingId: string) {
  const [row] = await db.delete(legalHolds).where(eq(legalHolds.meetingId, meetingId)).returning();
  return row ?? null;
}
