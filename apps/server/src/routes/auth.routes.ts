import { LoginBody, OidcConfigResponse, OutboxKeyResponse, PasswordChangeBody, PreferencesBody, SessionResponse, TokenResponse } from '@esep/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../plugins/auth.plugin.ts';
import { authenticate, changePassword, closeSession, openSession, presentSessionUser, setLocale } from '../services/auth.service.ts';
import { contextOf } from '../services/context.ts';
import { liveOutboxKey } from '../services/outbox-key.service.ts';
import { loadScope } from '@esep/db';

const tags = ['auth'];
/** Login attempts per client address; the per-account lockout is in the auth service. */
const loginRateLimit = { max: 20, timeWindow: '1 minute' };

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const setCookie = (reply: FastifyReply, token: string, expires: Date) => reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'lax', path: '/', expires, secure: app.config.publicUrl.startsWith('https:'),
  });

  app.post('/api/v1/auth/login', {
    schema: { tags, summary: 'Log in with username and password (sets the session cookie)', body: LoginBody, response: { 200: SessionResponse } },
    config: { access: { public: true }, rateLimit: loginRateLimit },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const user = await authenticate(ctx, app.config, request.body.username, request.body.password);
    const session = await openSession(ctx, app.config, user, 'cookie');
    setCookie(reply, session.token, session.expiresAt);
    const scope = await loadScope(app.db, user, request.today);
    return { user: presentSessionUser(user, { id: user.id, role: user.role, scope }), csrfToken: session.csrfToken };
  });

  app.post('/api/v1/auth/token', {
    schema: { tags, summary: 'Issue a Bearer token for scripts and integrations', body: LoginBody, response: { 200: TokenResponse } },
    config: { access: { public: true }, rateLimit: loginRateLimit },
  }, async (request) => {
    const ctx = contextOf(request);
    const user = await authenticate(ctx, app.config, request.body.username, request.body.password);
    const session = await openSession(ctx, app.config, user, 'bearer');
    return { token: session.token, expiresAt: session.expiresAt.toISOString() };
  });

  app.get('/api/v1/auth/me', {
    schema: { tags, summary: 'The current user and CSRF token', response: { 200: SessionResponse } },
    config: { access: { authenticated: true } },
  }, async (request) => {
    const auth = request.auth!;
    return { user: presentSessionUser(auth.user, auth.actor), csrfToken: auth.session.csrfToken };
  });

  app.get('/api/v1/auth/me/outbox-key', {
    schema: { tags, summary: 'The key that seals this user\'s unsent live-screen entries on his device (the same in every session of the user, no other user\'s)', response: { 200: OutboxKeyResponse } },
    config: { access: { authenticated: true } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { key: liveOutboxKey(app.config, request.auth!.user.id) };
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'End the current session or revoke the Bearer token', response: { 204: z.null() } },
    config: { access: { authenticated: true } },
  }, async (request, reply) => {
    await closeSession(contextOf(request), request.auth!.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/v1/auth/password', {
    schema: { tags, summary: 'Change the password (ends the other sessions)', body: PasswordChangeBody, response: { 204: z.null() } },
    config: { access: { authenticated: true } },
  }, async (request, reply) => {
    await changePassword(contextOf(request), request.auth!.session.id, request.body.currentPassword, request.body.newPassword);
    return reply.status(204).send(null);
  });

  app.patch('/api/v1/auth/me/preferences', {
    schema: { tags, summary: 'Remember the interface language for this user', body: PreferencesBody, response: { 200: SessionResponse } },
    config: { access: { authenticated: true } },
  }, async (request) => {
    const user = await setLocale(contextOf(request), request.body.locale);
    return { user: presentSessionUser(user, request.auth!.actor), csrfToken: request.auth!.session.csrfToken };
  });

  app.get('/api/v1/auth/oidc', {
    schema: { tags, summary: 'Whether OpenID Connect login is available', response: { 200: OidcConfigResponse } },
    config: { access: { public: true } },
  }, async () => ({ enabled: app.config.oidc != null, label: app.config.oidc?.label ?? null }));
};
