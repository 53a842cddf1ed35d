import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userByUsername } from '@esep/db';
// @ts-expect-error -- oidc-provider ships no type declarations and @types/oidc-provider is not installed
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as passwordLogin, testApp, type TestApp } from '../../test/harness.ts';
import { safeReturnTo } from '../services/oidc.service.ts';

/** The typed surface of oidc-provider this test uses. */
type ProviderConstructor = new (issuer: string, configuration: object) => { callback(): (req: IncomingMessage, res: ServerResponse) => void };

const CLIENT_ID = 'esep';
const CLIENT_SECRET = 'esep-test-secret-that-is-long-enough';
/** Esep's own address: never listened on, the callback is driven with inject. */
const PUBLIC_URL = 'http://127.0.0.1:3999';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;

/** Provider accounts by subject. The subjects differ from Esep usernames on purpose. */
const accounts: Record<string, { preferred_username: string }> = {
  'idp-0001': { preferred_username: 'inspector' },
  'idp-0002': { preferred_username: 'nobody-in-esep' },
  'idp-0003': { preferred_username: 'inspector' },
  'idp-0004': { preferred_username: 'lead' },
};

let server: Server;
let issuer: string;
let t: TestApp;

beforeAll(async () => {
  // The issuer must contain the port, so listen first and attach the provider afterwards.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => { res.statusCode = 503; res.end(); };
  server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new (Provider as ProviderConstructor)(issuer, {
    clients: [{
      client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [CALLBACK],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
    }],
    claims: { openid: ['sub'], profile: ['preferred_username'] },
    scopes: ['openid', 'profile'],
    pkce: { required: () => true },
    // Explicit lifetimes keep the provider from printing a notice for each default it falls back on.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: ['oidc-test-cookie-key'] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts[id];
      return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
    },
  });
  handle = provider.callback();
  t = await testApp({
    oidc: { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, label: 'Test IdP', roleClaim: 'esep_role' },
    publicUrl: PUBLIC_URL,
  });
});

afterAll(async () => {
  await t?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server ? server.close(() => resolve()) : resolve());
});

/**
 * A browser at the provider: follows redirects by hand, keeps the provider's cookies and fills
 * the dev interaction forms (login, then consent) until the provider redirects to Esep.
 * Returns the callback query string and the `esep_oidc` cookie Esep set when the login started.
 */
