import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, PGLITE_EXTENSIONS, type Database } from '@esep/db';
import pg from 'pg';

export const PGLITE_TEMPLATE = fileURLToPath(new URL('../../../.tmp/pglite-template.tar.gz', import.meta.url));
/**
 * Databases of this checkout's runs on the shared PostgreSQL: named after the checkout's path, so
 * two checkouts (two developers' worktrees on one machine) never drop each other's databases.
 */
const CHECKOUT = createHash('sha256').update(fileURLToPath(new URL('../../..', import.meta.url))).digest('hex').slice(0, 8);
export const POSTGRES_TEMPLATE = `esep_template_${CHECKOUT}`;
export const TEST_DATABASE_PREFIX = `esep_t_${CHECKOUT}_`;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A private copy of the migrated, demo-seeded template database for one test file. */
export async function testDatabase(): Promise<Database & { url?: string }> {
  const engine = process.env.ESEP_TEST_ENGINE ?? 'pglite';
  if (engine === 'pglite') {
    const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]), extensions: PGLITE_EXTENSIONS });
    return openDatabase({ pglite: client });
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}" template "${POSTGRES_TEMPLATE}"`);
  await admin.end();
  const database = await openDatabase({ url: withDatabase(base, name), poolSize: 4 });
  return {
    ...database,
    url: withDatabase(base, name),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      // The pool's end() returns before its connections have closed on the server; dropping with
      // force while they close would send them a FATAL that surfaces as an unhandled error.
      for (let i = 0; i < 50; i++) {
        const open = await dropper.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (open.rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

/**
 * A fresh database of the test engine migrated up to, not including, the migration whose tag ends
 * with `tagSuffix` — to write data the old way and then see that migration (and the rest) take it.
 * `close` closes it, drops it (PostgreSQL) and removes the trimmed migrations folder.
 */
export async function databaseBefore(tagSuffix: string): Promise<{ target: Database; close: () => Promise<void> }> {
  const { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { MIGRATIONS_FOLDER } = await import('@esep/db');
  const folder = mkdtempSync(join(tmpdir(), 'esep-migrations-'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const until = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (until <= 0) throw new Error(`databaseBefore: no migration *${tagSuffix} after the first`);
  mkdirSync(join(folder, 'meta'));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, until) }));
  for (const entry of journal.entries.slice(0, until)) copyFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));

  let target: Database;
  let drop = async () => {};
  if ((process.env.ESEP_TEST_ENGINE ?? 'pglite') === 'postgres') {
    const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    target = await openDatabase({ url: withDatabase(process.env.TEST_DATABASE_URL!, name), poolSize: 2 });
    drop = async () => {
      const dropper = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    };
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(target.db as never, { migrationsFolder: folder });
  } else {
    target = await openDatabase({});
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(target.db as never, { migrationsFolder: folder });
  }
  return {
    target,
    close: async () => {
      await target.close();
      await drop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
