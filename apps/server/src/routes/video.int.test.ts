import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, ListPartsCommand, S3Client } from '@aws-sdk/client-s3';
import { videos } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { meetingPlan } from '../../test/meetings.ts';
import { startLocalS3, type LocalS3 } from '../../test/s3rver.ts';
import { mp4, tusUpload } from '../../test/tus.ts';

/*
 * video recordings uploaded resumably (tus) to local disk or S3, with the SHA-256
 * recorded, played back by byte ranges; bad input refused by its bytes and size.
 */
const MAX = 80 * 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The smallest PNG, padded: a picture renamed `.mp4`. */
const PNG = Buffer.concat([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'), Buffer.alloc(4000, 7)]);

async function token(t: TestApp, username: string): Promise<string> {
  return (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: 'demo' } })).json().token as string;
}

async function setup(overrides: Parameters<typeof testApp>[0] = {}) {
  const t = await testApp({ videoMaxBytes: MAX, ...overrides });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const c: Record<string, Client> = {};
  for (const name of ['admin', 'inspector', 'inspector2']) c[name] = await login(t.app, name);
  const ids = await districtIds(c.admin!);
  const meetingId = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, startedMinutesAgo: 150 });
  const tokens = { inspector: await token(t, 'inspector'), inspector2: await token(t, 'inspector2'), admin: await token(t, 'admin') };
  const auth = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });
  return { t, base: address, c, ids, meetingId, tokens, auth };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** Upload interrupted after about half, resumed with the same URL, completed; the recorded SHA-256 matches. */
async function interruptedUpload(s: Setup, file: Buffer, fileName: string, chunkSize?: number) {
  const metadata = { meetingId: s.meetingId, filename: fileName, filetype: 'video/mp4' };
  const first = await tusUpload(s.base, file, { headers: s.auth('inspector'), metadata, abortAfter: Math.floor(file.length / 2), ...(chunkSize ? { chunkSize } : {}) });
  expect(first.error, first.body).toBeUndefined();
  expect(first.aborted).toBe(true);
  expect(first.url).toMatch(/\/api\/v1\/uploads\/videos\/[0-9a-f]{32}$/);
  // Where the server stands: part of the file, not all of it.
  const head = await fetch(first.url!, { method: 'HEAD', headers: { ...s.auth('inspector'), 'tus-resumable': '1.0.0' } });
  expect(head.status).toBe(200);
  const offset = Number(head.headers.get('upload-offset'));
  expect(offset).toBeGreaterThan(0);
  expect(offset).toBeLessThan(file.length);
  const during = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json();
  expect(during.items.find((v: { uploadId: string }) => first.url!.endsWith(v.uploadId)).status).toBe('uploading');

  const second = await tusUpload(s.base, file, { headers: s.auth('inspector'), metadata, uploadUrl: first.url! });
  expect(second.error, second.body).toBeUndefined();
  const list = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json();
  const video = list.items.find((v: { uploadId: string }) => first.url!.endsWith(v.uploadId));
  expect(video).toMatchObject({ fileName, size: file.length, sha256: sha(file), status: 'complete', uploadedBy: { name: expect.any(String) } });
  return video as { id: string };
}

async function expectRangePlayback(s: Setup, videoId: string, file: Buffer) {
  const part = await s.c.inspector!.get(`/api/v1/videos/${videoId}/content`, { range: 'bytes=100-199' });
  expect(part.statusCode).toBe(206);
  expect(part.headers['accept-ranges']).toBe('bytes');
  expect(part.headers['content-range']).toBe(`bytes 100-199/${file.length}`);
  expect(part.rawPayload.equals(file.subarray(100, 200))).toBe(true);
  const tail = await s.c.inspector!.get(`/api/v1/videos/${videoId}/content`, { range: 'bytes=-10' });
  expect(tail.statusCode).toBe(206);
  expect(tail.rawPayload.equals(file.subarray(file.length - 10))).toBe(true);
  const beyond = await s.c.inspector!.get(`/api/v1/videos/${videoId}/content`, { range: `bytes=${file.length}-` });
  expect(beyond.statusCode).toBe(416);
  expect(beyond.headers['content-range']).toBe(`bytes */${file.length}`);
}

