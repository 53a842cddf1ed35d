import type { ApiError } from '../../app/api.ts';
import type { LiveOperation, LiveSyncResult, OperationError } from './live.types.ts';
import { applyResults, pendingBatch, rejectAll, type Author, type OutboxOperation } from './outbox.ts';

/**
 * The sync loop of the offline queue. Pending operations of a meeting go to the server in
 * batches (at most 100, oldest first). Each answer is recorded per operation; a network
 * error or a 5xx keeps everything queued for the next attempt — nothing is ever dropped.
 * Only the author's own entries are sent, naming him: the server refuses them under anyone
 * else's login (another tab may have logged in as someone else meanwhile).
 */
export const BATCH_SIZE = 100;
export const RETRY_INTERVAL_MS = 15_000;

export interface SyncDeps {
  /** The logged-in user, whose entries (and only those) are sent. */
  author: Author;
  send: (meetingId: string, operations: LiveOperation[], authorId: string) => Promise<LiveSyncResult>;
  /** Fetches the session again (a new CSRF token after a reload while offline). */
  refreshSession?: () => Promise<void>;
}

export type SyncOutcome =
  /** Nothing was waiting. */
  | { kind: 'idle' }
  /** Everything pending was answered (stored or refused). */
  | { kind: 'synced'; stored: number; rejected: number }
  /** No connection or the server failed: the rest stays queued. */
  | { kind: 'network'; stored: number; error: ApiError }
  /** The session has ended (401) or another answer that says "try later": kept queued. */
  | { kind: 'failed'; stored: number; error: unknown };

function toOperation(op: OutboxOperation): LiveOperation {
  return { kind: op.kind, clientKey: op.clientKey, data: op.data } as LiveOperation;
}

/**
 * The API client's error (status 0 = no answer at all), recognised by shape so this module
 * runs without the app around it (unit tests).
 */
export function isApiError(error: unknown, status?: number): error is ApiError {
  const e = error as Partial<ApiError> | null;
  return typeof e === 'object' && e !== null && typeof e.status === 'number' && typeof e.code === 'string'
    && (status === undefined || e.status === status);
}

function errorOf(error: ApiError): OperationError {
  return { code: error.code, message: error.message, details: error.details };
}

/** A failure after which sending again later may work. */
export function isTransient(error: unknown): error is ApiError {
  return isApiError(error) && (error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429);
}

async function record(answer: LiveSyncResult): Promise<{ stored: number; rejected: number }> {
  await applyResults(answer.results);
  return {
    stored: answer.results.filter((r) => r.status !== 'rejected').length,
    rejected: answer.results.filter((r) => r.status === 'rejected').length,
  };
}

/** Sends the pending operations of one meeting until none is left or the connection fails. */
export async function syncOnce(meetingId: string, deps: SyncDeps): Promise<SyncOutcome> {
  let stored = 0;
  let rejected = 0;
  let sessionRefreshed = false;
  for (;;) {
    const batch = await pendingBatch(deps.author, meetingId, BATCH_SIZE);
    if (batch.length === 0) return stored + rejected === 0 ? { kind: 'idle' } : { kind: 'synced', stored, rejected };
    try {
      const counts = await record(await deps.send(meetingId, batch.map(toOperation), deps.author.userId));
      stored += counts.stored;
      rejected += counts.rejected;
      // The server answered none of them (should not happen): stop rather than loop.
      if (counts.stored + counts.rejected === 0) return { kind: 'failed', stored, error: new Error('empty sync answer') };
      continue;
    } catch (error) {
      if (isTransient(error)) return { kind: 'network', stored, error };
      if (!isApiError(error)) return { kind: 'failed', stored, error };
      if (error.code === 'csrf_failed' && deps.refreshSession && !sessionRefreshed) {
        sessionRefreshed = true;
        try {
          await deps.refreshSession();
        } catch (refreshError) {
          return isTransient(refreshError) ? { kind: 'network', stored, error: refreshError } : { kind: 'failed', stored, error: refreshError };
        }
        continue;
      }
      if (error.status === 401 || error.status === 403) return { kind: 'failed', stored, error };
      if (error.status === 400 && batch.length > 1) {
        // One malformed operation must not hold back the others: send them one by one.
        const single = await syncSingly(meetingId, batch, deps);
        stored += single.stored;
        rejected += single.rejected;
        if (single.stop) return single.stop;
        continue;
      }
      // The whole batch is refused (meeting not found, recording closed, invalid operation).
      await rejectAll(batch.map((op) => op.clientKey), errorOf(error));
      rejected += batch.length;
    }
  }
}

async function syncSingly(meetingId: string, batch: OutboxOperation[], deps: SyncDeps) {
  let stored = 0;
  let rejected = 0;
  for (const op of batch) {
    try {
      const counts = await record(await deps.send(meetingId, [toOperation(op)], deps.author.userId));
      stored += counts.stored;
      rejected += counts.rejected;
    } catch (error) {
      if (isTransient(error)) return { stored, rejected, stop: { kind: 'network', stored, error } as SyncOutcome };
      if (!isApiError(error) || error.status === 401 || error.status === 403) {
        return { stored, rejected, stop: { kind: 'failed', stored, error } as SyncOutcome };
      }
      await rejectAll([op.clientKey], errorOf(error));
      rejected += 1;
    }
  }
  return { stored, rejected, stop: null };
}

/**
 * One sync at a time per meeting: a request while a sync runs makes it run once more after,
 * so an entry added during a send is sent right after it.
 */
export function createSyncRunner(meetingId: string, deps: SyncDeps, onOutcome: (outcome: SyncOutcome) => void) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    do {
      again = false;
      let outcome: SyncOutcome;
      try {
        outcome = await syncOnce(meetingId, deps);
      } catch (error) {
        outcome = { kind: 'failed', stored: 0, error };
      }
      onOutcome(outcome);
      if (outcome.kind === 'network' || outcome.kind === 'failed') break;
    } while (again);
  };
  return {
    /** Starts a sync, or asks the running one to go once more. Resolves when it has finished. */
    request(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = run().finally(() => {
        running = null;
      });
      return running;
    },
    get busy() {
      return running !== null;
    },
  };
}
