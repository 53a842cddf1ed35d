import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReplica, loadScope, openDatabase, rowsOf, userByUsername, type Database, type Db } from '@esep/db';
import { sql } from 'drizzle-orm';
import { quarterKey, quarterOf } from '@esep/domain';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { READ_YOUR_WRITES_MS, WROTE_COOKIE } from '../plugins/replica.plugin.ts';
import { complianceReport } from '../services/analytics/compliance.service.ts';
import { readerOf, type ServiceContext } from '../services/context.ts';
import { insertMeetings } from '../../test/bulk.ts';
import { TestClock } from '../../test/clock.ts';
import { POSTGRES_TEMPLATE, TEST_DATABASE_PREFIX, testDatabase, withDatabase } from '../../test/database.ts';
import { login, testApp, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';

/*
 * Issue 15, part 2: DATABASE_READ_URL. The "replica" is a second database copied from the same
 * migrated template as the test's primary, given different figures — one meeting this quarter on
 * the primary, two on the replica — so each answer tells which database it came from. (A real
 * replica has the primary's rows, late; what is tested is where each read goes.)
 */
const engine = process.env.ESEP_TEST_ENGINE ?? 'pglite';
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { today } = meetingDates(clock);
const Q = quarterKey(quarterOf(today));
const COMPLIANCE = `/api/v1/analytics/compliance?from=${Q}&to=${Q}`;

/** `count` meetings held today in the first districts (the same ids in both copies of the template). */
async function holdMeetings(db: Db, count: number) {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`select id from districts order by code limit ${count}`));
  await insertMeetings(db, rows.map((r) => ({ districtId: r.id, status: 'held' as const, startsAt: new Date(`${today}T08:00:00Z`) })));
}

