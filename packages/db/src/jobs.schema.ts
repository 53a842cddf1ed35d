import PgBoss from 'pg-boss';
import type { Database } from './client.ts';

/*
 * Issue 12: durable background work runs on pg-boss, in its own schema of the same database. Its
 * tables are made with Esep's migrations (so a test template, a clone and a new data directory
 * have them before any process starts); pg-boss itself checks its version on start and migrates
 * its own schema when a newer pg-boss comes with an upgrade.
 */
export const JOB_SCHEMA = 'pgboss';

export async function installJobSchema(database: Pick<Database, 'executeSql'>): Promise<void> {
  const { rows } = await database.executeSql(`select to_regclass('${JOB_SCHEMA}.version') is not null as installed`);
  if ((rows[0] as { installed: boolean } | undefined)?.installed) return;
  // The plans take pg-boss's own advisory lock: two processes migrating at once make it once.
  await database.executeSql(PgBoss.getConstructionPlans(JOB_SCHEMA));
}
