import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { rowsOf, UPLOAD_LOCK } from '@esep/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../test/clock.ts';
import { districtIds, meetingInProgress } from '../test/holding.ts';
import { httpLogin, httpToken, startProcesses, type HttpClient, type Processes } from '../test/processes.ts';
import { mp4, tusUpload } from '../test/tus.ts';

/*
 * Issue 12: production runs several Esep processes on one PostgreSQL behind a load balancer, so
 * any request may reach any process. Two real server processes (test/processes.ts) share the
 * database and one S3 bucket, and a client moves between them: sessions, resumable uploads and
 * the self-registration limit must not depend on which process answers.
 *
 * PostgreSQL only. On the embedded PGlite there is only ever one process: the data directory's
 * lock refuses a second (data-dir.lock.ts), so there is nothing to share.
 */
const postgres = process.env.ESEP_TEST_ENGINE === 'postgres' && !!process.env.TEST_DATABASE_URL;
const UPLOADS = '/api/v1/uploads/videos';
/** ESEP_SELF_REGISTRATION_RATE of both processes. */
const RATE = 4;
const MiB = 1024 * 1024;
const sha = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Outcome = { status: number; offset: number | null } | { error: string };
/** The outcome, or an error after `ms`: a request left hanging fails its test rather than the whole file. */
const within = (outcome: Promise<Outcome>, ms: number) => Promise.race([outcome, wait(ms).then((): Outcome => ({ error: `no answer in ${ms} ms` }))]);

/**
 * A tus PATCH from `offset` with `bytes` (node:http, so that it can stall as a phone on a bad
 * network does): with `stallAfter`, only that many bytes are sent and the request stays open.
 * Resolves with the answer, or the connection's error (a server that ends the request early or
 * dies); `abandon` closes it.
 */
function patch(url: string, headers: Record<string, string>, offset: number, bytes: Buffer, stallAfter?: number) {
  const target = new URL(url);
  const request = httpRequest({
    hostname: target.hostname, port: target.port, path: target.pathname, method: 'PATCH',
    headers: {
      ...headers, 'tus-resumable': '1.0.0', 'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.length),
    },
  });
  const answered = new Promise<Outcome>((resolve) => {
    request.on('response', (response) => {
      response.resume();
      const at = response.headers['upload-offset'];
      resolve({ status: response.statusCode!, offset: typeof at === 'string' ? Number(at) : null });
    });
    request.on('error', (error) => resolve({ error: error.message }));
  });
  if (stallAfter === undefined) request.end(bytes);
  else request.write(bytes.subarray(0, stallAfter));
  return { answered, abandon: () => request.destroy() };
}

