import { createHash, randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { deleteExpiredSessions, loadScope, sessionWithUser, touchSession } from '@esep/db';
import { almatyDate } from '@esep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/app-error.ts';

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
 * the user's territory, and checks the CSRF token on cookie-authenticated writes.
 */
export default fp(async function authPlugin(app: FastifyInstance) {
  await app.register(fastifyCookie);
  app.decorateRequest('auth', null);

  // Expired sessions are refused on read; this only keeps the table small.
  const sweep = setInterval(() => {
    deleteExpiredSessions(app.db, app.clock.now()).catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
  }, 3600_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
  app.decorateRequest('today', '');

  app.addHook('onRequest', async (request) => {
    const now = app.clock.now();
    request.today = almatyDate(now);
    if (!request.url.startsWith('/api/')) return;
    const bearer = bearerToken(request);
    const token = bearer ?? request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await sessionWithUser(app.db, sessionId(token), now);
    if (!found || found.session.kind !== (bearer ? 'bearer' : 'cookie')) {
      // A wrong or expired Bearer token is refused outright; a stale cookie just means "logged out".
      if (bearer) throw new AppError('unauthenticated');
      return;
    }
    if (found.user.isDemo && app.config.env === 'production') throw new AppError('demo_disabled');
    const { session, user } = found;
    const scope = await loadScope(app.db, user, request.today);
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
      await touchSession(app.db, session.id, now, new Date(now.getTime() + app.config.sessionTtlMs));
    }
  });
});
