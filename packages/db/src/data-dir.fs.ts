import { fsyncSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/*
 * Durability of the embedded database. PGlite starts PostgreSQL with fsync off (`-F`), and the
 * Emscripten file system it mounts on a Node directory (NODEFS) has no fsync at all: fdatasync
 * is a no-op and fsync calls a stream operation NODEFS does not define. Every write still goes
 * to the kernel with a synchronous write(2) before a commit is acknowledged, so a process killed
 * with -9 loses nothing (the crash test shows it); but a power cut or a kernel crash could lose
 * acknowledged writes and tear data pages. The embedded server therefore runs with fsync on,
 * WAL synced with fsync(), and NODEFS given a real fsync — one fsync per commit, as PostgreSQL
 * does by default.
 */

/** Start parameters that turn PostgreSQL's fsync back on (they come after PGlite's `-F`). */
export const DURABLE_START_PARAMS = ['-c', 'fsync=on', '-c', 'wal_sync_method=fsync'] as const;

interface EmscriptenStream { nfd?: number; node: { mode: number } }
interface EmscriptenModule {
  NODEFS?: { stream_ops?: { fsync?: (stream: EmscriptenStream) => number } };
  FS: { isDir(mode: number): boolean; ErrnoError: new (errno: number) => Error };
}

/** PGlite's NodeFS on a data directory, with fsync reaching the disk. */
export class DurableNodeFS extends NodeFS {
  /** fsync calls made (tests check that commits reach the disk). */
  syncs = 0;

  override async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, options);
    const preRun = [...(result.emscriptenOpts.preRun ?? [])];
    preRun.push((mod: unknown) => {
      const m = mod as EmscriptenModule;
      const ops = m.NODEFS?.stream_ops;
      // A PGlite upgrade that moved NODEFS must not silently run without fsync.
      if (!ops) throw new Error('PGlite no longer exposes NODEFS: the embedded database cannot be made durable');
      ops.fsync = (stream) => {
        this.syncs += 1;
        if (stream.nfd === undefined) return 0;
        try {
          fsyncSync(stream.nfd);
        } catch {
          // PostgreSQL itself ignores a directory that cannot be fsynced; a data file that
          // cannot be is an I/O error (EIO) it must see.
          if (!m.FS.isDir(stream.node.mode)) throw new m.FS.ErrnoError(29);
        }
        return 0;
      };
    });
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun } };
  }
}
