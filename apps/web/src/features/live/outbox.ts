import Dexie, { type Table } from 'dexie';
import type { LiveOperationKind, LiveState, OperationError } from './live.types.ts';

/**
 * The live screen's offline queue (R-32.2): every entry typed at the meeting is stored on the
 * device first, as an operation with its own client key, and sent to the server by the sync
 * loop. A retried send with the same key never makes a copy (the server answers "duplicate").
 *
 * - `pending`: waiting to be sent (kept through network errors, 5xx and reloads);
 * - `rejected`: the server refused it; shown as "needs attention" until edited or discarded;
 * - `synced`: stored on the server, kept only until a register fetched after the send shows it
 *   (so the row never blinks out between the answer and the new register).
 *
 * Entries hold residents' names and addresses and belong to the user who typed them (his name
 * goes into the audit when they are stored). So each entry carries its author's user id, and
 * its data — like the saved register — is sealed with AES-256-GCM under the author's key:
 * - the key comes from the server after login (`/auth/me/outbox-key`, the same in all his
 *   sessions), is kept on the device as a non-extractable CryptoKey only while his session
 *   lasts (a reload without signal still opens his entries), and is forgotten at logout or when
 *   the session ends;
 * - the screen lists and the sync sends only the logged-in user's entries, opened with his key.
 *   Another user on the same device neither sees nor sends them, and cannot read them from the
 *   browser's storage either: his session is given his own key, which opens nothing of them;
 * - entries left unsent at logout stay sealed on the device and open again when their author
 *   logs in next (the logout warns that they are there).
 * Sealing rather than deleting at logout: an inspector in a hall without signal must not lose a
 * register because the session ended. The associated data binds each sealed payload to its
 * author and entry, so a payload moved to another row or author does not open.
 */
export type OperationState = 'pending' | 'rejected' | 'synced';

