/**
 * OpenID Connect login (optional).
 *
 * What a ministry configures (environment):
 *   OIDC_ISSUER         the identity provider's issuer URL (its /.well-known/openid-configuration
 *                       is read once per process). Must be https; http is accepted only for
 *                       localhost / 127.0.0.1, for development and tests.
 *   OIDC_CLIENT_ID      the client registered for Esep at the provider.
 *   OIDC_CLIENT_SECRET  its secret, sent with HTTP Basic (client_secret_basic, the OpenID default).
 *                       Leave unset for a public client: PKCE then protects the code alone.
 *   OIDC_LABEL          the button text on the login page ("Log in with <label>").
 *   PUBLIC_URL          the address users open Esep at. Register
 *                       PUBLIC_URL + /api/v1/auth/oidc/callback as the client's redirect URI.
 * The client asks for the scopes `openid profile` and needs the `preferred_username` claim
 * (in the ID token or from the userinfo endpoint).
 *
 * Accounts are never created from the provider: the administrator creates each user with its
 * role and territory. On the first OIDC login the provider's `preferred_username` must equal
 * the Esep username; the provider's subject (`sub`) is then stored on that user (audited as
 * `user.oidc_linked`) and later logins are matched by subject only, so renaming the account at
 * the provider does not move the login to another Esep user. A user already linked to one
 * subject cannot be taken over by another provider account with the same username.
 * Roles are not read from the provider (OIDC_ROLE_CLAIM is reserved): they stay Esep's.
 */
import { loadScope, updateUser, userById, userByOidcSubject, userByUsername, type UserRow } from '@esep/db';
import * as client from 'openid-client';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { openSession, type IssuedSession } from './auth.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';

type OidcSettings = NonNullable<Config['oidc']>;

export const OIDC_COOKIE = 'esep_oidc';
/** The login state cookie is only ever sent back to the OIDC routes. */
export const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
/** Long enough to type a password at the provider, short enough not to linger. */
export const OIDC_COOKIE_MAX_AGE_S = 600;
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const OIDC_FAILED_REDIRECT = '/login?error=oidc_failed';

/** A refusal the callback turns into the failure redirect; `reason` goes to the log only. */
export class OidcLoginError extends Error {
  constructor(readonly reason: string) { super(reason); }
}

/** Plain concatenation keeps a path prefix in PUBLIC_URL (https://host/esep). */
export function callbackUrl(config: Config): string {
  return config.publicUrl.replace(/\/+$/, '') + CALLBACK_PATH;
}

/**
 * Only same-origin relative paths: `//host` and `/\host` are read by browsers as another
 * origin, so anything but a single leading slash falls back to the start page (no open redirect).
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://esep.invalid';
  const url = new URL(value, base);
  return url.origin === base ? url.pathname + url.search + url.hash : '/';
}

function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}

/** Discovery is read once per process and settings; a failed read is retried next time. */
const discovered = new Map<string, Promise<client.Configuration>>();

function providerConfiguration(oidc: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecret ?? null]);
  let pending = discovered.get(key);
  if (!pending) {
    const issuer = new URL(oidc.issuer);
    pending = client.discovery(
      issuer, oidc.clientId, undefined,
      oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
      insecureAllowed(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    pending.catch(() => discovered.delete(key));
    discovered.set(key, pending);
  }
  return pending;
}

/** What the browser keeps between leaving for the provider and coming back. */
const LoginState = z.object({ verifier: z.string().min(43), state: z.string().min(1), nonce: z.string().min(1), returnTo: z.string() });
type LoginState = z.infer<typeof LoginState>;

function encodeState(state: LoginState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}
function decodeState(cookie: string | undefined): LoginState {
  if (!cookie) throw new OidcLoginError('login state cookie missing or expired');
  try {
    return LoginState.parse(JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')));
  } catch {
    throw new OidcLoginError('login state cookie unreadable');
  }
}

/**
 * Starts the authorization code flow with PKCE (S256), state and nonce. Returns the provider
 * URL to redirect to and the value for the httpOnly state cookie.
 */
export async function startLogin(config: Config, oidc: OidcSettings, returnTo: unknown): Promise<{ url: string; cookie: string }> {
  const configuration = await providerConfiguration(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(config),
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, cookie: encodeState({ verifier, state, nonce, returnTo: safeReturnTo(returnTo) }) };
}

/**
 * Completes the login: exchanges the code (openid-client checks state, the `iss` response
 * parameter, PKCE and the ID token with its nonce), finds the Esep user and opens a cookie
 * session. `query` is the raw query string the provider sent to the callback.
 */
export async function finishLogin(ctx: ServiceContext, config: Config, oidc: OidcSettings, query: string, cookie: string | undefined): Promise<{ session: IssuedSession; returnTo: string }> {
  const saved = decodeState(cookie);
  const configuration = await providerConfiguration(oidc);
  // openid-client sends this URL without its query as the token request's redirect_uri, so it
  // must be the registered callback, not the address the request happened to arrive at.
  const current = new URL(callbackUrl(config));
  current.search = query;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: saved.verifier, expectedState: saved.state, expectedNonce: saved.nonce, idTokenExpected: true,
    });
  } catch (error) {
    throw new OidcLoginError(`code exchange refused: ${(error as Error).message}`);
  }
  const claims = tokens.claims();
  if (!claims?.sub) throw new OidcLoginError('no subject in the ID token');
  const subject = claims.sub;
  // Many providers put profile claims only in the userinfo response for the code flow.
  const preferredUsername = async () => {
    if (typeof claims.preferred_username === 'string') return claims.preferred_username;
    const info = await client.fetchUserInfo(configuration, tokens.access_token, subject);
    return typeof info.preferred_username === 'string' ? info.preferred_username : null;
  };
  const user = await linkedUser(ctx, subject, preferredUsername);
  if (user.isDemo && config.env === 'production') throw new OidcLoginError('demo accounts are disabled in production');
  const session = await openSession(ctx, config, user, 'cookie', 'oidc');
  return { session, returnTo: safeReturnTo(saved.returnTo) };
}

/** By subject first; else by username for a user not yet linked, storing the subject. */
async function linkedUser(ctx: ServiceContext, subject: string, preferredUsername: () => Promise<string | null>): Promise<UserRow> {
  const bySubject = await userByOidcSubject(ctx.db, subject);
  if (bySubject) return bySubject;
  const username = await preferredUsername();
  const candidate = username ? await userByUsername(ctx.db, username) : null;
  if (!candidate || candidate.oidcSubject) {
    await inTransaction(ctx, async (_tx, audit) => {
      await audit({ action: 'auth.login_failed', entityType: 'user', entityId: candidate?.id ?? null, after: { via: 'oidc', username, reason: candidate ? 'linked_to_other_subject' : 'no_account' } });
    });
    throw new OidcLoginError(candidate ? `user ${username} is linked to another subject` : `no Esep account for ${username ?? '(no preferred_username)'}`);
  }
  const actorCtx = { ...ctx, actor: { id: candidate.id, role: candidate.role, scope: await loadScope(ctx.db, candidate, ctx.today) }, actorName: candidate.username };
  return inTransaction(actorCtx, async (tx, audit) => {
    // Re-read inside the transaction so a link made meanwhile is not overwritten.
    const current = await userById(tx, candidate.id);
    if (!current || current.oidcSubject) throw new OidcLoginError(`user ${candidate.username} was linked meanwhile`);
    const linked = await updateUser(tx, candidate.id, { oidcSubject: subject }, ctx.now());
    await audit({ action: 'user.oidc_linked', entityType: 'user', entityId: candidate.id, after: { subject } });
    return linked!;
  });
}
