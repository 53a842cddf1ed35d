import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { FileStore } from '@tus/file-store';
import type { DataStore, Upload } from '@tus/utils';
import type { Clock } from '@esep/domain';
import type { Config } from '../config.ts';

/*
 * video files of several GB, uploaded with tus (resumable) to local disk
 * (DATA_DIR/videos) or to S3-compatible object storage, read back by byte ranges, deleted after
 * retention. Nothing here holds a file in memory.
 *
 * While an upload streams in, each PATCH's bytes pass a tap that feeds a SHA-256 kept per
 * upload (in memory, with the offset it covers) and checks the first bytes are a video
 * container. If the server restarts mid-upload (or a write fails midway), the hash state is
 * lost: the upload still resumes, and at completion the stored file is re-read once, streaming,
 * to compute the SHA-256 and check the container.
 */

/** How many leading bytes decide the container (MPEG-TS needs three 188-byte packets). */
const HEAD_BYTES = 512;

export type Sniff = 'video' | 'not_video' | 'need_more';

/**
 * The container by its magic bytes, never by name: MP4/MOV/3GP (`ftyp`, or a QuickTime atom,
 * at offset 4), Matroska/WebM (EBML `1A 45 DF A3`), AVI (`RIFF....AVI `), MPEG-TS (0x47 sync
 * every 188 bytes, or 192 for M2TS) and MPEG-PS (`00 00 01 BA`). `complete` says the whole file
 * is in `head`, so a short file is decided on what there is.
 */
export function sniffVideo(head: Buffer, complete: boolean): Sniff {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head.length >= 8 && ['ftyp', 'moov', 'mdat', 'wide'].includes(ascii(4, 8))) return 'video';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'video';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'video';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x000001ba) return 'video';
  const syncEvery = (first: number, step: number, packets: number) => {
    for (let i = 0; i < packets; i += 1) if (head[first + i * step] !== 0x47) return false;
    return true;
  };
  const ts = head[0] === 0x47;
  const m2ts = head[4] === 0x47;
  if (ts && head.length >= 2 * 188 + 1 && syncEvery(0, 188, 3)) return 'video';
  if (m2ts && head.length >= 4 + 2 * 192 + 1 && syncEvery(4, 192, 3)) return 'video';
  if (complete) {
    // A whole file shorter than three packets: every packet it has must start with the sync byte.
    if (ts && head.length >= 188 && syncEvery(0, 188, Math.floor((head.length - 1) / 188) + 1)) return 'video';
    return 'not_video';
  }
  if (head.length < 12) return 'need_more';
  // Could still be a transport stream until enough packets have arrived.
  if ((ts || m2ts) && head.length < HEAD_BYTES) return 'need_more';
  return 'not_video';
}

/** Thrown by the tap when the first bytes are not a video container; the upload is deleted. */
export class NotAVideoError extends Error {
  constructor(readonly uploadId: string) { super('not a video container'); }
}

interface Progress {
  /** Declared length of the upload. */
  size: number | undefined;
  /** Bytes the hash covers (equal to the stored offset while on track). */
  offset: number;
  hash: Hash | null;
  /** The first bytes, until the container is decided; null once decided or when unknown. */
  head: Buffer | null;
  video: boolean;
}

export interface VideoStore {
  readonly kind: 'file' | 's3';
  /** The tus data store, with the hashing tap in its `write`. */
  readonly datastore: DataStore;
  /** Size of a stored (complete) file, or null when it is not there. */
  size(key: string): Promise<number | null>;
  /** A stream of the file, or of bytes start..end (inclusive). */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Deletes the file and any upload bookkeeping; a missing file is not an error. */
  remove(key: string): Promise<void>;
  /** At completion: the SHA-256 and whether the file is a video container (re-reads the file only when the tap lost track). */
  finish(key: string, size: number): Promise<{ sha256: string; video: boolean; rehashed: boolean }>;
  /** Forgets the tap's state of an upload. */
  forget(key: string): void;
}

/**
 * The S3 modules (the AWS SDK) are loaded only when S3 is configured: they weigh on the server's
 * memory. Both stores have the tus expiration extension on: an upload unfinished
 * `uploadExpiryMs` after its creation answers 410 and is swept by `cleanUpExpiredUploads`.
 */
