import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, migrationState, openDatabase } from './client.ts';

/*
 * On PostgreSQL a pooled connection can be cut from the server side (a restart, an administrator
 * terminating backends). The pool must drop it and carry on, not stop the process.
 */
const url = process.env.TEST_DATABASE_URL;
describe.runIf(process.env.ESEP_TEST_ENGINE === 'postgres' && url)('the PostgreSQL pool', () => {
  it('survives an idle connection terminated by the server and reports it', async () => {
    const failures: Error[] = [];
    const database = await openDatabase({ url: url!, poolSize: 1, onConnectionError: (error) => failures.push(error) });
    try {
      const pid = ((await database.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: Array<{ pid: number }> }).rows[0]!.pid;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      for (let i = 0; i < 50 && failures.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(failures).toHaveLength(1);
      expect(failures[0]!.message).toMatch(/terminat/i);
      const again = (await database.db.execute(sql`select 1 as one`)) as unknown as { rows: Array<{ one: number }> };
      expect(again.rows[0]!.one).toBe(1);
    } finally {
      await database.close();
    }
  });
});

// Several server processes started at once on one database each migrate it at start (main.ts).
describe.runIf(process.env.ESEP_TEST_ENGINE === 'postgres' && url)('PostgreSQL migrations', () => {
  it('migrations started at once by three processes on an empty database all succeed, applied once', async () => {
    const name = `esep_migrate_race_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    // Their pools' connections may still be closing when the database is dropped with force.
    const databases = await Promise.all([1, 2, 3].map(() => openDatabase({ url: target.toString(), poolSize: 2, onConnectionError: () => undefined })));
    try {
      const outcomes = await Promise.allSettled(databases.map((database) => migrateDatabase(database)));
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const { applied, latest } = await migrationState(databases[0]!.db);
      expect(applied).toBeGreaterThan(0);
      expect(latest).not.toBeNull();
      const rows = ((await databases[0]!.db.execute(sql`select count(*)::int as n, count(distinct hash)::int as distinct_n from drizzle.__drizzle_migrations`)) as unknown as { rows: Array<{ n: number; distinct_n: number }> }).rows[0]!;
      expect(rows.n).toBe(applied);
      expect(rows.distinct_n).toBe(applied);
    } finally {
      for (const database of databases) await database.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
