import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateWindows, sessions } from '@esep/db';
import { buildApp } from '../app.ts';
import { eq } from 'drizzle-orm';
import { sessionId } from '../plugins/auth.plugin.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

describe('authentication', () => {
  it('logs in with a cookie session and answers /me', async () => {
    const client = await login(t.app, 'inspector');
    const me = await client.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('inspector');
    expect(me.json().user.scope.level).toBe('districts');
  });

  it('refuses a wrong password with a localised message', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lead', password: 'nope' }, headers: { 'accept-language': 'ru' } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Неверный логин или пароль' } });
  });

  it('locks an account after repeated failures, then refuses even the right password', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor', password: 'wrong' } });
    }
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor', password: 'demo' }, headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(423);
    expect(response.json().error.code).toBe('account_locked');
  });

  it('issues Bearer tokens that work on /api/v1 routes and are refused when wrong', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'lead', password: 'demo' } });
    expect(issued.statusCode).toBe(200);
    const { token } = issued.json() as { token: string };
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/districts', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().total).toBe(6);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/districts', headers: { authorization: `Bearer ${token}x` } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('unauthenticated');
    // Bearer writes need no CSRF token (no cookie is involved).
    const prefs = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me/preferences', headers: { authorization: `Bearer ${token}` }, payload: { locale: 'ru' } });
    expect(prefs.statusCode).toBe(200);
    expect(prefs.json().user.locale).toBe('ru');
  });

  it('refuses an expired Bearer token with 401', async () => {
    const { token } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'regional', password: 'demo' } })).json() as { token: string };
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionId(token)));
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/districts', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(401);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const client = await login(t.app, 'chief');
    const response = await client.send('PATCH', '/api/v1/auth/me/preferences', { locale: 'en' }, { 'x-csrf-token': 'forged' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
    const ok = await client.send('PATCH', '/api/v1/auth/me/preferences', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
  });

  it('changes the password and ends other sessions', async () => {
    const first = await login(t.app, 'analyst');
    const second = await login(t.app, 'analyst');
    const weak = await first.send('POST', '/api/v1/auth/password', { currentPassword: 'demo', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const wrong = await first.send('POST', '/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'a-long-new-password' });
    expect(wrong.json().error.code).toBe('wrong_password');
    const changed = await first.send('POST', '/api/v1/auth/password', { currentPassword: 'demo', newPassword: 'a-long-new-password' });
    expect(changed.statusCode).toBe(204);
    expect((await first.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(401);
    await login(t.app, 'analyst', 'a-long-new-password');
  });

  it('logs out', async () => {
    const client = await login(t.app, 'akimat');
    expect((await client.send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('rate-limits login attempts per client address', async () => {
    // The window is a minute aligned on the server's clock: stopped, so a slow machine cannot
    // carry the 22 attempts across a window's edge (CI: 401 where 429 was due).
    const fresh = await testApp({}, new TestClock().set(new Date()));
    try {
      const codes: number[] = [];
      for (let i = 0; i < 22; i++) {
        codes.push((await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `nobody${i}`, password: 'x' } })).statusCode);
      }
      expect(codes.slice(0, 20).every((code) => code === 401)).toBe(true);
      expect(codes.at(-1)).toBe(429);
      // Counted in the database (issue 12): a second server on the same database refuses too,
      // and the bucket names the route and a digest, never the client address.
      const other = await buildApp({ config: fresh.app.config, database: fresh.database, logger: false, clock: fresh.clock });
      try {
        const refused = await other.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
        expect(refused.statusCode).toBe(429);
        expect(refused.json().error.code).toBe('rate_limited');
      } finally {
        await other.close();
      }
      const buckets = (await fresh.database.db.select().from(rateWindows)).map((w) => w.bucket);
      expect(buckets).toContainEqual(expect.stringMatching(/^route:POST \/api\/v1\/auth\/login:[0-9a-f]{64}$/));
      expect(buckets.join()).not.toContain('127.0.0.1');
    } finally {
      await fresh.close();
    }
  });

  it('lists only his own account to a non-administrator', async () => {
    const lead = await login(t.app, 'lead');
    const page = (await lead.get('/api/v1/users')).json();
    expect(page.items.map((u: { username: string }) => u.username)).toEqual(['lead']);
  });

  it('refuses demo accounts in production', async () => {
    const prod = await testApp({ env: 'production' });
    try {
      const response = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'demo' } });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('demo_disabled');
    } finally {
      await prod.close();
    }
  });
});
