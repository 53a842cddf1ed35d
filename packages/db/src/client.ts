import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DURABLE_START_PARAMS, DurableNodeFS } from './data-dir.fs.ts';
import { listenPglite, listenPostgres, type ListenHandlers, type Unlisten } from './notify.listener.ts';
import { holdsDataDirLock } from './data-dir.lock.ts';
import { PGLITE_EXTENSIONS } from './extensions.ts';
import { installJobSchema } from './jobs.schema.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type the code is written against, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repositories take either the database or an open transaction. */
export type Executor = Db | Tx;

export type Engine = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  /**
   * Issue 15, part 2: the read replica's pool (DATABASE_READ_URL) for heavy read-only boards;
   * absent when none is configured (then they read the primary, `db`). Never written through.
   */
  readDb?: Db;
  engine: Engine;
  /**
   * PostgreSQL: the connection string, for connections of their own outside the pool (the upload
   * locks, repositories/upload-lock.repository.ts).
   */
  url?: string;
  close(): Promise<void>;
  /**
   * Listens to a NOTIFY channel (notify.listener.ts): on PostgreSQL on a connection of its own,
   * on PGlite on the instance. Absent on a database opened some other way (benchmarks).
   */
  listen?(channel: string, handlers: ListenHandlers): Promise<Unlisten>;
  /**
   * Raw SQL outside Drizzle, for the job queue (pg-boss's `db.executeSql` adapter): one statement
   * with `$n` parameters, or, without parameters, a script of several. On PGlite it goes through
   * the one in-process connection, so it waits for an open transaction instead of interleaving.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

// Found through the package, not this file's URL: the production server is one bundled file
// (apps/server/dist/main.js) and import.meta.url there is the bundle's.
export const MIGRATIONS_FOLDER = join(dirname(createRequire(import.meta.url).resolve('@esep/db/package.json')), 'migrations');

// node-postgres returns bigint (int8) as a string, PGlite as a number: make both numbers. Ids
// and counts that fit in 2^53 are all Esep stores in int8 columns.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// Keep `date` columns as ISO strings on node-postgres as PGlite does with mode 'string'.
pg.types.setTypeParser(1082, (value) => value);

export interface OpenOptions {
  /** postgres://… — when set, PostgreSQL is used; otherwise the embedded PGlite. */
  url?: string;
  /** postgres://… of a read replica (PostgreSQL only): opened as `readDb`, a pool of its own. */
  readUrl?: string;
  /** PGlite data directory; omitted = in memory. */
  dataDir?: string;
  /** An existing PGlite instance (tests load a migrated template into one). */
  pglite?: PGlite;
  poolSize?: number;
  /**
   * Told when an idle pooled connection fails (PostgreSQL restarted, the backend was terminated).
   * The pool has already dropped that connection and the next query opens a new one; without a
   * listener node-postgres would raise it as an uncaught error and stop the server.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * The embedded server's PGlite: PostgreSQL's default 128 MB of shared buffers live in the
 * process's WebAssembly memory, which never shrinks; 32 MB keeps a small machine's server small
 * (the data directory's pages are still in the OS cache). fsync is on (data-dir.fs.ts).
 */
const EMBEDDED_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB', ...DURABLE_START_PARAMS];

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const onError = options.onConnectionError ?? ((error: Error) => process.emitWarning(`database: an idle connection failed and was dropped (${error.message})`));
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', onError);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // The replica's pool has the primary's size; its connections are named for pg_stat_activity.
    const replica = options.readUrl ? new pg.Pool({ connectionString: options.readUrl, max: options.poolSize ?? 10, application_name: 'esep-read' }) : null;
    replica?.on('error', onError);
    const readDb = replica ? { readDb: drizzlePg(replica, { schema }) as unknown as Db } : {};
    const url = options.url;
    const executeSql = async (text: string, values?: unknown[]) => {
      const result = await pool.query(text, values?.length ? values : undefined);
      // A script answers one result per statement: the caller wants the last.
      return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
    };
    const close = async () => { await Promise.all([pool.end(), replica?.end()]); };
    return { db, ...readDb, engine: 'postgresql', url, close, listen: async (channel, handlers) => listenPostgres(url, channel, handlers), executeSql };
  }
  if (options.readUrl) throw new Error('openDatabase: a read replica (readUrl) needs PostgreSQL (url)');
  // Two processes on one data directory destroy it: only the holder of its lock opens it.
  if (options.dataDir && !holdsDataDirLock(options.dataDir)) throw new Error(`openDatabase: lock ${options.dataDir} first (lockDataDir)`);
  const client = options.pglite ?? (await PGlite.create(options.dataDir
    ? { fs: new DurableNodeFS(options.dataDir), startParams: EMBEDDED_START, extensions: PGLITE_EXTENSIONS }
    : { extensions: PGLITE_EXTENSIONS }));
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const executeSql = async (text: string, values?: unknown[]) => {
    if (values?.length) return client.query(text, values);
    const results = await client.exec(text);
    return results.at(-1) ?? { rows: [] };
  };
  return { db, engine: 'pglite', close: () => client.close(), listen: (channel, handlers) => listenPglite(client, channel, handlers), executeSql };
}

/** The advisory lock (with key 0) that lets one process at a time migrate a PostgreSQL database. */
export const MIGRATION_LOCK = 7301661;

/**
 * Issue 15: a read replica that does not answer is a configuration error, said at start (not at the
 * first analytics read): one `select 1` on it, the failure named as DATABASE_READ_URL's.
 */
export async function checkReplica(database: Database): Promise<void> {
  if (!database.readDb) return;
  try {
    await database.readDb.execute(sql`select 1`);
  } catch (error) {
    throw new Error(`DATABASE_READ_URL: the read replica does not answer (${(error as Error).message})`);
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (database.engine !== 'postgresql') {
    await migratePglite(database.db as never, config);
    return installJobSchema(database);
  }
  if (!database.url) {
    await migratePg(database.db as never, config);
    return installJobSchema(database);
  }
  // Several server processes may start at once on one database (a deployment, a restart of all).
  // drizzle's migrator reads what is applied before its transaction, so each would apply the same
  // migrations and all but one would fail (seen: a duplicate key in pg_type on CREATE TABLE IF NOT
  // EXISTS). One migrates while the others wait here, then find nothing left to apply. The lock is
  // a session's, on a connection of its own (the migrator runs on pooled ones); ending it releases it.
  const lock = new pg.Client({ connectionString: database.url, application_name: 'esep-migrate' });
  // A failure of this connection fails its query; an idle one must not become an uncaught error.
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1::int, 0)', [MIGRATION_LOCK]);
    await migratePg(database.db as never, config);
    await installJobSchema(database);
  } finally {
    await lock.end().catch(() => undefined);
  }
}

export interface MigrationState { applied: number; latest: string | null }

interface Journal { entries: Array<{ tag: string; when: number }> }
// The journal ships with the code: read once per process, not on every health check.
let journal: Promise<Journal> | null = null;
const readJournal = () => (journal ??= readFile(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8').then((text) => JSON.parse(text) as Journal));

/** How many migrations the database has applied, and the tag of the newest one in the code. */
export async function migrationState(db: Executor): Promise<MigrationState> {
  const { entries } = await readJournal();
  const [row] = rowsOf<{ n: number; last: string | null }>(await db.execute(
    sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
  ));
  const applied = Number(row?.n ?? 0);
  const last = row?.last ? Number(row.last) : null;
  const latest = entries.find((e) => e.when === last)?.tag ?? entries.at(applied - 1)?.tag ?? null;
  return { applied, latest };
}

/** Rows of a raw `db.execute(sql…)`: both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
