import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/*
 * Esep as an operator runs it: real processes. The server is the bundle `npm start` runs (built
 * here into a private folder beside apps/server/dist, so its imports resolve as the real one's
 * and parallel test files do not overwrite each other's); commands run through `npm run`, as the
 * README writes them. Children get a clean environment (not the test runner's NODE_ENV=test).
 */

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment a shell would give: PATH and HOME, nothing of the test runner's. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env };
}

export interface Finished { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function collect(child: ChildProcess, input?: string): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  if (child.stdin) child.stdin.end(input ?? '');
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** `npm run <script> -- <args>` with `input` on standard input (not a terminal). */
export function npmRun(script: string, args: readonly string[], env: Record<string, string>, input?: string): Promise<Finished> {
  const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { cwd: ROOT, env: cleanEnv(env), stdio: 'pipe' });
  return collect(child, input);
}

/** Builds the server bundle (esbuild, about a second); `remove` deletes it. */
export async function buildServer(): Promise<{ entry: string; remove(): void }> {
  const folder = `${ROOT}apps/server/dist/test-${randomBytes(4).toString('hex')}`;
  const entry = `${folder}/main.js`;
  await new Promise<void>((resolve, reject) => execFile(process.execPath, ['apps/server/build.mjs', entry], { cwd: ROOT }, (error) => (error ? reject(error) : resolve())));
  return { entry, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** What it printed so far. */
  output(): string;
  /** SIGTERM, waits for the exit. */
  stop(): Promise<Finished>;
  /** kill -9, waits for the exit. */
  kill9(): Promise<Finished>;
}

/** Runs a server expected to refuse to start: its exit status and output. */
export function runServer(entry: string, env: Record<string, string>): Promise<Finished> {
  return collect(spawn(process.execPath, [entry], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Starts the server and waits until /api/health answers; throws with its output if it exits first. */
export async function startServer(entry: string, env: Record<string, string>, timeoutMs = 240_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT, env: cleanEnv({ HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  const finished = collect(child);
  let printed = '';
  child.stdout!.on('data', (d: Buffer) => { printed += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { printed += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}): ${printed}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch { /* not listening yet */ }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer in ${timeoutMs / 1000} s: ${printed}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stopWith = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return finished;
  };
  return { url, port, child, output: () => printed, stop: () => stopWith('SIGTERM'), kill9: () => stopWith('SIGKILL') };
}

/** Lines a process wrote, without empty ones. */
export const linesOf = (text: string) => text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
