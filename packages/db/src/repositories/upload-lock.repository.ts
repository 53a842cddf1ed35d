import pg from 'pg';

/*
 * Locks on resumable (tus) uploads, shared by every server process on one PostgreSQL database:
 * a PATCH reaching process A and another reaching process B for the same upload must not both
 * write it (apps/server storage/upload.locker.ts builds @tus/server's Locker on these).
 *
 * A lock is a session-level advisory lock (two keys: UPLOAD_LOCK and hashtext(id)) taken with
 * pg_try_advisory_lock on a connection of its own, kept out of the pool until released: the lock
 * lives exactly as long as that session, so a process that dies (kill -9, a lost machine) loses
 * its locks with its connections, and nobody has to judge a lock stale. The connections come
 * from a pool of their own, not the queries' pool: a multi-GB upload holds its lock for minutes,
 * and uploads must never starve the API of connections.
 *
 * While held, the lock's connection LISTENs on UPLOAD_LOCK_CHANNEL: another request that wants
 * the upload NOTIFYs the id there (`askRelease`) and the holder is told (tus then ends the holder's
 * request after its drain time: a client that sends a new request has given up the old one). The
 * listening is on the lock's own connection, not the process's listener (notify.listener.ts),
 * which the session cache counts to know how many processes answer its markers.
 *
 * Two ids with one hashtext (one pair in 2^32) share a lock: the second waits for the first as if
 * they were one upload, and is not heard asking for it (the request carries the id). Harmless.
 */

/** The first key of every upload lock: apart from the audit lanes' (AUDIT_LOCK) and any other use. */
export const UPLOAD_LOCK = 7301660;
/** Where a request asks the holder of an upload's lock to let it go; the payload is the upload id. */
export const UPLOAD_LOCK_CHANNEL = 'esep_upload_release';
/** The lock connections' application_name (seen in pg_stat_activity). */
export const UPLOAD_LOCK_CONNECTION = 'esep-upload-lock';

export interface UploadLockEvents {
  /** Another request (in this process or another) asked for the upload; told each time it asks. */
  releaseRequested(): void;
  /** The lock's connection failed while held: PostgreSQL has released the lock; stop writing. */
  lost(error: Error): void;
}

export interface HeldUploadLock {
  /** Releases the lock and gives the connection back to the pool (or closes it, if it failed). */
  release(): Promise<void>;
}

export interface UploadLocks {
  /**
   * One attempt at the lock of `id`: held (on a connection of its own) until `release`, or null
   * when another session holds it. Rejects when no connection could be had (PostgreSQL
   * unreachable, or all `max` connections hold locks for `connectTimeoutMs`).
   */
  tryLock(id: string, events: UploadLockEvents): Promise<HeldUploadLock | null>;
  /** Asks whoever holds the lock of `id` to let it go. */
  askRelease(id: string): Promise<void>;
  /** Ends the pool (held locks are released with their connections). */
  close(): Promise<void>;
}

export interface UploadLockOptions {
  /** Locks held at once by this process; more wait for a connection (default 20). */
  max?: number;
  /** How long an attempt waits for a connection of the pool (default 2 s). */
  connectTimeoutMs?: number;
  /** Told when an idle connection of the pool fails (it is dropped; the next attempt opens another). */
  onConnectionError?: (error: Error) => void;
}

export function openUploadLocks(url: string, options: UploadLockOptions = {}): UploadLocks {
  const pool = new pg.Pool({
    connectionString: url, max: options.max ?? 20, connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    // A lock connection silently cut (a dead network path) must fail, not hold a lock nobody has.
    keepAlive: true, application_name: UPLOAD_LOCK_CONNECTION,
  });
  pool.on('error', options.onConnectionError ?? ((error) => process.emitWarning(`upload locks: an idle connection failed and was dropped (${error.message})`)));

  return {
    async tryLock(id, events) {
      const client = await pool.connect();
      let state: 'trying' | 'held' | 'lost' | 'released' = 'trying';
      // A checked-out client with no 'error' listener would raise a failure as an uncaught error.
      const failed = (error?: Error) => {
        if (state !== 'held') return;
        state = 'lost';
        events.lost(error ?? new Error('upload lock: the connection ended'));
      };
      const onError = (error: Error) => failed(error);
      const onEnd = () => failed();
      const onNotification = (message: pg.Notification) => {
        if (state === 'held' && message.channel === UPLOAD_LOCK_CHANNEL && message.payload === id) events.releaseRequested();
      };
      client.on('error', onError);
      client.on('end', onEnd);
      const detach = () => {
        client.off('error', onError);
        client.off('end', onEnd);
        client.off('notification', onNotification);
      };
      try {
        const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::int, hashtext($2)) as locked', [UPLOAD_LOCK, id]);
        if (!rows[0]?.locked) {
          detach();
          client.release();
          return null;
        }
        state = 'held';
        client.on('notification', onNotification);
        await client.query(`listen ${UPLOAD_LOCK_CHANNEL}`);
      } catch (error) {
        // Closing the session releases whatever it took.
        state = 'released';
        detach();
        client.release(error as Error);
        throw error;
      }
      return {
        async release() {
          if (state === 'released') return;
          const usable = state === 'held';
          state = 'released';
          client.off('notification', onNotification);
          try {
            if (!usable) throw new Error('upload lock: the connection was lost');
            await client.query(`unlisten ${UPLOAD_LOCK_CHANNEL}`);
            await client.query('select pg_advisory_unlock($1::int, hashtext($2))', [UPLOAD_LOCK, id]);
            detach();
            client.release();
          } catch (error) {
            // The session is closed instead: PostgreSQL releases the lock with it.
            detach();
            client.release(error as Error);
          }
        },
      };
    },

    async askRelease(id) {
      await pool.query('select pg_notify($1, $2)', [UPLOAD_LOCK_CHANNEL, id]);
    },

    close: () => pool.end(),
  };
}