export async function createVideoStore(config: Pick<Config, 'dataDir' | 's3' | 'uploadExpiryMs'>, clock: Clock): Promise<VideoStore> {
  if (config.s3) return s3VideoStore(config.s3, config.uploadExpiryMs);
  const directory = join(config.dataDir, 'videos');
  // Made here, awaited: a failure is an ordinary start-up error (see DirectoryMadeFileStore).
  await mkdir(directory, { recursive: true, mode: 0o750 });
  return fileVideoStore(directory, config.uploadExpiryMs, clock);
}

/**
 * @tus/file-store makes its directory from its constructor, in a callback that throws on failure:
 * an uncaught exception that stops the process (seen in the suite when a data directory was
 * removed while that callback was still pending). Esep makes the directory itself before it
 * builds the store, so the store's own attempt is switched off (the method is private in the
 * library's types, hence defined on the prototype rather than overridden).
 */
class DirectoryMadeFileStore extends FileStore {}
Object.defineProperty(DirectoryMadeFileStore.prototype, 'checkOrCreateDirectory', { value: () => undefined });

function fileVideoStore(directory: string, expirationPeriodInMilliseconds: number, clock: Clock): VideoStore {
  const datastore = new DirectoryMadeFileStore({ directory, expirationPeriodInMilliseconds });
  // @tus/file-store 2.1's own deleteExpired judges "unfinished" by the info file's `offset`,
  // which it writes at creation and never updates: every finished video would be deleted once
  // past the window. Here the offset is the data file's size (as getUpload reports it).
  datastore.deleteExpired = async () => {
    const expiry = datastore.getExpiration();
    if (expiry <= 0 || !datastore.configstore.list) return 0;
    let deleted = 0;
    for (const id of await datastore.configstore.list()) {
      const upload = await datastore.getUpload(id).catch(() => null);
      if (!upload?.creation_date || upload.size === undefined || upload.offset >= upload.size) continue;
      if (clock.now().getTime() <= new Date(upload.creation_date).getTime() + expiry) continue;
      await datastore.remove(id);
      deleted += 1;
    }
    return deleted;
  };
  const safe = (key: string) => {
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(key)) throw new Error('bad video key');
    return join(directory, key);
  };
  const base = {
    kind: 'file' as const,
    datastore,
    async size(key: string) {
      try { return (await stat(safe(key))).size; } catch { return null; }
    },
    async read(key: string, range?: { start: number; end: number }) {
      return createReadStream(safe(key), range ? { start: range.start, end: range.end } : {});
    },
    async remove(key: string) {
      for (const path of [safe(key), `${safe(key)}.json`]) {
        await unlink(path).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
      }
    },
  };
  return withTap(base);
}

async function s3VideoStore(s3: NonNullable<Config['s3']>, expirationPeriodInMilliseconds: number): Promise<VideoStore> {
  const { AbortMultipartUploadCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const { S3Store } = await import('@tus/s3-store');
  const clientConfig: S3ClientConfig = {
    region: s3.region,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    forcePathStyle: s3.forcePathStyle,
    ...(s3.accessKeyId && s3.secretAccessKey ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } } : {}),
    // Plain payloads: S3-compatible stores differ in their support of the newer streaming checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  const client = new S3Client(clientConfig);
  // Parts of 64 MiB are spooled to the temporary directory, not memory, before they go to S3.
  // No object tags (not every S3-compatible store has them): expired uploads are found by
  // listing the unfinished multipart uploads, not by a lifecycle rule on a tag.
  const datastore = new S3Store({
    partSize: 64 * 1024 * 1024, useTags: false, expirationPeriodInMilliseconds, s3ClientConfig: { ...clientConfig, bucket: s3.bucket },
  });
  const Bucket = s3.bucket;
  const notFound = (error: unknown) => {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
  };
  const base = {
    kind: 's3' as const,
    datastore,
    async size(key: string) {
      try {
        return (await client.send(new HeadObjectCommand({ Bucket, Key: key }))).ContentLength ?? null;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async read(key: string, range?: { start: number; end: number }) {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      return answer.Body as Readable;
    },
    async remove(key: string) {
      // An unfinished upload: abort its multipart upload (its id is in the info object's metadata).
      try {
        const info = await client.send(new HeadObjectCommand({ Bucket, Key: `${key}.info` }));
        const uploadId = info.Metadata?.['upload-id'];
        if (uploadId) await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      } catch (error) {
        if (!notFound(error)) throw error;
      }
      await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: key }, { Key: `${key}.info` }, { Key: `${key}.part` }], Quiet: true } }));
      await (datastore as unknown as { clearCache?: (id: string) => Promise<void> }).clearCache?.(key);
    },
  };
  return withTap(base);
}

