import type { HeldUploadLock, UploadLocks } from '@esep/db';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';

/*
 * @tus/server's Locker for several server processes on one PostgreSQL database. tus takes an
 * upload's lock around every HEAD, PATCH and DELETE; its default MemoryLocker knows only its own
 * process, so a PATCH on A and a PATCH on B of one upload would both write it — and with
 * @tus/s3-store both would read, delete and rewrite the upload's incomplete part. Here the lock is
 * PostgreSQL's (repositories/upload-lock.repository.ts: a session-level advisory lock on a
 * connection held for the lock's life).
 *
 * As with MemoryLocker, a request that finds the upload locked asks the holder to let go (tus
 * then ends the holder's request after `lockDrainTimeout`, keeping what it wrote: a client that
 * sends a new request has given up the old one) and waits until the lock is free. PostgreSQL
 * cannot wake a waiter of a try-lock, so the waiter polls, with a delay growing from 25 ms to
 * 500 ms, and asks again at every attempt (the holder may not have been listening yet).
 * Waiting ends when the request's stop signal aborts (its client went away, or a newer request
 * asked for the upload) or after `acquireTimeoutMs`: then 423 Locked, which tus clients retry
 * (or 500 if PostgreSQL could not be reached at all).
 *
 * Time here is the machine's monotonic time, not app.clock: these are waits, not dates, and a
 * test that stops the server's clock must not make them endless.
 */

export interface UploadLockerOptions {
  /** The longest wait for a lock (default 30 s, as MemoryLocker's). */
  acquireTimeoutMs?: number;
}

const FIRST_DELAY_MS = 25;
const MAX_DELAY_MS = 500;

/**
 * What a request that waited too long answers: 423 rather than tus's ERR_LOCK_TIMEOUT (500).
 * Nothing failed (another request is writing the upload), and tus-js-client retries 409 and 423
 * but treats other 4xx as final.
 */
export const UPLOAD_LOCKED = { status_code: 423, body: 'Locked: another request is writing this upload; try again\n' };

type TusError = { status_code: number; body: string };
const isTusError = (value: unknown): value is TusError =>
  typeof value === 'object' && value !== null && typeof (value as TusError).status_code === 'number';

/** Resolves after `ms`, or as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export class PostgresUploadLocker implements Locker {
  private readonly acquireTimeoutMs: number;

  constructor(private readonly locks: UploadLocks, options: UploadLockerOptions = {}) {
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
  }

  newLock(id: string): Lock {
    return new PostgresUploadLock(id, this.locks, this.acquireTimeoutMs);
  }
}

class PostgresUploadLock implements Lock {
  private held: HeldUploadLock | null = null;

  constructor(private readonly id: string, private readonly locks: UploadLocks, private readonly acquireTimeoutMs: number) {}

  async lock(stopSignal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    if (this.held) throw new Error(`upload lock ${this.id}: already held by this request`);
    // tus aborts with its own error as the reason; anything else is reported as tus's ABORTED.
    const stopped = () => (isTusError(stopSignal.reason) ? stopSignal.reason : ERRORS.ABORTED);
    const release = () => {
      Promise.resolve(requestRelease()).catch(() => undefined);
    };
    const deadline = performance.now() + this.acquireTimeoutMs;
    let delay = FIRST_DELAY_MS;
    for (;;) {
      if (stopSignal.aborted) throw stopped();
      let held: HeldUploadLock | null = null;
      let reached = true;
      try {
        // Asked to let go, or the connection (and so the lock) lost: either way this request
        // must stop writing, which tus does on requestRelease.
        held = await this.locks.tryLock(this.id, { releaseRequested: release, lost: release });
      } catch {
        // PostgreSQL unreachable, or every lock connection in use: tried again until the deadline.
        reached = false;
      }
      if (held) {
        if (stopSignal.aborted) {
          await held.release();
          throw stopped();
        }
        this.held = held;
        return;
      }
      if (reached) await this.locks.askRelease(this.id).catch(() => undefined);
      // Never reached at the end: a failure of the server (500, logged), not a busy upload.
      if (performance.now() + delay > deadline) throw reached ? UPLOAD_LOCKED : ERRORS.ERR_LOCK_TIMEOUT;
      await pause(delay, stopSignal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }

  async unlock(): Promise<void> {
    const held = this.held;
    if (!held) throw new Error(`upload lock ${this.id}: releasing a lock not held`);
    this.held = null;
    await held.release();
  }
}
