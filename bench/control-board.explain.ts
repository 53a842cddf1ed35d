/*
 * the control board's statement, from meeting_control_facts (migration 0014) and as it was
 * computed before (every record at each request: apps/server/test/control-board.reference.ts),
 * under EXPLAIN ANALYZE (timing off), for the national administrator and a few filters and
 * scopes; both answers are compared. Read-only.
 *   DATABASE_URL=postgres://… npx tsx bench/control-board.explain.ts [today] [runs]
 * OLD_ONLY=1 or NEW_ONLY=1 runs one of them (OLD_ONLY on a database without migration 0014).
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { NATIONAL_SCOPE } from '@esep/domain';
import { controlBoardPage } from '@esep/db';
import { controlBoardReference as oldPage } from '../apps/server/test/control-board.reference.ts';

const url = process.env.DATABASE_URL!;
const today = process.argv[2] ?? '2026-12-05';
const runs = Number(process.argv[3] ?? 5);
const pool = new pg.Pool({ connectionString: url, max: 1 });
const db = drizzle(pool);
const dialect = new PgDialect();
const { rows: [place] } = await pool.query(`select m.point_id, m.region_id from meetings m where status = 'closed' group by 1, 2 order by count(*) desc limit 1`);
const pointScope = { ...NATIONAL_SCOPE, level: 'point', ids: [place.point_id] };
const regionScope = { ...NATIONAL_SCOPE, level: 'region', ids: [place.region_id] };
async function capture(fn: typeof controlBoardPage, filter: Record<string, unknown>, area: 'region' | 'unit' | 'point' | null, scope: unknown = NATIONAL_SCOPE, page = 1) {
  let q: unknown;
  const fake = Object.create(db);
  fake.execute = async (s: unknown) => { q = s; return { rows: [{ n: 0, sum_overdue: 0, sum_open: 0, sum_done: 0, sum_verified: 0, areas: null, id: null }] }; };
  await fn(fake, scope as never, { statuses: ['protocol_signed', 'closed'], ...filter } as never, today, { page, pageSize: 25 }, area);
  return dialect.sqlToQuery(q as never);
}
const cases: Array<[string, Record<string, unknown>, 'region' | 'unit' | 'point' | null, unknown?, number?]> = [
  ['national, areas by region', {}, 'region'], ['national', {}, null], ['kind=check', { kind: 'check' }, 'region'], ['overdue', { overdue: true }, 'region'],
  ['national page 200', {}, 'region', NATIONAL_SCOPE, 200], ['national regionId', { regionId: place.region_id }, 'unit'],
  ['region scope, by unit', {}, 'unit', regionScope], ['point scope', {}, null, pointScope],
];
for (const [name, filter, area, scope, page] of cases) {
  for (const [label, fn] of (process.env.OLD_ONLY ? [['old', oldPage]] : process.env.NEW_ONLY ? [['new', controlBoardPage]] : [['old', oldPage], ['new', controlBoardPage]]) as Array<[string, unknown]>) {
    const q = await capture(fn as never, filter, area, scope, page);
    const times: number[] = [];
    let plan = '';
    for (let i = 0; i < runs; i++) {
      const r = await pool.query(`explain (analyze, buffers, timing off) ${q.sql}`, q.params as unknown[]);
      plan = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
      times.push(Number(/Execution Time: ([\d.]+)/.exec(plan)![1]));
    }
    times.sort((a, b) => a - b);
    const t0 = performance.now(); const res = (await pool.query(q.sql, q.params as unknown[])).rows; const wall = performance.now() - t0;
    const same = JSON.stringify(res.map((r: Record<string, unknown>) => ({ ...r, areas: Array.isArray(r.areas) ? [...r.areas].sort((a, b) => (a.id < b.id ? -1 : 1)) : r.areas })));
    console.log(`${name} ${label}: median ${times[Math.floor(runs / 2)]!.toFixed(1)} ms min ${times[0]!.toFixed(1)} ms (one run, client-timed ${wall.toFixed(1)} ms); rows hash ${same.length}:${[...same].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 0)}`);
    if (process.env.PLAN) console.log(plan);
  }
}
await pool.end();