/** Adds the hashing and sniffing tap to the store's `write`, and `finish`/`forget`. */
function withTap(base: Omit<VideoStore, 'finish' | 'forget'>): VideoStore {
  const progress = new Map<string, Progress>();
  const store = base.datastore;
  const create = store.create.bind(store);
  const write = store.write.bind(store);
  const remove = store.remove.bind(store);

  store.create = async (upload: Upload) => {
    progress.set(upload.id, { size: upload.size, offset: 0, hash: createHash('sha256'), head: Buffer.alloc(0), video: false });
    return create(upload);
  };
  store.remove = async (id: string) => {
    progress.delete(id);
    return remove(id);
  };
  store.write = async (readable: Readable, id: string, offset: number) => {
    let state = progress.get(id);
    if (!state || state.offset !== offset) {
      // Lost track (a restart): keep accepting bytes; `finish` re-reads the file.
      const upload = await store.getUpload(id);
      state = { size: upload.size, offset, hash: null, head: offset === 0 ? Buffer.alloc(0) : null, video: false };
      if (offset === 0) state.hash = createHash('sha256');
      progress.set(id, state);
    }
    // A copy: bytes of a write that fails are not counted in the kept state.
    const hash = state.hash ? state.hash.copy() : null;
    let head = state.head;
    let video = state.video;
    let count = 0;
    let refused = false;
    const size = state.size;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        if (!video && head) {
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          const verdict = sniffVideo(head, size !== undefined && offset + count + chunk.length >= size);
          if (verdict === 'not_video') { refused = true; callback(new NotAVideoError(id)); return; }
          if (verdict === 'video') { video = true; head = null; }
        }
        hash?.update(chunk);
        count += chunk.length;
        callback(null, chunk);
      },
    });
    readable.on('error', (error) => tap.destroy(error));
    // The store may attach its pipeline only after some awaits (S3: metadata, parts); the
    // refusal is reported through `refused`, not as an unhandled stream error.
    tap.on('error', () => undefined);
    let newOffset: number;
    try {
      newOffset = await write(readable.pipe(tap), id, offset);
    } catch (error) {
      if (refused) {
        progress.delete(id);
        await remove(id).catch(() => undefined);
        await base.remove(id).catch(() => undefined);
        throw new NotAVideoError(id);
      }
      // What reached the store is unknown: the state no longer follows the file.
      state.hash = null;
      state.offset = -1;
      throw error;
    }
    if (refused) {
      progress.delete(id);
      await base.remove(id).catch(() => undefined);
      throw new NotAVideoError(id);
    }
    const onTrack = count === newOffset - offset;
    progress.set(id, { size, offset: newOffset, hash: onTrack ? hash : null, head: onTrack ? head : null, video: onTrack && video });
    return newOffset;
  };

  return {
    ...base,
    async remove(key) {
      progress.delete(key);
      await base.remove(key);
    },
    async finish(key, size) {
      const state = progress.get(key);
      progress.delete(key);
      if (state?.hash && state.offset === size && (state.video || state.head)) {
        const video = state.video || (state.head !== null && sniffVideo(state.head, true) === 'video');
        return { sha256: state.hash.digest('hex'), video, rehashed: false };
      }
      const hash = createHash('sha256');
      let head = Buffer.alloc(0);
      for await (const chunk of await base.read(key)) {
        const bytes = chunk as Buffer;
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, bytes.subarray(0, HEAD_BYTES - head.length)]);
        hash.update(bytes);
      }
      return { sha256: hash.digest('hex'), video: sniffVideo(head, true) === 'video', rehashed: true };
    },
    forget(key) { progress.delete(key); },
  };
}

/** A stream for responses, from whatever the store returned. */
export function toNodeStream(body: Readable | ReadableStream): Readable {
  return body instanceof Readable ? body : Readable.fromWeb(body as import('node:stream/web').ReadableStream);
}
