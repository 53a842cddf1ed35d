import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '@esep/db';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk loading for the national data set: COPY … FROM STDIN on PostgreSQL (pg-copy-streams, one
 * stream per table, fed as it is generated), COPY … FROM '/dev/blob' on PGlite in chunks. Every
 * index, unique and check constraint is maintained as rows arrive; nothing is dropped. Foreign
 * keys are the exception in how, not whether, they are checked: row by row they were half the
 * time of the load (a lookup per row and key), so the load runs with session_replication_role =
 * replica and then checks every foreign key of the tables it wrote with one anti-join each
 * (verifyForeignKeys), failing the load if a single row has no parent.
 */

export type Cell = string | number | boolean | null | undefined | Date | object;

export interface Loader {
  /** Copies the rows into the table's columns; answers how many. */
  copy(table: string, columns: readonly string[], rows: Iterable<Cell[]>): Promise<number>;
  exec(text: string): Promise<void>;
  query<T>(text: string): Promise<T[]>;
  release(): Promise<void>;
}

/** Row-by-row foreign-key triggers off for this session; false when not allowed (not a superuser). */
export async function deferForeignKeys(loader: Loader): Promise<boolean> {
  try {
    await loader.exec('set session_replication_role = replica');
    return true;
  } catch {
    return false;
  }
}

/** Every foreign key of these tables, checked at once: answers the violated ones with their orphan count. */
export async function verifyForeignKeys(loader: Loader, tables: readonly string[]): Promise<Array<{ name: string; orphans: number }>> {
  await loader.exec('set session_replication_role = origin');
  const keys = await loader.query<{ name: string; child: string; parent: string; cols: string[]; refs: string[] }>(`
    select c.conname as name, cl.relname as child, pl.relname as parent,
      (select array_agg(a.attname::text order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as cols,
      (select array_agg(a.attname::text order by k.ord) from unnest(c.confkey) with ordinality k(attnum, ord) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as refs
    from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_class pl on pl.oid = c.confrelid
    where c.contype = 'f' and cl.relname in (${tables.map((t) => `'${t}'`).join(', ')}) order by 1`);
  const broken: Array<{ name: string; orphans: number }> = [];
  for (const k of keys) {
    const present = k.cols.map((c) => `c."${c}" is not null`).join(' and ');
    const match = k.cols.map((c, i) => `p."${k.refs[i]}" = c."${c}"`).join(' and ');
    const [row] = await loader.query<{ n: number }>(`select count(*)::int as n from "${k.child}" c where ${present} and not exists (select 1 from "${k.parent}" p where ${match})`);
    if (row!.n > 0) broken.push({ name: k.name, orphans: row!.n });
  }
  return broken;
}

const ESCAPE = /[\\\t\n\r]/;
const escapeText = (s: string) => (ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s);

/** One cell in COPY's text format. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return escapeText(JSON.stringify(value));
}

/** Rows as COPY text, in chunks of about `size` characters. */
function* chunks(rows: Iterable<Cell[]>, counter: { n: number }, size = 1 << 20): Generator<string> {
  let buffer = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + cell(row[i]);
    buffer += `${line}\n`;
    counter.n++;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

const statement = (table: string, columns: readonly string[], source: string) => `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from ${source}`;

/**
 * A loader over `connections` sessions (PostgreSQL; PGlite has one): copies started together run
 * on free sessions in parallel, the rest wait for one.
 */
export async function openLoader(database: Database, connections = 1): Promise<Loader> {
  const client = (database.db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (database.engine === 'postgresql') {
    const pool = client as pg.Pool;
    const sessions: pg.PoolClient[] = [];
    for (let i = 0; i < connections; i++) sessions.push(await pool.connect());
    const free = [...sessions];
    const waiting: Array<(s: pg.PoolClient) => void> = [];
    const acquire = () => new Promise<pg.PoolClient>((resolve) => (free.length ? resolve(free.pop()!) : waiting.push(resolve)));
    const release = (s: pg.PoolClient) => (waiting.length ? waiting.shift()!(s) : free.push(s));
    return {
      async copy(table, columns, rows) {
        const counter = { n: 0 };
        const session = await acquire();
        try {
          await pipeline(Readable.from(chunks(rows, counter)), session.query(copyFrom(statement(table, columns, 'stdin'))));
        } finally {
          release(session);
        }
        return counter.n;
      },
      // Session settings go to every session.
      async exec(text) { for (const s of sessions) await s.query(text); },
      async query<T>(text: string) { return (await sessions[0]!.query(text)).rows as T[]; },
      async release() { for (const s of sessions) s.release(); },
    };
  }
  const lite = client as PGlite;
  return {
    async copy(table, columns, rows) {
      const counter = { n: 0 };
      // PGlite reads a COPY's input from a Blob it is given with the statement.
      for (const text of chunks(rows, counter, 8 << 20)) await lite.query(statement(table, columns, `'/dev/blob'`), [], { blob: new Blob([text]) });
      return counter.n;
    },
    async exec(text) { await lite.exec(text); },
    async query<T>(text: string) { return (await lite.query<T>(text)).rows; },
    async release() {},
  };
}
