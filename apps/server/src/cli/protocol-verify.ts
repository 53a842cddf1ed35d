import { pathToFileURL } from 'node:url';
import { signedProtocolMeetings, type Db } from '@esep/db';
import { loadConfig, type Config } from '../config.ts';
import { signersFor } from '../services/protocol/signature.service.ts';
import { verifyProtocol } from '../services/protocol/verification.service.ts';
import { runCommand } from '../startup.ts';
import { openCommandDatabase } from './database.ts';

/**
 * `npm run protocol:verify [-- <meetingId>…]`: checks every signed protocol (or the given
 * ones) — content hash recomputed, every signature verified, stored PDFs re-hashed — prints one
 * line each and exits 1 if any is altered (2 when a signature could not be checked).
 */
export async function verifyProtocols(
  db: Db, config: { env: string; dataDir: string; signingKey?: string | undefined; ncanodeUrl?: string | undefined }, ids: readonly string[] = [],
  print: (line: string) => void = console.log,
): Promise<{ exitCode: number; checked: number; invalid: string[] }> {
  const signers = signersFor(config);
  const meetings = await signedProtocolMeetings(db, ids.length ? ids : undefined);
  const invalid: string[] = [];
  let unverifiable = false;
  for (const id of ids) if (!meetings.some((m) => m.meetingId === id)) { print(`${id}: no signed protocol`); invalid.push(id); }
  for (const m of meetings) {
    const result = (await verifyProtocol(db, signers, config.dataDir, m.meetingId))!;
    const signatures = result.signatures.map((s) => `${s.signerName} ${s.valid === null ? '?' : s.valid ? 'ok' : 'INVALID'}`).join('; ');
    const content = result.contentHashStored === result.contentHashNow ? 'content ok' : 'CONTENT ALTERED';
    print(`${m.number} (${m.meetingId}): ${result.status.toUpperCase()} — ${content}; pdf ${result.pdfIntact === null ? 'not stored' : result.pdfIntact ? 'ok' : 'ALTERED'}; ${signatures}`);
    if (result.status === 'altered') invalid.push(m.meetingId);
    if (result.status === 'unverifiable') unverifiable = true;
  }
  print(`${meetings.length} signed protocol(s) checked, ${invalid.length} invalid.`);
  return { exitCode: invalid.length ? 1 : unverifiable ? 2 : 0, checked: meetings.length, invalid };
}

async function main() {
  let config: Config | undefined;
  await runCommand('protocol:verify', async () => {
    config = loadConfig();
    const database = await openCommandDatabase(config, { command: 'protocol:verify', migrated: true });
    try {
      return (await verifyProtocols(database.db, config, process.argv.slice(2).filter((a) => a !== '--'))).exitCode;
    } finally {
      await database.close();
    }
  }, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
