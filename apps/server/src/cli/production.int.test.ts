import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_PREFIX, withDatabase } from '../../test/database.ts';
import { buildServer, freePort, linesOf, npmRun, startServer, type ServerProcess } from '../../test/process.ts';

/*
 * The README's production steps, as written, on an empty PostgreSQL database: set DATABASE_URL,
 * ESEP_SIGNING_KEY, NODE_ENV and PUBLIC_URL; `npm run migrate`; `npm run user:create` with the
 * password on standard input; start the server (the bundle `npm start` runs); log in as the new
 * administrator; download the structure template, the next step. PostgreSQL only.
 */
const postgres = process.env.ESEP_TEST_ENGINE === 'postgres' && !!process.env.TEST_DATABASE_URL;

describe.skipIf(!postgres)('production from the README on an empty PostgreSQL', () => {
  const name = `${TEST_DATABASE_PREFIX}prod_${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let bundle: Awaited<ReturnType<typeof buildServer>> | undefined;
  let dataDir: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    dataDir = mkdtempSync(join(tmpdir(), 'esep-prod-'));
    const port = await freePort();
    env = {
      DATABASE_URL: withDatabase(process.env.TEST_DATABASE_URL!, name),
      ESEP_SIGNING_KEY: randomBytes(48).toString('base64'),
      NODE_ENV: 'production',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      // Stored files (not the database) go under DATA_DIR; the default ./data is the checkout's.
      DATA_DIR: dataDir,
    };
    bundle = await buildServer();
  });

  afterAll(async () => {
    await server?.stop();
    bundle?.remove();
    rmSync(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it('migrates, creates the first administrator, starts, and he logs in', { timeout: 300_000 }, async () => {
    const migrate = await npmRun('migrate', [], env);
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/^postgresql: \d+ migrations applied/);

    const created = await npmRun('user:create', ['--role', 'admin', '--username', 'esep.admin', '--display-name', 'Бас әкімші'], env, `${password}\n`);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created admin "esep.admin"');
    // The password never appears in what the command prints.
    expect(created.stdout).not.toContain(password);

    const again = await npmRun('user:create', ['--role', 'admin', '--username', 'esep.admin'], env, `${password}\n`);
    expect(again.code).toBe(1);
    expect(linesOf(again.stderr)).toEqual(['user:create: the username "esep.admin" is taken: choose another (nothing was created)']);

    server = await startServer(bundle!.entry, env);
    const health = await (await fetch(`${server.url}/api/health`)).json() as { database: string };
    expect(health.database).toBe('postgresql');

    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'esep.admin', password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const { user } = await me.json() as { user: { username: string; role: string; displayName: string; scope: { level: string } } };
    expect(user).toMatchObject({ username: 'esep.admin', role: 'admin', displayName: 'Бас әкімші', scope: { level: 'national' } });

    // The next step of the README: the structure template, to fill in and import.
    const template = await fetch(`${server.url}/api/v1/exports/structure/template`, { headers: { cookie } });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('spreadsheetml');

    // The account's creation is in the audit trail, naming the command.
    const audit = await fetch(`${server.url}/api/v1/audit?entityType=user`, { headers: { cookie } });
    expect(audit.status).toBe(200);
    const entries = (await audit.json() as { items: Array<{ action: string; actorName: string | null }> }).items;
    expect(entries.some((e) => e.action === 'user.create' && e.actorName?.startsWith('user:create'))).toBe(true);

    // The demo region is refused in production; a staging install loads it into an empty database.
    const demo = await npmRun('demo:seed', [], env);
    expect(demo.code).toBe(1);
    expect(linesOf(demo.stderr)).toHaveLength(1);
    expect(demo.stderr).toContain('NODE_ENV=production');
  });

  it('a staging install: the demo region loaded into an empty migrated database, once', { timeout: 300_000 }, async () => {
    const staging = `${name}_staging`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${staging}"`);
    try {
      const stagingEnv = { DATABASE_URL: withDatabase(process.env.TEST_DATABASE_URL!, staging), DATA_DIR: dataDir };
      const early = await npmRun('demo:seed', [], stagingEnv);
      expect(early.code).toBe(2);
      expect(linesOf(early.stderr)).toEqual([expect.stringMatching(/^demo:seed: DATABASE_URL \S+: the database is not migrated \(0 of \d+ migrations applied\): run `npm run migrate` first$/)]);
      expect((await npmRun('migrate', [], stagingEnv)).code).toBe(0);
      const seeded = await npmRun('demo:seed', [], stagingEnv);
      expect(seeded.stderr).toBe('');
      expect(seeded.stdout).toContain('demo region created in postgresql');
      const again = await npmRun('demo:seed', [], stagingEnv);
      expect(again.code).toBe(1);
      expect(linesOf(again.stderr)).toEqual([expect.stringMatching(/^demo:seed: refused: the database already has \d+ user account\(s\)/)]);
    } finally {
      await admin.query(`drop database if exists "${staging}" with (force)`);
      await admin.end();
    }
  });
});
