import { verifyAuditChain } from '@esep/db';
import { loadConfig, type Config } from '../config.ts';
import { runCommand } from '../startup.ts';
import { openCommandDatabase } from './database.ts';

/**
 * `npm run audit:verify`: walks the hash chain of the audit trail and names the first entry
 * whose content or link does not match. Exit code 0 = intact, 1 = broken, 2 = cannot check.
 */
let config: Config | undefined;
await runCommand('audit:verify', async () => {
  config = loadConfig();
  const database = await openCommandDatabase(config, { command: 'audit:verify', migrated: true });
  try {
    const report = await verifyAuditChain(database.db);
    if (report.firstBreak) {
      console.error(`Audit trail BROKEN at entry ${report.firstBreak.id} (${report.firstBreak.reason}); ${report.checked} entries before it are intact.`);
      return 1;
    }
    console.log(`Audit trail intact: ${report.checked} entries verified.`);
    return 0;
  } finally {
    await database.close();
  }
}, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir }));
