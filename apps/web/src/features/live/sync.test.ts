import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveOperation, LiveSyncResult } from './live.types.ts';
import {
  authorOf, enqueue as enqueueAs, forgetSession, keepOnlyKeyOf, keptAuthor, liveDb, loadSnapshot, openOperations, operationsOf as operationsOfAuthor,
  pendingBatch as pendingBatchOf, saveSnapshot as saveSnapshotOf, unsentOf, type Author,
} from './outbox.ts';
import { BATCH_SIZE, createSyncRunner, syncOnce, type SyncDeps } from './sync.ts';

const MEETING = '7d0f3c52-1111-4a5b-9c1d-000000000001';
const OTHER = '7d0f3c52-1111-4a5b-9c1d-000000000002';

/** An error as the app's API client throws it. */
function apiError(status: number, code: string, message = code) {
  return Object.assign(new Error(message), { name: 'ApiError', status, code, details: undefined });
}

const person = (n: number) => ({ fullName: `Person ${n}`, address: `Street ${n}`, category: 'resident', consent: true, consentVersion: 'pd-2026-1', attendance: 'in_person' });

/** A server that stores each operation once per client key, like the real one. */
function fakeServer(refuse: (op: LiveOperation) => string | null = () => null) {
  const stored = new Map<string, string>();
  const calls: LiveOperation[][] = [];
  const send = vi.fn(async (_meetingId: string, operations: LiveOperation[]): Promise<LiveSyncResult> => {
    calls.push(operations);
    return {
      results: operations.map((op) => {
        const problem = refuse(op);
        if (problem) return { clientKey: op.clientKey, status: 'rejected' as const, id: null, error: { code: problem, message: `refused: ${problem}` } };
        const known = stored.get(op.clientKey);
        if (known) return { clientKey: op.clientKey, status: 'duplicate' as const, id: known, error: null };
        const id = crypto.randomUUID();
        stored.set(op.clientKey, id);
        return { clientKey: op.clientKey, status: 'created' as const, id, error: null };
      }),
    };
  });
  return { stored, calls, send };
}

