import { existsSync } from 'node:fs';
import { openDatabase, type Database } from '@esep/db';
import { databaseLocation, type Config } from '../config.ts';

/** The database a checking command reads; with no embedded database there is nothing to check (exit 2). */
export async function openExistingDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl && !existsSync(config.dataDir)) {
    console.error(`No database at ${config.dataDir}`);
    process.exit(2);
  }
  return openDatabase(databaseLocation(config));
}
