import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkReplica, fillMissingSearchKeys, lockDataDir, migrateDatabase, openDatabase, type DataDirLock } from '@esep/db';
import { buildApp } from './app.ts';
import { startingClock, systemClock } from './clock.ts';
import { databaseLocation, loadConfig, type Config } from './config.ts';
import { seedDemoMeetings } from './demo/demo.meetings.ts';
import { seedDemo } from './demo/demo.seed.ts';
import { runCommand } from './startup.ts';

let config: Config | undefined;
/** A full garbage collection now, without starting node with --expose-gc. */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

await runCommand('esep', async () => {
  config = loadConfig();
  // Nothing else may open the embedded database while this server runs (data-dir.lock.ts).
  const lock: DataDirLock | null = config.databaseUrl
    ? null
    : await lockDataDir(config.dataDir, { command: 'npm start', port: config.port, since: systemClock.now().toISOString() });
  const open = () => openDatabase({ ...databaseLocation(config!), ...(config!.databaseReadUrl ? { readUrl: config!.databaseReadUrl } : {}) });
  let database = await open();
  await checkReplica(database);
  await migrateDatabase(database);
  // Issue 13: address search keys of rows written before migration 0017 (computed here, not in SQL).
  await fillMissingSearchKeys(database.db);
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
    // The closed instance's memory (≥ 128 MB, outside the JavaScript heap) goes back only when a
    // full collection finds it unreachable, which V8 may not run for hours on an idle server:
    // measured 327 MB resident before one, 244 MB after (issue 11, part 6).
    collectGarbage();
  }
  const app = await buildApp({ config, database, clock: config.clockAt ? startingClock(config.clockAt, config.clockSince) : systemClock });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  if (lock && address && typeof address === 'object') lock.update({ port: address.port });
}, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir, port: config?.port, host: config?.host }));
