import { mkdirSync } from 'node:fs';
import { migrateDatabase, openDatabase } from '@esep/db';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { databaseLocation, loadConfig } from './config.ts';
import { seedDemoMeetings } from './demo/demo.meetings.ts';
import { seedDemo } from './demo/demo.seed.ts';

const config = loadConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const open = () => openDatabase(databaseLocation(config));
let database = await open();
await migrateDatabase(database);
// The demo region is created only in an empty embedded database, and never in production.
if (config.demo && database.engine === 'pglite' && config.env !== 'production') {
  if (await seedDemo(database.db, systemClock)) {
    await seedDemoMeetings(database.db, systemClock);
    console.log('Demo region created: log in as admin / demo');
  }
}
// PGlite's WebAssembly memory only grows: after creating the cluster, migrating and seeding, the
// instance held ~820 MB; a fresh instance on the same data directory starts near 370 MB.
if (database.engine === 'pglite') {
  await database.close();
  database = await open();
}
const app = await buildApp({ config, database });

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
