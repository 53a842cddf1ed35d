import { verifyAuditChain } from '@esep/db';
import { loadConfig, type Config } from '../config.ts';
import { runCommand } from '../startup.ts';
import { openCommandDatabase } from './database.ts';

/**
 * `npm run audit:verify`: walks every hash chain of the audit trail (the lanes and the chain
 * written before them) and names the first entry whose content, link, place or witness does not
 * match. Exit code 0 = intact, 1 = broken, 2 = cannot check. It also prints each chain's head:
 * kept somewhere else (a ticket, a signed mail), they show later whether the newest entries were
 * cut off, which no chain can show by itself.
 */
let config: Config | undefined;
await runCommand('audit:verify', async () => {
  config = loadConfig();
  const database = await openCommandDatabase(config, { command: 'audit:verify', migrated: true });
  try {
    const report = await verifyAuditChain(database.db);
    const broken = report.firstBreak;
    if (broken) {
      const missing = broken.missing ? `; entry ${broken.missing.seq} of chain ${broken.missing.chain} is missing or changed` : '';
      console.error(`Audit trail BROKEN at entry ${broken.id} (chain ${broken.chain}, ${broken.reason}${missing}); ${report.checked} entries are intact.`);
    } else {
      console.log(`Audit trail intact: ${report.checked} entries verified in ${report.heads.length} chains.`);
    }
    for (const head of report.heads) {
      console.log(`  chain ${head.chain}: ${head.entries} entries, head ${head.seq === null ? '' : `#${head.seq} `}${head.hash}`);
    }
    return broken ? 1 : 0;
  } finally {
    await database.close();
  }
}, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir }));
