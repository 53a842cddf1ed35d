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
