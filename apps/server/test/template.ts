import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrateDatabase, openDatabase, PGLITE_EXTENSIONS } from '@esep/db';
import { systemClock } from '../src/clock.ts';
import pg from 'pg';
import { seedDemo } from '../src/demo/demo.seed.ts';
import { PGLITE_TEMPLATE, POSTGRES_TEMPLATE, TEST_DATABASE_PREFIX, withDatabase } from './database.ts';

/**
 * Migrates and seeds one template database per run; every test file then starts from a copy
 * of it (PGlite: a dump loaded into a fresh instance; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export async function prepareTemplate(engine: 'pglite' | 'postgres') {
  if (engine === 'pglite') {
    const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    const database = await openDatabase({ pglite: client });
    await migrateDatabase(database);
    await seedDemo(database.db, systemClock);
    const dump = await client.dumpDataDir('gzip');
    mkdirSync(dirname(PGLITE_TEMPLATE), { recursive: true });
    writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
    await client.close();
    return;
  }
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, $1) or datname = $2`, [TEST_DATABASE_PREFIX, POSTGRES_TEMPLATE]);
    for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
    await admin.query(`create database "${POSTGRES_TEMPLATE}"`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: withDatabase(process.env.TEST_DATABASE_URL!, POSTGRES_TEMPLATE), poolSize: 2 });
  await migrateDatabase(database);
  await seedDemo(database.db, systemClock);
  await database.close();
}