/** An entry as the screen sees it: its data opened with the author's key. */
export interface OutboxOperation {
  clientKey: string;
  meetingId: string;
  /** The user who typed it; only his login sends it. */
  authorId: string;
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

/** AES-GCM ciphertext (with its tag) and the 12-byte nonce it was made with. */
interface Sealed { iv: Uint8Array; bytes: ArrayBuffer }

/** How an entry is stored: the data sealed. */
interface StoredOperation extends Omit<OutboxOperation, 'data'> {
  sealed?: Sealed;
  /** Data typed before entries were sealed (database version 1), sealed at the author's next login. */
  legacyData?: Record<string, unknown>;
}

/** The last register fetched from the server: a reload while offline still shows it. */
export interface Snapshot {
  meetingId: string;
  state: LiveState;
  /** Epoch ms when the request that brought `state` started. */
  savedAt: number;
}

interface StoredSnapshot { meetingId: string; userId: string; sealed: Sealed; savedAt: number }

/** The key of the user logged in on this device (at most one is kept). */
interface DeviceKey { userId: string; key: CryptoKey }

/** The author whose entries the screen shows and sends: the logged-in user and his key. */
export interface Author { userId: string; key: CryptoKey }

/** The user the app last knew as logged in (session.tsx keeps it for reloads without signal). */
function lastKnownUserId(): string | null {
  try {
    const saved = globalThis.localStorage?.getItem('esep.lastUser');
    const id = saved ? (JSON.parse(saved) as { id?: unknown }).id : null;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

class LiveDatabase extends Dexie {
  operations!: Table<StoredOperation, string>;
  snapshots!: Table<StoredSnapshot, string>;
  keys!: Table<DeviceKey, string>;

  constructor() {
    super('esep-live');
    this.version(1).stores({
      operations: 'clientKey, meetingId, [meetingId+createdAt], state',
      snapshots: 'meetingId',
    });
    this.version(2).stores({
      operations: 'clientKey, meetingId, authorId, [authorId+meetingId+createdAt]',
      snapshots: 'meetingId',
      keys: 'userId',
    }).upgrade(async (tx) => {
      // Entries of version 1 were not bound to anyone. The user logged in when the app was
      // updated typed them (a logout kept them but also forgot that user): they become his and
      // are sealed when his key comes. With nobody logged in their author cannot be known, and
      // sending them under anyone's name is what this version prevents: they are removed.
      const author = lastKnownUserId();
      await tx.table('snapshots').clear();
      await tx.table('operations').toCollection().modify((op: StoredOperation & { data?: Record<string, unknown> }, ref) => {
        if (!author) {
          delete (ref as { value?: unknown }).value;
          return;
        }
        op.authorId = author;
        op.legacyData = op.data ?? {};
        delete op.data;
      });
    });
  }
}

export const liveDb = new LiveDatabase();

const text = new TextEncoder();
const aadOf = (what: 'operation' | 'snapshot', userId: string, id: string) => text.encode(`esep-live ${what} ${userId} ${id}`);

async function seal(key: CryptoKey, aad: Uint8Array<ArrayBuffer>, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const bytes = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, text.encode(JSON.stringify(value)));
  return { iv, bytes };
}

async function unseal<T>(key: CryptoKey, aad: Uint8Array<ArrayBuffer>, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(sealed.iv), additionalData: aad }, key, sealed.bytes);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

// ─── The author's key on this device ───────────────────────────────────────

function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The user's key: the one kept on this device, or else the server's (`fetchKey`), imported as
 * a non-extractable key and kept instead of any other user's. Entries typed before sealing are
 * sealed now.
 */
export async function authorOf(userId: string, fetchKey: () => Promise<string>): Promise<Author> {
  const kept = await liveDb.keys.get(userId);
  if (kept) return { userId, key: kept.key };
  const key = await crypto.subtle.importKey('raw', fromBase64Url(await fetchKey()), 'AES-GCM', false, ['encrypt', 'decrypt']);
  await liveDb.transaction('rw', liveDb.keys, async () => {
    await liveDb.keys.clear();
    await liveDb.keys.put({ userId, key });
  });
  const author = { userId, key };
  await sealLegacy(author);
  return author;
}

/** The user's key if this device keeps it (a reload without signal), without asking the server. */
export async function keptAuthor(userId: string): Promise<Author | null> {
  const kept = await liveDb.keys.get(userId);
  return kept ? { userId, key: kept.key } : null;
}

/** A user is logged in: any other user's key leaves the device. */
export async function keepOnlyKeyOf(userId: string): Promise<void> {
  await liveDb.keys.where('userId').notEqual(userId).delete();
}

/**
 * The session has ended (logout, expiry): the saved registers and the key leave the device.
 * Unsent entries stay, sealed, for their author's next login.
 */
export async function forgetSession(): Promise<void> {
  await liveDb.transaction('rw', liveDb.snapshots, liveDb.keys, async () => {
    await liveDb.snapshots.clear();
    await liveDb.keys.clear();
  });
}

async function sealLegacy(author: Author): Promise<void> {
  const legacy = await liveDb.operations.where('authorId').equals(author.userId).filter((op) => op.legacyData !== undefined).toArray();
  for (const op of legacy) {
    const sealed = await seal(author.key, aadOf('operation', author.userId, op.clientKey), op.legacyData);
    await liveDb.operations.where('clientKey').equals(op.clientKey).modify((row) => {
      row.sealed = sealed;
      delete row.legacyData;
    });
  }
}

// ─── Operations ─────────────────────────────────────────────────────────────

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

/** Opens stored entries with the author's key; one that does not open (another key) is left out. */
export async function openOperations(author: Author, rows: readonly StoredOperation[]): Promise<OutboxOperation[]> {
  const opened = await Promise.all(rows.map(async (row): Promise<OutboxOperation | null> => {
    if (row.authorId !== author.userId) return null;
    const { sealed, legacyData, ...rest } = row;
    try {
      const data = sealed ? await unseal<Record<string, unknown>>(author.key, aadOf('operation', row.authorId, row.clientKey), sealed) : legacyData;
      return data ? { ...rest, data } : null;
    } catch {
      return null;
    }
  }));
  return opened.filter((op): op is OutboxOperation => op !== null);
}

/** Puts an operation in the queue, sealed under its author's key; it shows at once as "waiting". */
export async function enqueue(author: Author, meetingId: string, kind: LiveOperationKind, data: Record<string, unknown>, clientKey = newClientKey()): Promise<OutboxOperation> {
  const operation: OutboxOperation = { clientKey, meetingId, authorId: author.userId, kind, data, createdAt: nextCreatedAt(), state: 'pending', error: null };
  const { data: _plain, ...stored } = operation;
  await liveDb.operations.add({ ...stored, sealed: await seal(author.key, aadOf('operation', author.userId, clientKey), data) });
  return operation;
}

/** The stored (sealed) entries of the author at the meeting, in creation order: what the screen watches. */
export function storedOperationsOf(authorId: string, meetingId: string): Promise<StoredOperation[]> {
  return liveDb.operations.where('[authorId+meetingId+createdAt]')
    .between([authorId, meetingId, Dexie.minKey], [authorId, meetingId, Dexie.maxKey]).toArray();
}

/** Every entry of the author at the meeting still on this device, opened, in creation order. */
export async function operationsOf(author: Author, meetingId: string): Promise<OutboxOperation[]> {
  return openOperations(author, await storedOperationsOf(author.userId, meetingId));
}

/** The operations to send next: the author's pending ones at the meeting, oldest first, at most `limit`. */
export async function pendingBatch(author: Author, meetingId: string, limit = 100): Promise<OutboxOperation[]> {
  const rows = await liveDb.operations.where('[authorId+meetingId+createdAt]')
    .between([author.userId, meetingId, Dexie.minKey], [author.userId, meetingId, Dexie.maxKey])
    .filter((op) => op.state === 'pending').limit(limit).toArray();
  return openOperations(author, rows);
}

/** How many of the user's entries on this device have not reached the server, per meeting. */
export async function unsentOf(userId: string): Promise<Array<{ meetingId: string; count: number }>> {
  const rows = await liveDb.operations.where('authorId').equals(userId).filter((op) => op.state !== 'synced').toArray();
  const counts = new Map<string, number>();
  for (const op of rows) counts.set(op.meetingId, (counts.get(op.meetingId) ?? 0) + 1);
  return [...counts].map(([meetingId, count]) => ({ meetingId, count }));
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

/** Edit-and-retry of a refused operation of the author: new data (sealed again), pending again, same key. */
export async function retryOperation(author: Author, clientKey: string, data?: Record<string, unknown>): Promise<void> {
  const sealed = data ? await seal(author.key, aadOf('operation', author.userId, clientKey), data) : undefined;
  await liveDb.operations.where('clientKey').equals(clientKey).filter((op) => op.authorId === author.userId).modify((op) => {
    if (sealed) {
      op.sealed = sealed;
      delete op.legacyData;
    }
    op.state = 'pending';
    op.error = null;
  });
}

/** Discards one of the author's operations. */
export async function discardOperation(author: Author, clientKey: string): Promise<void> {
  await liveDb.operations.where('clientKey').equals(clientKey).filter((op) => op.authorId === author.userId).delete();
}

// ─── The saved register ─────────────────────────────────────────────────────

/**
 * A register fetched from the server (its request started at `fetchStartedAt`) is saved for
 * offline use, sealed under the user's key; his operations confirmed before that request are in
 * it and leave the queue.
 */
export async function saveSnapshot(author: Author, meetingId: string, state: LiveState, fetchStartedAt: number): Promise<void> {
  const sealed = await seal(author.key, aadOf('snapshot', author.userId, meetingId), state);
  await liveDb.transaction('rw', liveDb.operations, liveDb.snapshots, async () => {
    await liveDb.snapshots.put({ meetingId, userId: author.userId, sealed, savedAt: fetchStartedAt });
    await liveDb.operations.where('[authorId+meetingId+createdAt]')
      .between([author.userId, meetingId, Dexie.minKey], [author.userId, meetingId, Dexie.maxKey])
      .filter((op) => op.state === 'synced' && (op.syncedAt ?? 0) <= fetchStartedAt)
      .delete();
  });
}

/** The register saved by this user for the meeting, if any (another user's is not his to see). */
export async function loadSnapshot(author: Author, meetingId: string): Promise<Snapshot | undefined> {
  const saved = await liveDb.snapshots.get(meetingId);
  if (!saved || saved.userId !== author.userId) return undefined;
  try {
    return { meetingId, state: await unseal<LiveState>(author.key, aadOf('snapshot', author.userId, meetingId), saved.sealed), savedAt: saved.savedAt };
  } catch {
    return undefined;
  }
}