describe.skipIf(engine !== 'postgres')('read replica on PostgreSQL (DATABASE_READ_URL)', () => {
  let primary: Database & { url?: string };
  let database: Database;
  let app: FastifyInstance;
  let dataDir: string;
  const replicaName = `${TEST_DATABASE_PREFIX}replica_${randomBytes(4).toString('hex')}`;
  const base = process.env.TEST_DATABASE_URL!;
  const meetingsOf = async (cookies: Record<string, string>) => {
    const response = await app.inject({ method: 'GET', url: COMPLIANCE, cookies });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { quarters: Array<{ total: { meetings: number } }> }).quarters[0]!.total.meetings;
  };

  beforeAll(async () => {
    primary = await testDatabase();
    const adminClient = new pg.Client({ connectionString: base });
    await adminClient.connect();
    await adminClient.query(`create database "${replicaName}" template "${POSTGRES_TEMPLATE}"`);
    await adminClient.end();
    const replicaUrl = withDatabase(base, replicaName);
    database = await openDatabase({ url: primary.url!, readUrl: replicaUrl, poolSize: 2 });
    await holdMeetings(database.db, 1);
    await holdMeetings(database.readDb!, 2);
    dataDir = mkdtempSync(join(tmpdir(), 'esep-test-'));
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: primary.url!, DATABASE_READ_URL: replicaUrl } as NodeJS.ProcessEnv), dataDir };
    expect(config.databaseReadUrl).toBe(replicaUrl);
    app = await buildApp({ config, database, logger: false, clock });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await primary?.close();
    const dropper = new pg.Client({ connectionString: base });
    await dropper.connect();
    await dropper.query(`drop database if exists "${replicaName}" with (force)`);
    await dropper.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A session of the admin's own: its cookie and CSRF token, as the browser keeps them. */
  async function signIn() {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'demo' } });
    return { session: response.cookies.find((c) => c.name === 'esep_session')!.value, csrf: (response.json() as { csrfToken: string }).csrfToken };
  }
  const setLocale = (s: { session: string; csrf: string }, locale: string) =>
    app.inject({ method: 'PATCH', url: '/api/v1/auth/me/preferences', cookies: { esep_session: s.session }, headers: { 'x-csrf-token': s.csrf }, payload: { locale } });

  it('the analytics read the replica; the same session reads the primary for 10 s after a write of its own', async () => {
    const s = await signIn();
    // No recent write sent back (the login's marker is not): the replica answers.
    expect(await meetingsOf({ esep_session: s.session })).toBe(2);

    const wrote = await setLocale(s, 'ru');
    expect(wrote.statusCode, wrote.body).toBeLessThan(300);
    const marker = wrote.cookies.find((c) => c.name === WROTE_COOKIE);
    expect(marker, 'a successful write sets the read-your-writes cookie').toBeDefined();
    expect(marker!.maxAge).toBe(READ_YOUR_WRITES_MS / 1000);
    // Right after the write: the primary (one meeting), whichever process the request reaches.
    expect(await meetingsOf({ esep_session: s.session, [WROTE_COOKIE]: marker!.value })).toBe(1);
    // A refused write marks nothing.
    const refused = await setLocale(s, 'xx');
    expect(refused.statusCode).toBe(400);
    expect(refused.cookies.find((c) => c.name === WROTE_COOKIE)).toBeUndefined();
    // Once the window has passed (by the server's clock, not the browser's), the replica again.
    clock.set(new Date(clock.now().getTime() + READ_YOUR_WRITES_MS + 1000).toISOString());
    expect(await meetingsOf({ esep_session: s.session, [WROTE_COOKIE]: marker!.value })).toBe(2);
  });

  it('a replica that does not answer is refused at start, named as DATABASE_READ_URL', async () => {
    const database = await openDatabase({ url: base, readUrl: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
    try {
      await expect(checkReplica(database)).rejects.toThrow(/^DATABASE_READ_URL: the read replica does not answer/);
    } finally {
      await database.close();
    }
  });

  it('a service run inside a transaction reads the transaction, not the replica', async () => {
    const user = (await userByUsername(database.db, 'admin'))!;
    const actor = { id: user.id, role: user.role, scope: await loadScope(database.db, user, today) };
    const ctx: ServiceContext = { db: database.db, readDb: database.readDb!, actor, actorName: 'admin', clientAddress: null, now: () => clock.now(), today };
    expect(readerOf(ctx)).toBe(database.readDb);
    expect((await complianceReport(ctx, { from: Q, to: Q })).quarters[0]!.total.meetings).toBe(2);
    let inside = -1;
    const rollback = new Error('rollback');
    await expect(database.db.transaction(async (tx) => {
      // Two meetings written in this transaction, never committed: only the transaction sees them (1 + 2).
      await holdMeetings(tx as unknown as Db, 2);
      inside = (await complianceReport({ ...ctx, db: tx as unknown as Db }, { from: Q, to: Q })).quarters[0]!.total.meetings;
      throw rollback;
    })).rejects.toBe(rollback);
    expect(inside).toBe(3);
    expect((await complianceReport({ ...ctx, readDb: database.db }, { from: Q, to: Q })).quarters[0]!.total.meetings).toBe(1);
  });
});

describe('without DATABASE_READ_URL every read is on the primary', () => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp({}, clock); }, 120_000);
  afterAll(async () => { await t.close(); });

  it('the analytics read the one database, and writes set no read-your-writes cookie', async () => {
    expect(t.app.config.databaseReadUrl).toBeUndefined();
    expect(t.database.readDb).toBeUndefined();
    expect(t.app.readDb).toBe(t.app.db);
    const c = await login(t.app, 'admin');
    const wrote = await c.send('PATCH', '/api/v1/auth/me/preferences', { locale: 'kk' });
    expect(wrote.statusCode).toBeLessThan(300);
    expect(wrote.cookies.find((x) => x.name === WROTE_COOKIE)).toBeUndefined();
    const user = (await userByUsername(t.app.db, 'admin'))!;
    const actor = { id: user.id, role: user.role, scope: await loadScope(t.app.db, user, today) };
    const ctx: ServiceContext = { db: t.app.db, actor, actorName: 'admin', clientAddress: null, now: () => clock.now(), today };
    expect(readerOf(ctx)).toBe(t.app.db);
    await holdMeetings(t.app.db, 1);
    expect((await c.get(COMPLIANCE)).json().quarters[0].total.meetings).toBe(1);
  });
});