describe('video on local disk', () => {
  let s: Setup;
  beforeAll(async () => { s = await setup(); }, 120_000);
  afterAll(async () => { await s.t.close(); });

  it('a 64 MB upload interrupted halfway resumes with the same URL and completes with a matching SHA-256', async () => {
    const file = mp4(64 * 1024 * 1024, 7);
    const video = await interruptedUpload(s, file, 'GOPR0001.MP4');
    await expectRangePlayback(s, video.id, file);
    const whole = await s.c.inspector!.get(`/api/v1/videos/${video.id}/content`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe(String(file.length));
    expect(sha(whole.rawPayload)).toBe(sha(file));
    // The checklist sees a complete video.
    const audit = (await s.c.admin!.get(`/api/v1/audit?entityId=${s.meetingId}&pageSize=50`)).json();
    const entry = audit.items.find((e: { action: string; after: { videoId?: string } }) => e.action === 'video.upload' && e.after.videoId === video.id);
    // Hashed as the bytes streamed in, across the interruption: the file was not read again.
    expect(entry.after).toMatchObject({ sha256: sha(file), size: file.length, rehashed: false });
  }, 120_000);

  it('after a restart mid-upload (the hash state lost), the upload resumes and the stored file is re-hashed at completion', async () => {
    const file = mp4(3 * 1024 * 1024, 9);
    const metadata = { meetingId: s.meetingId, filename: 'restart.mp4' };
    const first = await tusUpload(s.base, file, { headers: s.auth('inspector'), metadata, chunkSize: 1024 * 1024, abortAfter: 1_500_000 });
    expect(first.aborted).toBe(true);
    const uploadId = first.url!.split('/').pop()!;
    s.t.app.videoStore.forget(uploadId);
    const second = await tusUpload(s.base, file, { headers: s.auth('inspector'), metadata, uploadUrl: first.url!, chunkSize: 1024 * 1024 });
    expect(second.error, second.body).toBeUndefined();
    const video = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json().items.find((v: { uploadId: string }) => v.uploadId === uploadId);
    expect(video).toMatchObject({ status: 'complete', sha256: sha(file) });
    const audit = (await s.c.admin!.get(`/api/v1/audit?entityId=${s.meetingId}&action=video.upload&pageSize=50`)).json();
    expect(audit.items.find((e: { after: { videoId: string } }) => e.after.videoId === video.id).after.rehashed).toBe(true);
  });

  it('several files per meeting (a camera splits recordings); uploaded in small chunks too', async () => {
    const a = mp4(300_000, 11);
    const b = mp4(700_000, 12);
    for (const [file, name] of [[a, 'part1.mp4'], [b, 'part2.mp4']] as const) {
      const done = await tusUpload(s.base, file, { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: name, filetype: 'video/mp4' }, chunkSize: 256 * 1024 });
      expect(done.error, done.body).toBeUndefined();
    }
    const list = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json();
    const complete = list.items.filter((v: { status: string }) => v.status === 'complete');
    expect(complete.length).toBeGreaterThanOrEqual(3);
    expect(complete.find((v: { fileName: string }) => v.fileName === 'part2.mp4').sha256).toBe(sha(b));
    expect(list.totalSize).toBe(complete.reduce((n: number, v: { size: number }) => n + v.size, 0));
  });

  it('accepts other containers by their bytes: WebM, AVI, MPEG-TS', async () => {
    const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(2000, 1)]);
    const avi = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('AVI LIST'), Buffer.alloc(2000, 2)]);
    const ts = Buffer.alloc(188 * 10, 0xff);
    for (let i = 0; i < ts.length; i += 188) ts[i] = 0x47;
    for (const [file, name] of [[webm, 'a.webm'], [avi, 'a.avi'], [ts, 'a.ts']] as const) {
      const done = await tusUpload(s.base, file, { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: name } });
      expect(done.error, `${name}: ${done.body}`).toBeUndefined();
    }
  });

  it('refuses a file that is not a video container (a PNG renamed .mp4) with 400 unsupported_file, and keeps nothing', async () => {
    const before = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json().items.length;
    const done = await tusUpload(s.base, PNG, { headers: { ...s.auth('inspector'), 'accept-language': 'ru' }, metadata: { meetingId: s.meetingId, filename: 'screen.mp4', filetype: 'video/mp4' } });
    expect(done.status).toBe(400);
    const body = JSON.parse(done.body!);
    expect(body.error.code).toBe('unsupported_file');
    expect(body.error.message).toContain('не является видео');
    expect((await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json().items.length).toBe(before);
    const head = await fetch(done.url!, { method: 'HEAD', headers: { ...s.auth('inspector'), 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(404);
  });

  it('refuses an upload over ESEP_VIDEO_MAX_BYTES with 413 in the error shape', async () => {
    const metadata = `meetingId ${Buffer.from(s.meetingId).toString('base64')},filename ${Buffer.from('big.mp4').toString('base64')}`;
    const response = await fetch(`${s.base}/api/v1/uploads/videos/`, {
      method: 'POST', headers: { ...s.auth('inspector'), 'tus-resumable': '1.0.0', 'upload-length': String(MAX + 1), 'upload-metadata': metadata, 'accept-language': 'en' },
    });
    expect(response.status).toBe(413);
    const body = await response.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toContain('too large');
  });

  it('answers 404 at creation for a meeting in another territory, 401 without a session, 409 before the meeting is held', async () => {
    const other = await tusUpload(s.base, mp4(1000), { headers: s.auth('inspector2'), metadata: { meetingId: s.meetingId, filename: 'x.mp4' } });
    expect(other.status).toBe(404);
    expect(JSON.parse(other.body!).error.code).toBe('not_found');
    const anonymous = await tusUpload(s.base, mp4(1000), { headers: {}, metadata: { meetingId: s.meetingId, filename: 'x.mp4' } });
    expect(anonymous.status).toBe(401);
    const planned = await s.c.inspector!.send('POST', '/api/v1/meetings', meetingPlan(s.ids['ALM-KAR-P2-D01']));
    const early = await tusUpload(s.base, mp4(1000), { headers: s.auth('inspector'), metadata: { meetingId: planned.json().id, filename: 'x.mp4' } });
    expect(early.status).toBe(409);
    expect(JSON.parse(early.body!).error.details.rule).toBe('R-32.1');
    const noMeeting = await tusUpload(s.base, mp4(1000), { headers: s.auth('inspector'), metadata: { filename: 'x.mp4' } });
    expect(noMeeting.status).toBe(400);
  });

  it('a resumed upload is continued only by someone who may upload to the meeting', async () => {
    const first = await tusUpload(s.base, mp4(2_000_000, 3), { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: 'c.mp4' }, chunkSize: 512 * 1024, abortAfter: 600_000 });
    expect(first.aborted).toBe(true);
    const stranger = await fetch(first.url!, { method: 'PATCH', headers: { ...s.auth('inspector2'), 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: Buffer.alloc(10) });
    expect(stranger.status).toBe(404);
    // Abandoned: the uploader terminates it, and its record goes.
    const gone = await fetch(first.url!, { method: 'DELETE', headers: { ...s.auth('inspector'), 'tus-resumable': '1.0.0' } });
    expect(gone.status).toBe(204);
    const list = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json();
    expect(list.items.some((v: { uploadId: string }) => first.url!.endsWith(v.uploadId))).toBe(false);
  });

  it('with the session cookie, the CSRF token is required', async () => {
    const login = await s.t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector', password: 'demo' } });
    const cookie = `esep_session=${login.cookies.find((k) => k.name === 'esep_session')!.value}`;
    const metadata = { meetingId: s.meetingId, filename: 'cookie.mp4' };
    const refused = await tusUpload(s.base, mp4(5000), { headers: { cookie }, metadata });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body!).error.code).toBe('csrf_failed');
    const accepted = await tusUpload(s.base, mp4(5000), { headers: { cookie, 'x-csrf-token': login.json().csrfToken }, metadata });
    expect(accepted.error, accepted.body).toBeUndefined();
  });

  it('only the administrator deletes a video: the file goes, the record stays marked removed (audited)', async () => {
    const file = mp4(50_000, 21);
    const done = await tusUpload(s.base, file, { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: 'delete-me.mp4' } });
    expect(done.error).toBeUndefined();
    const video = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json().items.find((v: { fileName: string }) => v.fileName === 'delete-me.mp4');
    expect((await s.c.inspector!.send('DELETE', `/api/v1/videos/${video.id}`)).statusCode).toBe(403);
    expect((await s.c.inspector2!.get(`/api/v1/videos/${video.id}/content`)).statusCode).toBe(404);
    expect((await s.c.admin!.send('DELETE', `/api/v1/videos/${video.id}`)).statusCode).toBe(204);
    expect(await s.t.app.videoStore.size(video.uploadId)).toBeNull();
    const after = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json().items.find((v: { id: string }) => v.id === video.id);
    expect(after).toMatchObject({ status: 'removed', sha256: sha(file), removedAt: expect.any(String) });
    expect((await s.c.inspector!.get(`/api/v1/videos/${video.id}/content`)).statusCode).toBe(404);
  });
});

