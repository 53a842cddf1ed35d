import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSENT_VERSION } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, freePort, linesOf, npmRun, runServer, startServer, type ServerProcess } from '../test/process.ts';

/*
 * The embedded database under operators' mistakes, with real server processes as `npm start`
 * runs them: a second server on a data directory in use refuses and the first runs on; a server
 * killed with -9 in the middle of registrations opens again with every acknowledged one present
 * exactly once (PGlite only).
 */
describe.skipIf(process.env.ESEP_TEST_ENGINE === 'postgres')('embedded data directory', () => {
  let bundle: Awaited<ReturnType<typeof buildServer>>;
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'esep-embedded-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (env: Record<string, string>) => {
    const server = await startServer(bundle.entry, env);
    servers.push(server);
    return server;
  };
  beforeAll(async () => { bundle = await buildServer(); });
  afterAll(async () => {
    for (const server of servers) await server.kill9();
    bundle.remove();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a second server on a DATA_DIR in use refuses naming the first, which keeps running; after a kill -9 the next start opens it', { timeout: 600_000 }, async () => {
    const dataDir = tempDir();
    const first = await start({ DATA_DIR: dataDir, ESEP_DEMO: '0' });

    const second = await runServer(bundle.entry, { DATA_DIR: dataDir, ESEP_DEMO: '0', PORT: String(await freePort()), HOST: '127.0.0.1' });
    expect(second.code).toBe(2);
    expect(linesOf(second.stderr)).toEqual([expect.stringMatching(
      new RegExp(`^esep: DATA_DIR \\S+ is in use by another Esep process \\(pid ${first.child.pid}, npm start on port ${first.port}, since [^)]+\\): stop it first, or set DATA_DIR to another directory$`),
    )]);
    // The commands are refused the same way.
    const migrate = await npmRun('migrate', [], { DATA_DIR: dataDir });
    expect(migrate.code).toBe(2);
    expect(linesOf(migrate.stderr)).toEqual([expect.stringContaining(`in use by another Esep process (pid ${first.child.pid}, npm start on port ${first.port}`)]);

    expect(first.child.exitCode).toBeNull();
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    await first.kill9();
    // The killed server's claim blocks nothing: the first administrator is created in the
    // embedded database (an empty one: ESEP_DEMO=0), and the next start opens it.
    const created = await npmRun('user:create', ['--role', 'admin', '--username', 'ops.admin'], { DATA_DIR: dataDir }, 'a long enough password\n');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const next = await start({ DATA_DIR: dataDir, ESEP_DEMO: '0' });
    expect((await (await fetch(`${next.url}/api/health`)).json() as { database: string }).database).toBe('pglite');
    const login = await fetch(`${next.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ops.admin', password: 'a long enough password' }),
    });
    expect(login.status).toBe(200);
    expect((await login.json() as { user: { role: string } }).user.role).toBe('admin');
    const stopped = await next.stop();
    expect(stopped.code).toBe(0);
    // A clean stop withdraws the claim; the killed server's claim was removed by the next start.
    expect(readdirSync(join(dataDir, 'esep.lock')).filter((f) => f.endsWith('.json'))).toEqual([]);
    // The demo region goes only into a database without users.
    const demo = await npmRun('demo:seed', [], { DATA_DIR: dataDir });
    expect(demo.code).toBe(1);
    expect(linesOf(demo.stderr)).toEqual(['demo:seed: refused: the database already has 1 user account(s); the demo region is loaded only into an empty database']);
  });

  it('kill -9 during 100 registrations: the database opens again and every acknowledged one is there exactly once', { timeout: 900_000 }, async () => {
    const dataDir = tempDir();
    // The first start creates the demo region, with a meeting of the inspector in progress today.
    const server = await start({ DATA_DIR: dataDir });
    const token = async (base: string) => {
      const response = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'inspector', password: 'demo' }) });
      return { authorization: `Bearer ${(await response.json() as { token: string }).token}`, 'content-type': 'application/json' };
    };
    let headers = await token(server.url);
    const meetings = await (await fetch(`${server.url}/api/v1/meetings?status=announced&pageSize=200`, { headers })).json() as { items: Array<{ id: string }> };
    expect(meetings.items).toHaveLength(1);
    const meeting = meetings.items[0]!.id;

    const entries = Array.from({ length: 100 }, (_, i) => ({
      fullName: `Тіркелуші ${i + 1}`, address: `Абай к-сі, ${i + 1}`, consent: true, consentVersion: CONSENT_VERSION, clientKey: randomUUID(),
    }));
    const register = (base: string, entry: (typeof entries)[number]) =>
      fetch(`${base}/api/v1/meetings/${meeting}/participants`, { method: 'POST', headers, body: JSON.stringify(entry) });

    // Four clients at once; the server is killed when 40 have been acknowledged, with others in flight.
    const acknowledged = new Set<string>();
    let next = 0;
    let killed: Promise<unknown> | null = null;
    const client = async () => {
      while (next < entries.length) {
        const entry = entries[next++]!;
        try {
          const response = await register(server.url, entry);
          if (response.status >= 200 && response.status < 300) acknowledged.add(entry.clientKey);
          else throw new Error(`registration answered ${response.status}: ${await response.text()}`);
        } catch (error) {
          if (!killed) throw error;
        }
        if (acknowledged.size >= 40 && !killed) killed = server.kill9();
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    const death = await killed!;
    expect(death).toMatchObject({ signal: 'SIGKILL' });
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);
    expect(acknowledged.size).toBeLessThan(100);

    const again = await start({ DATA_DIR: dataDir });
    expect(again.output()).not.toMatch(/Aborted|RuntimeError/);
    headers = await token(again.url);
    const registerList = async () => (await (await fetch(`${again.url}/api/v1/meetings/${meeting}/participants?pageSize=200`, { headers })).json() as {
      items: Array<{ fullName: string; clientKey: string | null }>; total: number;
    }).items;
    const after = await registerList();
    for (const key of acknowledged) expect(after.filter((p) => p.clientKey === key), key).toHaveLength(1);
    expect(new Set(after.map((p) => p.clientKey)).size).toBe(after.length);

    // The clients retry what was not acknowledged (with the same keys): every entry ends up once.
    for (const entry of entries) expect((await register(again.url, entry)).status).toBeLessThan(300);
    const complete = await registerList();
    expect(complete).toHaveLength(100);
    expect(new Set(complete.map((p) => p.fullName)).size).toBe(100);

    expect((await again.stop()).code).toBe(0);
    const audit = await npmRun('audit:verify', [], { DATA_DIR: dataDir });
    expect(audit.stdout).toMatch(/^Audit trail intact/);
    expect(audit.code).toBe(0);
  });
});
