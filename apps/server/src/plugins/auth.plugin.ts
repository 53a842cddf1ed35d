import { createHash, randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { authChangesAnnounced, deleteExpiredSessions, touchSession } from '@esep/db';
import { almatyDate } from '@esep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/app-error.ts';
import { QUEUES } from '../jobs/job.queue.ts';
import { SessionCache } from './session.cache.ts';

export const SESSION_COOKIE = 'esep_session';
export const CSRF_HEADER = 'x-csrf-token';
const TOKEN_PREFIX = 'esep_';

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}
/** Only the hash of a session token is stored: a leaked table does not leak sessions. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !value) throw new AppError('unauthenticated');
  return value;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session of an API request from the Bearer token or the session cookie, works out
 * the user's territory, and checks the CSRF token on cookie-authenticated writes. Sessions, users
 * and territories come from the session cache (session.cache.ts), read from the database only on
 * a miss.
 */
export default fp(async function authPlugin(app: FastifyInstance) {
  await app.register(fastifyCookie);
  app.decorateRequest('auth', null);
  app.decorateRequest('today', '');
  app.decorateRequest('authChanges', 0);

  const sessions = new SessionCache({ database: app.database, log: app.log });
  await sessions.start();
  app.decorate('sessions', sessions);

  // Expired sessions are refused on read; this hourly job only keeps the table small.
  app.jobs.handle(QUEUES.sessionsSweep, async () => deleteExpiredSessions(app.db, app.clock.now()));
  app.addHook('onClose', async () => {
    await sessions.stop();
  });

  // Today in Almaty, worked out (Intl formatting) once a minute rather than on every request.
  // Almaty's offset is whole hours, so a minute never straddles midnight.
  let minute = Number.NaN;
  let today = '';
  const todayAt = (now: Date) => {
    const m = Math.floor(now.getTime() / 60_000);
    if (m !== minute) {
      minute = m;
      today = almatyDate(now);
    }
    return today;
  };

  app.addHook('onRequest', async (request) => {
    const now = app.clock.now();
    request.today = todayAt(now);
    request.authChanges = authChangesAnnounced();
    if (!request.url.startsWith('/api/')) return;
    const bearer = bearerToken(request);
    const token = bearer ?? request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await sessions.resolve(sessionId(token), now, request.today);
    if (!found || found.session.kind !== (bearer ? 'bearer' : 'cookie')) {
      // A wrong or expired Bearer token is refused outright; a stale cookie just means "logged out".
      if (bearer) throw new AppError('unauthenticated');
      return;
    }
    if (found.user.isDemo && app.config.env === 'production') throw new AppError('demo_disabled');
    const { session, user, scope } = found;
    request.auth = {
      user,
      actor: { id: user.id, role: user.role, scope },
      session: { id: session.id, kind: session.kind, csrfToken: session.csrfToken },
    };
    if (session.kind === 'cookie' && !SAFE_METHODS.has(request.method)) {
      if (request.headers[CSRF_HEADER] !== session.csrfToken) throw new AppError('csrf_failed');
    }
    // Sliding expiry for cookie sessions, written at most once a minute.
    if (session.kind === 'cookie' && now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      const expiresAt = new Date(now.getTime() + app.config.sessionTtlMs);
      await touchSession(app.db, session.id, now, expiresAt);
      sessions.touched(session.id, now, expiresAt);
    }
  });

  // A request that ended a session or changed a user or a territory answers only once this
  // process has read its own announcement: the client's next request finds the change here.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (authChangesAnnounced() !== request.authChanges) await sessions.sync();
    return payload;
  });
});

declare module 'fastify' {
  interface FastifyInstance { sessions: SessionCache }
  interface FastifyRequest {
    /** `authChangesAnnounced()` when the request came in (see the onSend hook). */
    authChanges: number;
  }
}