describe('video in S3-compatible storage (s3rver)', () => {
  let s3: LocalS3;
  let s: Setup;
  beforeAll(async () => {
    s3 = await startLocalS3();
    s = await setup({ s3: s3.config });
  }, 120_000);
  afterAll(async () => { await s?.t.close(); await s3?.close(); });

  it('an interrupted upload resumes and completes with a matching SHA-256; ranges stream from S3; deletion removes the object', async () => {
    expect(s.t.app.videoStore.kind).toBe('s3');
    const file = mp4(12 * 1024 * 1024, 5);
    // In 4 MiB requests (below S3's 5 MiB part minimum: the store keeps an incomplete part between them).
    const video = await interruptedUpload(s, file, 'camera.mov', 4 * 1024 * 1024) as { id: string; uploadId: string };
    await expectRangePlayback(s, video.id, file);
    expect(await s.t.app.videoStore.size((video as { uploadId: string }).uploadId)).toBe(file.length);
    const small = mp4(40_000, 6);
    const second = await tusUpload(s.base, small, { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: 'camera-2.mov' } });
    expect(second.error, second.body).toBeUndefined();
    const png = await tusUpload(s.base, PNG, { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: 'x.mp4' } });
    expect(png.status).toBe(400);
    expect((await s.c.admin!.send('DELETE', `/api/v1/videos/${video.id}`)).statusCode).toBe(204);
    expect(await s.t.app.videoStore.size((video as { uploadId: string }).uploadId)).toBeNull();
  }, 120_000);
});

