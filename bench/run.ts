/**
 * `npm run bench`: runs every benchmark in turn and prints its figures. Speed targets live here,
 * not in timed tests. Pass `postgres` to run the dashboard, audited-write, upload and national benchmarks on PostgreSQL too.
 */
import { spawnSync } from 'node:child_process';

const engines = process.argv.includes('postgres') ? ['pglite', 'postgres'] : ['pglite'];
const runs: Array<[string, string[]]> = [
  ['bench/import.bench.ts', []],
  ...engines.map((engine): [string, string[]] => ['bench/board.bench.ts', ['10000', engine]]),
  // Issue 10, item 7: audited writes from 1 and from 50 clients through the HTTP API.
  ...engines.map((engine): [string, string[]] => ['bench/audit.bench.ts', [engine]]),
  // Issue 11, part 5: registrations into one meeting and over 100 (autocannon -c 50) beside a no-op route and the raw SQL.
  ...engines.map((engine): [string, string[]] => ['bench/registration.bench.ts', [engine]]),
  // a 2 GB video upload interrupted halfway; resident memory of the server process.
  ...engines.map((engine): [string, string[]] => ['bench/video-upload.bench.ts', ['2048', ...(engine === 'postgres' ? ['postgres'] : [])]]),
  // Issue 11, parts 3 and 6: health and auth/me beside a no-op Fastify route; server RSS idle and under load.
  ...engines.map((engine): [string, string[]] => ['bench/request-path.bench.ts', [engine]]),
  // Issue 11, part 2: the national data set over HTTP (boards, meeting page, PDFs) beside a no-op route; appends to BENCHMARKS.md.
  // PostgreSQL at BENCH_NATIONAL_SCALE (default 1: the first load takes ~12 minutes, later runs reuse it), PGlite at 0.05.
  ['bench/national.bench.ts', engines],
  // Issue 15: the compliance analytics at national scale (national view vs its SQL, drill-down levels, a region's XLSX), PostgreSQL only.
  ...(engines.includes('postgres') ? [['bench/analytics.bench.ts', []] as [string, string[]]] : []),
  // Issue 13: address lookup p95 over ~1,000,000 building lines and the district page's req/s, PostgreSQL only.
  ...(engines.includes('postgres') ? [['bench/address.bench.ts', []] as [string, string[]]] : []),
  // Issue 13: each public page's first response compressed (≤ 30 KB, no script) and its LCP under slow 4G and 4× CPU.
  ['bench/public-pages.bench.ts', []],
  // Issue 13, part 3: the question form's proof of work, solves in node and in Chromium at 1×/4×/10× CPU.
  ['bench/pow.bench.ts', []],
  // Issue 14, item 13: the login page's JavaScript as transferred (≤ 120 KB), one language's strings, no background download.
  ['bench/login-weight.bench.ts', []],
];
let failed = false;
for (const [file, args] of runs) {
  console.log(`\n=== ${file} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
