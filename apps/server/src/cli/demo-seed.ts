import { countUsers } from '@esep/db';
import { systemClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { seedDemoMeetings } from '../demo/demo.meetings.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { runCommand } from '../startup.ts';
import { openCommandDatabase } from './database.ts';

/**
 * `npm run demo:seed`: loads the demo region (the one `npm start` creates in a new embedded
 * database) into DATABASE_URL or DATA_DIR, for a staging install. Refused in production, whose
 * demo accounts would be refused at login anyway, and on a database that has users already: the
 * demo is for an empty one. Exit 1 = refused.
 */
let config: Config | undefined;
await runCommand('demo:seed', async () => {
  // Asked before the configuration is read: production would first demand its signing key.
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write('demo:seed: refused with NODE_ENV=production: the demo region and its accounts (password "demo") are for staging; unset NODE_ENV or set it to development\n');
    return 1;
  }
  config = loadConfig();
  const database = await openCommandDatabase(config, { command: 'demo:seed', migrated: true });
  try {
    const users = await countUsers(database.db);
    if (users > 0 || !(await seedDemo(database.db, systemClock))) {
      process.stderr.write(`demo:seed: refused: the database already has ${users} user account(s); the demo region is loaded only into an empty database\n`);
      return 1;
    }
    await seedDemoMeetings(database.db, systemClock);
    console.log(`demo:seed: demo region created in ${database.engine}: log in as admin / demo (every demo account's password is "demo")`);
    return 0;
  } finally {
    await database.close();
  }
}, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir }));
