import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, freePort, linesOf, npmRun, runServer } from '../test/process.ts';

/*
 * A wrong setting at start-up is ONE line naming the variable and what to set, exit status 2,
 * no stack trace — for the server as `npm start` runs it and for the commands. Real processes;
 * engine-independent (PGlite project only).
 */
describe.skipIf(process.env.ESEP_TEST_ENGINE === 'postgres')('start-up refusals', () => {
  let bundle: Awaited<ReturnType<typeof buildServer>>;
  let dataDir: string;
  beforeAll(async () => {
    bundle = await buildServer();
    dataDir = mkdtempSync(join(tmpdir(), 'esep-startup-'));
  });
  afterAll(() => {
    bundle.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const oneLine = (result: { code: number | null; stderr: string; stdout: string }, prefix: string, ...parts: string[]) => {
    expect(result.code).toBe(2);
    const lines = linesOf(result.stderr);
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]!.startsWith(`${prefix}: `)).toBe(true);
    for (const part of parts) expect(lines[0]).toContain(part);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  };

  it('the server: "Running on PostgreSQL" without ESEP_SIGNING_KEY, a bad PORT, an unreachable DATABASE_URL', { timeout: 120_000 }, async () => {
    // The README's old snippet, word for word: production without the signing key (and PUBLIC_URL).
    oneLine(await runServer(bundle.entry, { NODE_ENV: 'production', DATABASE_URL: 'postgres://esep:secret@127.0.0.1:1/esep', DATA_DIR: dataDir }),
      'esep', 'ESEP_SIGNING_KEY is not set', 'openssl rand', 'PUBLIC_URL is not set');
    oneLine(await runServer(bundle.entry, { PORT: 'eighty', DATA_DIR: dataDir }), 'esep', 'PORT="eighty" is not valid: set it to a port number');
    const refused = await runServer(bundle.entry, { DATABASE_URL: 'postgres://esep:secret@127.0.0.1:1/esep', DATA_DIR: dataDir, PORT: String(await freePort()) });
    oneLine(refused, 'esep', 'DATABASE_URL: cannot reach PostgreSQL at esep@127.0.0.1:1/esep (ECONNREFUSED)');
    // The password of a URL is never printed.
    expect(refused.stderr).not.toContain('secret');
    oneLine(await runServer(bundle.entry, { DATABASE_URL: 'mysql://esep@db/esep', DATA_DIR: dataDir }), 'esep', 'DATABASE_URL is not valid: set it to a PostgreSQL URL');
  });

  it('the commands: a bad variable, no database in DATA_DIR', { timeout: 120_000 }, async () => {
    oneLine(await npmRun('migrate', [], { LOGIN_LOCK_MINUTES: '-5', DATA_DIR: dataDir }), 'migrate', 'LOGIN_LOCK_MINUTES="-5" is not valid');
    oneLine(await npmRun('audit:verify', [], { DATA_DIR: join(dataDir, 'nothing') }), 'audit:verify', `DATA_DIR ${join(dataDir, 'nothing')} holds no Esep database`);
    oneLine(await npmRun('user:create', ['--role', 'admin', '--username', 'first'], { NODE_ENV: 'production', ESEP_SIGNING_KEY: 'k'.repeat(40), DATA_DIR: dataDir }, 'long enough password\n'),
      'user:create', 'PUBLIC_URL is not set');
  });
});
