/**
 * Audited writes under concurrency (issue 10, item 7): every write records an audit entry in its
 * own transaction, and the audit trail must not make all writes of the country queue behind one
 * another. Through the real HTTP API (a listening server, keep-alive HTTP clients), staff register
 * participants (R-32.2, `POST /api/v1/meetings/:id/participants`):
 *   - 1 client, one meeting, one request after another;
 *   - 50 clients at once, each in its own meeting (a registration also locks its meeting's row to
 *     hand out numbers, so 50 different meetings do not contend on that lock).
 * Reports throughput (req/s) and latency p50/p95 of each, then verifies the audit chain.
 *
 *   npx tsx bench/audit.bench.ts [engine: pglite|postgres] [requests per client, default 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { meetingDistricts, meetings, migrateDatabase, openDatabase, rowsOf, verifyAuditChain } from '@esep/db';
import { ParticipantBody } from '@esep/contracts';
import { almatyDate, almatyDayStart, CONSENT_VERSION, NATIONAL_SCOPE } from '@esep/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { seedDemo } from '../apps/server/src/demo/demo.seed.ts';
import { systemContext, type ServiceContext } from '../apps/server/src/services/context.ts';
import { registerParticipant } from '../apps/server/src/services/holding/participant.service.ts';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const perClient = Number(process.argv[3] ?? 20);
const CLIENTS = 50;
const SINGLE = CLIENTS * perClient / 5;

let benchUrl = '';
const dataDir = mkdtempSync(join(tmpdir(), 'esep-audit-bench-'));
async function openTarget() {
  // The embedded database on disk, as `npm start` runs it (not in memory).
  if (engine !== 'postgres') return openDatabase({ dataDir: join(dataDir, 'db') });
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists esep_bench_audit with (force)');
  await admin.query('create database esep_bench_audit');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/esep_bench_audit';
  benchUrl = url.toString();
  // The production pool size (openDatabase's default).
  return openDatabase({ url: benchUrl });
}

const database = await openTarget();
await migrateDatabase(database);
await seedDemo(database.db, systemClock);

// One meeting per client plus one for the single client, announced and under way now.
const [place] = rowsOf<{ district_id: string; point_id: string; unit_id: string; region_id: string }>(await database.db.execute(sql`
  select d.id as district_id, p.id as point_id, u.id as unit_id, u.region_id
  from districts d join police_points p on p.id = d.point_id join police_units u on u.id = p.unit_id order by d.code limit 1`));
if (!place) throw new Error('the demo region has no district');
const now = systemClock.now();
const today = almatyDate(now);
const startsAt = new Date(Math.max(now.getTime() - 30 * 60_000, almatyDayStart(today).getTime()));
const meetingIds: string[] = [];
for (let i = 0; i <= CLIENTS; i++) {
  const id = crypto.randomUUID();
  meetingIds.push(id);
  await database.db.insert(meetings).values({
    id, number: `BENCH-AUDIT-${i}`, status: 'announced', setting: 'gathering', format: 'indoor', venueAddress: `Клуб №${i}`,
    startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), startDate: today,
    regionId: place.region_id, unitId: place.unit_id, pointId: place.point_id,
  });
  await database.db.insert(meetingDistricts).values({ meetingId: id, districtId: place.district_id });
}

const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), dataDir: join(dataDir, 'files') };
const app = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const login = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) });
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
const { token } = await login.json() as { token: string };

/*
 * The clients run in a worker thread, not on the server's event loop, so that their own work
 * does not slow the server down. Each client registers one person after another in its meeting.
 */
