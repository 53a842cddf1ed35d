import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, PGLITE_EXTENSIONS, rowsOf, verifyAuditChain, type Database } from '@esep/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRefused, seedNational, type SeedResult } from '../../../../bench/national.seed.ts';
import { TestClock } from '../../test/clock.ts';
import { TEST_DATABASE_PREFIX, withDatabase } from '../../test/database.ts';
import { login } from '../../test/harness.ts';
import { linesOf, npmRun } from '../../test/process.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { hashPassword } from '../services/password.ts';

/*
 * Issue 11: the national data set at a tiny scale on a new database of the engine under test —
 * its proportions, the same data from the same seed on a second database, the refusal of a
 * database that holds data (in process and from `npm run seed:national`), and the app's own
 * boards answering over it for a national user.
 */
const engine = process.env.ESEP_TEST_ENGINE ?? 'pglite';
const SCALE = 0.003;
// Any instant works; fixed so the two databases are seeded at the same one.
const NOW = new Date('2026-05-20T04:00:00Z');

async function freshDatabase(): Promise<Database & { url?: string }> {
  if (engine === 'pglite') return openDatabase({ pglite: await PGlite.create({ extensions: PGLITE_EXTENSIONS }) });
  const base = process.env.TEST_DATABASE_URL!;
  const name = `${TEST_DATABASE_PREFIX}nat_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const database = await openDatabase({ url: withDatabase(base, name), poolSize: 5 });
  return {
    ...database, url: withDatabase(base, name),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

const one = async <T>(database: Database, query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query))[0]!;
/** Checksums of columns that do not depend on the ids the database drew for the structure. */
const fingerprint = (database: Database) => one<Record<string, string>>(database, sql`select
  (select md5(string_agg(id::text || number || status || start_date::text || starts_at::text, ',' order by id)) from meetings) as meetings,
  (select md5(string_agg(meeting_id::text || number || full_name || person_key || category, ',' order by meeting_id, number)) from participants) as participants,
  (select md5(string_agg(meeting_id::text || number || kind || topic || coalesce(resolution::text, ''), ',' order by meeting_id, number)) from meeting_items) as items,
  (select md5(string_agg(item_id::text || status || due_date::text, ',' order by item_id)) from checks) as checks,
  (select md5(string_agg(meeting_id::text || status || coalesce(signed_at::text, '') || coalesce(late::text, ''), ',' order by meeting_id)) from protocols) as protocols`);

describe(`seed:national at scale ${SCALE} (${engine})`, () => {
  let first: Database & { url?: string };
  let result: SeedResult;

  beforeAll(async () => {
    first = await freshDatabase();
    result = await seedNational(first, { scale: SCALE, seed: 7, now: NOW });
  });
  afterAll(async () => { await first?.close(); });

  it('creates the structure and meetings in the national proportions, consistent with the state machine', async () => {
    const r = result.rows;
    expect(r.districts).toBe(36);
    expect(r.police_points).toBe(8);
    // ~12 quarters a district, less missed ones and joint meetings, plus cancelled and akim ones.
    expect(r.meetings! / r.districts!).toBeGreaterThan(9.5);
    expect(r.meetings! / r.districts!).toBeLessThan(13);
    const held = result.meetings.status.held! + result.meetings.status.protocol_signed! + result.meetings.status.closed!;
    expect(r.participants! / held).toBeGreaterThan(35);
    expect(r.participants! / held).toBeLessThan(45);
    expect(r.meeting_items! / held).toBeGreaterThan(7);
    expect(r.meeting_items! / held).toBeLessThan(9);
    expect(r.protocol_signatures).toBeGreaterThanOrEqual(result.meetings.status.protocol_signed! + result.meetings.status.closed!);
    const s = await one<Record<string, number>>(first, sql`select
      count(*) filter (where start_date < '2026-05-20' and status in ('draft', 'scheduled', 'announced', 'postponed'))::int as past_planned,
      count(*) filter (where start_date >= '2026-05-20' and status not in ('scheduled', 'announced', 'cancelled'))::int as future_held,
      count(*) filter (where status in ('protocol_signed', 'closed') and not exists (select 1 from protocols p where p.meeting_id = m.id and p.status = 'signed'))::int as signed_without_protocol,
      (select count(*) from protocols where late)::int as late_protocols,
      (select count(*) from meetings x where x.status <> 'cancelled' and x.start_date < '2026-05-20' and not exists (select 1 from invitations i where i.meeting_id = x.id and i.category = 'akimat'))::int as without_akimat,
      (select count(*) from announcements a join meetings x on x.id = a.meeting_id where a.published_on > x.start_date - 10)::int as late_notices,
      (select count(*) from meeting_districts group by meeting_id order by 1 desc limit 1)::int as most_districts,
      (select count(*) from checks where status = 'open' and due_date < '2026-05-20')::int as overdue_checks
      from meetings m`);
    expect(s).toMatchObject({ past_planned: 0, future_held: 0, signed_without_protocol: 0 });
    for (const key of ['late_protocols', 'without_akimat', 'late_notices', 'overdue_checks']) expect(s[key], key).toBeGreaterThan(0);
    expect(s.most_districts).toBe(2);
    // The control board's facts, recomputed after the load: every signed meeting and its records.
    const [f] = rowsOf<Record<string, number>>(await first.db.execute(sql`select
      (select count(*) from meeting_control_facts)::int as facts, (select count(*) from meetings where status in ('protocol_signed', 'closed'))::int as signed,
      (select coalesce(sum(meetings), 0) from control_area_facts)::int as area_meetings,
      (select coalesce(sum(d_total + c_total + f_total), 0) from meeting_control_facts)::int as records,
      (select count(*) from meeting_decisions d join meetings m on m.id = d.meeting_id where m.status in ('protocol_signed', 'closed'))::int
        + (select count(*) from checks c join meetings m on m.id = c.meeting_id where m.status in ('protocol_signed', 'closed'))::int
        + (select count(*) from forwardings w join meetings m on m.id = w.meeting_id where m.status in ('protocol_signed', 'closed'))::int as expected_records,
      (select coalesce(sum(n), 0) from control_area_dues)::int as open_dues,
      (select coalesce(sum(d_open + c_open + f_open), 0) from control_area_facts)::int as open_records`));
    expect(f!.facts).toBe(f!.signed);
    expect(f!.area_meetings).toBe(f!.signed);
    expect(f!.records).toBe(f!.expected_records);
    expect(f!.records).toBeGreaterThan(0);
    expect(f!.open_dues).toBe(f!.open_records);
    // No audit entries were written: the trail (empty here) still verifies.
    expect((await verifyAuditChain(first.db)).firstBreak).toBeNull();
  });

  it('gives the same data from the same seed on another database', async () => {
    const second = await freshDatabase();
    try {
      const again = await seedNational(second, { scale: SCALE, seed: 7, now: NOW });
      expect(again.rows).toEqual(result.rows);
      expect(await fingerprint(second)).toEqual(await fingerprint(first));
    } finally {
      await second.close();
    }
  });

  it('refuses a database that already holds regions or meetings (without --force)', async () => {
    const before = await fingerprint(first);
    await expect(seedNational(first, { scale: SCALE, seed: 8, now: NOW })).rejects.toBeInstanceOf(SeedRefused);
    expect(await fingerprint(first)).toEqual(before);
  });

  it('the command: --help prints the usage; on PostgreSQL it refuses the database with exit code 2 and one line', async () => {
    const help = await npmRun('seed:national', ['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--force');
    // The embedded engine's command path (DATA_DIR) costs a PGlite start in a new process: the
    // refusal itself is the same function, checked above.
    if (!first.url) return;
    const refused = await npmRun('seed:national', ['--scale', String(SCALE)], { DATABASE_URL: first.url });
    expect(refused.code).toBe(2);
    expect(linesOf(refused.stderr)).toEqual([expect.stringMatching(/^seed:national: refused: the database already holds 1 region\(s\) and \d+ meeting\(s\): use an empty database, or --force/)]);
  });

  it("the app's quarter board, control board and a meeting's page answer over it for a national user", async () => {
    const password = `Pw-${randomBytes(9).toString('base64url')}`;
    await first.db.execute(sql`update users set password_hash = ${await hashPassword(password)} where username = 'nat.analyst'`);
    // The control board is the administrator's and the leadership's, not the analyst's.
    await first.db.execute(sql`insert into users (username, display_name, role, password_hash) values ('nat.admin', 'Әкімші', 'admin', ${await hashPassword(password)})`);
    const dataDir = mkdtempSync(join(tmpdir(), 'esep-national-app-'));
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), dataDir };
    const app = await buildApp({ config, database: first, logger: false, clock: new TestClock().set(NOW) });
    try {
      await app.ready();
      const analyst = await login(app, 'nat.analyst', password);
      const quarter = await analyst.get('/api/v1/obligations');
      expect(quarter.statusCode, quarter.body).toBe(200);
      expect((quarter.json() as { total: number }).total).toBe(36);
      // The board's facts are recomputed after the load (its triggers do not fire under it):
      // a past quarter shows districts that reported, and its counts add up to its total.
      const past = (await analyst.get('/api/v1/obligations?quarter=2026-Q1')).json() as { total: number; counts: Record<string, number> };
      expect(past.counts.met! + past.counts.held!).toBeGreaterThan(0);
      expect(Object.values(past.counts).reduce((a, b) => a + b, 0)).toBe(past.total);
      const admin = await login(app, 'nat.admin', password);
      const control = await admin.get('/api/v1/control?status=all');
      expect(control.statusCode, control.body).toBe(200);
      expect((control.json() as { meetings: unknown[] }).meetings.length).toBeGreaterThan(0);
      const { id } = await one<{ id: string }>(first, sql`select id from meetings where status = 'closed' order by id limit 1`);
      const meeting = await analyst.get(`/api/v1/meetings/${id}`);
      expect(meeting.statusCode, meeting.body).toBe(200);
      const protocol = await admin.get(`/api/v1/meetings/${id}/protocol`);
      expect(protocol.statusCode, protocol.body).toBe(200);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
