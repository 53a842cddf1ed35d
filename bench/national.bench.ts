/**
 * Esep at national scale over HTTP (issue 11, part 2): one command that loads (or reuses) the
 * national data set, starts the real server as `npm start` runs it beside a no-op Fastify 5
 * server (the floor), and measures with autocannon what the country's users ask for most: health,
 * auth/me, the quarter board (national page 1, its keyset pages, one region), the control board,
 * a meeting's page, the inspector's home page, the poster and the protocol PDF, and the public
 * page of an announced meeting. Each row: req/s, p50/p95/p99, non-2xx/errors/time-outs, the
 * floor and the ratio, the handler's raw SQL time and HTTP p95 ÷ SQL, the server's RSS; then the
 * table, the issue's targets met or not, and a section appended to bench/BENCHMARKS.md.
 *
 *   npx tsx bench/national.bench.ts [postgres] [pglite] [--scale N] [--pglite-scale N]
 *       [--seconds N] [--warmup N] [--reseed] [--no-record]
 *
 * Engines: both when none is named. --scale (or BENCH_NATIONAL_SCALE): the PostgreSQL data set's
 * scale, default 1 (12,000 districts; the first load takes ~12 minutes); --pglite-scale, default
 * 0.05. --seconds: each measured load (default 10), after a --warmup (default 3) load of the same
 * route. --reseed reloads even a matching data set; --no-record leaves BENCHMARKS.md alone.
 * Self-registration is measured by bench/registration.bench.ts (the seed has no meeting under
 * way, whose register is open); here only the public page of an announced meeting.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { rssOf, startNoop } from './bench.http.ts';
import { locationOf, PASSWORD, prepare, type BenchRole, type EngineName, type Prepared } from './national.data.ts';
import { buildServer, load, login, probe, sequential, settle, startServer, type LoadResult } from './national.http.ts';
import { appendBenchmarks, engineTable, runInfo, type EngineReport, type Measured, type Target } from './national.report.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scale: { type: 'string' }, 'pglite-scale': { type: 'string' }, seconds: { type: 'string' }, warmup: { type: 'string' },
    reseed: { type: 'boolean' }, 'no-record': { type: 'boolean' },
  },
});
const named = positionals.filter((p): p is EngineName => p === 'postgres' || p === 'pglite');
if (named.length !== positionals.length) throw new Error(`unknown argument(s) ${positionals.join(' ')}: name postgres and/or pglite`);
const engines: EngineName[] = named.length ? (['postgres', 'pglite'] as const).filter((e) => named.includes(e)) : ['postgres', 'pglite'];
const scaleOf: Record<EngineName, number> = {
  postgres: Number(values.scale ?? process.env.BENCH_NATIONAL_SCALE ?? 1),
  pglite: Number(values['pglite-scale'] ?? 0.05),
};
for (const engine of engines) if (!(scaleOf[engine] > 0 && scaleOf[engine] <= 10)) throw new Error(`${engine}: the scale must be in (0, 10]`);
const SECONDS = Number(values.seconds ?? 10);
const WARMUP = Number(values.warmup ?? 3);
const LIGHT = 50;
const HEAVY = 10;

const command = [
  ...(process.env.BENCH_NATIONAL_SCALE && !values.scale ? [`BENCH_NATIONAL_SCALE=${process.env.BENCH_NATIONAL_SCALE}`] : []),
  ...(process.env.TEST_DATABASE_URL && engines.includes('postgres') ? [`TEST_DATABASE_URL=${process.env.TEST_DATABASE_URL}`] : []),
  'npx tsx bench/national.bench.ts', ...process.argv.slice(2),
].join(' ');
const info = runInfo(command, engines.includes('postgres') && scaleOf.postgres < 1);
const log = (line: string) => console.log(line);

interface Row { label: string; paths: string[]; who?: BenchRole; connections: number; sql?: string; target?: Target }

function rowsOf(p: Prepared): Row[] {
  const m = p.meeting.id;
  const poster = p.announced?.id ?? m;
  const rows: Row[] = [
    { label: '`GET /api/health`', paths: ['/api/health'], connections: LIGHT, target: { kind: 'floor', share: 0.5 } },
    { label: '`GET /api/v1/auth/me` (national analyst)', paths: ['/api/v1/auth/me'], who: 'national', connections: LIGHT, target: { kind: 'floor', share: 0.15, postgresOnly: true } },
    { label: 'quarter board, national, page 1 `GET /api/v1/obligations`', paths: ['/api/v1/obligations?page=1&pageSize=25'], who: 'national', connections: HEAVY, sql: 'board-national', target: { kind: 'p95', ms: 50, sqlTimes: 1.5 } },
  ];
  if (p.cursors.length) {
    rows.push({ label: `quarter board, national, keyset pages (\`cursor\`, ${p.cursors.length} pages in turn)`, paths: p.cursors.map((c) => `/api/v1/obligations?pageSize=25&cursor=${c}`), who: 'national', connections: HEAVY, sql: 'board-cursor', target: { kind: 'p95', ms: 50, sqlTimes: 1.5 } });
  }
  rows.push(
    { label: `quarter board, one region (region head, ${p.region.code})`, paths: ['/api/v1/obligations?page=1&pageSize=25'], who: 'region', connections: HEAVY, sql: 'board-region', target: { kind: 'p95', ms: 20 } },
    { label: 'control board, national (administrator) `GET /api/v1/control`', paths: ['/api/v1/control?page=1&pageSize=20'], who: 'admin', connections: HEAVY, sql: 'control-national' },
    { label: 'control board, one point (point lead)', paths: ['/api/v1/control?page=1&pageSize=20'], who: 'lead', connections: HEAVY, sql: 'control-lead' },
    { label: 'meeting page `GET /api/v1/meetings/:id`', paths: [`/api/v1/meetings/${m}`], who: 'national', connections: HEAVY, sql: 'meeting', target: { kind: 'p95', ms: 20 } },
    { label: 'inspector home: `GET /api/v1/org/tree`', paths: ['/api/v1/org/tree'], who: 'inspector', connections: HEAVY },
    { label: 'inspector home: `GET /api/v1/districts` page 1', paths: ['/api/v1/districts?page=1&pageSize=25&sort=code'], who: 'inspector', connections: HEAVY },
    { label: 'poster PDF `GET /api/v1/meetings/:id/poster`', paths: [`/api/v1/meetings/${poster}/poster?lang=both`], who: 'national', connections: HEAVY, target: { kind: 'p95', ms: 300 } },
    { label: 'protocol PDF `GET /api/v1/meetings/:id/protocol.pdf`', paths: [`/api/v1/meetings/${m}/protocol.pdf?lang=kk&copy=public`], who: 'national', connections: HEAVY, target: { kind: 'p95', ms: 300 } },
  );
  if (p.announced) rows.push({ label: 'public page of an announced meeting `GET /api/v1/public/meetings/:id`', paths: [`/api/v1/public/meetings/${p.announced.id}`], connections: LIGHT });
  return rows;
}

const fmt = (r: LoadResult) => `${Math.round(r.rate)} req/s, p50/p95/p99 ${r.p50.toFixed(1)}/${r.p95.toFixed(1)}/${r.p99.toFixed(1)} ms, non-2xx ${r.non2xx}, errors ${r.errors}, time-outs ${r.timeouts}`;

async function runEngine(engine: EngineName): Promise<EngineReport> {
  const location = locationOf(engine);
  console.log(`\n=== ${engine}: scale ${scaleOf[engine]} at ${location.where}`);
  const prepared = await prepare(location, scaleOf[engine], { reseed: values.reseed === true, log });
  const started = performance.now();
  const server = await startServer(location);
  const noop = await startNoop().catch(async (error: unknown) => { await server.stop(); throw error; });
  try {
    const pid = server.child.pid!;
    const tokens = {} as Record<BenchRole, string>;
    for (const [role, username] of Object.entries(prepared.users) as Array<[BenchRole, string]>) tokens[role] = await login(server.base, username, PASSWORD);
    const rows = rowsOf(prepared);
    // Every route answers 2xx before it is loaded; the size of one answer goes in the table.
    const bytes = new Map<Row, number>();
    for (const row of rows) {
      const answer = await probe(server.base, row.paths[0]!, row.who && tokens[row.who]);
      bytes.set(row, answer.bytes);
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rssIdle = rssOf(pid);
    console.log(`server pid ${pid} at ${server.base}: idle RSS ${rssIdle.toFixed(0)} MB; ${SECONDS} s per load after ${WARMUP} s of warm-up`);

    const floors = new Map<number, LoadResult>();
    for (const connections of [...new Set(rows.map((r) => r.connections))]) {
      await load(noop.url, { paths: ['/noop'], connections, seconds: WARMUP });
      const floor = await load(noop.url, { paths: ['/noop'], connections, seconds: SECONDS });
      floors.set(connections, floor);
      console.log(`floor, no-op route, -c ${connections}: ${fmt(floor)}`);
    }
    const measured: Measured[] = [];
    for (const row of rows) {
      const spec = { paths: row.paths, token: row.who && tokens[row.who], connections: row.connections };
      await load(server.base, { ...spec, seconds: WARMUP }, pid);
      await settle(server.base);
      const single = await sequential(server.base, row.paths, spec.token);
      // A row judged against the floor has its own floor measured just before it: on a shared
      // machine the load of the minute moves both.
      let floor = floors.get(row.connections)!;
      if (row.target?.kind === 'floor') {
        floor = await load(noop.url, { paths: ['/noop'], connections: row.connections, seconds: SECONDS });
        console.log(`  floor beside it, -c ${row.connections}: ${fmt(floor)}`);
      }
      const result = await load(server.base, { ...spec, seconds: SECONDS }, pid);
      await settle(server.base);
      const sqlMs = row.sql ? prepared.sql[row.sql]?.sqlMs ?? null : null;
      const serviceMs = row.sql ? prepared.sql[row.sql]?.serviceMs ?? null : null;
      measured.push({ label: row.label, result, floor, single, sqlMs, serviceMs, target: row.target ?? null, bytes: bytes.get(row)! });
      console.log(`${row.label.replace(/`/g, '')} -c ${row.connections}: ${fmt(result)}; one at a time ${single.toFixed(1)} ms${sqlMs !== null ? `, SQL ${sqlMs.toFixed(1)} ms` : ''}, RSS max ${result.rssMax?.toFixed(0)} MB`);
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rssIdleAfter = rssOf(pid);
    return { prepared, rows: measured, floors: [...floors.values()], rssIdle, rssIdleAfter, seconds: (performance.now() - started) / 1000 };
  } finally {
    noop.child.kill('SIGTERM');
    await server.stop();
  }
}

console.log(`national bench: ${engines.join(' + ')}; load average ${info.load.map((x) => x.toFixed(2)).join(' / ')}`);
buildServer();
const reports: EngineReport[] = [];
for (const engine of engines) reports.push(await runEngine(engine));
console.log('');
for (const report of reports) console.log(`${engineTable(report)}\n`);
if (values['no-record']) console.log('(--no-record: bench/BENCHMARKS.md left as it is)');
else {
  appendBenchmarks(info, reports);
  console.log('appended to bench/BENCHMARKS.md');
}
process.exit(0);