const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, token, consentVersion, meetings, each, offset } = workerData;
let serial = offset;
async function register(meetingId) {
  const n = serial++;
  const started = performance.now();
  const response = await fetch(base + '/api/v1/meetings/' + meetingId + '/participants', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
    body: JSON.stringify({ fullName: 'Тұрғын ' + n, address: 'Жібек жолы к-сі, ' + n, consent: true, consentVersion }),
  });
  const body = await response.text();
  if (response.status !== 201) throw new Error('registration: ' + response.status + ' ' + body);
  return performance.now() - started;
}
(async () => {
  const latencies = [];
  const started = performance.now();
  await Promise.all(meetings.map(async (meetingId) => { for (let i = 0; i < each; i++) latencies.push(await register(meetingId)); }));
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/**
 * On PostgreSQL, how many of the server's connections wait on an advisory lock (the audit's),
 * sampled every 20 ms while a phase runs: the queue the global lock made, seen directly.
 */
async function sampleAdvisoryWaits(): Promise<() => Promise<number | null>> {
  if (database.engine !== 'postgresql') return async () => null;
  const watcher = new pg.Client({ connectionString: benchUrl });
  await watcher.connect();
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await watcher.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`);
      samples.push(rows[0].n);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await watcher.end();
    return samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  };
}

const waitsOf = (waiting: number | null) => (waiting === null ? '' : `; on average ${waiting.toFixed(1)} connections waiting on the audit lock`);

let phases = 0;
/** `clients` clients at once, each registering `each` participants one after another in its own meeting. */
async function phase(label: string, meetingsOfClients: string[], each: number) {
  const stopSampling = await sampleAdvisoryWaits();
  const worker = new Worker(CLIENT_CODE, { eval: true, workerData: { base, token, consentVersion: CONSENT_VERSION, meetings: meetingsOfClients, each, offset: 1_000_000 * phases++ } });
  const result = await new Promise<{ latencies: number[]; seconds: number; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const waiting = await stopSampling();
  if (result.error) throw new Error(result.error);
  const latencies = result.latencies.sort((a, b) => a - b);
  const rate = latencies.length / result.seconds;
  console.log(`${label}: ${latencies.length} registrations in ${result.seconds.toFixed(2)} s = ${rate.toFixed(0)} req/s; p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms${waitsOf(waiting)}`);
  return rate;
}

console.log(`engine ${engine}, ${CLIENTS} clients × ${perClient} vs 1 client × ${SINGLE}`);
// Warm-up: compiled queries, pooled connections, the JIT.
await phase('warm-up', meetingIds.slice(1, 11), 2);
const one = await phase('1 client', [meetingIds[0]!], SINGLE);
const many = await phase(`${CLIENTS} clients`, meetingIds.slice(1), perClient);
console.log(`scaling: ${CLIENTS} clients ran at ${(many / one).toFixed(2)}× the rate of one client`);

/*
 * The same use case called in-process (registerParticipant with an administrator's context), so
 * the figures show the database work and the audit's locking without the cost of HTTP, which on a
 * small machine (the server's one event loop) can hide a lock's queue behind the CPU.
 */
const [adminUser] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from users where username = 'admin'`));
const ctx: ServiceContext = { ...systemContext(database.db, systemClock, 'admin'), actor: { id: adminUser!.id, role: 'admin', scope: NATIONAL_SCOPE } };
async function inProcess(label: string, meetingsOfClients: string[], each: number) {
  const latencies: number[] = [];
  const offset = 1_000_000 * phases++;
  let n = 0;
  const stopSampling = await sampleAdvisoryWaits();
  const started = performance.now();
  await Promise.all(meetingsOfClients.map(async (meetingId) => {
    for (let i = 0; i < each; i++) {
      const t = performance.now();
      const k = offset + n++;
      // The body as the route's schema would hand it to the service (defaults filled in).
      await registerParticipant(ctx, meetingId, ParticipantBody.parse({ fullName: `Тұрғын ${k}`, address: `Жібек жолы к-сі, ${k}`, consent: true, consentVersion: CONSENT_VERSION }));
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const waiting = await stopSampling();
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / seconds;
  console.log(`${label}: ${latencies.length} registrations in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} req/s; p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms${waitsOf(waiting)}`);
  return rate;
}
const oneInProcess = await inProcess('in-process, 1 caller', [meetingIds[0]!], SINGLE);
const manyInProcess = await inProcess(`in-process, ${CLIENTS} callers`, meetingIds.slice(1), perClient);
console.log(`scaling in-process: ${CLIENTS} callers ran at ${(manyInProcess / oneInProcess).toFixed(2)}× the rate of one caller`);

await app.close();
const report = await verifyAuditChain(database.db);
console.log(`audit chain after the run: ${report.firstBreak ? `BROKEN at entry ${report.firstBreak.id} (${report.firstBreak.reason})` : 'intact'}, ${report.checked} entries verified in ${report.heads.length} chains`);
await database.close();
rmSync(dataDir, { recursive: true, force: true });
if (report.firstBreak) process.exit(1);