describe.skipIf(!postgres)('two server processes on one PostgreSQL (issue 12; PostgreSQL only: PGlite is one process by construction)', () => {
  let cluster: Processes;
  let A: string;
  let B: string;
  let meetingId: string;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    cluster = await startProcesses(2, { env: { ESEP_SELF_REGISTRATION_RATE: String(RATE) } });
    [A, B] = cluster.urls as [string, string];
    const inspector = await httpLogin(A, 'inspector');
    const ids = await districtIds(await httpLogin(A, 'admin'));
    meetingId = await meetingInProgress({ clock: new TestClock(), database: cluster.database }, inspector, ids['ALM-KAR-P2-D01']!, { held: true, startedMinutesAgo: 150 });
    bearer = { authorization: `Bearer ${await httpToken(A, 'inspector')}` };
  }, 300_000);
  afterAll(async () => { await cluster?.stop(); }, 120_000);

  const uploadUrl = (base: string, id: string) => `${base}${UPLOADS}/${id}`;
  /** tus creation on `base`: the new upload's id. */
  async function create(base: string, size: number, filename: string): Promise<string> {
    const metadata = Object.entries({ meetingId, filename, filetype: 'video/mp4' }).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
    const response = await fetch(`${base}${UPLOADS}/`, {
      method: 'POST', headers: { ...bearer, 'tus-resumable': '1.0.0', 'upload-length': String(size), 'upload-metadata': metadata },
    });
    expect(response.status, await response.text()).toBe(201);
    return response.headers.get('location')!.split('/').pop()!;
  }
  async function offsetOn(base: string, id: string): Promise<number> {
    const head = await fetch(uploadUrl(base, id), { method: 'HEAD', headers: { ...bearer, 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    return Number(head.headers.get('upload-offset'));
  }
  /** The record of a finished upload, and the SHA-256 of the bytes the store serves back for it. */
  async function stored(base: string, uploadId: string) {
    const list = await (await fetch(`${base}/api/v1/meetings/${meetingId}/videos`, { headers: bearer })).json() as { items: Array<{ id: string; uploadId: string; status: string; size: number; sha256: string | null }> };
    const video = list.items.find((v) => v.uploadId === uploadId)!;
    const content = await fetch(`${base}/api/v1/videos/${video.id}/content`, { headers: bearer });
    expect(content.status).toBe(200);
    return { video, served: sha(new Uint8Array(await content.arrayBuffer())) };
  }
  /** Upload locks held now (any process): the advisory locks of upload.locker.ts. */
  async function uploadLocksHeld(): Promise<number> {
    const [row] = rowsOf<{ n: number }>(await cluster.database.db.execute(sql`
      select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${UPLOAD_LOCK} and granted
        and database = (select oid from pg_database where datname = current_database())`));
    return row!.n;
  }
  async function until(condition: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 100; i++) {
      if (await condition()) return;
      await wait(50);
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  it('a session made on A works on B (cookie and Bearer); a logout on A is refused on B right after', async () => {
    const browser: HttpClient = await httpLogin(A, 'inspector');
    const onB = browser.on(B);
    // A write with the CSRF token, on B.
    const preferences = await onB.send('PATCH', '/api/v1/auth/me/preferences', { locale: 'kk' });
    expect(preferences.statusCode, preferences.body).toBe(200);
    const me = await onB.get('/api/v1/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.username).toBe('inspector');
    const token = { authorization: `Bearer ${await httpToken(A, 'inspector')}` };
    expect((await fetch(`${B}/api/v1/auth/me`, { headers: token })).status).toBe(200);

    // B now keeps both sessions in its cache: the logouts on A must reach it before A answers.
    expect((await browser.send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await onB.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await onB.send('PATCH', '/api/v1/auth/me/preferences', { locale: 'kk' })).statusCode).toBe(401);
    expect((await fetch(`${A}/api/v1/auth/logout`, { method: 'POST', headers: token })).status).toBe(204);
    expect((await fetch(`${B}/api/v1/auth/me`, { headers: token })).status).toBe(401);
  });

  it('a video upload created and half sent on A is finished on B; the stored file is the one sent', async () => {
    const file = mp4(6 * MiB, 21);
    // In 2 MiB requests, cut in the second: at least the first is stored, never all of it.
    const first = await tusUpload(A, file, { headers: bearer, metadata: { meetingId, filename: 'a-then-b.mp4', filetype: 'video/mp4' }, chunkSize: 2 * MiB, abortAfter: 3 * MiB });
    expect(first.error, first.body).toBeUndefined();
    expect(first.aborted).toBe(true);
    const id = first.url!.split('/').pop()!;

    // B sees where A stopped: a PATCH from anywhere else is refused (tus: 409 Conflict).
    const offset = await offsetOn(B, id);
    expect(offset).toBeGreaterThanOrEqual(2 * MiB);
    expect(offset).toBeLessThanOrEqual(4 * MiB);
    const wrong = await patch(uploadUrl(B, id), bearer, 0, file).answered;
    expect(wrong).toMatchObject({ status: 409 });
    const rest = await patch(uploadUrl(B, id), bearer, offset, file.subarray(offset)).answered;
    expect(rest).toEqual({ status: 204, offset: file.length });

    for (const base of [A, B]) {
      const { video, served } = await stored(base, id);
      expect(video).toMatchObject({ status: 'complete', size: file.length, sha256: sha(file) });
      expect(served).toBe(sha(file));
    }
  });

  it('two PATCHes of one upload at once, on A and on B: the later waits for the earlier, then is refused; the file stays whole', async () => {
    const file = mp4(4 * MiB, 22);
    const id = await create(A, file.length, 'both-at-once.mp4');
    const begun = MiB;
    expect(await patch(uploadUrl(A, id), bearer, 0, file.subarray(0, begun)).answered).toEqual({ status: 204, offset: begun });

    // A: the rest, of which 256 KiB arrive and then nothing (the phone lost its signal).
    const stalled = patch(uploadUrl(A, id), bearer, begun, file.subarray(begun), 256 * 1024);
    try {
      await until(async () => (await uploadLocksHeld()) === 1, 'A holds the upload');
      // B: the client tries again elsewhere, from the same offset.
      const started = performance.now();
      const again = await within(patch(uploadUrl(B, id), bearer, begun, file.subarray(begun)).answered, 20_000);
      const waited = performance.now() - started;
      const first = await within(stalled.answered, 10_000);
      // B did not write beside A: it asked A to let go and waited until A's request ended (tus
      // lets the holder drain for 3 s). A keeps what had arrived, so B's offset is stale: 409.
      // With each process's own in-memory locker B answered at once, 409 against an offset of 0
      // (while A writes, the S3 store has taken the upload's incomplete part out to append to
      // it), and A's request was never ended.
      expect(waited).toBeGreaterThan(2000);
      expect(first).toEqual({ status: 204, offset: begun + 256 * 1024 });
      expect(again).toMatchObject({ status: 409 });
      const now = await offsetOn(B, id);
      expect(now).toBe(begun + 256 * 1024);
      expect(await patch(uploadUrl(B, id), bearer, now, file.subarray(now)).answered).toEqual({ status: 204, offset: file.length });
    } finally {
      stalled.abandon();
    }
    const { video, served } = await stored(A, id);
    expect(video).toMatchObject({ status: 'complete', size: file.length, sha256: sha(file) });
    expect(served).toBe(sha(file));
  });

  it('the self-registration limit counts the requests to both processes together', async () => {
    // One fixed one-minute window (self-registration.limit.ts): not too near its end.
    const into = Date.now() % 60_000;
    if (into > 50_000) await wait(60_000 - into + 200);
    const meeting = randomUUID();
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 2; i++) {
      const response = await fetch(`${i % 2 === 0 ? A : B}/api/v1/public/meetings/${meeting}/registrations`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
      });
      statuses.push(response.status);
    }
    // Each process alone saw RATE / 2 + 1: only the shared count passes RATE.
    expect(statuses.slice(0, RATE)).not.toContain(429);
    expect(statuses.slice(RATE)).toEqual([429, 429]);
  });

  it('the login limit (20 a minute per address, @fastify/rate-limit) counts the requests to both processes together', async () => {
    // The token route: its own bucket (the store names the route), used by this file only before.
    const into = Date.now() % 60_000;
    if (into > 45_000) await wait(60_000 - into + 200);
    const statuses: number[] = [];
    for (let i = 0; i < 26; i++) {
      const response = await fetch(`${i % 2 === 0 ? A : B}/api/v1/auth/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `nobody${i}`, password: 'wrong-password' }),
      });
      statuses.push(response.status);
    }
    // Each process alone saw 13 (under 20): only the shared count refuses. Two tokens were taken
    // in this window at most (above), so the refusals start by the 21st attempt.
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(20);
    expect(statuses.slice(0, 18)).not.toContain(429);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429, 429]);
    const [row] = rowsOf<{ buckets: number }>(await cluster.database.db.execute(sql`select count(*)::int as buckets from rate_windows where bucket like 'route:POST /api/v1/auth/token:%'`));
    expect(row!.buckets).toBeGreaterThan(0);
  });

  it('a process killed (kill -9) mid-upload leaves the upload to the other; it comes back on its port with the sessions', async () => {
    const browser = await httpLogin(B, 'inspector');
    const file = mp4(3 * MiB, 23);
    const id = await create(B, file.length, 'killed.mp4');
    const stalled = patch(uploadUrl(B, id), bearer, 0, file, 512 * 1024);
    try {
      await until(async () => (await uploadLocksHeld()) === 1, 'B holds the upload');
      await cluster.kill(1);
      expect(await within(stalled.answered, 10_000)).toHaveProperty('error');
      // PostgreSQL ended the dead process's sessions, and its lock with them.
      await until(async () => (await uploadLocksHeld()) === 0, 'the killed process\'s lock is gone');
      const offset = await offsetOn(A, id);
      expect(await patch(uploadUrl(A, id), bearer, offset, file.subarray(offset)).answered).toEqual({ status: 204, offset: file.length });
      const { video, served } = await stored(A, id);
      expect(video).toMatchObject({ status: 'complete', sha256: sha(file) });
      expect(served).toBe(sha(file));
    } finally {
      stalled.abandon();
    }
    await cluster.restart(1);
    expect((await browser.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await browser.on(A).get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});
