import type { PGlite } from '@electric-sql/pglite';
import { schema, type Database, type Db } from '@esep/db';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';

/**
 * The plans of the statements a repository call sends, as PostgreSQL would run them if reading
 * a whole table or a whole index in order were not an option (sequential and plain index scans
 * off, bitmap scans on): a table is then read through an index whose condition serves the
 * statement, so that index shows up in the plan whatever the size of the test's tables — on a
 * small table the planner would rightly prefer to read it all.
 */
const OFF = 'set local enable_seqscan = off; set local enable_indexscan = off; set local enable_indexonlyscan = off';

export async function indexPlans(database: Database, work: (db: Db) => Promise<unknown>): Promise<string[]> {
  const captured: Array<{ query: string; params: unknown[] }> = [];
  const logger: Logger = { logQuery: (query, params) => { captured.push({ query, params }); } };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db = (database.engine === 'pglite'
    ? drizzlePglite(client as PGlite, { schema, logger })
    : drizzlePg(client as pg.Pool, { schema, logger })) as unknown as Db;
  await work(db);
  const plans: string[] = [];
  for (const { query, params } of captured) {
    if (database.engine === 'pglite') {
      await (client as PGlite).transaction(async (tx) => {
        await tx.exec(OFF);
        const result = await tx.query<{ 'QUERY PLAN': string }>(`explain ${query}`, params);
        plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
      });
    } else {
      const connection = await (client as pg.Pool).connect();
      try {
        await connection.query('begin');
        await connection.query(OFF);
        const result = await connection.query<{ 'QUERY PLAN': string }>(`explain ${query}`, params);
        plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
        await connection.query('rollback');
      } finally {
        connection.release();
      }
    }
  }
  return plans;
}
