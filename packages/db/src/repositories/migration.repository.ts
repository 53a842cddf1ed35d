import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, migrationState, rowsOf, type Executor } from '../client.ts';

/** One round trip: opens the first connection, so an unreachable server or a refused login shows at once. */
export async function pingDatabase(db: Executor): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Migrations applied to the database against those the code ships; an empty database has none (no drizzle schema yet). */
export async function migrationProgress(db: Executor): Promise<{ applied: number; total: number }> {
  const journal = JSON.parse(await readFile(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  const [row] = rowsOf<{ found: boolean }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`));
  const applied = row?.found ? (await migrationState(db)).applied : 0;
  return { applied, total: journal.entries.length };
}
