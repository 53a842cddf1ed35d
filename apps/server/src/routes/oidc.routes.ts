import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { SESSION_COOKIE } from '../plugins/auth.plugin.ts';
import { contextOf } from '../services/context.ts';
import {
  finishLogin, OIDC_COOKIE, OIDC_COOKIE_MAX_AGE_S, OIDC_COOKIE_PATH, OIDC_FAILED_REDIRECT, OidcLoginError, startLogin,
} from '../services/oidc.service.ts';

const tags = ['auth'];
/** Both ends are opened by a browser navigating, never by scripts: a low limit per address is plenty. */
const oidcRateLimit = { max: 30, timeWindow: '1 minute' };

/**
 * Browser-facing OpenID Connect login. Both routes answer with redirects rather than JSON
 * errors because the user arrives here by navigation; the web's login page shows the message
 * for `?error=oidc_failed`. Only the disabled case answers JSON, as there is no login to show.
 */
export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.publicUrl.startsWith('https:');

  app.get('/api/v1/auth/oidc/login', {
    schema: {
      tags, summary: 'Start OpenID Connect login (redirects to the identity provider)',
      querystring: z.object({ returnTo: z.string().max(2048).optional() }),
    },
    config: { access: { public: true }, rateLimit: oidcRateLimit },
  }, async (request, reply) => {
    const oidc = app.config.oidc;
    if (!oidc) throw new AppError('oidc_disabled');
    try {
      const { url, cookie } = await startLogin(app.config, oidc, request.query.returnTo);
      reply.setCookie(OIDC_COOKIE, cookie, {
        httpOnly: true, sameSite: 'lax', path: OIDC_COOKIE_PATH, maxAge: OIDC_COOKIE_MAX_AGE_S, secure,
      });
      return reply.redirect(url, 302);
    } catch (error) {
      // Typically the provider is unreachable or its discovery document is invalid.
      request.log.error({ err: error }, 'OIDC login could not start');
      return reply.redirect(OIDC_FAILED_REDIRECT, 302);
    }
  });

  app.get('/api/v1/auth/oidc/callback', {
    // The provider decides the parameters (code, state, iss, error…); the service reads them raw.
    schema: { tags, summary: 'Return from the identity provider: opens a session and redirects' },
    config: { access: { public: true }, rateLimit: oidcRateLimit },
  }, async (request, reply) => {
    const oidc = app.config.oidc;
    if (!oidc) throw new AppError('oidc_disabled');
    // The state cookie is single-use, whatever the outcome.
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    try {
      const { session, returnTo } = await finishLogin(contextOf(request), app.config, oidc, query, request.cookies[OIDC_COOKIE]);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true, sameSite: 'lax', path: '/', expires: session.expiresAt, secure,
      });
      return reply.redirect(returnTo, 302);
    } catch (error) {
      if (error instanceof OidcLoginError) request.log.warn({ reason: error.reason }, 'OIDC login refused');
      else request.log.error({ err: error }, 'OIDC login failed');
      return reply.redirect(OIDC_FAILED_REDIRECT, 302);
    }
  });
};