async function loginAtProvider(subject: string, returnTo = '/districts'): Promise<{ query: string; stateCookie: string }> {
  const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}` });
  expect(start.statusCode).toBe(302);
  const stateCookie = start.cookies.find((c) => c.name === 'esep_oidc')!.value;
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value = ''] = pair!.split('=');
      if (value && !/expires=Thu, 01 Jan 1970/i.test(line)) jar.set(name!.trim(), value);
      else jar.delete(name!.trim());
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = String(start.headers.location);
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(CALLBACK)) return { query: new URL(url).search.slice(1), stateCookie };
    let response = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
    remember(response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page: ${html.slice(0, 500)}`);
      const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login: subject, password: 'any' } : {}) });
      response = await fetch(new URL(action, url), {
        method: 'POST', redirect: 'manual', body: form,
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      });
      remember(response);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) throw new Error(`provider answered ${response.status}: ${await response.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the provider');
}

async function callback(query: string, stateCookie?: string) {
  return t.app.inject({
    method: 'GET', url: `/api/v1/auth/oidc/callback?${query}`,
    cookies: stateCookie ? { esep_oidc: stateCookie } : {},
  });
}

const sessionCookie = (response: Awaited<ReturnType<typeof callback>>) => response.cookies.find((c) => c.name === 'esep_session' && c.value);

describe('OpenID Connect login', () => {
  it('says it is enabled, with the label', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc' });
    expect(response.json()).toEqual({ enabled: true, label: 'Test IdP' });
  });

  it('starts the code flow with PKCE S256, state and nonce, kept in a short-lived httpOnly cookie', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
    expect(response.statusCode).toBe(302);
    const location = new URL(String(response.headers.location));
    expect(location.origin).toBe(issuer);
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({ client_id: CLIENT_ID, response_type: 'code', redirect_uri: CALLBACK, code_challenge_method: 'S256' });
    expect(params.scope).toContain('openid');
    for (const key of ['code_challenge', 'state', 'nonce']) expect(params[key]).toBeTruthy();
    const cookie = response.cookies.find((c) => c.name === 'esep_oidc')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc', maxAge: 600 });
    expect(cookie.value).not.toContain(params.code_challenge);
  });

  it('logs a provider user in as the Esep user with the same username, and links the subject', async () => {
    const { query, stateCookie } = await loginAtProvider('idp-0001');
    const response = await callback(query, stateCookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/districts');
    const session = sessionCookie(response)!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.cookies.find((c) => c.name === 'esep_oidc')?.value).toBe('');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { esep_session: session.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'inspector', role: 'inspector' });
    expect((await userByUsername(t.database.db, 'inspector'))?.oidcSubject).toBe('idp-0001');

    const admin = await passwordLogin(t.app, 'admin');
    const linked = await admin.get('/api/v1/audit?action=user.oidc_linked');
    expect(linked.json().items).toHaveLength(1);
    const logins = (await admin.get(`/api/v1/audit?action=auth.login&entityId=${me.json().user.id}`)).json().items as Array<{ after: { via: string } }>;
    expect(logins.some((entry) => entry.after.via === 'oidc')).toBe(true);
  });

  it('links later logins by subject, even when the username at the provider changed', async () => {
    accounts['idp-0001'] = { preferred_username: 'renamed-at-the-provider' };
    const { query, stateCookie } = await loginAtProvider('idp-0001', '/');
    const response = await callback(query, stateCookie);
    expect(response.headers.location).toBe('/');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { esep_session: sessionCookie(response)!.value } });
    expect(me.json().user.username).toBe('inspector');
  });

  it('refuses another provider account claiming a username that is already linked', async () => {
    const { query, stateCookie } = await loginAtProvider('idp-0003');
    const response = await callback(query, stateCookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/login?error=oidc_failed');
    expect(sessionCookie(response)).toBeUndefined();
    expect((await userByUsername(t.database.db, 'inspector'))?.oidcSubject).toBe('idp-0001');
  });

  it('refuses a username without an Esep account and creates none', async () => {
    const { query, stateCookie } = await loginAtProvider('idp-0002');
    const response = await callback(query, stateCookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/login?error=oidc_failed');
    expect(sessionCookie(response)).toBeUndefined();
    expect(await userByUsername(t.database.db, 'nobody-in-esep')).toBeNull();
    const admin = await passwordLogin(t.app, 'admin');
    const refusals = (await admin.get('/api/v1/audit?action=auth.login_failed')).json().items as Array<{ after: { via: string; reason: string } }>;
    expect(refusals.filter((entry) => entry.after.via === 'oidc').map((entry) => entry.after.reason).sort())
      .toEqual(['linked_to_other_subject', 'no_account']);
  });

  it('refuses a tampered state, and a callback without the login cookie', async () => {
    const { query, stateCookie } = await loginAtProvider('idp-0004');
    const params = new URLSearchParams(query);
    params.set('state', `${params.get('state')}x`);
    const tampered = await callback(params.toString(), stateCookie);
    expect(tampered.headers.location).toBe('/login?error=oidc_failed');
    expect(sessionCookie(tampered)).toBeUndefined();
    const cookieless = await callback(query);
    expect(cookieless.headers.location).toBe('/login?error=oidc_failed');
    expect(sessionCookie(cookieless)).toBeUndefined();
    expect((await userByUsername(t.database.db, 'lead'))?.oidcSubject).toBeNull();
    // The same code with its true state and cookie still works: the refusals were for the tampering.
    const genuine = await callback(query, stateCookie);
    expect(genuine.headers.location).toBe('/districts');
    expect(sessionCookie(genuine)).toBeDefined();
    expect((await userByUsername(t.database.db, 'lead'))?.oidcSubject).toBe('idp-0004');
  });

  it('redirects only to same-origin paths after login', async () => {
    const { query, stateCookie } = await loginAtProvider('idp-0004', '//evil.example/steal');
    const response = await callback(query, stateCookie);
    expect(response.headers.location).toBe('/');
    expect(sessionCookie(response)).toBeDefined();
    expect(safeReturnTo('/districts?page=2#top')).toBe('/districts?page=2#top');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'districts', '', '/a\nb', undefined]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });
});

describe('OpenID Connect disabled', () => {
  it('answers 404 oidc_disabled and reports itself disabled', async () => {
    const plain = await testApp({ oidc: null });
    try {
      const login = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login', headers: { 'accept-language': 'en' } });
      expect(login.statusCode).toBe(404);
      expect(login.json().error.code).toBe('oidc_disabled');
      expect((await plain.app.inject({ method: 'GET', url: '/api/v1/auth/oidc' })).json()).toEqual({ enabled: false, label: null });
    } finally {
      await plain.close();
    }
  });
});
