import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@esep/db';
import { testDatabase } from './database.ts';
import { buildServer, freePort, startServer, type ServerProcess } from './process.ts';
import { startLocalS3, type LocalS3 } from './s3rver.ts';

/*
 * Several real Esep server processes on one PostgreSQL database, as production runs them behind
 * a load balancer (issue 12). PostgreSQL only: set TEST_DATABASE_URL and run in the
 * integration:postgres project (its global setup makes the demo-seeded template database).
 *
 *   const cluster = await startProcesses(2);           // in beforeAll, with a long timeout
 *   const a = await httpLogin(cluster.urls[0]!, 'inspector');
 *   await a.on(cluster.urls[1]!).get('/api/v1/auth/me'); // the same session on the other process
 *   await cluster.kill(1); await cluster.restart(1);    // kill -9, then up again on its port
 *   await cluster.stop();                               // in afterAll
 *
 * Each process is the bundle `npm start` runs (process.ts), on a port of its own, with:
 * - DATABASE_URL: a private copy of the demo-seeded template (database.ts), dropped at `stop`;
 *   `database` is a connection to it for the test's own checks (rows, counts, pg_locks).
 * - videos in one S3 bucket (s3rver.ts), so an upload begun on one process can end on another;
 * - one DATA_DIR for all, as a shared volume would be (stored files: proofs, attachments);
 * - one ESEP_SIGNING_KEY, as production sets it (a development start would make one per DATA_DIR);
 * - NODE_ENV development, so that the demo accounts (password `demo`) may log in.
 * `env` adds to or overrides this for every process (e.g. ESEP_SELF_REGISTRATION_RATE).
 */

/** How long `stop` lets a process finish its requests before kill -9. */
const STOP_GRACE_MS = 10_000;

export interface Processes {
  /** Base URLs (http://127.0.0.1:port), one per process, in order; a restart keeps its URL. */
  readonly urls: readonly string[];
  /** The shared database, for the test's own checks. */
  readonly database: Database;
  /** kill -9 process `i`: no shutdown, its connections cut as a crash cuts them. */
  kill(i: number): Promise<void>;
  /** Starts process `i` again on its port (after `kill`); resolves once /api/health answers. */
  restart(i: number): Promise<void>;
  /** What process `i` printed (LOG_LEVEL warn by default), for failure messages. */
  output(i: number): string;
  /** Stops every process (SIGTERM; kill -9 after 10 s), then drops the database and removes S3, DATA_DIR and the bundle. */
  stop(): Promise<void>;
}

export async function startProcesses(count: number, options: { env?: Record<string, string> } = {}): Promise<Processes> {
  if (process.env.ESEP_TEST_ENGINE !== 'postgres' || !process.env.TEST_DATABASE_URL) {
    throw new Error('startProcesses: several processes need PostgreSQL (TEST_DATABASE_URL, the integration:postgres project)');
  }
  const database = await testDatabase();
  const s3: LocalS3 = await startLocalS3();
  const dataDir = mkdtempSync(join(tmpdir(), 'esep-procs-'));
  // The S3 store spools parts to the temporary directory: there, so a killed process's leftovers go too.
  const temporary = join(dataDir, 'tmp');
  mkdirSync(temporary);
  const bundle = await buildServer();
  const ports = await distinctPorts(count);
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: database.url!,
    DATA_DIR: dataDir,
    TMPDIR: temporary,
    ESEP_SIGNING_KEY: randomBytes(48).toString('base64'),
    ESEP_S3_BUCKET: s3.config.bucket,
    ESEP_S3_ENDPOINT: s3.config.endpoint,
    ESEP_S3_REGION: s3.config.region,
    ESEP_S3_ACCESS_KEY: s3.config.accessKeyId,
    ESEP_S3_SECRET_KEY: s3.config.secretAccessKey,
    ESEP_S3_FORCE_PATH_STYLE: '1',
    ...options.env,
  };
  const servers: Array<ServerProcess | null> = [];
  const start = (i: number) => startServer(bundle.entry, { ...env, PORT: String(ports[i]!) });
  const cleanUp = async () => {
    await Promise.all(servers.map(async (server) => {
      if (!server) return;
      // A server waits for the requests under way before it exits; one a test left hanging would hold it.
      const impatient = setTimeout(() => void server.kill9(), STOP_GRACE_MS);
      await server.stop();
      clearTimeout(impatient);
    }));
    await database.close();
    await s3.close();
    rmSync(dataDir, { recursive: true, force: true });
    bundle.remove();
  };
  // All at once, as a deployment starts them (each migrates at start, one at a time under a lock).
  const started = await Promise.allSettled(ports.map((_, i) => start(i)));
  for (const outcome of started) servers.push(outcome.status === 'fulfilled' ? outcome.value : null);
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await cleanUp();
    throw failed.reason;
  }
  const at = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new Error(`processes: no process ${i} (0..${count - 1})`);
    return i;
  };
  let printedBefore = servers.map(() => '');
  return {
    urls: ports.map((port) => `http://127.0.0.1:${port}`),
    database,
    async kill(i) {
      const server = servers[at(i)];
      if (!server) throw new Error(`processes: process ${i} is not running`);
      await server.kill9();
      printedBefore = printedBefore.map((text, j) => (j === i ? text + server.output() : text));
      servers[i] = null;
    },
    async restart(i) {
      if (servers[at(i)]) throw new Error(`processes: process ${i} is running; kill it first`);
      servers[i] = await start(i);
    },
    output: (i) => printedBefore[at(i)]! + (servers[i]?.output() ?? ''),
    async stop() {
      await cleanUp();
      servers.fill(null);
    },
  };
}

/** `count` free ports, all different (freePort alone may hand the same port out twice). */
async function distinctPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** An answer, shaped as an injected one (statusCode, body, json()) so test helpers take either. */
export interface HttpAnswer { statusCode: number; headers: Headers; body: string; json<T = any>(): T }

/** A logged-in browser: the session cookie and the CSRF token on writes. */
export interface HttpClient {
  readonly base: string;
  /** The `cookie` header value of the session. */
  readonly cookie: string;
  readonly csrfToken: string;
  get(path: string, headers?: Record<string, string>): Promise<HttpAnswer>;
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** The same session talking to another process (as a load balancer may send its next request). */
  on(base: string): HttpClient;
}

async function answer(response: Response): Promise<HttpAnswer> {
  const body = await response.text();
  return { statusCode: response.status, headers: response.headers, body, json: () => JSON.parse(body) };
}

/** Logs in over HTTP as the web app does (demo accounts: password `demo`). */
export async function httpLogin(base: string, username: string, password = 'demo'): Promise<HttpClient> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username} at ${base}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const client = (to: string): HttpClient => ({
    base: to, cookie, csrfToken,
    get: async (path, headers = {}) => answer(await fetch(`${to}${path}`, { headers: { cookie, ...headers } })),
    send: async (method, path, body, headers = {}) => answer(await fetch(`${to}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })),
    on: client,
  });
  return client(base);
}

/** A Bearer token for `username` (POST /api/v1/auth/token), as scripts and the tus client use. */
export async function httpToken(base: string, username: string, password = 'demo'): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`token ${username} at ${base}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
