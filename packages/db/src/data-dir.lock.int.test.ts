import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from './client.ts';
import { DURABLE_START_PARAMS, DurableNodeFS } from './data-dir.fs.ts';
import { DataDirInUse, lockDataDir } from './data-dir.lock.ts';
import { sql } from 'drizzle-orm';

/*
 * The data directory's lock with real processes: a live holder is named and keeps the
 * directory, a holder killed with -9 does not block the next one, claimants racing at the same
 * instant leave exactly one winner. Engine-independent: runs in the PGlite project only.
 */
const HOLDER = fileURLToPath(new URL('../test/data-dir.holder.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'esep-lock-'));
  dirs.push(dir);
  return dir;
}

interface Holder { child: ChildProcess; lines: string[]; exited: Promise<number | null> }
function holder(dir: string, holdMs: number, go?: string): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, String(holdMs), ...(go ? [go] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines: string[] = [];
  let rest = '';
  child.stdout!.on('data', (d: Buffer) => {
    rest += d.toString();
    const parts = rest.split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
  return { child, lines, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function until(check: () => boolean, what: string, ms = 60_000) {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const claims = (dir: string) => readdirSync(join(dir, 'esep.lock')).filter((f) => f.endsWith('.json'));

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.env.ESEP_TEST_ENGINE === 'postgres')('data directory lock', () => {
  it('refuses a directory a live process holds, naming it; the claim of a process killed with -9 does not block', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const first = holder(dir, 0);
    await until(() => first.lines.some((l) => l.startsWith('won')), 'the holder');

    const refused = await lockDataDir(dir, { command: 'test' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirInUse);
    expect((refused as Error).message).toContain(`pid ${first.child.pid}, holder on port 4321`);
    expect((refused as Error).message).not.toContain('\n');
    // The refused claimant withdrew; the holder runs on with its claim.
    expect(claims(dir)).toEqual([expect.stringMatching(new RegExp(`^${first.child.pid}-`))]);
    expect(first.child.exitCode).toBeNull();

    first.child.kill('SIGKILL');
    await first.exited;
    const lock = await lockDataDir(dir, { command: 'test' });
    expect(claims(dir)).toEqual([expect.stringMatching(new RegExp(`^${process.pid}-`))]);
    lock.release();
    expect(claims(dir)).toEqual([]);
  });

  it('of claimants racing at the same instant, exactly one wins', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const go = join(dir, '..', `${dir.split('/').pop()}.go`);
    dirs.push(go);
    const racers = Array.from({ length: 6 }, () => holder(dir, 15_000, go));
    await until(() => racers.every((r) => r.lines.includes('ready')), 'every claimant to load', 120_000);
    writeFileSync(go, '');
    await until(() => racers.filter((r) => r.lines.some((l) => l.startsWith('won') || l.startsWith('refused'))).length === racers.length, 'every claimant to decide');
    const winners = racers.filter((r) => r.lines.some((l) => l.startsWith('won')));
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.child.pid;
    for (const r of racers.filter((x) => x !== winners[0])) {
      expect(r.lines.find((l) => l.startsWith('refused'))).toContain(`in use by another Esep process (pid ${winner},`);
    }
    expect(claims(dir)).toEqual([expect.stringMatching(new RegExp(`^${winner}-`))]);
    // The winner marked its claim held: refusals name it, never a contender that withdrew.
    expect(JSON.parse(readFileSync(join(dir, 'esep.lock', claims(dir)[0]!), 'utf8'))).toMatchObject({ pid: winner, held: true });
  });

  it('judges a claim by its process: gone, rebooted or its pid reused is stale; another host is not', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'esep.lock'));
    const write = (name: string, claim: object) => writeFileSync(join(dir, 'esep.lock', name), JSON.stringify({ command: 'npm start', host: hostname(), ...claim }));
    // A process that has exited.
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.once('exit', r));
    write('gone.json', { pid: gone.pid });
    // A running process (our parent), but not the one that made the claim: another start time, or an earlier boot.
    if (existsSync('/proc/self/stat')) {
      write('reused.json', { pid: process.ppid, started: '1' });
      write('rebooted.json', { pid: process.ppid, boot: 'an-earlier-boot' });
    }
    const lock = await lockDataDir(dir, { command: 'test' });
    expect(claims(dir)).toHaveLength(1);
    lock.release();

    // Running and the claimant itself: live.
    write('live.json', { pid: process.ppid });
    await expect(lockDataDir(dir, { command: 'test' })).rejects.toThrow(`pid ${process.ppid}, npm start`);
    rmSync(join(dir, 'esep.lock', 'live.json'));
    // Made on another host: its pid cannot be checked here, so it holds; the message says what to delete.
    write('far.json', { pid: 1, host: 'other-host' });
    await expect(lockDataDir(dir, { command: 'test' })).rejects.toThrow(`on host other-host, npm start): stop it first; if that host no longer runs Esep, delete ${join(dir, 'esep.lock', 'far.json')}`);
  });

  it('openDatabase opens a data directory only under its lock, with fsync reaching the disk', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/lockDataDir/);
    const lock = await lockDataDir(dir, { command: 'test' });
    const database = await openDatabase({ dataDir: dir });
    const [settings] = rowsOf<{ fsync: string; method: string }>(await database.db.execute(sql`select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method`));
    expect(settings).toEqual({ fsync: 'on', method: 'fsync' });
    await database.close();
    lock.release();

    // Every commit is synced to the disk before it is acknowledged.
    const fs = new DurableNodeFS(tempDir());
    const pglite = await PGlite.create({ fs, startParams: [...PGlite.defaultStartParams, ...DURABLE_START_PARAMS] });
    await pglite.exec('create table t (n int)');
    const before = fs.syncs;
    for (let n = 0; n < 5; n += 1) await pglite.query('insert into t values ($1)', [n]);
    expect(fs.syncs - before).toBeGreaterThanOrEqual(5);
    await pglite.close();
  });
});
