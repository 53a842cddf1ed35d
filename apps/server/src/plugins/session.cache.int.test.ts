import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@esep/db';
import { addDays, almatyDate } from '@esep/domain';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { sessionId } from './auth.plugin.ts';
import { SessionCache } from './session.cache.ts';

const engine = process.env.ESEP_TEST_ENGINE ?? 'pglite';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

async function token(app: FastifyInstance, username: string, password = 'demo'): Promise<string> {
  const issued = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password } });
  expect(issued.statusCode).toBe(200);
  return (issued.json() as { token: string }).token;
}
const me = (app: FastifyInstance, bearer: string) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${bearer}` } });
/** A district of the chief's unit the inspector does not serve, a different one each time. */
const taken = new Set<string>();
async function spareDistrict(chief: Client, own: string[]): Promise<string> {
  const districts = (await chief.get('/api/v1/districts?pageSize=100')).json().items as Array<{ id: string }>;
  const spare = districts.find((d) => !own.includes(d.id) && !taken.has(d.id))!;
  taken.add(spare.id);
  return spare.id;
}
const scopeIds = async (client: Client) => ((await client.get('/api/v1/auth/me')).json() as { user: { scope: { ids: string[] } } }).user.scope.ids;

describe('the session cache: a change takes effect on the next request', () => {
  it('keeps a session after its first request, and a logout refuses it at once (cookie and Bearer)', async () => {
    const client = await login(t.app, 'lead');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(t.app.sessions.size).toBeGreaterThan(0);
    expect((await client.send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);

    const bearer = await token(t.app, 'lead');
    expect((await me(t.app, bearer)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${bearer}` } });
    expect(out.statusCode).toBe(204);
    expect((await me(t.app, bearer)).statusCode).toBe(401);
  });

  it('a password change refuses the user\'s other sessions at once and keeps the current one', async () => {
    const current = await login(t.app, 'assistant');
    const other = await login(t.app, 'assistant');
    const bearer = await token(t.app, 'assistant');
    for (const response of [await current.get('/api/v1/auth/me'), await other.get('/api/v1/auth/me'), await me(t.app, bearer)]) expect(response.statusCode).toBe(200);
    const changed = await current.send('POST', '/api/v1/auth/password', { currentPassword: 'demo', newPassword: 'a much longer password' });
    expect(changed.statusCode).toBe(204);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await me(t.app, bearer)).statusCode).toBe(401);
    expect((await current.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('an assignment gives the inspector its district on his next request, and ending it takes it away (R-2.2)', async () => {
    const inspector = await login(t.app, 'inspector');
    const chief = await login(t.app, 'chief');
    const other = { id: await spareDistrict(chief, await scopeIds(inspector)) };
    const today = almatyDate(t.clock.now());
    const created = await chief.send('POST', '/api/v1/assignments', { districtId: other.id, staffId: inspector.user.staffId, role: 'assistant', from: today });
    expect(created.statusCode).toBe(201);
    expect(await scopeIds(inspector)).toContain(other.id);
    const ended = await chief.send('POST', `/api/v1/assignments/${created.json().id}/end`, { to: today });
    expect(ended.statusCode).toBe(200);
    expect(await scopeIds(inspector)).toContain(other.id);
    // Ended today: the district is his until midnight, not tomorrow (a Bearer token outlives the day).
    const bearer = await token(t.app, 'inspector');
    expect((await me(t.app, bearer)).json().user.scope.ids).toContain(other.id);
    t.clock.set(new Date(t.clock.now().getTime() + 86_400_000));
    try {
      expect((await me(t.app, bearer)).json().user.scope.ids).not.toContain(other.id);
    } finally {
      t.clock.release();
    }
  });

  it('a preferences change is seen on the next request', async () => {
    const bearer = await token(t.app, 'analyst');
    expect((await me(t.app, bearer)).json().user.locale).toBe('kk');
    await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me/preferences', headers: { authorization: `Bearer ${bearer}` }, payload: { locale: 'en' } });
    expect((await me(t.app, bearer)).json().user.locale).toBe('en');
  });
});

