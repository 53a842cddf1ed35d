/**
 * Issue 15: the analytics at national scale on PostgreSQL — the national compliance view of one
 * quarter (per region) beside its own SQL, each drill-down level (a region per unit, a unit per
 * point, a point per district) and the XLSX export of a region, against the issue's targets:
 * national view p95 ≤ 50 ms and ≤ 1.5× its SQL; a drill-down level p95 ≤ 30 ms; a region's XLSX
 * ≤ 2 s. Beside the floors: a no-op Fastify route in its own process, and the handler's raw SQL
 * (its statements captured through a Drizzle logger and EXPLAIN ANALYZE'd, best of 3).
 *
 *   npx tsx bench/analytics.bench.ts [--scale N] [--seconds N] [--no-record]
 *
 * The national data set is bench/national.data.ts's (database `esep_nb_national`, loaded on first
 * use, ~5–12 minutes at scale 1, then reused). Each view is measured two ways: one request at a
 * time for --seconds (p95 of those: what one user waits for; the target is judged on it), and
 * under autocannon -c 10 (the queue of ten users at once on this machine's CPUs). The quarter is
 * the last complete one (the most held meetings) and the current one.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadScope, migrateDatabase, openDatabase, rowsOf, schema, userByUsername, type Db } from '@esep/db';
import { addDays, almatyDate, quarterKey, quarterOf, quarterStart, type Actor } from '@esep/domain';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { systemClock } from '../apps/server/src/clock.ts';
import { complianceReport } from '../apps/server/src/services/analytics/compliance.service.ts';
import type { ServiceContext } from '../apps/server/src/services/context.ts';
import { ROOT, startNoop } from './bench.http.ts';
import { locationOf, PASSWORD, prepare } from './national.data.ts';
import { buildServer, load, login, startServer, type LoadResult } from './national.http.ts';
import { machineLine, runInfo } from './national.report.ts';
import { bestSqlFloor, statementCapture, type Explain } from './sql.floor.ts';

const { values } = parseArgs({ options: { scale: { type: 'string' }, seconds: { type: 'string' }, 'no-record': { type: 'boolean' } } });
const scale = Number(values.scale ?? process.env.BENCH_NATIONAL_SCALE ?? 1);
const SECONDS = Number(values.seconds ?? 8);
const log = (line: string) => console.log(line);

const location = locationOf('postgres');
const today = almatyDate(systemClock.now());
const current = quarterOf(today);
const last = quarterOf(addDays(quarterStart(current), -1));
const [Q, P] = [quarterKey(current), quarterKey(last)];

const prepared = await prepare(location, scale, { reseed: false, log });
const database = await openDatabase({ url: location.databaseUrl!, poolSize: 2 });
// A data set loaded before migration 0021 gets the rollup now (the server would apply it at its start).
const migrating = performance.now();
await migrateDatabase(database);
await database.db.execute(sql`analyze district_quarter_compliance`);
log(`migrations applied, rollup analysed: ${((performance.now() - migrating) / 1000).toFixed(1)} s`);
const capture = statementCapture();
const pool = (database.db as unknown as { $client: pg.Pool }).$client;
const captureDb = drizzle(pool, { schema, logger: capture.logger }) as unknown as Db;
const explain: Explain = async (text, params) => (await pool.query(text, params)).rows;
const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query))[0]!;
const place = await one<{ unit_id: string; point_id: string; district_id: string }>(sql`
  select m.unit_id, m.point_id, md.district_id from meetings m join meeting_districts md on md.meeting_id = m.id where m.id = ${prepared.meeting.id} limit 1`);

interface Case { label: string; query: Record<string, string>; target: { ms: number; sqlTimes?: number } }
const cases: Case[] = [
  { label: `national, ${P} (per region)`, query: { from: P, to: P }, target: { ms: 50, sqlTimes: 1.5 } },
  { label: `national, ${Q} (per region)`, query: { from: Q, to: Q }, target: { ms: 50, sqlTimes: 1.5 } },
  { label: `drill-down: region ${prepared.region.code}, ${P} (per unit)`, query: { from: P, to: P, region: prepared.region.id }, target: { ms: 30 } },
  { label: `drill-down: a unit, ${P} (per point)`, query: { from: P, to: P, unit: place.unit_id }, target: { ms: 30 } },
  { label: `drill-down: a point, ${P} (per district)`, query: { from: P, to: P, point: place.point_id }, target: { ms: 30 } },
  { label: `drill-down: a district, ${P}`, query: { from: P, to: P, district: place.district_id }, target: { ms: 30 } },
];
const pathOf = (c: Case, ext = '') => `/api/v1/analytics/compliance${ext}?${new URLSearchParams(c.query).toString()}`;

// The service and its SQL in this process, no HTTP.
const user = (await userByUsername(database.db, prepared.users.national))!;
const actor: Actor = { id: user.id, role: user.role, scope: await loadScope(database.db, user, today) };
const ctx: ServiceContext = { db: captureDb, actor, actorName: user.username, clientAddress: '127.0.0.1', now: () => systemClock.now(), today, locale: 'ru' };
interface InProcess { sqlMs: number; slowest: number; statements: number; serviceMs: number }
const inProcess = new Map<Case, InProcess>();
log(`\nIn process (service median of 7; SQL = EXPLAIN ANALYZE of its statements, best of 3), ${database.engine}, scale ${scale}:`);
for (const c of cases) {
  const call = () => complianceReport(ctx, c.query);
  await call();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const statements = await capture.capture(call);
  const floor = await bestSqlFloor(explain, statements);
  const measured = { sqlMs: floor.ms, slowest: floor.slowest?.ms ?? 0, statements: statements.length, serviceMs: times[3]! };
  inProcess.set(c, measured);
  log(`  ${c.label}: SQL ${measured.sqlMs.toFixed(1)} ms (${measured.statements} statements, slowest ${measured.slowest.toFixed(1)} ms); service ${measured.serviceMs.toFixed(1)} ms`);
}
await database.close();

/** Requests one after another for `seconds`: p50/p95 ms and the status of the first. */
async function oneAtATime(base: string, path: string, token: string | undefined, seconds: number) {
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || times.length < 5) {
    const t = performance.now();
    const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const body = await response.arrayBuffer();
    times.push(performance.now() - t);
    status ||= response.status;
    bytes = body.byteLength;
    if (!response.ok) break;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: times.at(-1)!, count: times.length, status, bytes };
}

