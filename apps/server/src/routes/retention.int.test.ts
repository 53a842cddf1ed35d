import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { announcements, paperSheets, participants, protocols, reportSources, retentionRemovals, videos } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFile } from '../storage/file.store.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { today } from '../../test/meetings.ts';
import { mp4, tusUpload } from '../../test/tus.ts';

/*
 * materials are kept a year from the meeting date; then an administrator sees the dry
 * run and removes them. A legal hold keeps a meeting's materials; records and the protocol stay.
 */
let t: TestApp;
let base: string;
const c: Record<string, Client> = {};
let old: string;
let held: string;
let recent: string;
let inspectorToken: string;

/** Two different small PNGs: one shared by an old and a recent record, one only the old meeting's. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const OWN = Buffer.concat([PNG, Buffer.from('own')]);
let sharedFile: string;
let ownFile: string;
let proofFile: string;
let oldVideoKey: string;

async function materials(meetingId: string, label: string) {
  const db = t.database.db;
  const done = await tusUpload(base, mp4(30_000, label.length), { headers: { authorization: `Bearer ${inspectorToken}` }, metadata: { meetingId, filename: `${label}.mp4` } });
  expect(done.error, done.body).toBeUndefined();
  await db.insert(paperSheets).values({ meetingId, file: sharedFile, contentType: 'image/png', size: PNG.length });
  await db.insert(reportSources).values({ meetingId, kind: 'mass_media', title: 'Газет', files: [{ file: ownFile, name: 'мақала.png', contentType: 'image/png', size: OWN.length }] });
  await db.update(announcements).set({ proofFile }).where(eq(announcements.meetingId, meetingId));
}

beforeAll(async () => {
  t = await testApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const name of ['admin', 'inspector', 'lead']) c[name] = await login(t.app, name);
  inspectorToken = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'inspector', password: 'demo' } })).json().token;
  const ids = await districtIds(c.admin!);
  const dataDir = t.app.config.dataDir;
  sharedFile = await storeFile(dataDir, PNG, 'image/png');
  ownFile = await storeFile(dataDir, OWN, 'image/png');
  proofFile = await storeFile(dataDir, Buffer.concat([PNG, Buffer.from('proof')]), 'image/png');
  old = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, daysAgo: 400, startedMinutesAgo: 180 });
  held = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, daysAgo: 420, startedMinutesAgo: 180 });
  recent = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, daysAgo: 30, startedMinutesAgo: 180 });
  await materials(old, 'old');
  await materials(held, 'held');
  // The recent meeting's scan is the same file as the old one's (content-addressed: stored once).
  await t.database.db.insert(paperSheets).values({ meetingId: recent, file: sharedFile, contentType: 'image/png', size: PNG.length });
  // Records that are never removed: the register and the protocol.
  const now = new Date();
  await t.database.db.insert(participants).values({
    meetingId: old, number: 1, fullName: 'Сәкенова Әлия', address: 'Абай к-сі, 1', category: 'resident', consentVersion: 'pd-2026-1', consentAt: now, arrivedAt: now,
    attendance: 'in_person', channel: 'staff', personKey: 'сәкенова әлия|абай к сі 1',
  });
  await t.database.db.insert(protocols).values({ meetingId: old, content: { note: 'signed protocol' }, status: 'signed', contentHash: 'ab'.repeat(32), signedAt: now });
  oldVideoKey = (await t.database.db.select().from(videos).where(eq(videos.meetingId, old)))[0]!.storageKey;
}, 180_000);
afterAll(async () => { await t.close(); });

describe('retention (R-32.6)', () => {
  it('only the administrator sees the list or removes, and places legal holds', async () => {
    expect((await c.lead!.get('/api/v1/retention')).statusCode).toBe(403);
    expect((await c.inspector!.send('POST', '/api/v1/retention/removals', { asOf: today, confirm: true })).statusCode).toBe(403);
    expect((await c.inspector!.send('PUT', `/api/v1/meetings/${held}/legal-hold`, { reason: 'Сот ісі' })).statusCode).toBe(403);
  });

  it('a legal hold keeps a meeting out of the list', async () => {
    const placed = await c.admin!.send('PUT', `/api/v1/meetings/${held}/legal-hold`, { reason: 'Сот ісі № 2-123/2026' });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json()).toMatchObject({ meetingId: held, reason: 'Сот ісі № 2-123/2026', placedAt: expect.any(String) });
    expect((await c.admin!.send('PUT', '/api/v1/meetings/00000000-0000-4000-8000-000000000000/legal-hold', { reason: 'x' })).statusCode).toBe(404);
  });

  it('the dry run lists every material of meetings past retention: video, scan, attachment, publication proof, with sizes and the total', async () => {
    const response = await c.admin!.get('/api/v1/retention');
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json();
    expect(list.retentionDays).toBe(365);
    expect(list.asOf).toBe(today);
    const mine = list.items.filter((i: { meetingId: string }) => i.meetingId === old);
    expect(mine.map((i: { kind: string }) => i.kind).sort()).toEqual(['paper_sheet', 'publication_proof', 'source_attachment', 'video']);
    expect(mine.find((i: { kind: string }) => i.kind === 'video')).toMatchObject({ size: 30_000, fileName: 'old.mp4', meetingNumber: expect.any(String) });
    expect(list.items.some((i: { meetingId: string }) => i.meetingId === held || i.meetingId === recent)).toBe(false);
    expect(list.heldMeetings.map((h: { meetingId: string }) => h.meetingId)).toContain(held);
    expect(list.totalSize).toBe(list.items.reduce((n: number, i: { size: number }) => n + i.size, 0));
    expect(list.count).toBe(list.items.length);
    // A year from now, the recent meeting is due too.
    const later = new Date(`${today}T00:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 400);
    const future = (await c.admin!.get(`/api/v1/retention?asOf=${later.toISOString().slice(0, 10)}`)).json();
    expect(future.items.some((i: { meetingId: string }) => i.meetingId === recent)).toBe(true);
  });

  it('removal needs confirmation and a date not in the future', async () => {
    expect((await c.admin!.send('POST', '/api/v1/retention/removals', { asOf: today })).statusCode).toBe(400);
    expect((await c.admin!.send('POST', '/api/v1/retention/removals', { asOf: today, confirm: false })).statusCode).toBe(400);
    const future = await c.admin!.send('POST', '/api/v1/retention/removals', { asOf: '2999-01-01', confirm: true });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details.rule).toBe('R-32.6');
  });

  it('removal deletes the files, records each removal, keeps shared files still referenced, the register and the protocol', async () => {
    const dataDir = t.app.config.dataDir;
    const files = (name: string) => existsSync(join(dataDir, 'files', name));
    expect(await t.app.videoStore.size(oldVideoKey)).toBe(30_000);
    const response = await c.admin!.send('POST', '/api/v1/retention/removals', { asOf: today, confirm: true });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    const mine = result.removed.filter((i: { meetingId: string }) => i.meetingId === old);
    expect(mine).toHaveLength(4);
    expect(result.count).toBe(result.removed.length);

    // The files: the video and the old meeting's own attachment are gone; the held meeting's
    // proof and the scan the recent meeting shares stay.
    expect(await t.app.videoStore.size(oldVideoKey)).toBeNull();
    expect(files(sharedFile)).toBe(true);
    expect(files(proofFile)).toBe(true); // the held meeting's publication proof is the same file
    expect(files(ownFile)).toBe(true); // …and so is its source attachment

    // What was removed, when and by whom.
    const rows = await t.database.db.select().from(retentionRemovals).where(eq(retentionRemovals.meetingId, old));
    expect(rows.map((r) => r.kind).sort()).toEqual(['paper_sheet', 'publication_proof', 'source_attachment', 'video']);
    expect(rows.every((r) => r.removedBy === c.admin!.user.id && r.removedAt instanceof Date)).toBe(true);
    const [video] = await t.database.db.select().from(videos).where(eq(videos.meetingId, old));
    expect(video).toMatchObject({ status: 'removed', sha256: expect.any(String) });
    // Records stay.
    expect(await t.database.db.select().from(participants).where(eq(participants.meetingId, old))).toHaveLength(1);
    expect(await t.database.db.select().from(protocols).where(eq(protocols.meetingId, old))).toHaveLength(1);
    expect(await t.database.db.select().from(paperSheets).where(eq(paperSheets.meetingId, old))).toHaveLength(1);
    // Nothing left to remove for that meeting; the removal is audited.
    const again = (await c.admin!.get('/api/v1/retention')).json();
    expect(again.items.some((i: { meetingId: string }) => i.meetingId === old)).toBe(false);
    const audit = (await c.admin!.get('/api/v1/audit?action=retention.remove')).json();
    expect(audit.items[0].after).toMatchObject({ asOf: today, meetings: expect.arrayContaining([old]) });
  });

  it('lifting the hold lets the held meeting\'s materials go; files no kept record refers to are deleted', async () => {
    const dataDir = t.app.config.dataDir;
    expect((await c.admin!.send('DELETE', `/api/v1/meetings/${held}/legal-hold`)).statusCode).toBe(204);
    expect((await c.admin!.send('DELETE', `/api/v1/meetings/${held}/legal-hold`)).statusCode).toBe(204);
    const list = (await c.admin!.get('/api/v1/retention')).json();
    expect(list.items.filter((i: { meetingId: string }) => i.meetingId === held)).toHaveLength(4);
    const result = (await c.admin!.send('POST', '/api/v1/retention/removals', { asOf: today, confirm: true })).json();
    expect(result.removed.filter((i: { meetingId: string }) => i.meetingId === held)).toHaveLength(4);
    expect(existsSync(join(dataDir, 'files', ownFile))).toBe(false);
    expect(existsSync(join(dataDir, 'files', proofFile))).toBe(false);
    // Still the recent meeting's scan.
    expect(existsSync(join(dataDir, 'files', sharedFile))).toBe(true);
  });
});
