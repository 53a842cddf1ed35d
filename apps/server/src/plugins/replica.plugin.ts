import type { Db } from '@esep/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Issue 15, part 2: reads of the heavy read-only boards (analytics) go to the read replica
 * (DATABASE_READ_URL) — except a browser's reads within READ_YOUR_WRITES_MS of a write it made,
 * which stay on the primary so that a user who has just changed something sees the change
 * although the replica may not have replayed it yet.
 *
 * "Wrote recently" travels with the client, not the server: every successful write (a non-GET
 * answered 2xx or 3xx) sets the cookie `esep_wrote` to the instant (server clock, ms) until which
 * that client reads from the primary. Any process of a multi-process install reads it the same
 * way and nothing is kept in memory or written to the database; the cookie only widens what goes
 * to the primary, so a forged or stale one costs the primary a read, never a wrong answer. It is
 * set only when a replica is configured. A Bearer-token script that writes and then reads
 * analytics at once sends the cookie back to get the same guarantee.
 *
 * 10 seconds: streaming replication replays within well under a second on a healthy pair, and
 * ~10 s is the lag at which operators are usually alerted (a replica further behind should be
 * taken out of service); the window also covers a user's next click after saving.
 */
export const READ_YOUR_WRITES_MS = 10_000;
export const WROTE_COOKIE = 'esep_wrote';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The pool a request's read-only board reads from: the replica, or the primary after the client's recent write. */
export function readDbOf(request: FastifyRequest): Db {
  const app = request.server;
  if (app.readDb === app.db) return app.db;
  const until = Number(request.cookies?.[WROTE_COOKIE]);
  return Number.isFinite(until) && until > app.clock.now().getTime() ? app.db : app.readDb;
}

async function replicaPlugin(app: FastifyInstance) {
  if (app.readDb === app.db) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) {
      const until = app.clock.now().getTime() + READ_YOUR_WRITES_MS;
      reply.setCookie(WROTE_COOKIE, String(until), {
        httpOnly: true, sameSite: 'lax', path: '/', maxAge: READ_YOUR_WRITES_MS / 1000, secure: app.config.publicUrl.startsWith('https:'),
      });
    }
    return payload;
  });
}

export default fp(replicaPlugin, { name: 'replica' });
