/**
 * Pieces the HTTP benchmarks share (bench/request-path.bench.ts, bench/national.bench.ts): a free
 * port, waiting for a child server to answer, a process's resident memory, and the floor — a
 * bare Fastify 5 server with one no-op route, in a process of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const ROOT = new URL('..', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx; fails when the child exits first or after `seconds`. */
export async function waitUntilUp(url: string, child: ChildProcess, seconds = 150) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url}: not up after ${seconds} s`);
}

/** Resident memory of a process (Linux), MB. */
export function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

// The floor: Fastify 5 with one route that does nothing, no logger, no plugins.
const NOOP_SERVER = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/noop', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

export interface NoopServer { url: string; child: ChildProcess }

/** Starts the no-op Fastify server on a free port; `url` is its no-op route. */
export async function startNoop(): Promise<NoopServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', NOOP_SERVER], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/noop`;
  await waitUntilUp(url, child);
  return { url, child };
}
