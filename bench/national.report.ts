/**
 * The figures of bench/national.bench.ts as markdown: one table per engine (each row beside the
 * no-op floor measured in the same run at the same number of connections, the handler's SQL
 * floor, the server's memory, and the issue's target met or not), and the section appended to
 * bench/BENCHMARKS.md with the date, machine, commit, load average and command.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './bench.http.ts';
import type { Prepared } from './national.data.ts';
import type { LoadResult } from './national.http.ts';

/** The issue's targets: a share of the floor's req/s, or a p95 (and a multiple of the handler's SQL). */
export type Target = { kind: 'floor'; share: number; postgresOnly?: boolean } | { kind: 'p95'; ms: number; sqlTimes?: number };
export const RSS_TARGET_MB = 300;

export interface Measured {
  label: string;
  result: LoadResult;
  /** The floor it is compared with: measured just before it (rows judged against the floor) or once per connection count. */
  floor: LoadResult;
  /** Median of requests sent one after another (no concurrency), ms. */
  single: number;
  sqlMs: number | null;
  /** The handler's service call in the bench process (no HTTP), ms. */
  serviceMs: number | null;
  target: Target | null;
  /** Bytes of one answer (checked before the load). */
  bytes: number;
}

export interface EngineReport {
  prepared: Prepared;
  rows: Measured[];
  floors: LoadResult[];
  rssIdle: number | null;
  rssIdleAfter: number | null;
  seconds: number;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => (x >= 100 ? n0(x) : x.toFixed(x >= 10 ? 0 : 1));
const mb = (x: number | null) => (x === null ? '—' : n0(x));
const size = (bytes: number) => (bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`);

/** Met / not met against the target; null when the row has none. */
function verdict(row: Measured, engine: string): string {
  const t = row.target;
  if (!t) return '';
  const r = row.result;
  if (r.requests === 0) return '**not met** (no answer within the load)';
  if (t.kind === 'floor') {
    const share = r.rate / row.floor.rate;
    const met = share >= t.share;
    const scope = t.postgresOnly && engine !== 'postgres' ? ' (target set for PostgreSQL)' : '';
    return `≥ ${(t.share * 100).toFixed(0)} % of the floor: ${met ? '**met**' : '**not met**'}${scope}`;
  }
  const parts = [`p95 ≤ ${t.ms} ms`];
  let met = r.p95 <= t.ms;
  if (t.sqlTimes) {
    parts.push(`≤ ${t.sqlTimes}× SQL`);
    met = met && row.sqlMs !== null && r.p95 <= t.sqlTimes * row.sqlMs;
  }
  return `${parts.join(', ')}: ${met ? '**met**' : '**not met**'}`;
}

const errorsOf = (r: LoadResult) => `${r.non2xx} / ${r.errors} / ${r.timeouts}`;

export function engineTable(report: EngineReport): string {
  const { prepared: p, rows, floors } = report;
  const engine = p.location.engine;
  const lines: string[] = [];
  const name = engine === 'postgres' ? `PostgreSQL ${p.postgresVersion ?? ''}`.trim() : 'PGlite (embedded, on disk)';
  lines.push(`#### ${name}, scale ${p.scale} (${n0(p.districts)} districts; ${p.location.where})`);
  lines.push('');
  lines.push(p.seededSeconds !== null ? `Seeded in this run: ${n0(p.rows ?? 0)} rows in ${p.seededSeconds.toFixed(1)} s.` : 'Data set reused from an earlier run (same scale, seed and quarter).');
  lines.push(`Meeting page and protocol: meeting ${p.meeting.number} (${p.meeting.date}, signed protocol, ${p.meeting.participants} participants); ` +
    `${p.announced ? `poster and public page: announced meeting ${p.announced.number}` : 'no announced meeting ahead: the poster is of the held one'}; ` +
    `region ${p.region.code} (${n0(p.region.districts)} districts); ${p.cursors.length} keyset pages of the national board.`);
  lines.push('');
  lines.push(`Floor (no-op Fastify 5 route, same run; health and auth/me are set beside a floor load of their own): ${floors.map((f) => `-c ${f.connections}: ${n0(f.rate)} req/s, p50 / p95 / p99 ${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)} ms`).join('; ')}.`);
  lines.push('');
  lines.push('| route | -c | req/s | p50 / p95 / p99 ms | one at a time, median ms | non-2xx / errors / time-outs | floor req/s (p95 ms) | % of floor req/s | handler SQL ms | service in-process ms | HTTP p95 ÷ SQL | server RSS before → max MB | answer | target |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const row of rows) {
    const r = row.result;
    const rss = `${mb(r.rssBefore)} → ${mb(r.rssMax)}${r.rssMax !== null && r.rssMax > RSS_TARGET_MB ? ' ⚠' : ''}`;
    lines.push(`| ${row.label} | ${r.connections} | ${n0(r.rate)} | ${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)} | ${ms(row.single)} | ${errorsOf(r)} | ${n0(row.floor.rate)} (${ms(row.floor.p95)}) | ` +
      `${(100 * r.rate / row.floor.rate).toFixed(1)} % | ${row.sqlMs === null ? '' : ms(row.sqlMs)} | ${row.serviceMs === null ? '' : ms(row.serviceMs)} | ${row.sqlMs ? `${(r.p95 / Math.max(row.sqlMs, 0.01)).toFixed(1)}×` : ''} | ` +
      `${rss} | ${size(row.bytes)} | ${verdict(row, engine)} |`);
  }
  const peak = Math.max(0, ...rows.map((r) => r.result.rssMax ?? 0));
  lines.push('');
  lines.push(`Server RSS: idle ${mb(report.rssIdle)} MB after start, ${mb(report.rssIdleAfter)} MB idle after the loads; most under any load ${mb(peak)} MB — ` +
    `target ≤ ${RSS_TARGET_MB} MB under every load: ${peak <= RSS_TARGET_MB ? '**met**' : '**not met**'}. Measured in ${n0(report.seconds)} s (seeding excluded).`);
  return lines.join('\n');
}

