import { migrateDatabase, migrationState } from '@esep/db';
import { loadConfig, type Config } from '../config.ts';
import { runCommand } from '../startup.ts';
import { openCommandDatabase } from './database.ts';

/** `npm run migrate`: applies pending migrations to DATABASE_URL or the embedded DATA_DIR. */
let config: Config | undefined;
await runCommand('migrate', async () => {
  config = loadConfig();
  const database = await openCommandDatabase(config, { command: 'migrate', create: true });
  try {
    await migrateDatabase(database);
    const state = await migrationState(database.db);
    console.log(`${database.engine}: ${state.applied} migrations applied, latest ${state.latest}`);
  } finally {
    await database.close();
  }
}, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir }));