/*
 * tus expiration: an upload left unfinished ESEP_UPLOAD_EXPIRY_HOURS after it started
 * expires — the store answers 410, the scheduled cleanup deletes the partial file and marks the
 * record removed (never completed); finished uploads are left alone. Here the window is 2.5 s.
 */
const EXPIRY_MS = 2500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One upload abandoned halfway and one finished, both within the window; then the window passes for both. */
async function abandonedAndFinished(s: Setup) {
  const metadata = { meetingId: s.meetingId, filename: 'abandoned.mp4' };
  const abandoned = await tusUpload(s.base, mp4(2_000_000, 31), { headers: s.auth('inspector'), metadata, chunkSize: 512 * 1024, abortAfter: 600_000 });
  expect(abandoned.aborted).toBe(true);
  const finishedFile = mp4(40_000, 32);
  const finished = await tusUpload(s.base, finishedFile, { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: 'finished.mp4' } });
  expect(finished.error, finished.body).toBeUndefined();
  await sleep(EXPIRY_MS + 300);
  // Past the window the store itself refuses to resume (tus expiration), before any cleanup.
  const late = await fetch(abandoned.url!, { method: 'HEAD', headers: { ...s.auth('inspector'), 'tus-resumable': '1.0.0' } });
  expect(late.status).toBe(410);
  const uploadId = abandoned.url!.split('/').pop()!;
  const items = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json().items as Array<{ id: string; uploadId: string; status: string }>;
  const done = items.find((v) => finished.url!.endsWith(v.uploadId))!;
  return { url: abandoned.url!, uploadId, finished: { ...done, file: finishedFile } };
}