buildServer();
const server = await startServer(location);
const noop = await startNoop();
const results: Array<{ c: Case; single: Awaited<ReturnType<typeof oneAtATime>>; loaded: LoadResult }> = [];
let floorSingle: Awaited<ReturnType<typeof oneAtATime>>;
let floorLoaded: LoadResult;
let xlsx: { status: number; median?: number; max?: number; bytes?: number; note: string };
try {
  const token = await login(server.base, prepared.users.national, PASSWORD);
  const regionToken = await login(server.base, prepared.users.region, PASSWORD);
  // noop.url is the no-op route's own URL.
  await oneAtATime(noop.url, '', undefined, 2);
  floorSingle = await oneAtATime(noop.url, '', undefined, SECONDS);
  floorLoaded = await load(noop.url, { paths: ['/noop'], connections: 10, seconds: SECONDS });
  log(`\nfloor, no-op route: one at a time p50/p95 ${floorSingle.p50.toFixed(2)}/${floorSingle.p95.toFixed(2)} ms; -c 10 ${Math.round(floorLoaded.rate)} req/s p95 ${floorLoaded.p95.toFixed(1)} ms`);
  for (const c of cases) {
    await oneAtATime(server.base, pathOf(c), token, 2);
    const single = await oneAtATime(server.base, pathOf(c), token, SECONDS);
    if (single.status !== 200) throw new Error(`${pathOf(c)} answered ${single.status}`);
    const loaded = await load(server.base, { paths: [pathOf(c)], token, connections: 10, seconds: SECONDS }, server.child.pid);
    results.push({ c, single, loaded });
    log(`${c.label}: one at a time p50/p95 ${single.p50.toFixed(1)}/${single.p95.toFixed(1)} ms (${single.count} requests, ${single.bytes} B); -c 10: ${Math.round(loaded.rate)} req/s, p50/p95 ${loaded.p50.toFixed(1)}/${loaded.p95.toFixed(1)} ms, non-2xx ${loaded.non2xx}`);
  }
  // The region head's XLSX export of his region, the last complete quarter (helper B's route; 404 until it is merged).
  const xlsxPath = pathOf({ label: '', query: { from: P, to: P }, target: { ms: 2000 } }, '.xlsx');
  const first = await fetch(`${server.base}${xlsxPath}`, { headers: { authorization: `Bearer ${regionToken}` } });
  await first.arrayBuffer();
  if (first.status === 404) {
    xlsx = { status: 404, note: `skipped: ${xlsxPath} answered 404 — the XLSX export route is not in this build yet` };
  } else if (!first.ok) {
    xlsx = { status: first.status, note: `${xlsxPath} answered ${first.status}` };
  } else {
    const runs = await oneAtATime(server.base, xlsxPath, regionToken, SECONDS);
    xlsx = { status: runs.status, median: runs.p50, max: runs.max, bytes: runs.bytes, note: `${runs.count} downloads one after another` };
  }
  log(`XLSX export of region ${prepared.region.code}: ${xlsx.median !== undefined ? `median ${xlsx.median.toFixed(0)} ms, slowest ${xlsx.max!.toFixed(0)} ms, ${xlsx.bytes} B (${xlsx.note})` : xlsx.note}`);
} finally {
  noop.child.kill('SIGTERM');
  await server.stop();
}

