/**
 * Registrations that don't queue (issue 11, part 5; ). A real server in a child process
 * (the app as `npm start` builds it, LOG_LEVEL=warn, the production pool of 10, PGlite on disk or
 * PostgreSQL 15 on TEST_DATABASE_URL), the demo region and 302 meetings under way, loaded with
 * autocannon (-c 50, keep-alive) from this process:
 *
 *   - floor: a no-op POST route added to the same server (HTTP + Fastify + JSON, nothing else);
 *   - self-registration (`POST /api/v1/public/meetings/:id/registrations`) into one meeting;
 *   - the HTML form (`POST /m/:id`) into one meeting;
 *   - self-registration spread over 100 meetings;
 *   - staff registration (`POST /api/v1/meetings/:id/participants`) into one meeting;
 *   - the raw SQL of one registration (the statements the service sends, through the same
 *     driver and pool inside the server process, no HTTP), 50 callers at once.
 *
 * Each line: req/s, p50/p95/p99, errors (non-2xx, socket errors) and time-outs, the ratio to the
 * floor, and the server's peak RSS during the phase. On PostgreSQL also the wait events of the
 * server's connections (pg_stat_activity, sampled every 10 ms). Every request registers a
 * different person. The self-registration limit (60 a minute per address and meeting) is raised
 * in the server's configuration: all load comes from 127.0.0.1 and the server trusts no proxy, so
 * X-Forwarded-For cannot spread addresses; the limit's counter row is still written per request.
 *
 *   npx tsx bench/registration.bench.ts [pglite|postgres] [seconds per phase, default 8]
 *   BENCH_CPU_PROF=dir  also writes the server's CPU profile (node --cpu-prof) into dir
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const seconds = Number(process.argv[3] ?? 8);
const CONNECTIONS = 50;

interface Ready { port: number; token: string; meetings: Record<string, string[]>; url: string | null }
type Message = { drained: true } | { ready: Ready } | { raw: { count: number; seconds: number; latencies: number[]; errors: number } } | { error: string };

const dataDir = mkdtempSync(join(tmpdir(), 'esep-registration-bench-'));
const child: ChildProcess = fork(fileURLToPath(new URL('./registration.server.ts', import.meta.url)), [engine, dataDir], {
  execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const next = () => new Promise<Message>((resolve, reject) => {
  child.once('message', (m) => resolve(m as Message));
  child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
});
const first = await next();
if ('error' in first) throw new Error(first.error);
if (!('ready' in first)) throw new Error('unexpected message');
const { port, token, meetings, url } = first.ready;
const base = `http://127.0.0.1:${port}`;

/** Waits until the server has finished what autocannon left queued. */
async function drain() {
  child.send({ drain: true });
  await next();
}

/** Peak resident set of the server process while `work` runs. */
async function withRss<T>(work: () => Promise<T>): Promise<{ result: T; rssMb: number }> {
  let peak = 0;
  const read = () => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peak = Math.max(peak, Number(m[1]) / 1024);
  };
  const timer = setInterval(read, 200);
  read();
  try {
    return { result: await work(), rssMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/** On PostgreSQL: what the server's connections wait on, sampled every 10 ms (share of samples). */
async function withWaits<T>(work: () => Promise<T>): Promise<{ result: T; waits: string }> {
  if (!url) return { result: await work(), waits: '' };
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await watcher.query(`select coalesce(wait_event_type || ':' || wait_event, state) as w, count(*)::int as n, left(query, 60) as q
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1, 3`);
      samples += 1;
      for (const r of rows as Array<{ w: string; n: number; q: string }>) {
        if (r.w === 'idle') continue;
        const key = r.w.startsWith('Lock') || r.w.startsWith('LWLock') || r.w.startsWith('IO') ? `${r.w} (${r.q.replace(/\s+/g, ' ')})` : r.w;
        counts.set(key, (counts.get(key) ?? 0) + r.n);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    const result = await work();
    return { result, waits: '' };
  } finally {
    running = false;
    await loop;
    await watcher.end();
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, n]) => `${(n / samples).toFixed(1)} ${k}`);
    waitsLine = top.length ? `      connections (avg of ${samples} samples): ${top.join('; ')}` : '';
  }
}
let waitsLine = '';

