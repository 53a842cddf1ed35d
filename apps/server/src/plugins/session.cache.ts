import {
  AUTH_CHANNEL, announceAuthChange, decodeAuthChange, listeningServers, loadScope, sessionWithUser,
  type AuthChange, type Database, type Db, type UserRow,
} from '@esep/db';
import type { Scope } from '@esep/domain';
import type { FastifyBaseLogger } from 'fastify';
import { LRUCache } from 'lru-cache';

export interface ResolvedSession {
  session: { id: string; kind: 'cookie' | 'bearer'; csrfToken: string; lastSeenAt: Date; expiresAt: Date };
  user: Readonly<UserRow>;
  scope: Scope;
}
interface Entry extends ResolvedSession {
  /** The Almaty date the territory was worked out for (R-2.2: assignments change at midnight). */
  today: string;
  /** When it was read, by the server's clock. */
  loadedAt: number;
}

export interface SessionCacheOptions {
  database: Database;
  log: FastifyBaseLogger;
  /** Sessions kept at most (least recently used go first). */
  max?: number;
  /** An entry is read again from the database after this long, whatever was announced. */
  maxAgeMs?: number;
  /** How long a request that announced a change waits to read its own announcement back. */
  syncTimeoutMs?: number;
}

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

/**
 * Sessions with their user and territory, kept in memory between requests, so that an
 * authenticated request runs no query before its handler (it used to run three to five).
 *
 * Correctness:
 * - Every change to a session, a user, an assignment or the structure is announced with NOTIFY on
 *   `AUTH_CHANNEL` inside its transaction (repositories/auth-change.repository.ts); every server
 *   process on the database listens and drops what the change touches when it commits.
 * - While the listening connection is down nothing is kept (a lost notification could leave a
 *   logged-out session alive); when it is back, everything kept before is thrown away.
 * - A request that announced a change waits before answering until its own process has read
 *   the announcement back (`sync`), so its next request is answered on the new state.
 * - A read that began before a change and finishes after it is not kept (`generation`).
 * - Expiry is checked against the server's clock on every hit. A cached expiry that has passed
 *   is read again rather than refused: another process may have extended the session.
 * - The territory is worked out for one Almaty date: an entry of another date is read again.
 * - An entry is read again at the latest after `maxAgeMs`, a bound on anything missed.
 */