/** A user's key as the server gives it (32 random bytes, base64url); the same for all his sessions. */
const serverKeys = new Map<string, string>();
const serverKeyOf = (userId: string) => {
  if (!serverKeys.has(userId)) serverKeys.set(userId, Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'));
  return serverKeys.get(userId)!;
};
/** The user logging in on this device: his key from the server (or the one kept here). */
const logIn = (userId: string) => authorOf(userId, async () => serverKeyOf(userId));

let alice: Author;
const enqueue = (meetingId: string, kind: Parameters<typeof enqueueAs>[2], data: Record<string, unknown>) => enqueueAs(alice, meetingId, kind, data);
const operationsOf = (meetingId: string) => operationsOfAuthor(alice, meetingId);
const pendingBatch = (meetingId: string, limit?: number) => pendingBatchOf(alice, meetingId, limit);
const saveSnapshot = (meetingId: string, state: never, at: number) => saveSnapshotOf(alice, meetingId, state, at);

beforeEach(async () => {
  await liveDb.operations.clear();
  await liveDb.snapshots.clear();
  await liveDb.keys.clear();
  alice = await logIn('alice');
});

describe('the outbox', () => {
  it('forgets saved registers and the key at logout but keeps what was not sent, sealed', async () => {
    await enqueue(MEETING, 'participant', person(1));
    await saveSnapshot(MEETING, { participants: [] } as never, Date.now());
    await forgetSession();
    expect(await liveDb.snapshots.count()).toBe(0);
    expect(await keptAuthor('alice')).toBeNull();
    expect(await liveDb.operations.count()).toBe(1);
  });

  it('keeps operations per meeting in creation order, even within one millisecond', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z'), toFake: ['Date'] });
    try {
      const a = await enqueue(MEETING, 'participant', person(1));
      const b = await enqueue(MEETING, 'participant', person(2));
      await enqueue(OTHER, 'participant', person(3));
      const c = await enqueue(MEETING, 'item', { kind: 'question', text: 'Lights', topic: 'other', participantClientKey: a.clientKey });
      expect(a.createdAt < b.createdAt && b.createdAt < c.createdAt).toBe(true);
      expect((await operationsOf(MEETING)).map((op) => op.clientKey)).toEqual([a.clientKey, b.clientKey, c.clientKey]);
      expect((await pendingBatch(MEETING, 2)).map((op) => op.clientKey)).toEqual([a.clientKey, b.clientKey]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('syncOnce', () => {
  const deps = (send: SyncDeps['send'], extra: Partial<SyncDeps> = {}): SyncDeps => ({ author: alice, send, ...extra });

  it('sends pending operations in one batch and marks them synced; a snapshot fetched after clears them', async () => {
    const server = fakeServer();
    for (let n = 1; n <= 5; n += 1) await enqueue(MEETING, 'participant', person(n));
    const outcome = await syncOnce(MEETING, deps(server.send));
    expect(outcome).toEqual({ kind: 'synced', stored: 5, rejected: 0 });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toHaveLength(5);
    const ops = await operationsOf(MEETING);
    expect(ops.every((op) => op.state === 'synced' && op.serverId)).toBe(true);
    // Nothing pending: a second sync sends nothing.
    expect(await syncOnce(MEETING, deps(server.send))).toEqual({ kind: 'idle' });
    expect(server.calls).toHaveLength(1);
    await saveSnapshot(MEETING, {} as never, Date.now() + 1);
    expect(await operationsOf(MEETING)).toEqual([]);
  });

  it('keeps everything on a network error or a 5xx and sends the same keys again later: no copies', async () => {
    const server = fakeServer();
    for (let n = 1; n <= 3; n += 1) await enqueue(MEETING, 'participant', person(n));
    const offline = vi.fn(async () => { throw apiError(0, 'network_error'); });
    expect((await syncOnce(MEETING, deps(offline))).kind).toBe('network');
    const failing = vi.fn(async () => { throw apiError(503, 'unavailable'); });
    expect((await syncOnce(MEETING, deps(failing))).kind).toBe('network');
    expect((await operationsOf(MEETING)).map((op) => op.state)).toEqual(['pending', 'pending', 'pending']);

    // The answer was lost after the server stored them: the retry gets "duplicate", nothing new.
    const keys = (await operationsOf(MEETING)).map((op) => op.clientKey);
    for (const key of keys) server.stored.set(key, crypto.randomUUID());
    expect(await syncOnce(MEETING, deps(server.send))).toEqual({ kind: 'synced', stored: 3, rejected: 0 });
    expect(server.stored.size).toBe(3);
  });

  it('marks refused operations for attention with the server message and sends the rest', async () => {
    const server = fakeServer((op) => (op.kind === 'participant' && op.data.fullName === 'Person 2' ? 'already_registered' : null));
    for (let n = 1; n <= 3; n += 1) await enqueue(MEETING, 'participant', person(n));
    expect(await syncOnce(MEETING, deps(server.send))).toEqual({ kind: 'synced', stored: 2, rejected: 1 });
    const ops = await operationsOf(MEETING);
    expect(ops.map((op) => op.state)).toEqual(['synced', 'rejected', 'synced']);
    expect(ops[1]!.error).toEqual({ code: 'already_registered', message: 'refused: already_registered' });
    // A refused one is not sent again by itself.
    expect(await syncOnce(MEETING, deps(server.send))).toEqual({ kind: 'idle' });
  });

  it('sends at most 100 per batch, oldest first, until none is left', async () => {
    const server = fakeServer();
    for (let n = 1; n <= BATCH_SIZE + 20; n += 1) await enqueue(MEETING, 'participant', person(n));
    expect(await syncOnce(MEETING, deps(server.send))).toEqual({ kind: 'synced', stored: BATCH_SIZE + 20, rejected: 0 });
    expect(server.calls.map((c) => c.length)).toEqual([BATCH_SIZE, 20]);
    expect((server.calls[0]![0]!.data as { fullName: string }).fullName).toBe('Person 1');
  });

  it('falls back to one by one when the batch as a whole is invalid (400)', async () => {
    const server = fakeServer();
    await enqueue(MEETING, 'participant', person(1));
    await enqueue(MEETING, 'participant', { ...person(2), fullName: '' });
    await enqueue(MEETING, 'participant', person(3));
    const send = vi.fn(async (meetingId: string, operations: LiveOperation[]) => {
      if (operations.some((op) => op.kind === 'participant' && op.data.fullName === '')) throw apiError(400, 'validation_failed', 'Invalid');
      return server.send(meetingId, operations);
    });
    expect(await syncOnce(MEETING, deps(send))).toEqual({ kind: 'synced', stored: 2, rejected: 1 });
    expect((await operationsOf(MEETING)).map((op) => op.state)).toEqual(['synced', 'rejected', 'synced']);
  });

  it('refreshes the session once on a CSRF refusal and retries; a 401 keeps everything queued', async () => {
    const server = fakeServer();
    await enqueue(MEETING, 'participant', person(1));
    let fresh = false;
    const send = vi.fn(async (meetingId: string, operations: LiveOperation[]) => {
      if (!fresh) throw apiError(403, 'csrf_failed');
      return server.send(meetingId, operations);
    });
    const refreshSession = vi.fn(async () => { fresh = true; });
    expect(await syncOnce(MEETING, deps(send, { refreshSession }))).toEqual({ kind: 'synced', stored: 1, rejected: 0 });
    expect(refreshSession).toHaveBeenCalledTimes(1);

    await enqueue(MEETING, 'participant', person(2));
    const expired = vi.fn(async () => { throw apiError(401, 'unauthenticated'); });
    expect((await syncOnce(MEETING, deps(expired))).kind).toBe('failed');
    expect((await pendingBatch(MEETING)).length).toBe(1);
  });

  it('refuses the whole batch when the meeting is gone (404)', async () => {
    await enqueue(MEETING, 'decision', { text: 'Light the street', responsible: 'Akimat', dueDate: '2026-04-01' });
    const gone = vi.fn(async () => { throw apiError(404, 'not_found', 'Not found'); });
    expect(await syncOnce(MEETING, deps(gone))).toEqual({ kind: 'synced', stored: 0, rejected: 1 });
    expect((await operationsOf(MEETING))[0]!.state).toBe('rejected');
  });
});

describe('createSyncRunner', () => {
  it('runs one sync at a time and once more when asked during a run', async () => {
    const server = fakeServer();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => { release = r; });
    const send = vi.fn(async (meetingId: string, operations: LiveOperation[]) => {
      if (send.mock.calls.length === 1) await gate;
      return server.send(meetingId, operations);
    });
    const outcomes: string[] = [];
    const runner = createSyncRunner(MEETING, { author: alice, send }, (o) => outcomes.push(o.kind));
    await enqueue(MEETING, 'participant', person(1));
    const first = runner.request();
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    await enqueue(MEETING, 'participant', person(2));
    const second = runner.request();
    expect(runner.busy).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(send.mock.calls.map((c) => c[1].length)).toEqual([1, 1]);
    // The running sync picked up the second entry itself; the extra pass found nothing left.
    expect(outcomes).toEqual(['synced', 'idle']);
    expect(server.stored.size).toBe(2);
  });
});

describe('entries belong to their author (R-32.2)', () => {
  it('are sealed at rest: neither the entry nor the saved register holds a name in the clear', async () => {
    await enqueue(MEETING, 'participant', person(7));
    await saveSnapshot(MEETING, { participants: [{ fullName: 'Person 8', address: 'Street 8' }] } as never, Date.now());
    const [row] = await liveDb.operations.toArray();
    expect(row).not.toHaveProperty('data');
    expect(row).toMatchObject({ authorId: 'alice', meetingId: MEETING, state: 'pending' });
    const bytes = (value: unknown) => Buffer.from(JSON.stringify(value, (_k, v: unknown) => (v instanceof ArrayBuffer ? Buffer.from(v).toString('latin1') : v)));
    expect(bytes(row).includes('Person 7')).toBe(false);
    expect(bytes(row).includes('Street 7')).toBe(false);
    expect(bytes(await liveDb.snapshots.toArray()).includes('Person 8')).toBe(false);
    // The author opens them.
    expect((await operationsOf(MEETING))[0]!.data).toEqual(person(7));
    expect((await loadSnapshot(alice, MEETING))?.state).toEqual({ participants: [{ fullName: 'Person 8', address: 'Street 8' }] });
  });

  it('another user logging in on the device neither sees, opens nor sends them; the author\'s next login sends them as his', async () => {
    for (let n = 1; n <= 3; n += 1) await enqueue(MEETING, 'participant', person(n));
    await saveSnapshot(MEETING, { participants: [] } as never, Date.now() - 1_000);
    expect(await unsentOf('alice')).toEqual([{ meetingId: MEETING, count: 3 }]);

    // Alice logs out; Bob logs in on the same device.
    await forgetSession();
    const bob = await logIn('bob');
    expect(await keptAuthor('alice')).toBeNull();
    expect(await operationsOfAuthor(bob, MEETING)).toEqual([]);
    expect(await pendingBatchOf(bob, MEETING)).toEqual([]);
    expect(await loadSnapshot(bob, MEETING)).toBeUndefined();
    expect(await unsentOf('bob')).toEqual([]);
    // Even rows relabelled as his do not open with his key.
    const relabelled = (await liveDb.operations.toArray()).map((op) => ({ ...op, authorId: 'bob' }));
    expect(await openOperations(bob, relabelled)).toEqual([]);
    const bobServer = fakeServer();
    expect(await syncOnce(MEETING, { author: bob, send: bobServer.send })).toEqual({ kind: 'idle' });
    expect(bobServer.calls).toEqual([]);
    // Bob's own entry is his alone.
    await enqueueAs(bob, MEETING, 'participant', person(9));
    expect(await unsentOf('bob')).toEqual([{ meetingId: MEETING, count: 1 }]);

    // Alice logs in again (Bob's key leaves the device): her entries open and go out naming her.
    await forgetSession();
    alice = await logIn('alice');
    expect(await keptAuthor('bob')).toBeNull();
    expect((await operationsOf(MEETING)).map((op) => (op.data as { fullName: string }).fullName)).toEqual(['Person 1', 'Person 2', 'Person 3']);
    const server = fakeServer();
    const send = vi.fn((meetingId: string, operations: LiveOperation[], _authorId: string) => server.send(meetingId, operations));
    expect(await syncOnce(MEETING, { author: alice, send })).toEqual({ kind: 'synced', stored: 3, rejected: 0 });
    expect(send.mock.calls.map((c) => c[2])).toEqual(['alice']);
    expect(server.calls[0]!.map((op) => (op.data as { fullName: string }).fullName)).toEqual(['Person 1', 'Person 2', 'Person 3']);
    expect(await unsentOf('alice')).toEqual([]);
    expect(await unsentOf('bob')).toEqual([{ meetingId: MEETING, count: 1 }]);
  });

  it('keeps only the logged-in user\'s key on the device', async () => {
    expect(await keptAuthor('alice')).not.toBeNull();
    await keepOnlyKeyOf('bob');
    expect(await keptAuthor('alice')).toBeNull();
    // The same user's next session gets the same key from the server: his entries open.
    await enqueue(MEETING, 'item', { kind: 'question', text: 'Lights', topic: 'other' });
    alice = await logIn('alice');
    expect((await operationsOf(MEETING))[0]!.data).toMatchObject({ text: 'Lights' });
  });

  it('a sync refused because another user is logged in (403 not_the_author) keeps everything queued', async () => {
    await enqueue(MEETING, 'participant', person(1));
    const refused = vi.fn(async () => { throw Object.assign(apiError(403, 'forbidden'), { details: { reason: 'not_the_author' } }); });
    expect((await syncOnce(MEETING, { author: alice, send: refused })).kind).toBe('failed');
    expect((await pendingBatch(MEETING)).length).toBe(1);
  });

  it('counts refused entries as unsent too, per meeting', async () => {
    await enqueue(MEETING, 'participant', person(1));
    await enqueue(MEETING, 'participant', person(2));
    await enqueue(OTHER, 'participant', person(3));
    const server = fakeServer((op) => (op.kind === 'participant' && op.data.fullName === 'Person 1' ? 'already_registered' : null));
    await syncOnce(MEETING, { author: alice, send: server.send });
    expect((await unsentOf('alice')).sort((a, b) => a.meetingId.localeCompare(b.meetingId))).toEqual([{ meetingId: MEETING, count: 1 }, { meetingId: OTHER, count: 1 }]);
  });
});
