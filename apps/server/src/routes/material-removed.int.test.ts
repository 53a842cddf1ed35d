import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { announcements, paperSheets, reportSources, videos } from '@esep/db';
import { formatLongDate } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeFile } from '../storage/file.store.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { today } from '../../test/meetings.ts';
import { mp4, tusUpload } from '../../test/tus.ts';

/*
 * once retention has removed a meeting's materials, every download of them answers
 * 410 Gone `material_removed` with the day of removal (the record stays; the file does not) —
 * whether or not a content-addressed file still sits on disk for a kept record. A file missing
 * without a removal record is a fault: 500, logged with the record's id.
 */
let t: TestApp;
let base: string;
const c: Record<string, Client> = {};
let inspectorToken: string;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** Downloads of the old meeting's materials, by kind. */
const urls: Record<string, string> = {};
let sharedFile: string;
let recent: string;

async function upload(meetingId: string, name: string): Promise<{ id: string; storageKey: string }> {
  const done = await tusUpload(base, mp4(30_000, name.length), { headers: { authorization: `Bearer ${inspectorToken}` }, metadata: { meetingId, filename: name } });
  expect(done.error, done.body).toBeUndefined();
  const [video] = await t.database.db.select().from(videos).where(eq(videos.uploadId, done.url!.split('/').pop()!));
  return video!;
}

beforeAll(async () => {
  t = await testApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const name of ['admin', 'inspector', 'inspector2']) c[name] = await login(t.app, name);
  inspectorToken = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'inspector', password: 'demo' } })).json().token;
  const ids = await districtIds(c.admin!);
  const dataDir = t.app.config.dataDir;
  const db = t.database.db;
  // A meeting past retention (400 days ago) with one material of each kind.
  const old = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, daysAgo: 400, startedMinutesAgo: 180 });
  recent = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, daysAgo: 20, startedMinutesAgo: 180 });
  sharedFile = await storeFile(dataDir, PNG, 'image/png');
  const attachment = await storeFile(dataDir, Buffer.concat([PNG, Buffer.from('attachment')]), 'image/png');
  const proof = await storeFile(dataDir, Buffer.concat([PNG, Buffer.from('proof')]), 'image/png');
  const video = await upload(old, 'old.mp4');
  const [sheet] = await db.insert(paperSheets).values({ meetingId: old, file: sharedFile, contentType: 'image/png', size: PNG.length }).returning();
  // The recent meeting's scan is the same file: it stays on disk after the old one's removal.
  await db.insert(paperSheets).values({ meetingId: recent, file: sharedFile, contentType: 'image/png', size: PNG.length });
  const [source] = await db.insert(reportSources).values({
    meetingId: old, kind: 'mass_media', title: 'Газет', files: [{ file: attachment, name: 'мақала.png', contentType: 'image/png', size: PNG.length + 10 }],
  }).returning();
  await db.update(announcements).set({ proofFile: proof }).where(eq(announcements.meetingId, old));
  const [announcement] = await db.select().from(announcements).where(eq(announcements.meetingId, old));
  urls.video = `/api/v1/videos/${video.id}/content`;
  urls.paper_sheet = `/api/v1/sheets/${sheet!.id}`;
  urls.source_attachment = `/api/v1/sources/${source!.id}/files?name=${attachment}`;
  urls.publication_proof = `/api/v1/announcements/${announcement!.id}/proof`;
}, 180_000);
afterAll(async () => { await t.close(); });

describe('downloads of materials removed after retention (R-32.6)', () => {
  it('before removal every download answers 200', async () => {
    for (const [kind, url] of Object.entries(urls)) expect((await c.inspector!.get(url)).statusCode, kind).toBe(200);
  });

  it('after removal every download answers 410 material_removed with the day, in the reader\'s language; the record stays listed', async () => {
    const removal = await c.admin!.send('POST', '/api/v1/retention/removals', { asOf: today, confirm: true });
    expect(removal.statusCode, removal.body).toBe(200);
    const removedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date(removal.json().removedAt));
    for (const [kind, url] of Object.entries(urls)) {
      const response = await c.inspector!.get(url, { 'accept-language': 'ru' });
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(410);
      const { error } = response.json();
      expect(error).toMatchObject({ code: 'material_removed', details: { rule: 'R-32.6', kind, removedOn, removedAt: expect.any(String) } });
      expect(error.message).toContain(formatLongDate(removedOn, 'ru'));
      expect(error.message).toContain('срока хранения');
    }
    const kk = (await c.inspector!.get(urls.paper_sheet!, { 'accept-language': 'kk' })).json().error.message;
    const en = (await c.inspector!.get(urls.paper_sheet!, { 'accept-language': 'en' })).json().error.message;
    expect(kk).toContain('сақтау мерзімі');
    expect(en).toBe(`The file was removed on ${formatLongDate(removedOn, 'en')} after the retention period (§32 ¶6); the record itself is kept`);
    // The scan's bytes are still on disk for the recent meeting: the removal record decides.
    expect(existsSync(join(t.app.config.dataDir, 'files', sharedFile))).toBe(true);
  });

  it('out of the territory a removed material is still not disclosed (404)', async () => {
    for (const [kind, url] of Object.entries(urls)) expect((await c.inspector2!.get(url)).statusCode, kind).toBe(404);
  });
});

describe('a file missing without a removal record', () => {
  it('answers 500 and is logged with the record\'s id, not as removed', async () => {
    const db = t.database.db;
    const missing = `${'0'.repeat(63)}1.png`;
    const [sheet] = await db.insert(paperSheets).values({ meetingId: recent, file: missing, contentType: 'image/png', size: 10 }).returning();
    const [source] = await db.insert(reportSources).values({
      meetingId: recent, kind: 'mass_media', title: 'Жоғалған', files: [{ file: missing, name: 'жоқ.png', contentType: 'image/png', size: 10 }],
    }).returning();
    const video = await upload(recent, 'lost.mp4');
    await unlink(join(t.app.config.dataDir, 'videos', video.storageKey));
    // With the test logger off, request loggers are the app's (no-op) logger: watch it.
    const logged = vi.spyOn(t.app.log, 'error');
    try {
      for (const [kind, id, url] of [
        ['paper_sheet', sheet!.id, `/api/v1/sheets/${sheet!.id}`],
        ['video', video.id, `/api/v1/videos/${video.id}/content`],
        ['source_attachment', source!.id, `/api/v1/sources/${source!.id}/files?name=${missing}`],
      ] as const) {
        const response = await c.inspector!.get(url);
        expect(response.statusCode, `${kind}: ${response.body}`).toBe(500);
        expect(response.json().error.code).toBe('internal_error');
        const entry = logged.mock.calls.map(([obj]) => (obj as { err?: { name: string; kind: string; recordId: string } }).err).find((e) => e?.recordId === id);
        expect(entry, kind).toMatchObject({ name: 'MaterialFileMissing', kind, recordId: id });
      }
    } finally {
      logged.mockRestore();
    }
  });
});