describe('the session cache: time', () => {
  it('refuses an expired session even when it is kept', async () => {
    const bearer = await token(t.app, 'auditor');
    const client = await login(t.app, 'auditor');
    expect((await me(t.app, bearer)).statusCode).toBe(200);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + t.app.config.tokenTtlMs + 1000));
    try {
      expect((await me(t.app, bearer)).statusCode).toBe(401);
      expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    } finally {
      t.clock.release();
    }
  });

  it('works the territory out again after midnight in Almaty', async () => {
    const chief = await login(t.app, 'chief');
    const inspector = await login(t.app, 'inspector');
    const other = { id: await spareDistrict(chief, await scopeIds(inspector)) };
    // An assignment that ends on a day a month ahead; the clock stands at 23:59 of that day.
    const today = almatyDate(t.clock.now());
    const last = addDays(today, 30);
    const created = await chief.send('POST', '/api/v1/assignments', { districtId: other.id, staffId: inspector.user.staffId, role: 'assistant', from: today, to: last });
    expect(created.statusCode).toBe(201);
    t.clock.set(`${last}T23:59:00+05:00`);
    try {
      const bearer = await token(t.app, 'inspector');
      const [first, second] = [await me(t.app, bearer), await me(t.app, bearer)];
      expect(first.json().user.scope.ids).toContain(other.id);
      expect(second.json().user.scope.ids).toContain(other.id);
      t.clock.advance(2 * 60_000);
      expect((await me(t.app, bearer)).json().user.scope.ids).not.toContain(other.id);
    } finally {
      t.clock.release();
    }
  });
});

describe('the session cache: bounds', () => {
  it('keeps at most its size, the least recently used leaving first', async () => {
    const cache = new SessionCache({ database: t.database, log: t.app.log, max: 2 });
    await cache.start();
    try {
      const ids = await Promise.all(['admin', 'analyst', 'auditor'].map(async (u) => sessionId(await token(t.app, u))));
      const now = t.clock.now();
      const today = almatyDate(now);
      for (const id of ids) expect(await cache.resolve(id, now, today)).not.toBeNull();
      expect(cache.size).toBe(2);
      expect(await cache.resolve(sessionId('esep_nothing'), now, today)).toBeNull();
      expect(cache.size).toBe(2);
    } finally {
      await cache.stop();
    }
  });
});

/*
 * Two server processes on one PostgreSQL database: what one of them changes, the other must
 * honour on its very next request. PGlite has one process per data directory (it is locked), so
 * this is PostgreSQL's alone.
 */
describe.skipIf(engine !== 'postgres')('two servers on one PostgreSQL database', () => {
  let other: { app: FastifyInstance; database: Database };
  beforeAll(async () => {
    const database = await openDatabase({ url: t.database.url!, poolSize: 2 });
    const app = await buildApp({ config: t.app.config, database, logger: false, clock: t.clock });
    await app.ready();
    other = { app, database };
  });
  afterAll(async () => {
    await other.app.close();
    await other.database.close();
  });

  it('a logout through one is refused by the other on the next request', async () => {
    const bearer = await token(t.app, 'regional');
    expect((await me(other.app, bearer)).statusCode).toBe(200);
    expect((await me(other.app, bearer)).statusCode).toBe(200);
    expect(other.app.sessions.size).toBeGreaterThan(0);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${bearer}` } });
    expect(out.statusCode).toBe(204);
    expect((await me(other.app, bearer)).statusCode).toBe(401);
  });

  it('a password change through one ends the other sessions on the other', async () => {
    const current = await login(t.app, 'akimat');
    const elsewhere = await token(other.app, 'akimat');
    expect((await me(other.app, elsewhere)).statusCode).toBe(200);
    expect((await current.send('POST', '/api/v1/auth/password', { currentPassword: 'demo', newPassword: 'another long password' })).statusCode).toBe(204);
    expect((await me(other.app, elsewhere)).statusCode).toBe(401);
  });

  it('an assignment through one changes the territory on the other', async () => {
    const chief = await login(t.app, 'chief');
    const bearer = await token(other.app, 'inspector');
    const district = { id: await spareDistrict(chief, (await me(other.app, bearer)).json().user.scope.ids as string[]) };
    const staffId = (await me(other.app, bearer)).json().user.staffId as string;
    const created = await chief.send('POST', '/api/v1/assignments', { districtId: district.id, staffId, role: 'assistant', from: almatyDate(t.clock.now()) });
    expect(created.statusCode).toBe(201);
    expect((await me(other.app, bearer)).json().user.scope.ids).toContain(district.id);
  });
});
