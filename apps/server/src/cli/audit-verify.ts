import { verifyAuditChain } from '@esep/db';
import { loadConfig } from '../config.ts';
import { openExistingDatabase } from './database.ts';

/**
 * `npm run audit:verify`: walks the hash chain of the audit trail and names the first entry
 * whose content or link does not match. Exit code 0 = intact, 1 = broken, 2 = cannot check.
 */
const database = await openExistingDatabase(loadConfig());
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
