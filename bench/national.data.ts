/**
 * The data of bench/national.bench.ts: the national data set on PostgreSQL (database
 * `esep_nb_national`) or in an embedded PGlite directory (bench/.data/national-pglite), loaded by
 * `seedNational` — the code of `npm run seed:national` — and reused while it holds the marker of
 * the same scale, seed and quarter (a comment on the database); the bench accounts with known
 * passwords; the meeting, territory and cursors the loads ask for; and the raw SQL time of the
 * board, control and meeting handlers (their statements captured through a Drizzle logger, then
 * EXPLAIN ANALYZE'd, as bench/board.bench.ts does).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ControlQuery, ObligationQuery } from '@esep/contracts';
import { loadScope, rowsOf, schema, updateUser, userByUsername, type Db } from '@esep/db';
import { almatyDate, quarterKey, quarterOf, type Actor } from '@esep/domain';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openCommandDatabase, type CommandDatabase } from '../apps/server/src/cli/database.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { ServiceContext } from '../apps/server/src/services/context.ts';
import { systemContext } from '../apps/server/src/services/context.ts';
import { controlBoard } from '../apps/server/src/services/followup/control.service.ts';
import { meetingDetail } from '../apps/server/src/services/meeting/meeting.view.ts';
import { obligationBoard } from '../apps/server/src/services/meeting/obligation.service.ts';
import { hashPassword } from '../apps/server/src/services/password.ts';
import { createAccount } from '../apps/server/src/services/user.service.ts';
import { ROOT } from './bench.http.ts';
import { seedNational } from './national.seed.ts';
import { bestSqlFloor, statementCapture, type Explain, type Statement } from './sql.floor.ts';

export type EngineName = 'postgres' | 'pglite';
export interface Location { engine: EngineName; databaseUrl?: string; dataDir?: string; where: string }

export const DATABASE_NAME = 'esep_nb_national';
export const PGLITE_DIR = join(ROOT, 'bench/.data/national-pglite');
const SEED = 652;
/** The server's default (ESEP_AT_RISK_DAYS): the board is computed with it in the probes too. */
const AT_RISK_DAYS = 30;
/** Keyset pages of the national quarter board the cursor load cycles through. */
const CURSOR_PAGES = 20;
export const PASSWORD = 'bench-national-password';

export function locationOf(engine: EngineName): Location {
  if (engine === 'pglite') return { engine, dataDir: PGLITE_DIR, where: 'bench/.data/national-pglite' };
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  url.pathname = `/${DATABASE_NAME}`;
  return { engine, databaseUrl: url.toString(), where: `${url.host}/${DATABASE_NAME}` };
}

