import Dexie, { type Table } from 'dexie';
import type { LiveOperationKind, LiveState, OperationError } from './live.types.ts';

/**
 * The live screen's offline queue: every entry typed at the meeting is stored on the
 * device first, as an operation with its own client key, and sent to the server by the sync
 * loop. A retried send with the same key never makes a copy (the server answers "duplicate").
 *
 * - `pending`: waiting to be sent (kept through network errors, 5xx and reloads);
 * - `rejected`: the server refused it; shown as "needs attention" until edited or discarded;
 * - `synced`: stored on the server, kept only until a register fetched after the send shows it
 *   (so the row never blinks out between the answer and the new register).
 */
export type OperationState = 'pending' | 'rejected' | 'synced';

export interface OutboxOperation {
  clientKey: string;
  meetingId: string;
  kind: LiveOperationKind;
  data: Record<string, unknown>;
  /** ISO instant, strictly increasing on this device: the order in which operations are sent. */
  createdAt: string;
  state: OperationState;
  error: OperationError | null;
  /** When the server confirmed it (state `synced`), epoch ms. */
  syncedAt?: number;
  /** The server's id once stored. */
  serverId?: string | null;
}

/** The last register fetched from the server: a reload while offline still shows it. */
export interface Snapshot {
  meetingId: string;
  state: LiveState;
  /** Epoch ms when the request that brought `state` started. */
  savedAt: number;
}

class LiveDatabase extends Dexie {
  operations!: Table<OutboxOperation, string>;
  snapshots!: Table<Snapshot, string>;

  constructor() {
    super('esep-live');
    this.version(1).stores({
      operations: 'clientKey, meetingId, [meetingId+createdAt], state',
      snapshots: 'meetingId',
    });
  }
}

export const liveDb = new LiveDatabase();

let lastCreated = '';

/** Now, or a millisecond after the previous operation if the clock has not moved (order is kept). */
function nextCreatedAt(now = new Date()): string {
  let at = now.toISOString();
  if (at <= lastCreated) at = new Date(new Date(lastCreated).getTime() + 1).toISOString();
  lastCreated = at;
  return at;
}

export function newClientKey(): string {
  return crypto.randomUUID();
}

/** Puts an operation in the queue; it shows at once as "waiting". */
export async function enqueue(meetingId: string, kind: LiveOperationKind, data: Record<string, unknown>, clientKey = newClientKey()): Promise<OutboxOperation> {
  const operation: OutboxOperation = { clientKey, meetingId, kind, data, createdAt: nextCreatedAt(), state: 'pending', error: null };
  await liveDb.operations.add(operation);
  return operation;
}

/** Every operation of the meeting still on this device, in creation order. */
export function operationsOf(meetingId: string): Promise<OutboxOperation[]> {
  return liveDb.operations.where('[meetingId+createdAt]').between([meetingId, Dexie.minKey], [meetingId, Dexie.maxKey]).toArray();
}

/** The operations to send next: pending ones of the meeting, oldest first, at most `limit`. */
export async function pendingBatch(meetingId: string, limit = 100): Promise<OutboxOperation[]> {
  return liveDb.operations.where('[meetingId+createdAt]').between([meetingId, Dexie.minKey], [meetingId, Dexie.maxKey])
    .filter((op) => op.state === 'pending').limit(limit).toArray();
}

export interface SyncResultEntry {
  clientKey: string;
  status: 'created' | 'duplicate' | 'rejected';
  id: string | null;
  error: OperationError | null;
}

/** Records the server's answer to a batch: stored ones become `synced`, refused ones `rejected`. */
export async function applyResults(results: SyncResultEntry[], now = Date.now()): Promise<void> {
  await liveDb.transaction('rw', liveDb.operations, async () => {
    for (const result of results) {
      const op = await liveDb.operations.get(result.clientKey);
      // Edited or discarded while the batch was on its way: the newer version wins.
      if (!op || op.state !== 'pending') continue;
      if (result.status === 'rejected') {
        await liveDb.operations.update(result.clientKey, { state: 'rejected', error: result.error ?? { code: 'rejected', message: '' } });
      } else {
        await liveDb.operations.update(result.clientKey, { state: 'synced', syncedAt: now, serverId: result.id, error: null });
      }
    }
  });
}

/** Marks operations refused as a whole batch (the meeting is gone, recording is closed). */
export async function rejectAll(clientKeys: string[], error: OperationError): Promise<void> {
  await liveDb.operations.where('clientKey').anyOf(clientKeys).modify((op) => {
    if (op.state === 'pending') {
      op.state = 'rejected';
      op.error = error;
    }
  });
}

/** Edit-and-retry of a refused operation: new data, pending again, same key. */
export async function retryOperation(clientKey: string, data?: Record<string, unknown>): Promise<void> {
  await liveDb.operations.update(clientKey, { ...(data ? { data } : {}), state: 'pending', error: null });
}

export async function discardOperation(clientKey: string): Promise<void> {
  await liveDb.operations.delete(clientKey);
}

/**
 * A register fetched from the server (its request started at `fetchStartedAt`) is saved for
 * offline use; operations confirmed before that request are in it and leave the queue.
 */
export async function saveSnapshot(meetingId: string, state: LiveState, fetchStartedAt: number): Promise<void> {
  await liveDb.transaction('rw', liveDb.operations, liveDb.snapshots, async () => {
    await liveDb.snapshots.put({ meetingId, state, savedAt: fetchStartedAt });
    await liveDb.operations.where('meetingId').equals(meetingId)
      .filter((op) => op.state === 'synced' && (op.syncedAt ?? 0) <= fetchStartedAt)
      .delete();
  });
}

export function loadSnapshot(meetingId: string): Promise<Snapshot | undefined> {
  return liveDb.snapshots.get(meetingId);
}

/**
 * On logout the saved registers (names of residents) leave the device; entries not yet sent
 * stay, so nothing typed is lost — they go out with the next login on this device.
 */
export async function forgetSnapshots(): Promise<void> {
  await liveDb.snapshots.clear();
}
