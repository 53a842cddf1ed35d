import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';

/*
 * Entries typed before they were bound to their author (database version 1, plaintext) are
 * given to the user logged in when the app updates, and sealed under his key at his next
 * login; with nobody logged in their author cannot be known and they are removed.
 */
const MEETING = '7d0f3c52-1111-4a5b-9c1d-000000000001';

async function versionOne(rows: Array<Record<string, unknown>>) {
  const old = new Dexie('esep-live');
  old.version(1).stores({ operations: 'clientKey, meetingId, [meetingId+createdAt], state', snapshots: 'meetingId' });
  await old.table('operations').bulkAdd(rows);
  await old.table('snapshots').add({ meetingId: MEETING, state: { participants: [{ fullName: 'Old Register' }] }, savedAt: 1 });
  old.close();
}

const legacy = (n: number) => ({
  clientKey: `00000000-0000-4000-8000-00000000000${n}`, meetingId: MEETING, kind: 'participant',
  data: { fullName: `Person ${n}`, address: `Street ${n}` }, createdAt: `2026-03-01T10:0${n}:00.000Z`, state: 'pending', error: null,
});

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.resetModules();
  await Dexie.delete('esep-live');
});

describe('upgrading the outbox from version 1', () => {
  it('gives the entries to the last user logged in, seals them at his login, and drops the plaintext register', async () => {
    await versionOne([legacy(1), legacy(2)]);
    vi.stubGlobal('localStorage', { getItem: (key: string) => (key === 'esep.lastUser' ? JSON.stringify({ id: 'alice' }) : null) });
    const outbox = await import('./outbox.ts');
    expect(await outbox.liveDb.snapshots.count()).toBe(0);
    const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const alice = await outbox.authorOf('alice', async () => key);
    const rows = await outbox.liveDb.operations.toArray();
    expect(rows.every((r) => r.authorId === 'alice' && !('legacyData' in r) && !('data' in r) && r.sealed)).toBe(true);
    expect((await outbox.operationsOf(alice, MEETING)).map((op) => op.data)).toEqual([{ fullName: 'Person 1', address: 'Street 1' }, { fullName: 'Person 2', address: 'Street 2' }]);
    outbox.liveDb.close();
  });

  it('removes entries nobody can be named the author of', async () => {
    await versionOne([legacy(3)]);
    const outbox = await import('./outbox.ts');
    expect(await outbox.liveDb.operations.count()).toBe(0);
    outbox.liveDb.close();
  });
});
