import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { LISTENER_NAME } from '../notify.listener.ts';

/**
 * Server processes keep sessions, users and territories in memory (apps/server
 * plugins/session.cache.ts). A change to any of them is announced on this channel with NOTIFY,
 * inside the transaction that makes it, so PostgreSQL delivers it to every listening process
 * only when (and if) the change commits.
 */
export const AUTH_CHANNEL = 'esep_auth';

export type AuthChange =
  /** A session ended (logout); `id` is the stored hash of its token. */
  | { kind: 'session'; id: string }
  /** A user changed (password, role, territory, locale…) or his sessions ended. */
  | { kind: 'user'; id: string }
  /** A staff member's assignments changed (R-2.2): his users' territory changes. */
  | { kind: 'staff'; id: string }
  /** The structure changed (districts moved between points, ATUs, many assignments): every territory. */
  | { kind: 'all' }
  /** Not a change: a marker a process sends to learn that every listener has read everything committed before it. */
  | { kind: 'sync'; id: string }
  /** A listener's answer to a marker: it has read everything up to it. */
  | { kind: 'ack'; id: string };

const PREFIX = { session: 's', user: 'u', staff: 'f', all: '*', sync: 'y', ack: 'k' } as const;
const KIND = Object.fromEntries(Object.entries(PREFIX).map(([kind, prefix]) => [prefix, kind])) as Record<string, AuthChange['kind']>;

export function encodeAuthChange(change: AuthChange): string {
  return change.kind === 'all' ? '*' : `${PREFIX[change.kind]}:${change.id}`;
}
export function decodeAuthChange(payload: string): AuthChange | null {
  if (payload === '*') return { kind: 'all' };
  const kind = KIND[payload.slice(0, 1)];
  const id = payload.slice(2);
  if (!kind || kind === 'all' || payload[1] !== ':' || !id) return null;
  return { kind, id };
}

let announced = 0;
/**
 * How many changes this process has announced so far. A request that announced one waits, before
 * answering, until its own process has read the announcement back (session.cache.ts `sync`).
 */
export function authChangesAnnounced(): number {
  return announced;
}

/** Announces a change; call it inside the transaction that makes the change. */
export async function announceAuthChange(db: Executor, change: AuthChange): Promise<void> {
  if (change.kind !== 'sync' && change.kind !== 'ack') announced++;
  await db.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${encodeAuthChange(change)})`);
}

/** How many server processes listen on this PostgreSQL database (each answers a marker). */
export async function listeningServers(db: Executor): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`
    select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_NAME}`));
  return row?.n ?? 0;
}
