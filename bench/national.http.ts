/**
 * The HTTP side of bench/national.bench.ts: the real server started as `npm start` runs it (the
 * esbuild bundle apps/server/dist/main.js under plain node, as e2e/server.ts does), logins, and
 * autocannon loads with each response's latency kept (p95 is not among autocannon's own
 * percentiles) and the server's resident memory sampled every 200 ms.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { freePort, ROOT, rssOf, waitUntilUp } from './bench.http.ts';
import type { Location } from './national.data.ts';

export interface AppServer { base: string; child: ChildProcess; stop(): Promise<void> }

/** The server bundle, built once per run (esbuild, about a second). */
export function buildServer() {
  execFileSync(process.execPath, ['apps/server/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Production settings (a signing key and a public address of the bench's own), LOG_LEVEL=warn,
 * no demo region; PostgreSQL at DATABASE_URL with a scratch DATA_DIR for files, or the PGlite
 * directory as DATA_DIR. The web app is not needed: without its build the server serves the API.
 */
export async function startServer(location: Location): Promise<AppServer> {
  const port = await freePort();
  const scratch = location.databaseUrl ? mkdtempSync(join(tmpdir(), 'esep-national-bench-')) : null;
  const child = spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ESEP_DEMO: '0',
      PUBLIC_URL: `http://127.0.0.1:${port}`, ESEP_SIGNING_KEY: 'national-bench-signing-key-0123456789abcdef',
      DATABASE_URL: location.databaseUrl ?? '', DATA_DIR: scratch ?? location.dataDir!,
      NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '',
      // As `npm start` runs it (README: glibc's mmap threshold).
      MALLOC_MMAP_THRESHOLD_: '131072',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`${base}/api/health`, child, 300);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, child, stop };
}

/** A bearer token (POST /api/v1/auth/token). */
export async function login(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json() as { token: string }).token;
}

/** One GET, checked: a benchmark of an error page is no benchmark. */
export async function probe(base: string, path: string, token?: string): Promise<{ status: number; bytes: number; type: string }> {
  const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body.toString('utf8').slice(0, 300)}`);
  return { status: response.status, bytes: body.length, type: response.headers.get('content-type') ?? '' };
}

export interface Load { paths: string[]; token?: string | undefined; connections: number; seconds: number }
export interface LoadResult {
  connections: number; seconds: number; requests: number;
  /** 2xx answers per second. */
  rate: number; p50: number; p95: number; p99: number;
  non2xx: number; errors: number; timeouts: number;
  /** Server RSS (MB) just before the load, and the most sampled during it. */
  rssBefore: number | null; rssMax: number | null;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;

/** autocannon at `connections` for `seconds`, cycling through `paths`; `pid`: the process whose RSS is sampled. */
export async function load(target: string, spec: Load, pid?: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let i = 0;
  const sample = () => { try { return pid ? rssOf(pid) : null; } catch { return null; } };
  const rssBefore = sample();
  let rssMax = rssBefore;
  const sampler = setInterval(() => {
    const now = sample();
    if (now !== null) rssMax = Math.max(rssMax ?? 0, now);
  }, 200);
  const started = performance.now();
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({
        url: target, connections: spec.connections, duration: spec.seconds, timeout: 10,
        headers: spec.token ? { authorization: `Bearer ${spec.token}` } : {},
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: spec.paths[i++ % spec.paths.length]! }) }],
      }, (error, r) => (error ? reject(error) : resolve(r)));
      instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
        latencies.push(time);
        if (status >= 200 && status < 300) ok += 1;
      });
    });
    latencies.sort((a, b) => a - b);
    const seconds = result.duration || (performance.now() - started) / 1000;
    return {
      connections: spec.connections, seconds, requests: latencies.length, rate: ok / seconds,
      p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99),
      non2xx: result.non2xx, errors: result.errors - result.timeouts, timeouts: result.timeouts, rssBefore, rssMax,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Waits until the server has worked off what a load left queued: health answers fast three times running. */
export async function settle(base: string) {
  for (let quick = 0, tries = 0; quick < 3 && tries < 200; tries++) {
    const t = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.arrayBuffer()).catch(() => undefined);
    quick = performance.now() - t < 20 ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The unloaded latency: requests one after another (up to `count`, or until `seconds` pass), their median in ms. */
export async function sequential(base: string, paths: string[], token: string | undefined, count = 20, seconds = 5): Promise<number> {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  for (let i = 0; i < count && (i < 3 || performance.now() < until); i++) {
    const t = performance.now();
    const response = await fetch(`${base}${paths[i % paths.length]}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    await response.arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
