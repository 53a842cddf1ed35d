import pg from 'pg';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

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