let serial = 0;
const person = () => {
  const n = serial++;
  return { fullName: `Тұрғын ${n}`, address: `Жібек жолы к-сі, ${n}` };
};

interface Phase { label: string; rate: number; p50: number; p95: number; p99: number; errors: number; timeouts: number; rssMb: number }
const results: Phase[] = [];
let floor = 0;

function print(phase: Phase) {
  const ratio = floor && phase.label !== 'floor: no-op route' ? `, ${(phase.rate / floor * 100).toFixed(0)} % of the floor` : '';
  console.log(`${phase.label.padEnd(38)} ${phase.rate.toFixed(0).padStart(5)} req/s  p50 ${phase.p50.toFixed(0)} / p95 ${phase.p95.toFixed(0)} / p99 ${phase.p99.toFixed(0)} ms  errors ${phase.errors}, time-outs ${phase.timeouts}  RSS ${phase.rssMb.toFixed(0)} MB${ratio}`);
  if (waitsLine) console.log(waitsLine);
  waitsLine = '';
}

/** autocannon for `seconds` at 50 connections; `body` builds each request (a new person each time). */
async function load(label: string, path: (i: number) => string, body: () => { headers: Record<string, string>; body: string }, expect: number) {
  let i = 0;
  let wrong = 0;
  const latencies: number[] = [];
  const { result, rssMb } = await withRss(() => withWaits(() => new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: base, connections: CONNECTIONS, duration: seconds, timeout: 10,
      requests: [{
        method: 'POST',
        setupRequest: (request) => {
          const b = body();
          return { ...request, path: path(i++), headers: { ...b.headers }, body: b.body };
        },
        onResponse: (status) => { if (status !== expect) wrong += 1; },
      }],
    }, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => { latencies.push(time); });
  })));
  const r = result.result;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
  const phase: Phase = {
    label, rate: (latencies.length - wrong) / r.duration, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99),
    errors: wrong + r.errors - r.timeouts, timeouts: r.timeouts, rssMb,
  };
  results.push(phase);
  if (label.startsWith('floor')) floor = phase.rate;
  print(phase);
  await drain();
  return phase;
}

const json = (extra: Record<string, unknown> = {}, auth = false) => () => ({
  headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify({ ...person(), consent: true, consentVersion: CONSENT, ...extra }),
});
const CONSENT = (await (await fetch(`${base}/api/v1/public/meetings/${meetings.self![0]}`)).json() as { consent: { version: string } }).consent.version;

console.log(`engine ${engine}; ${CONNECTIONS} connections, ${seconds} s per phase; server pid ${child.pid}`);
// Warm-up: compiled routes and queries, pooled connections, the JIT.
await load('warm-up (self-registration)', () => `/api/v1/public/meetings/${meetings.warm![0]}/registrations`, json(), 201);
await load('floor: no-op route', () => '/bench/noop', json(), 200);
await load('self-registration, one meeting', () => `/api/v1/public/meetings/${meetings.self![0]}/registrations`, json(), 201);
await load('HTML form, one meeting', () => `/m/${meetings.form![0]}`, () => {
  const p = person();
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...p, consent: 'on', consentVersion: CONSENT }).toString() };
}, 200);
await load('self-registration, 100 meetings', (i) => `/api/v1/public/meetings/${meetings.spread![i % meetings.spread!.length]}/registrations`, json(), 201);
await load('staff registration, one meeting', () => `/api/v1/meetings/${meetings.staff![0]}/participants`, json({}, true), 201);

// The raw SQL of one registration, in the server process on the same pool, 50 callers at once.
const { result: raw, rssMb } = await withRss(() => withWaits(async () => {
  child.send({ raw: { seconds, callers: CONNECTIONS } });
  const m = await next();
  if ('error' in m) throw new Error(m.error);
  if (!('raw' in m)) throw new Error('unexpected message');
  return m.raw;
}));
const sorted = raw.result.latencies.sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
print({ label: 'raw SQL of a registration (50 callers)', rate: raw.result.count / raw.result.seconds, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), errors: raw.result.errors, timeouts: 0, rssMb });

child.send({ stop: true });
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