const f1 = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const lines: string[] = [];
lines.push(`| view | SQL ms (statements) | service in-process ms | one at a time p50 / p95 ms | p95 ÷ SQL | -c 10 req/s, p50 / p95 ms | answer | target (one at a time) |`);
lines.push('|---|--:|--:|--:|--:|--:|--:|---|');
lines.push(`| floor: no-op Fastify route | | | ${floorSingle!.p50.toFixed(2)} / ${floorSingle!.p95.toFixed(2)} | | ${Math.round(floorLoaded!.rate)}, ${f1(floorLoaded!.p50)} / ${f1(floorLoaded!.p95)} | | |`);
for (const { c, single, loaded } of results) {
  const p = inProcess.get(c)!;
  const met = single.p95 <= c.target.ms && (!c.target.sqlTimes || single.p95 <= c.target.sqlTimes * p.sqlMs);
  const target = `p95 ≤ ${c.target.ms} ms${c.target.sqlTimes ? `, ≤ ${c.target.sqlTimes}× SQL` : ''}: ${met ? '**met**' : '**not met**'}`;
  lines.push(`| ${c.label} | ${f1(p.sqlMs)} (${p.statements}) | ${f1(p.serviceMs)} | ${f1(single.p50)} / ${f1(single.p95)} | ${(single.p95 / p.sqlMs).toFixed(2)}× | ${Math.round(loaded.rate)}, ${f1(loaded.p50)} / ${f1(loaded.p95)} | ${(single.bytes / 1000).toFixed(1)} kB | ${target} |`);
}
const x = xlsx!;
lines.push(`| XLSX export, region ${prepared.region.code} (${prepared.region.districts} districts), ${P} | | | ${x.median !== undefined ? `${f1(x.median)} / max ${f1(x.max!)}` : '—'} | | | ${x.bytes !== undefined ? `${(x.bytes / 1000).toFixed(1)} kB` : ''} | ${x.median !== undefined ? `≤ 2 s: ${x.max! <= 2000 ? '**met**' : '**not met**'}` : x.note} |`);
const table = lines.join('\n');
console.log(`\n${table}\n`);

if (values['no-record']) console.log('(--no-record: bench/BENCHMARKS.md left as it is)');
else {
  const info = runInfo(`npx tsx bench/analytics.bench.ts ${process.argv.slice(2).join(' ')}`.trim(), scale < 1);
  appendFileSync(join(ROOT, 'bench/BENCHMARKS.md'), [
    '', `### Analytics run ${info.started.toISOString().slice(0, 16).replace('T', ' ')} UTC — PostgreSQL ${prepared.postgresVersion ?? ''} scale ${scale} (${prepared.districts.toLocaleString('en-US')} districts)${info.reduced ? ' — reduced scale' : ''}`,
    '', `Machine: ${machineLine(info)}; load average at start ${info.load.map((v) => v.toFixed(2)).join(' / ')}. Commit \`${info.commit}\`. ${SECONDS} s per measurement.`,
    '', `    ${info.command}`, '', table, '',
  ].join('\n'));
  console.log('appended to bench/BENCHMARKS.md');
}
process.exit(0);
