/**
 * The request path (issue 11, parts 3 and 6): how close `GET /api/health` and an authenticated
 * `GET /api/v1/auth/me` come to a no-op Fastify 5 route, and the server's resident memory idle
 * and under that load.
 *
 * Three processes: the real server (`apps/server/src/main.ts`, LOG_LEVEL=warn, the embedded
 * PGlite on disk or PostgreSQL), a bare Fastify 5 server with one no-op route (the floor), and
 * this one driving autocannon (50 connections) at each in turn. Each round measures the floor,
 * health and auth/me one after another, so all three share the machine's load of the moment;
 * the figures are medians over the rounds, each beside its floor and the ratio.
 *
 * auth/me is asked as the demo inspector with a Bearer token: an inspector's territory is the
 * districts he is assigned to today (R-2.2), the most work a session's scope takes.
 *
 *   npx tsx bench/request-path.bench.ts [pglite|postgres] [rounds, default 3] [seconds per run, default 10]
 *
 * BENCH_SERVER_NODE_OPTIONS is passed to the server's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrateDatabase, openDatabase } from '@esep/db';
import pg from 'pg';
import { systemClock } from '../apps/server/src/clock.ts';
import { seedDemo } from '../apps/server/src/demo/demo.seed.ts';
import { freePort, ROOT as root, rssOf, startNoop, waitUntilUp } from './bench.http.ts';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const ROUNDS = Number(process.argv[3] ?? 3);
const SECONDS = Number(process.argv[4] ?? 10);
const CONNECTIONS = 50;
const scratch = mkdtempSync(join(tmpdir(), 'esep-request-path-'));

async function databaseUrl(): Promise<string | undefined> {
  if (engine !== 'postgres') return undefined;
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists esep_bench_request_path with (force)');
  await admin.query('create database esep_bench_request_path');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/esep_bench_request_path';
  // main.ts seeds the demo region only into the embedded database: do it here for PostgreSQL.
  const database = await openDatabase({ url: url.toString(), poolSize: 2 });
  await migrateDatabase(database);
  await seedDemo(database.db, systemClock);
  await database.close();
  return url.toString();
}

const url = await databaseUrl();
const appPort = await freePort();
const serverEnv = {
  ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: String(appPort), HOST: '127.0.0.1',
  DATA_DIR: join(scratch, 'data'), DATABASE_URL: url ?? '', ESEP_DEMO: '1',
  NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '',
};
const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: root, env: serverEnv, stdio: ['ignore', 'ignore', 'inherit'] });
const noop = await startNoop();
const stop = () => { server.kill('SIGTERM'); noop.child.kill('SIGTERM'); };
process.on('exit', stop);

const base = `http://127.0.0.1:${appPort}`;
await waitUntilUp(`${base}/api/health`, server);
const login = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'inspector', password: 'demo' }) });
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
const { token } = await login.json() as { token: string };
const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
const scope = (await me.json() as { user?: { scope?: { ids: string[] } } }).user?.scope;
if (!me.ok || !scope?.ids.length) throw new Error(`auth/me: ${me.status}, the inspector has no district today`);

interface Figure { rate: number; p99: number; timeouts: number }
async function load(target: string, headers: Record<string, string> = {}): Promise<Figure> {
  const result = await autocannon({ url: target, connections: CONNECTIONS, duration: SECONDS, headers });
  // A wrong answer is a broken benchmark; a request past autocannon's 10 s timeout is a figure.
  if (result.non2xx + result.errors - result.timeouts > 0) throw new Error(`${target}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rate: result.requests.average, p99: result.latency.p99, timeouts: result.timeouts };
}

// Warm-up: the JIT, the pool's connections, the compiled queries (not counted).
for (const path of ['/api/health', '/api/v1/auth/me']) {
  await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: 3, headers: { authorization: `Bearer ${token}` } });
}
// Idle: after the warm-up, once the server has had a moment with nothing to do.
await new Promise((resolve) => setTimeout(resolve, 3000));
const idleRss = rssOf(server.pid!);

const rounds: Array<{ noop: Figure; health: Figure; me: Figure; peakRss: number }> = [];
for (let round = 1; round <= ROUNDS; round++) {
  let peakRss = rssOf(server.pid!);
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssOf(server.pid!)); }, 200);
  const figures = {
    noop: await load(noop.url),
    health: await load(`${base}/api/health`),
    me: await load(`${base}/api/v1/auth/me`, { authorization: `Bearer ${token}` }),
  };
  clearInterval(sampler);
  rounds.push({ ...figures, peakRss });
  const line = (name: 'health' | 'me') => `${name} ${figures[name].rate.toFixed(0)} req/s (p99 ${figures[name].p99} ms${figures[name].timeouts ? `, ${figures[name].timeouts} timed out` : ''}, ${(100 * figures[name].rate / figures.noop.rate).toFixed(1)} % of the floor)`;
  console.log(`round ${round}: no-op ${figures.noop.rate.toFixed(0)} req/s; ${line('health')}; ${line('me')}; server RSS peak ${peakRss.toFixed(0)} MB`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const floor = median(rounds.map((r) => r.noop.rate));
console.log(`\n${engine}, ${CONNECTIONS} connections, ${SECONDS} s per run, median of ${ROUNDS} rounds (floor: a no-op Fastify 5 route in the same rounds)`);
console.log('| figure | req/s | p99 ms | floor req/s | ratio (median of the rounds) |');
console.log('|---|---|---|---|---|');
for (const name of ['health', 'me'] as const) {
  const label = name === 'health' ? 'GET /api/health' : 'GET /api/v1/auth/me (Bearer, inspector)';
  console.log(`| ${label} | ${median(rounds.map((r) => r[name].rate)).toFixed(0)} | ${median(rounds.map((r) => r[name].p99)).toFixed(0)} | ${floor.toFixed(0)} | ${(100 * median(rounds.map((r) => r[name].rate / r.noop.rate))).toFixed(1)} % |`);
}
console.log(`server RSS: idle ${idleRss.toFixed(0)} MB, peak under load ${median(rounds.map((r) => r.peakRss)).toFixed(0)} MB (median of the rounds' peaks)`);

stop();
await new Promise((resolve) => setTimeout(resolve, 1000));
rmSync(scratch, { recursive: true, force: true });
process.exit(0);
