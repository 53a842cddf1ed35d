import { parseArgs } from 'node:util';
import { SeedRefused, seedNational } from '../../../../bench/national.seed.ts';
import { systemClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { runCommand } from '../startup.ts';
import { openCommandDatabase } from './database.ts';

const USAGE = `Usage: npm run seed:national -- [--scale N] [--seed N] [--force]

Builds a synthetic country on DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR,
applying migrations first: at scale 1, 20 regions, 200 units, 2,700 points, 12,000 districts,
their inspectors' and point leads' accounts (no password: they cannot log in), ~140,000 meetings
over the last 12 quarters, ~5.5 million registered participants, items, decisions, checks,
forwardings and signed protocols. The same seed gives the same data set.

  --scale N   multiplies every count (default 1; 0.05 gives ~600 districts)
  --seed N    the random seed (default 652)
  --force     on a database that already has regions or meetings: TRUNCATE the structure,
              meeting and account tables first (CASCADE: every user account and everything
              referencing them is removed; the audit trail is kept). Without it, refused.
  --help      prints this

Exit code 0 = loaded, 2 = refused or cannot run.
`;

let config: Config | undefined;
await runCommand('seed:national', async () => {
  let values: { scale?: string; seed?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { scale: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`seed:national: ${(error as Error).message} (see --help)\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const scale = Number(values.scale ?? 1);
  const seed = Number(values.seed ?? 652);
  if (!(scale > 0 && scale <= 10) || !Number.isInteger(seed)) {
    process.stderr.write('seed:national: --scale must be a number in (0, 10] and --seed an integer (see --help)\n');
    return 2;
  }
  config = loadConfig();
  const database = await openCommandDatabase(config, { command: 'seed:national', create: true, poolSize: 5 });
  try {
    console.log(`seed:national: scale ${scale}, seed ${seed} into ${database.engine}`);
    const result = await seedNational(database, { scale, seed, now: systemClock.now(), force: values.force === true, log: (line) => console.log(`  ${line}`) });
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    console.log(`seed:national: ${total} rows (${result.meetings.total} meetings) in ${result.seconds.toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (!(error instanceof SeedRefused)) throw error;
    process.stderr.write(`seed:national: refused: ${error.message}\n`);
    return 2;
  } finally {
    await database.close();
  }
}, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir }));
