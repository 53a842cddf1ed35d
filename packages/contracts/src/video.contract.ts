import { z } from 'zod';
import { IsoDate } from './list.contract.ts';
import { PlainText, Text } from './text.contract.ts';

/*
 * the meeting's video recording, uploaded with the tus resumable-upload protocol
 * (POST/PATCH/HEAD under /api/v1/uploads/videos/), several files per meeting.
 * retention of the meeting's materials and legal holds.
 */
export const VIDEO_STATUS_VALUES = ['uploading', 'complete', 'removed'] as const;

export const Video = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  /** The tus upload id (the last segment of the upload URL), to resume an interrupted upload. */
  uploadId: z.string(),
  fileName: z.string(),
  contentType: z.string().nullable(),
  /** Declared length in bytes (the whole file once complete). */
  size: z.number().int(),
  /** SHA-256 (hex) of the stored bytes, once complete. */
  sha256: z.string().nullable(),
  status: z.enum(VIDEO_STATUS_VALUES),
  uploadedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  uploadedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  removedAt: z.iso.datetime().nullable(),
}).meta({ id: 'Video' });
export type Video = z.infer<typeof Video>;

export const VideoList = z.object({
  items: z.array(Video),
  /** Bytes of the complete files. */
  totalSize: z.number().int(),
  maxBytes: z.number().int(),
}).meta({ id: 'VideoList' });
export type VideoList = z.infer<typeof VideoList>;

/** What the tus client sends as Upload-Metadata (base64 values). */
export const VideoUploadMetadata = z.object({
  meetingId: z.uuid(),
  filename: Text(255),
  filetype: Text(120, { min: 0 }).optional(),
});

export const RETENTION_KINDS = ['video', 'paper_sheet', 'source_attachment', 'publication_proof'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export const RetentionQuery = z.object({ asOf: IsoDate.optional() }).strict();

export const RetentionEntry = z.object({
  meetingId: z.uuid(),
  meetingNumber: z.string(),
  meetingDate: IsoDate,
  kind: z.enum(RETENTION_KINDS),
  /** Stable name of the record and file, e.g. `video:<id>` or `paper_sheet:<id>:<file>`. */
  reference: z.string(),
  fileName: z.string().nullable(),
  size: z.number().int(),
}).meta({ id: 'RetentionEntry' });
export type RetentionEntry = z.infer<typeof RetentionEntry>;

export const RetentionList = z.object({
  asOf: IsoDate,
  retentionDays: z.number().int(),
  /** Materials of meetings dated before this day have passed retention. */
  cutoff: IsoDate,
  items: z.array(RetentionEntry),
  count: z.number().int(),
  totalSize: z.number().int(),
  /** Meetings past retention kept by a legal hold (their materials are not listed). */
  heldMeetings: z.array(z.object({ meetingId: z.uuid(), meetingNumber: z.string(), reason: z.string() })),
}).meta({ id: 'RetentionList' });
export type RetentionList = z.infer<typeof RetentionList>;

export const RetentionRemovalBody = z.object({
  asOf: IsoDate,
  /** The removal is a human decision: it must be confirmed explicitly. */
  confirm: z.literal(true),
}).strict();

export const RetentionRemovalResult = z.object({
  asOf: IsoDate,
  removed: z.array(RetentionEntry),
  count: z.number().int(),
  totalSize: z.number().int(),
  /** Stored files deleted (a content-addressed file shared with a kept record stays). */
  filesDeleted: z.number().int(),
  removedAt: z.iso.datetime(),
}).meta({ id: 'RetentionRemovalResult' });
export type RetentionRemovalResult = z.infer<typeof RetentionRemovalResult>;

export const LegalHoldBody = z.object({ reason: PlainText(1000) }).strict();

export const LegalHold = z.object({
  meetingId: z.uuid(), reason: z.string(), placedBy: z.uuid().nullable(), placedAt: z.iso.datetime(),
}).meta({ id: 'LegalHold' });
export type LegalHold = z.infer<typeof LegalHold>;