export interface RunInfo { started: Date; load: number[]; command: string; commit: string; reduced: boolean }

export function runInfo(command: string, reduced: boolean): RunInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch { /* not a checkout */ }
  return { started: new Date(), load: loadavg(), command, commit, reduced };
}

export function machineLine(info: RunInfo): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB memory, Node ${process.version}`;
}

const SECTION = '## National scale over HTTP (issue 11, part 2) — `bench/national.bench.ts`';
const INTRO = `
\`npx tsx bench/national.bench.ts [postgres] [pglite] [--scale N] [--pglite-scale N] [--seconds N]
[--warmup N] [--reseed] [--no-record]\` (in \`npm run bench\`: PGlite; \`-- postgres\` adds PostgreSQL).
Each run appends a subsection here. The national data set is loaded by \`seedNational\` (the code of
\`npm run seed:national\`) into the PostgreSQL database \`esep_nb_national\` (scale \`--scale\` or
\`BENCH_NATIONAL_SCALE\`, default 1) and into the PGlite directory \`bench/.data/national-pglite\`
(scale 0.05), and reused while the database's comment names the same scale, seed and quarter.
Bench accounts get a known password through \`createAccount\` (as \`npm run user:create\`) or
\`updateUser\`: a national analyst, an administrator (the only national role the control board
admits, R-33), the head of the measured meeting's region, the lead of its point and the inspector
of its district. The meeting is a held one with a signed protocol and about 40 participants;
the poster and the public page are of an announced meeting. Self-registration is measured by
\`bench/registration.bench.ts\` (the data set has no meeting under way, whose register is open).

The real server runs as \`npm start\` runs it (\`apps/server/dist/main.js\`, NODE_ENV=production,
LOG_LEVEL=warn, pool 10; no web build, so it serves the API only) beside a no-op Fastify 5 route
in its own process: the **floor**, measured in the same run at the same number of connections
(health and auth/me, judged by their share of it, each get a floor load just before their own).
autocannon with keep-alive and a warm-up before each row: -c 50 for the light routes, -c 10 for
the rest, so a heavy row's p95 is mostly its queue — **one at a time** (the median of up to 20
requests sent one after another) is the route's own time. **Handler SQL** = the statements the
handler's service sends, captured through a Drizzle logger and EXPLAIN ANALYZE'd (planning +
execution, summed, best of 3; the meeting page sends some in parallel, so its sum over-states the
critical path); **service in-process** = the same service call timed in the bench process on the
same database before the server starts (median of 5), no HTTP. RSS = the server's VmRSS, sampled
every 200 ms. The targets are the issue's, set for the national scale on PostgreSQL; at other
scales they are indicative.
`;

export function appendBenchmarks(info: RunInfo, reports: EngineReport[]) {
  const file = join(ROOT, 'bench/BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  if (!text.includes(SECTION)) out.push('', SECTION, INTRO.trimEnd());
  const engines = reports.map((r) => `${r.prepared.location.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} scale ${r.prepared.scale}`).join(', ');
  out.push('', `### ${info.started.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${engines}${info.reduced ? ' — validation run at a reduced scale, not the national figures' : ''}`);
  out.push('');
  out.push(`Machine: ${machineLine(info)}; load average at start ${info.load.map((x) => x.toFixed(2)).join(' / ')} (1 / 5 / 15 min). Commit \`${info.commit}\`.`);
  out.push('');
  out.push('    ' + info.command);
  for (const report of reports) out.push('', engineTable(report));
  appendFileSync(file, `${out.join('\n')}\n`);
}
