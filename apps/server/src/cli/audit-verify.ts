import { existsSync } from 'node:fs';
import { openDatabase, verifyAuditChain } from '@esep/db';
import { loadConfig } from '../config.ts';

/**
 * `npm run audit:verify`: walks the hash chain of the audit trail and names the first entry
 * whose content or link does not match. Exit code 0 = intact, 1 = broken, 2 = cannot check.
 */
const config = loadConfig();
if (!config.databaseUrl && !existsSync(config.dataDir)) {
  console.error(`No database at ${config.dataDir}`);
  process.exit(2);
}
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
try {
  const report = await verifyAuditChain(database.db);
  if (report.firstBreak) {
    console.error(`Audit trail BROKEN at entry ${report.firstBreak.id} (${report.firstBreak.reason}); ${report.checked} entries before it are intact.`);
    process.exitCode = 1;
  } else {
    console.log(`Audit trail intact: ${report.checked} entries verified.`);
  }
} finally {
  await database.close();
}