/** Creates the PostgreSQL database when it does not exist (nothing else on the server is touched). */
async function ensureDatabase(databaseUrl: string) {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = (await client.query('select 1 from pg_database where datname = $1', [DATABASE_NAME])).rowCount;
    if (!exists) await client.query(`create database ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

async function open(location: Location): Promise<CommandDatabase> {
  if (location.databaseUrl) await ensureDatabase(location.databaseUrl);
  else mkdirSync(location.dataDir!, { recursive: true });
  // As `npm run seed:national` opens it: PostgreSQL with a pool of 5, or PGlite under its lock.
  const config = loadConfig((location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : { DATA_DIR: location.dataDir }) as NodeJS.ProcessEnv);
  return openCommandDatabase(config, { command: 'national bench', create: true, poolSize: 5 });
}

const one = async <T>(db: Db, query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query))[0];

/** What the loaded data set must say it is to be reused (a comment on the database). */
const markerOf = (scale: number, today: string) => `esep national bench: scale=${scale} seed=${SEED} quarter=${quarterKey(quarterOf(today))}`;
async function readMarker(db: Db): Promise<string | null> {
  const row = await one<{ marker: string | null }>(db, sql`select shobj_description(oid, 'pg_database') as marker from pg_database where datname = current_database()`);
  return row?.marker ?? null;
}
async function writeMarker(db: Db, text: string | null) {
  const name = (await one<{ name: string }>(db, sql`select current_database() as name`))!.name;
  await db.execute(sql.raw(`comment on database "${name}" is ${text === null ? 'null' : `'${text.replace(/'/g, "''")}'`}`));
}

export type BenchRole = 'national' | 'admin' | 'region' | 'lead' | 'inspector';
/** A handler's database floor (EXPLAIN ANALYZE, summed) and its whole service call timed in this process (median of 5), ms. */
export interface Probe { label: string; sqlMs: number; serviceMs: number; statements: number; skipped: number }
export interface Prepared {
  location: Location;
  scale: number;
  /** Seconds the seeding took, when this run seeded; null when the loaded data set was reused. */
  seededSeconds: number | null;
  rows: number | null;
  users: Record<BenchRole, string>;
  meeting: { id: string; number: string; participants: number; date: string };
  announced: { id: string; number: string } | null;
  region: { id: string; code: string; districts: number };
  districts: number;
  cursors: string[];
  /** SQL floor (ms) per probe name: the same calls the handlers make. */
  sql: Record<string, Probe>;
  postgresVersion: string | null;
}

export async function prepare(location: Location, scale: number, options: { reseed: boolean; log: (line: string) => void }): Promise<Prepared> {
  const { log } = options;
  const database = await open(location);
  try {
    const db = database.db;
    const now = systemClock.now();
    const today = almatyDate(now);
    const wanted = markerOf(scale, today);
    const marker = await readMarker(db);
    const held = await one<{ regions: number }>(db, sql`select count(*)::int as regions from regions`).catch(() => ({ regions: 0 }));
    let seededSeconds: number | null = null;
    let rows: number | null = null;
    if (options.reseed || marker !== wanted || !held?.regions) {
      log(`${location.where}: ${marker ? `holds "${marker}"` : 'no national data set'}; seeding scale ${scale}, seed ${SEED} (force)`);
      if (marker) await writeMarker(db, null);
      const result = await seedNational(database, { scale, seed: SEED, now, force: true, log: (line) => log(`  ${line}`) });
      await writeMarker(db, wanted);
      seededSeconds = result.seconds;
      rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
      log(`${location.where}: seeded ${rows} rows (${result.meetings.total} meetings) in ${result.seconds.toFixed(1)} s`);
    } else {
      log(`${location.where}: reusing the loaded data set (${wanted})`);
    }
    const picked = await pick(db, today);
    const users = await benchUsers(database.db, picked, log);
    const capture = statementCapture();
    const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
    const captureDb = (database.engine === 'postgresql'
      ? drizzlePg(client as pg.Pool, { schema, logger: capture.logger })
      : drizzlePglite(client as PGlite, { schema, logger: capture.logger })) as unknown as Db;
    const explain: Explain = database.engine === 'postgresql'
      ? async (text, params) => (await (client as pg.Pool).query(text, params)).rows
      : async (text, params) => (await (client as PGlite).query<Record<string, unknown>>(text, params)).rows;
    const { sqlTimes, cursors } = await probes(captureDb, capture, explain, users, picked, today, log);
    const version = database.engine === 'postgresql' ? (await one<{ v: string }>(db, sql`select current_setting('server_version') as v`))!.v : null;
    return {
      location, scale, seededSeconds, rows, users: Object.fromEntries(Object.entries(users).map(([k, u]) => [k, u.username])) as Record<BenchRole, string>,
      meeting: picked.meeting, announced: picked.announced, region: picked.region, districts: picked.districts, cursors, sql: sqlTimes, postgresVersion: version,
    };
  } finally {
    await database.close();
  }
}

interface Picked {
  meeting: Prepared['meeting'];
  announced: Prepared['announced'];
  region: Prepared['region'];
  pointId: string;
  inspectorStaffId: string;
  districts: number;
}

/**
 * A held meeting with a signed protocol and about 40 participants (the latest 300 signed ones,
 * the nearest to 40), its region, point and its district's inspector of today; an announced
 * meeting ahead for the poster and the public page.
 */
async function pick(db: Db, today: string): Promise<Picked> {
  const meeting = await one<{ id: string; number: string; date: string; participants: number; region_id: string; point_id: string }>(db, sql`
    with recent as (
      select m.id, m.number, m.start_date, m.region_id, m.point_id from meetings m join protocols p on p.meeting_id = m.id
      where p.status = 'signed' and m.status in ('protocol_signed', 'closed') and m.start_date < ${today}
        and (select count(*) from meeting_districts d where d.meeting_id = m.id) = 1
      order by m.start_date desc, m.id limit 300)
    select r.id, r.number, r.start_date::text as date, r.region_id, r.point_id, n.participants
    from recent r cross join lateral (select count(*)::int as participants from participants x where x.meeting_id = r.id) n
    order by abs(n.participants - 40), r.start_date desc, r.id limit 1`);
  if (!meeting) throw new Error('the data set has no held meeting with a signed protocol');
  const inspector = await one<{ staff_id: string }>(db, sql`
    select a.staff_id from meeting_districts md join assignments a on a.district_id = md.district_id
    where md.meeting_id = ${meeting.id} and a.role = 'inspector' and a.effective_from <= ${today} and (a.effective_to is null or a.effective_to >= ${today})
    order by a.effective_from desc limit 1`);
  if (!inspector) throw new Error(`meeting ${meeting.number}: its district has no inspector today`);
  const region = (await one<{ id: string; code: string; districts: number }>(db, sql`
    select r.id, r.code, (select count(*)::int from districts d join police_points p on p.id = d.point_id join police_units u on u.id = p.unit_id where u.region_id = r.id) as districts
    from regions r where r.id = ${meeting.region_id}`))!;
  const announced = await one<{ id: string; number: string }>(db, sql`
    select id, number from meetings where status = 'announced' and start_date >= ${today} order by start_date, id limit 1`);
  const districts = (await one<{ n: number }>(db, sql`select count(*)::int as n from districts`))!.n;
  return {
    meeting: { id: meeting.id, number: meeting.number, participants: meeting.participants, date: meeting.date },
    announced: announced ?? null, region, pointId: meeting.point_id, inspectorStaffId: inspector.staff_id, districts,
  };
}

interface BenchUser { id: string; username: string; role: Actor['role']; staffId: string | null; territoryId: string | null }

/**
 * The bench accounts, created as `npm run user:create` creates them (createAccount: argon2 hash,
 * audited) or, when they exist, given the bench password again (updateUser, as a password
 * change does) and bound to today's picks.
 */
async function benchUsers(db: Db, picked: Picked, log: (line: string) => void): Promise<Record<BenchRole, BenchUser>> {
  const wanted: Record<BenchRole, Omit<BenchUser, 'id'>> = {
    national: { username: 'bench.national', role: 'national_analyst', staffId: null, territoryId: null },
    // The national control board (R-33) is read by the administrator alone: the analyst gets 403.
    admin: { username: 'bench.admin', role: 'admin', staffId: null, territoryId: null },
    region: { username: 'bench.region', role: 'regional_head', staffId: null, territoryId: picked.region.id },
    lead: { username: 'bench.lead', role: 'point_lead', staffId: null, territoryId: picked.pointId },
    inspector: { username: 'bench.inspector', role: 'inspector', staffId: picked.inspectorStaffId, territoryId: null },
  };
  const ctx = systemContext(db, systemClock, 'national bench');
  const out = {} as Record<BenchRole, BenchUser>;
  const made: string[] = [];
  for (const [key, user] of Object.entries(wanted) as Array<[BenchRole, Omit<BenchUser, 'id'>]>) {
    const existing = await userByUsername(db, user.username);
    if (existing) {
      const now = ctx.now();
      await updateUser(db, existing.id, {
        passwordHash: await hashPassword(PASSWORD), passwordChangedAt: now, failedLogins: 0, lockedUntil: null,
        role: user.role, staffId: user.staffId, territoryId: user.territoryId,
      }, now);
      out[key] = { id: existing.id, ...user };
    } else {
      const created = await createAccount(ctx, { ...user, displayName: `Bench ${key}`, password: PASSWORD, locale: 'ru' });
      out[key] = { id: created.id, ...user };
      made.push(user.username);
    }
  }
  log(`bench accounts ${Object.values(out).map((u) => u.username).join(', ')}${made.length ? ` (created ${made.join(', ')})` : ' (password reset)'}`);
  return out;
}

/** Statements EXPLAIN ANALYZE may run: reads only (a write would be done again). */
const READ = /^\s*(select|with|\()/i;

async function probes(db: Db, capture: ReturnType<typeof statementCapture>, explain: Explain, users: Record<BenchRole, BenchUser>, picked: Picked, today: string, log: (line: string) => void) {
  const actors = {} as Record<BenchRole, Actor>;
  for (const [key, user] of Object.entries(users) as Array<[BenchRole, BenchUser]>) {
    actors[key] = { id: user.id, role: user.role, scope: await loadScope(db, user, today) };
  }
  const ctx = (who: BenchRole): ServiceContext => ({
    db, actor: actors[who], actorName: users[who].username, clientAddress: '127.0.0.1', now: () => systemClock.now(), today, locale: 'ru', publicUrl: 'http://localhost',
  });
  const board = (who: BenchRole, query: Record<string, string>) => obligationBoard(ctx(who), ObligationQuery.parse(query), AT_RISK_DAYS);

  // The keyset pages the cursor load cycles through, as the client gets them (nextCursor).
  const cursors: string[] = [];
  let page = await board('national', { page: '1', pageSize: '25' });
  while (page.nextCursor && cursors.length < CURSOR_PAGES) {
    cursors.push(page.nextCursor);
    page = await board('national', { pageSize: '25', cursor: page.nextCursor });
  }

  const sqlTimes: Record<string, Probe> = {};
  const measure = async (name: string, label: string, calls: Array<() => Promise<unknown>>) => {
    const times: number[] = [];
    const durations: number[] = [];
    let statements = 0;
    let skipped = 0;
    for (const call of calls) {
      await call();
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await call();
        durations.push(performance.now() - t);
      }
      const captured: Statement[] = await capture.capture(call);
      const reads = captured.filter((s) => READ.test(s.query));
      skipped += captured.length - reads.length;
      statements += reads.length;
      times.push((await bestSqlFloor(explain, reads)).ms);
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const sqlMs = median(times);
    const serviceMs = median(durations);
    sqlTimes[name] = { label, sqlMs, serviceMs, statements: Math.round(statements / calls.length), skipped };
    log(`  ${label}: SQL ${sqlMs.toFixed(1)} ms (${sqlTimes[name].statements} statements${skipped ? `, ${skipped} not reads: left out` : ''}); the service call in-process ${serviceMs.toFixed(1)} ms`);
  };
  log('Handlers without HTTP: SQL = EXPLAIN ANALYZE of the statements each sends (best of 3), and the service call timed (median of 5):');
  await measure('board-national', 'quarter board, national, page 1', [() => board('national', { page: '1', pageSize: '25' })]);
  // The median over five of the keyset pages the load cycles through.
  const sampled = cursors.length ? [0, 0.25, 0.5, 0.75, 1].map((f) => cursors[Math.round(f * (cursors.length - 1))]!) : [];
  if (sampled.length) await measure('board-cursor', 'quarter board, national, keyset pages', sampled.map((cursor) => () => board('national', { pageSize: '25', cursor })));
  await measure('board-region', 'quarter board, one region', [() => board('region', { page: '1', pageSize: '25' })]);
  await measure('control-national', 'control board, national', [() => controlBoard(ctx('admin'), ControlQuery.parse({ page: '1', pageSize: '20' }))]);
  await measure('control-lead', 'control board, point lead', [() => controlBoard(ctx('lead'), ControlQuery.parse({ page: '1', pageSize: '20' }))]);
  await measure('meeting', 'meeting page', [() => meetingDetail(ctx('national'), picked.meeting.id)]);
  return { sqlTimes, cursors };
}
