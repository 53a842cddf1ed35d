import { mkdirSync } from 'node:fs';
import { migrateDatabase, migrationState, openDatabase } from '@esep/db';
import { databaseLocation, loadConfig } from '../config.ts';

/** `npm run migrate`: applies pending migrations to DATABASE_URL or the embedded DATA_DIR. */
const config = loadConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase(databaseLocation(config));
try {
  await migrateDatabase(database);
  const state = await migrationState(database.db);
  console.log(`${database.engine}: ${state.applied} migrations applied, latest ${state.latest}`);
} finally {
  await database.close();
}