/** After the cleanup: the record marked, late HEAD/PATCH answer 410, the finished upload plays; audited with counts. */
async function expectExpired(s: Setup, url: string, uploadId: string, finished: { id: string; file: Buffer }) {
  const list = (await s.c.inspector!.get(`/api/v1/meetings/${s.meetingId}/videos`)).json();
  expect(list.items.find((v: { uploadId: string }) => v.uploadId === uploadId)).toMatchObject({ status: 'removed', completedAt: null, sha256: null, removedAt: expect.any(String) });
  expect(list.items.find((v: { id: string }) => v.id === finished.id)).toMatchObject({ status: 'complete', sha256: sha(finished.file) });
  const head = await fetch(url, { method: 'HEAD', headers: { ...s.auth('inspector'), 'tus-resumable': '1.0.0' } });
  expect(head.status).toBe(410);
  const patch = await fetch(url, {
    method: 'PATCH', headers: { ...s.auth('inspector'), 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'accept-language': 'en' }, body: Buffer.alloc(10),
  });
  expect(patch.status).toBe(410);
  const body = await patch.json() as { error: { code: string; message: string; details: { reason: string } } };
  expect(body.error).toMatchObject({ code: 'not_found', details: { reason: 'upload_expired' } });
  expect(body.error.message).toContain('expired');
  const whole = await s.c.inspector!.get(`/api/v1/videos/${finished.id}/content`);
  expect(whole.statusCode).toBe(200);
  expect(sha(whole.rawPayload)).toBe(sha(finished.file));
  const audit = (await s.c.admin!.get('/api/v1/audit?action=video.upload_expire')).json();
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]).toMatchObject({ actorId: null, after: { expired: 1, meetings: 1, expiryHours: EXPIRY_MS / 3600_000 } });
  // Nothing more to expire: no second entry.
  expect((await s.t.app.expireUploads()).expired).toBe(0);
  expect((await s.c.admin!.get('/api/v1/audit?action=video.upload_expire')).json().items).toHaveLength(1);
}

describe('abandoned uploads expire (local disk)', () => {
  let s: Setup;
  beforeAll(async () => { s = await setup({ uploadExpiryMs: EXPIRY_MS }); }, 120_000);
  afterAll(async () => { await s.t.close(); });

  it('the partial file goes, the record is marked removed, the upload URL answers 410; a finished upload is untouched', async () => {
    // A partial upload no record knows of (its record gone behind the server's back): the store's sweep takes it.
    const orphan = await tusUpload(s.base, mp4(2_000_000, 33), { headers: s.auth('inspector'), metadata: { meetingId: s.meetingId, filename: 'orphan.mp4' }, chunkSize: 512 * 1024, abortAfter: 600_000 });
    const orphanId = orphan.url!.split('/').pop()!;
    await s.t.database.db.delete(videos).where(eq(videos.uploadId, orphanId));
    const { url, uploadId, finished } = await abandonedAndFinished(s);
    const partial = join(s.t.app.config.dataDir, 'videos', uploadId);
    expect(existsSync(partial)).toBe(true);
    expect(await s.t.app.expireUploads()).toEqual({ expired: 1, swept: 1 });
    expect(existsSync(join(s.t.app.config.dataDir, 'videos', orphanId))).toBe(false);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(`${partial}.json`)).toBe(false);
    expect(existsSync(join(s.t.app.config.dataDir, 'videos', finished.uploadId))).toBe(true);
    await expectExpired(s, url, uploadId, finished);
  }, 60_000);
});

describe('abandoned uploads expire (S3, s3rver)', () => {
  let s3: LocalS3;
  let s: Setup;
  beforeAll(async () => {
    s3 = await startLocalS3();
    s = await setup({ s3: s3.config, uploadExpiryMs: EXPIRY_MS });
  }, 120_000);
  afterAll(async () => { await s?.t.close(); await s3?.close(); });

  it('the multipart upload is aborted and its info object deleted; the record is marked; a finished upload is untouched', async () => {
    const client = new S3Client({ region: s3.config.region, endpoint: s3.config.endpoint, forcePathStyle: true, credentials: { accessKeyId: s3.config.accessKeyId, secretAccessKey: s3.config.secretAccessKey } });
    const exists = (Key: string) => client.send(new HeadObjectCommand({ Bucket: s3.config.bucket, Key })).then(() => true, () => false);
    try {
      const { url, uploadId, finished } = await abandonedAndFinished(s);
      const info = await client.send(new HeadObjectCommand({ Bucket: s3.config.bucket, Key: `${uploadId}.info` }));
      const multipart = { Bucket: s3.config.bucket, Key: uploadId, UploadId: info.Metadata!['upload-id']! };
      expect((await client.send(new ListPartsCommand(multipart))).Parts?.length ?? 0).toBeGreaterThanOrEqual(0);
      expect((await s.t.app.expireUploads()).expired).toBe(1);
      expect(await exists(`${uploadId}.info`)).toBe(false);
      await expect(client.send(new ListPartsCommand(multipart))).rejects.toMatchObject({ name: 'NoSuchUpload' });
      expect(await s.t.app.videoStore.size(finished.uploadId)).toBe(finished.file.length);
      await expectExpired(s, url, uploadId, finished);
    } finally {
      client.destroy();
    }
  }, 60_000);
});
