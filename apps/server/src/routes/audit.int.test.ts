import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir, openDatabase, PGLITE_EXTENSIONS, verifyAuditChain } from '@esep/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGLITE_TEMPLATE } from '../../test/database.ts';
import { login, testApp, type TestApp } from '../../test/harness.ts';

const run = promisify(execFile);
const ROOT = new URL('../../../../', import.meta.url).pathname;
const engine = process.env.ESEP_TEST_ENGINE ?? 'pglite';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

describe('audit trail', () => {
  it('records writes with actor, action, entity, before/after and client address, personal data masked', async () => {
    const admin = await login(t.app, 'admin');
    const created = await admin.send('POST', '/api/v1/users', { username: 'newbie', displayName: 'Серік Ахметов', password: 'long-enough-password', role: 'national_analyst' });
    expect(created.statusCode).toBe(201);
    const page = (await admin.get(`/api/v1/audit?entityType=user&entityId=${created.json().id}`)).json();
    const entry = page.items.find((e: { action: string }) => e.action === 'user.create');
    expect(entry).toMatchObject({ actorName: 'admin', entityType: 'user', clientAddress: '127.0.0.1' });
    expect(entry.after.displayName).toBe('С. А.');
    expect(entry.after.passwordHash ?? null).toBeNull();
    expect(JSON.stringify(entry)).not.toContain('Серік');
  });

  it('is readable by admins and auditors only, with filters', async () => {
    expect((await (await login(t.app, 'lead')).get('/api/v1/audit')).statusCode).toBe(403);
    const auditor = await login(t.app, 'auditor');
    const logins = (await auditor.get(`/api/v1/audit?action=auth.login&from=2020-01-01&to=2099-12-31`)).json();
    expect(logins.total).toBeGreaterThan(0);
    expect(logins.items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'x' where id = 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log where id = 1`)).rejects.toThrow();
  });

  it('the chain verifies, and a row changed behind the trigger\'s back breaks it at that row', async () => {
    expect((await verifyAuditChain(t.database.db)).firstBreak).toBeNull();
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await tx.execute(sql`update audit_log set after = '{"forged":true}'::jsonb where id = 3`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    });
    expect((await verifyAuditChain(t.database.db)).firstBreak).toMatchObject({ id: 3, reason: 'hash_mismatch' });
  });
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact trail and 1 naming the first broken entry', async () => {
    let env: NodeJS.ProcessEnv;
    let cleanup = async () => {};
    let target: Parameters<typeof openDatabase>[0];
    if (engine === 'pglite') {
      // The CLI opens the embedded database from DATA_DIR: give it a copy on disk.
      const dir = mkdtempSync(join(tmpdir(), 'esep-audit-'));
      const client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]), extensions: PGLITE_EXTENSIONS });
      await client.close();
      env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
      target = { dataDir: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      // A separate copy, since this test's own connection pool holds the database open.
      const copy = await testApp();
      env = { ...process.env, DATABASE_URL: copy.database.url };
      target = { url: copy.database.url };
      cleanup = () => copy.close();
    }
    try {
      const ok = await run('npx', ['tsx', 'apps/server/src/cli/audit-verify.ts'], { cwd: ROOT, env });
      expect(ok.stdout).toMatch(/intact: \d+ entries verified in \d+ chains/);
      // Each lane's head, to be kept elsewhere (a cut-off tail shows only against a kept head).
      expect(ok.stdout).toMatch(/chain 1: \d+ entries, head #\d+ [0-9a-f]{64}/);
      // A data directory is opened only under its lock (the command takes it after us).
      const lock = target.dataDir ? await lockDataDir(target.dataDir, { command: 'test' }) : null;
      const database = await openDatabase(target);
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await database.db.execute(sql`update audit_log set actor_name = 'mallory' where id = 2`);
      await database.close();
      lock?.release();
      const broken = await run('npx', ['tsx', 'apps/server/src/cli/audit-verify.ts'], { cwd: ROOT, env }).then(() => null, (error: { code: number; stderr: string }) => error);
      expect(broken?.code).toBe(1);
      expect(broken?.stderr).toContain('BROKEN at entry 2 (chain 1, hash_mismatch)');
    } finally {
      await cleanup();
    }
  // Two command-line runs, each starting tsx and opening the database.
  }, 180_000);
});
