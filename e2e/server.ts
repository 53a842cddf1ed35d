import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = new URL('../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer { url: string; stop(): Promise<void> }

/**
 * Starts Esep as `npm start` would (the real server on the embedded database with the demo
 * region), on a free port and a fresh data directory. Builds the web app first if needed, and
 * the server bundle every time (esbuild, about a second). `env` adds to (or overrides) the
 * server's environment, e.g. ESEP_NCANODE_URL for a fake NCANode. `databaseUrl`: the server on
 * that PostgreSQL database instead (migrated at start, no demo region); the data directory is
 * still fresh, for the files the server keeps there. `dataDir`: that directory instead, kept at stop.
 */
export async function startServer(options: { env?: Record<string, string>; databaseUrl?: string; dataDir?: string } = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  }
  // The server as `npm start` runs it: the bundled JavaScript under plain node.
  execFileSync(process.execPath, ['apps/server/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const port = await freePort();
  // `dataDir`: a directory the caller owns and keeps (a second server on the same data, e.g. later in time).
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'esep-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: options.databaseUrl ?? '', NODE_ENV: 'development',
      // Every district with nothing planned counts as at risk, whatever the day of the quarter.
      ESEP_AT_RISK_DAYS: '92', ...options.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    if (!stopping) console.error(`e2e server on port ${port} exited unexpectedly (code ${code}, signal ${signal})`);
    resolve();
  }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode != null || child.signalCode != null) throw new Error(`server exited with ${child.exitCode ?? child.signalCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('server did not start in 90 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      stopping = true;
      // A server that already exited is not waited for (its 'exit' event has passed).
      if (child.exitCode == null && child.signalCode == null) child.kill('SIGTERM');
      await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
