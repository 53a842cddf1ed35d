import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * One process at a time on an embedded data directory. PGlite has no interlock of its own (its
 * postmaster.pid names the WebAssembly machine's pid, the same in every process), so a second
 * server on the same DATA_DIR opened it, replayed the first one's WAL under it and both wrote:
 * acknowledged writes vanished, and once the directory never opened again (`Aborted()`).
 *
 * The lock is a directory DATA_DIR/esep.lock holding one small JSON file per claimant. A claim
 * is published atomically (written and fsynced under a temporary name, then renamed), so a file
 * in the directory is always complete. After publishing, the claimant reads every other claim:
 * if any belongs to a live process it withdraws its own and refuses, otherwise it holds the lock
 * and removes the dead claims. Two claimants cannot both win: the later of the two published
 * after the earlier one, so it sees the earlier one's claim, which stays until that process
 * withdraws (then it did not win) or releases. Two exactly simultaneous claimants may both
 * withdraw; they retry after a random pause, and each retry is the same safe protocol.
 * The winner then rewrites its claim with `held: true`. A refusal names a held claim: a
 * contender seen while deciding may withdraw a moment later, and naming it would send the user
 * after a process that does not hold the directory (seen in CI: six claimants at one instant).
 *
 * A process killed with -9 leaves its claim behind; it is recognised as dead by its pid (no such
 * process), and on Linux also when the machine rebooted since (boot id) or the pid now belongs
 * to another process (its start time differs), so a stale claim never blocks the next start.
 * A claim made on another host (a directory shared over the network, or by two containers)
 * cannot be judged by pid and is taken as live: the refusal says which file to delete if that
 * host no longer runs Esep.
 */

/** Who holds (or held) the directory: written into the claim, shown when refusing another. */
export interface DataDirHolder {
  pid: number;
  host: string;
  /** What runs: 'npm start', 'migrate', 'user:create' … */
  command: string;
  /** The HTTP port of a server, once known. */
  port?: number | undefined;
  /** ISO instant the claim was made (the caller's clock). */
  since?: string | undefined;
  /** Linux: /proc/sys/kernel/random/boot_id and the process start time (clock ticks since boot). */
  boot?: string | null;
  started?: string | null;
  /** Set once the claimant has won: a claim without it is a contender still deciding. */
  held?: boolean;
}

export class DataDirInUse extends Error {
  constructor(readonly dir: string, readonly holder: DataDirHolder, readonly claimFile: string) {
    const what = [`pid ${holder.pid}`, holder.host !== hostname() ? `on host ${holder.host}` : null,
      holder.port !== undefined ? `${holder.command} on port ${holder.port}` : holder.command, holder.since ? `since ${holder.since}` : null].filter(Boolean).join(', ');
    const advice = holder.host !== hostname()
      ? `stop it first; if that host no longer runs Esep, delete ${claimFile}`
      : 'stop it first, or set DATA_DIR to another directory';
    super(`DATA_DIR ${dir} is in use by another Esep process (${what}): ${advice}`);
    this.name = 'DataDirInUse';
  }
}

export interface DataDirLock {
  dir: string;
  /** Records the server's port once it listens (PORT=0 picks one). */
  update(fields: Pick<DataDirHolder, 'port'>): void;
  release(): void;
}

const LOCK_DIR = 'esep.lock';
const held = new Map<string, { file: string; record: DataDirHolder }>();
let exitHookInstalled = false;

const canonical = (dir: string) => realpathSync(resolve(dir));

/** True when this process holds the lock on `dir` (openDatabase refuses a data directory otherwise). */
export function holdsDataDirLock(dir: string): boolean {
  try {
    return held.has(canonical(dir));
  } catch {
    return false;
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Linux identifies a process by pid and start time; elsewhere both are null and the pid alone is used. */
function processStart(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Fields after the command name (which may hold spaces and parentheses): state is field 3,
  // starttime field 22.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}
const bootId = () => readText('/proc/sys/kernel/random/boot_id');

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the claim's process is still running (a claim from another host is taken as live). */
export function holderAlive(record: DataDirHolder): boolean {
  if (record.host !== hostname()) return true;
  const boot = bootId();
  if (record.boot && boot && record.boot !== boot) return false;
  if (record.pid === process.pid) {
    // Our pid in a claim we do not hold: an earlier process that had the same pid (a container
    // restarted, pid 1 again) — dead.
    return [...held.values()].some((h) => h.record.pid === record.pid && h.record.started === record.started);
  }
  if (!Number.isInteger(record.pid) || record.pid <= 0 || !pidExists(record.pid)) return false;
  const started = processStart(record.pid);
  if (record.started && started && record.started !== started) return false;
  return true;
}

function writeAtomically(path: string, text: string) {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

function unlinkQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch { /* already gone */ }
}

interface Claim { file: string; record: DataDirHolder | null }

function otherClaims(lockDir: string, own: string): Claim[] {
  return readdirSync(lockDir)
    .filter((name) => name.endsWith('.json') && name !== own)
    .map((name) => {
      const text = readText(join(lockDir, name));
      if (text === null) return null; // withdrawn meanwhile
      try {
        return { file: name, record: JSON.parse(text) as DataDirHolder };
      } catch {
        return { file: name, record: null }; // not a claim Esep wrote (claims are published whole)
      }
    })
    .filter((c): c is Claim => c !== null);
}

/**
 * A claim that holds the directory, as opposed to a contender still deciding: marked held by its
 * winner, or made on another host (it cannot be judged), or seen by us for longer than any
 * decision takes (a claim written by hand or by an Esep that did not mark its claims yet).
 * Measured on our own monotonic clock from when we first saw the claim: file times and the wall
 * clock can disagree (libfaketime in the tests, a clock step on a server).
 */
function settled(claim: Claim, firstSeen: Map<string, number>): boolean {
  if (claim.record?.held || claim.record?.host !== hostname()) return true;
  const seen = firstSeen.get(claim.file) ?? performance.now();
  firstSeen.set(claim.file, seen);
  return performance.now() - seen > 1_000;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the exclusive lock on an embedded data directory, creating the directory if needed.
 * Throws DataDirInUse naming the live holder. Taken before PGlite opens the directory and kept
 * until the process releases it or exits.
 */
export async function lockDataDir(dir: string, holder: Pick<DataDirHolder, 'command' | 'port' | 'since'>): Promise<DataDirLock> {
  mkdirSync(dir, { recursive: true });
  const root = canonical(dir);
  if (held.has(root)) throw new Error(`DATA_DIR ${root} is already locked by this process`);
  const lockDir = join(root, LOCK_DIR);
  mkdirSync(lockDir, { recursive: true });
  const record: DataDirHolder = {
    pid: process.pid, host: hostname(), command: holder.command, port: holder.port, since: holder.since,
    boot: bootId(), started: processStart(process.pid),
  };
  const name = `${process.pid}-${randomBytes(6).toString('hex')}.json`;
  const file = join(lockDir, name);
  const firstSeen = new Map<string, number>();
  for (let attempt = 0; ; attempt += 1) {
    writeAtomically(file, JSON.stringify(record));
    const claims = otherClaims(lockDir, name);
    const live = claims.find((c) => c.record && holderAlive(c.record));
    if (!live) {
      for (const stale of claims) unlinkQuietly(join(lockDir, stale.file));
      break;
    }
    unlinkSync(file);
    // A holder that was running before we looked stays; a claimant as new as we are may have
    // withdrawn too: look again after a random pause before refusing. Refuse on a held claim;
    // while only contenders are seen, keep looking (bounded: a contender stuck before marking
    // its claim held is still refused, named as it is).
    const holding = claims.filter((c) => c.record && holderAlive(c.record) && settled(c, firstSeen))[0];
    if ((holding && attempt >= 2) || attempt >= 40) throw new DataDirInUse(root, (holding ?? live).record!, join(lockDir, (holding ?? live).file));
    await pause(50 + Math.floor(Math.random() * 200));
  }
  record.held = true;
  writeAtomically(file, JSON.stringify(record));
  held.set(root, { file, record });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // process.exit() and a normal end both pass here; a kill -9 does not, and the next claimant
    // recognises the claim as dead.
    process.on('exit', () => { for (const h of held.values()) unlinkQuietly(h.file); });
  }
  return {
    dir: root,
    update(fields) {
      const entry = held.get(root);
      if (!entry) return;
      entry.record = { ...entry.record, ...fields };
      writeAtomically(entry.file, JSON.stringify(entry.record));
    },
    release() {
      const entry = held.get(root);
      if (!entry) return;
      held.delete(root);
      unlinkQuietly(entry.file);
    },
  };
}
