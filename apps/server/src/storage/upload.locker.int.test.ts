import { openUploadLocks, UPLOAD_LOCK, type Database, type UploadLocks } from '@esep/db';
import { ERRORS, type Lock } from '@tus/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.ts';
import { PostgresUploadLocker, UPLOAD_LOCKED } from './upload.locker.ts';

/*
 * The tus locker of several server processes on one PostgreSQL (upload.locker.ts): each
 * "process" here is a locker on a pool of its own, as each server has. PostgreSQL only: on
 * PGlite one process holds the database (the data directory's lock) and tus's in-memory locker
 * is used.
 */
const postgres = process.env.ESEP_TEST_ENGINE === 'postgres' && !!process.env.TEST_DATABASE_URL;

const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Whether the promise is still pending after `ms`. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise.then(() => 'done', () => 'failed'), wait(ms).then(() => pending)])) === pending;
}

describe.skipIf(!postgres)('upload locks shared by server processes (PostgreSQL only: on PGlite one process, tus\'s in-memory locker)', () => {
  let database: Database & { url?: string };
  let a: UploadLocks;
  let b: UploadLocks;
  let lockerA: PostgresUploadLocker;
  let lockerB: PostgresUploadLocker;
  const never = new AbortController().signal;

  beforeAll(async () => {
    database = await testDatabase();
    a = openUploadLocks(database.url!);
    b = openUploadLocks(database.url!);
    lockerA = new PostgresUploadLocker(a);
    lockerB = new PostgresUploadLocker(b);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.close();
  });

  it('two processes on one upload exclude each other; the holder is asked to let go; release lets the other in', async () => {
    const asked: string[] = [];
    const first = lockerA.newLock('upload-1');
    await first.lock(never, () => { asked.push('A'); });
    const second = lockerB.newLock('upload-1');
    const waiting = second.lock(never, () => { asked.push('B'); });
    expect(await pendingAfter(waiting, 400)).toBe(true);
    // tus ends the holder's request on this (after its drain time).
    expect(asked).toContain('A');
    expect(asked).not.toContain('B');
    // Another upload is not held up.
    const other = lockerB.newLock('upload-2');
    await other.lock(never, () => undefined);
    await other.unlock();

    await first.unlock();
    await waiting;
    // Now A is the one that waits.
    const third = lockerA.newLock('upload-1');
    const again = third.lock(never, () => undefined);
    expect(await pendingAfter(again, 200)).toBe(true);
    await second.unlock();
    await again;
    await third.unlock();
  });

  it('two requests in one process exclude each other too (each lock has its own connection)', async () => {
    const first = lockerA.newLock('upload-3');
    await first.lock(never, () => undefined);
    const second = lockerA.newLock('upload-3');
    const waiting = second.lock(never, () => undefined);
    expect(await pendingAfter(waiting, 200)).toBe(true);
    await first.unlock();
    await waiting;
    await second.unlock();
  });

  it('a stop signal ends the wait without taking the lock', async () => {
    const holder = lockerA.newLock('upload-4');
    await holder.lock(never, () => undefined);
    const stop = new AbortController();
    const waiter = lockerB.newLock('upload-4');
    const waiting = settle(waiter.lock(stop.signal, () => undefined));
    await wait(200);
    const stoppedAt = performance.now();
    stop.abort(ERRORS.ABORTED);
    const outcome = await waiting;
    expect(performance.now() - stoppedAt).toBeLessThan(200);
    expect(outcome).toEqual({ error: ERRORS.ABORTED });
    await expect(waiter.unlock()).rejects.toThrow(/not held/);
    // Still A's: a third waits, and gets it once A lets go.
    const third = lockerB.newLock('upload-4');
    const next = third.lock(never, () => undefined);
    expect(await pendingAfter(next, 200)).toBe(true);
    await holder.unlock();
    await next;
    await third.unlock();
  });

  it('a request waiting longer than the timeout is refused with 423 Locked', async () => {
    const holder = lockerA.newLock('upload-5');
    await holder.lock(never, () => undefined);
    const impatient = new PostgresUploadLocker(b, { acquireTimeoutMs: 300 }).newLock('upload-5');
    expect(await settle(impatient.lock(never, () => undefined))).toEqual({ error: UPLOAD_LOCKED });
    await holder.unlock();
  });

  it('a holder whose connection is cut is told to stop, and the upload is free for the others', async () => {
    let told = 0;
    const holder: Lock = lockerA.newLock('upload-6');
    await holder.lock(never, () => { told += 1; });
    // The backend holding it, as an administrator (or a lost network path) would end it.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `select pid from pg_locks where locktype = 'advisory' and classid = $1 and granted and database = (select oid from pg_database where datname = current_database())`, [UPLOAD_LOCK]);
      expect(rows).toHaveLength(1);
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    for (let i = 0; i < 50 && told === 0; i++) await wait(100);
    expect(told).toBeGreaterThan(0);
    const other = lockerB.newLock('upload-6');
    await other.lock(never, () => undefined);
    await other.unlock();
    // Unlocking the lost lock only returns its (closed) connection.
    await holder.unlock();
  });
});