export class SessionCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly loading = new Map<string, Promise<Entry | null>>();
  private readonly waiting = new Map<string, () => void>();
  private readonly db: Db;
  private readonly maxAgeMs: number;
  private readonly syncTimeoutMs: number;
  private generation = 0;
  private listening = false;
  private syncs = 0;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly options: SessionCacheOptions) {
    this.db = options.database.db;
    this.entries = new LRUCache({ max: options.max ?? 10_000 });
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.syncTimeoutMs = options.syncTimeoutMs ?? 2_000;
  }

  /** Starts listening; without a listener (a database that cannot) nothing is ever kept. */
  async start(): Promise<void> {
    const { database, log } = this.options;
    if (!database.listen) return;
    this.unlisten = await database.listen(AUTH_CHANNEL, {
      message: (payload) => this.received(payload),
      ready: () => {
        this.drop();
        this.listening = true;
      },
      lost: (error) => {
        this.listening = false;
        this.drop();
        log.warn({ err: error }, 'session cache: the database listener was lost; sessions are read from the database until it is back');
      },
    });
  }

  async stop(): Promise<void> {
    this.listening = false;
    this.drop();
    await this.unlisten?.();
    this.unlisten = null;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The session of a token's hash on `today` at `now`, with its user and territory; null when there is none or it has expired. */
  async resolve(id: string, now: Date, today: string): Promise<ResolvedSession | null> {
    const at = now.getTime();
    const kept = this.listening ? this.entries.get(id) : undefined;
    if (kept && kept.today === today && kept.session.expiresAt.getTime() > at && at - kept.loadedAt < this.maxAgeMs && at >= kept.loadedAt) return kept;
    const key = `${id} ${today}`;
    let load = this.loading.get(key);
    if (!load) {
      const generation = this.generation;
      load = this.read(id, now, today).then((entry) => {
        // Kept only if nothing was announced while it was read: the read may predate the change.
        if (entry && this.listening && generation === this.generation) this.entries.set(id, entry);
        return entry;
      }).finally(() => {
        if (this.loading.get(key) === load) this.loading.delete(key);
      });
      this.loading.set(key, load);
    }
    const entry = await load;
    return entry && entry.session.expiresAt.getTime() > at ? entry : null;
  }

  /** The sliding expiry just written for a session (auth.plugin, at most once a minute). */
  touched(id: string, lastSeenAt: Date, expiresAt: Date): void {
    const entry = this.entries.get(id);
    if (entry) entry.session = { ...entry.session, lastSeenAt, expiresAt };
  }

  /**
   * Waits until every server process listening on the database — this one and the others — has
   * read every announcement committed so far: it sends a marker, PostgreSQL delivers it to each
   * listener after everything committed before it, and each other process answers it (`ack`).
   * Without an answer from all in time (a process that hangs), everything this process keeps is
   * dropped and the request goes on: the others' entries are bounded by `maxAgeMs`.
   */
  async sync(): Promise<void> {
    if (!this.listening) return;
    const { database, log } = this.options;
    const id = `${process.pid}.${++this.syncs}.${Math.random().toString(36).slice(2, 8)}`;
    // PGlite: one process. PostgreSQL: every listening connection, this one included.
    const expected = database.engine === 'postgresql' ? await listeningServers(this.db) : 1;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<boolean>((resolve) => {
      let answers = 0;
      // Resolved after the I/O callbacks of the same turn: what arrived with the last answer is read too.
      this.waiting.set(id, () => { if (++answers >= expected) setImmediate(() => resolve(true)); });
      timer = setTimeout(() => resolve(false), this.syncTimeoutMs);
    });
    try {
      await announceAuthChange(this.db, { kind: 'sync', id });
      if (!(await done)) {
        this.drop();
        log.warn({ expected }, 'session cache: not every server answered a marker in time; everything kept here was dropped');
      }
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }

  /** Applies an announced change (also used directly by tests). */
  apply(change: AuthChange): void {
    if (change.kind === 'sync' || change.kind === 'ack') {
      const waiter = this.waiting.get(change.id);
      if (waiter) waiter();
      // Another process's marker: everything before it has been applied above; say so.
      else if (change.kind === 'sync') {
        announceAuthChange(this.db, { kind: 'ack', id: change.id })
          .catch((error: unknown) => this.options.log.warn({ err: error }, 'session cache: could not answer a marker'));
      }
      return;
    }
    this.generation++;
    // A read under way may have seen the state before the change: later requests read anew.
    this.loading.clear();
    if (change.kind === 'session') {
      this.entries.delete(change.id);
      return;
    }
    if (change.kind === 'all') {
      this.entries.clear();
      return;
    }
    const field = change.kind === 'user' ? 'id' : 'staffId';
    for (const [id, entry] of this.entries.entries()) {
      if (entry.user[field] === change.id) this.entries.delete(id);
    }
  }

  private received(payload: string): void {
    const change = decodeAuthChange(payload);
    // A payload this version does not know: drop everything rather than guess.
    this.apply(change ?? { kind: 'all' });
  }

  private drop(): void {
    this.generation++;
    this.loading.clear();
    this.entries.clear();
  }

  private async read(id: string, now: Date, today: string): Promise<Entry | null> {
    const found = await sessionWithUser(this.db, id, now);
    if (!found) return null;
    const { session, user } = found;
    const scope = await loadScope(this.db, user, today);
    return {
      session: { id: session.id, kind: session.kind, csrfToken: session.csrfToken, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt },
      // Shared by every request of the session: frozen so that no handler can change it for the others.
      user: deepFreeze(user), scope: deepFreeze(scope), today, loadedAt: now.getTime(),
    };
  }
}
