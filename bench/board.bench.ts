/**
 * Dashboards at national scale: 10,000 districts with three years of meetings (two per district
 * per quarter → ~240,000 meetings), the last months' protocols with their decisions, checks and
 * forwardings (R-33), then the reads a dashboard makes, timed over repeated runs: the district
 * list, the control board and the quarter board for a national user and smaller territories,
 * the meeting search and a month of the calendar, and the venue-clash check of a meeting's page.
 *
 * Each line gives p50/p95 of the whole service call, its floor — the summed time PostgreSQL
 * itself reports (EXPLAIN ANALYZE: planning + execution) for the SQL statements that call
 * issued — and the size of the JSON answer. `BENCH_PLANS=1` also prints the plan of each
 * call's slowest statement.
 *
 *   npx tsx bench/board.bench.ts [districts] [engine: pglite|postgres]
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  applyStructure, idsByCode, listDistricts, listMeetings, meetingConflicts, meetingRow, migrateDatabase, PGLITE_EXTENSIONS, schema,
  type Database, type Db,
} from '@esep/db';
import { NATIONAL_SCOPE, quarterEnd, quarterKey, quarterOf, quarterStart, type Actor } from '@esep/domain';
import { sql } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { ServiceContext } from '../apps/server/src/services/context.ts';
import { controlBoard } from '../apps/server/src/services/followup/control.service.ts';
import { meetingDetail } from '../apps/server/src/services/meeting/meeting.view.ts';
import { obligationBoard } from '../apps/server/src/services/meeting/obligation.service.ts';
import { nationalStructure } from './national.ts';
import { sqlFloor, type Statement } from './sql.floor.ts';

const districtCount = Number(process.argv[2] ?? 10_000);
const engine = process.argv[3] ?? 'pglite';
const RUNS = 15;
const PLANS = process.env.BENCH_PLANS === '1';
const REUSE = process.env.BENCH_REUSE === '1';

/** Every statement a measured call sends, to EXPLAIN ANALYZE it afterwards. */
let captured: Statement[] | null = null;
const logger: Logger = { logQuery: (query, params) => { captured?.push({ query, params }); } };
let explainRaw: (text: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

async function openTarget(): Promise<Database> {
  if (engine !== 'postgres') {
    const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    explainRaw = async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows;
    return {
      db: drizzlePglite(client, { schema, logger }) as unknown as Db, engine: 'pglite', close: () => client.close(),
      executeSql: async (text, values) => (values?.length ? client.query(text, values) : (await client.exec(text)).at(-1) ?? { rows: [] }),
    };
  }
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  // Named after the checkout: benchmarks of two checkouts on one server never drop each other's.
  const name = `esep_bench_${createHash('sha256').update(fileURLToPath(new URL('..', import.meta.url))).digest('hex').slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  // BENCH_REUSE=1 keeps the last run's database (and its data) when there is one.
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!(REUSE && exists)) {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  }
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  explainRaw = async (text, params) => (await pool.query(text, params)).rows;
  return {
    db: drizzlePg(pool, { schema, logger }) as unknown as Db, engine: 'postgresql', close: () => pool.end(),
    executeSql: async (text, values) => pool.query(text, values?.length ? values : undefined),
  };
}

const database = await openTarget();
await migrateDatabase(database);
const db = database.db;
const data = nationalStructure({ districts: districtCount });
let t = performance.now();
const loaded = REUSE && Number((await db.execute(sql`select count(*)::int as n from meetings`) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n) > 0;
if (!loaded) await db.transaction((tx) => applyStructure(tx, data));
console.log(`structure (${data.districts.length} districts) loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

/** Bulk insert: one JSON parameter per chunk, read with the table's own row type. */
async function bulk(table: string, columns: string[], rows: Array<Record<string, unknown>>) {
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  const name = sql.raw(`"${table}"`);
  for (let i = 0; i < rows.length; i += 5000) {
    await db.execute(sql`insert into ${name} (${list}) select ${list} from json_populate_recordset(null::${name}, ${JSON.stringify(rows.slice(i, i + 5000))}::json)`);
  }
}

// Meetings: two per district per quarter over three years. Those held in the last 75 days have a
// signed protocol being executed (R-33): a decision, an item to check and one to forward, some
// done, some verified, some past due; the 180 days before them are closed with all verified.
const districtIds = await idsByCode(db, 'districts', data.districts.map((d) => d.code));
const staffIds = await idsByCode(db, 'staff', data.assignments.map((a) => a.staffCode));
const pointIds = await idsByCode(db, 'points', data.points.map((p) => p.code));
const unitIds = await idsByCode(db, 'units', data.units.map((u) => u.code));
const regionIds = await idsByCode(db, 'regions', data.regions.map((r) => r.code));
const pointOf = new Map(data.points.map((p) => [p.code, p]));
const unitOf = new Map(data.units.map((u) => [u.code, u]));
const inspectorOf = new Map(data.assignments.filter((a) => a.role === 'inspector').map((a) => [a.districtCode, a.staffCode]));
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
const dayOffset = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const executing = dayOffset(today, -75);
const executed = dayOffset(today, -255);
const year = Number(today.slice(0, 4));
t = performance.now();
let total = 0;
let protocols = 0;
let n = 0;
const meetingRows: Array<Record<string, unknown>> = [];
const districtLinks: Array<Record<string, unknown>> = [];
const inspectorLinks: Array<Record<string, unknown>> = [];
const items: Array<Record<string, unknown>> = [];
const decisions: Array<Record<string, unknown>> = [];
const controls: Array<Record<string, unknown>> = [];
const checkRows: Array<Record<string, unknown>> = [];
const forwardingRows: Array<Record<string, unknown>> = [];
const followUp = (i: number, open: number) => (i % 10 < open ? 'open' : i % 10 < 8 ? 'done' : 'verified');
for (let y = year - 2; y <= year; y++) {
  for (let q = 0; q < 4; q++) {
    for (const half of [0, 1]) {
      for (const [index, d] of data.districts.entries()) {
        const point = pointOf.get(d.pointCode)!;
        const unit = unitOf.get(point.unitCode)!;
        // Spread over the quarter's 13 weeks: some held, some ahead, whatever day the bench runs.
        const day = 1 + ((index * 7 + half * 45) % 88);
        const start = new Date(Date.UTC(y, q * 3, day, 13, 0));
        const startDate = start.toISOString().slice(0, 10);
        const id = crypto.randomUUID();
        const status = startDate >= today ? 'scheduled' : startDate >= executing ? 'protocol_signed' : 'closed';
        meetingRows.push({
          id, number: `${d.code}-${y}-${q}${half}`, status, setting: 'gathering', format: 'indoor', venue_name: 'Клуб',
          venue_address: `${d.nameRu}, клуб`, starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 7200_000).toISOString(), start_date: startDate,
          region_id: regionIds.get(unit.regionCode)!, unit_id: unitIds.get(unit.code)!, point_id: pointIds.get(point.code)!,
        });
        districtLinks.push({ meeting_id: id, district_id: districtIds.get(d.code)! });
        const staff = inspectorOf.get(d.code);
        if (staff) inspectorLinks.push({ meeting_id: id, district_id: districtIds.get(d.code)!, staff_id: staffIds.get(staff)! });
        if (status === 'protocol_signed' || (status === 'closed' && startDate >= executed)) {
          const i = n++;
          const all = status === 'closed';
          const decisionId = crypto.randomUUID();
          decisions.push({ id: decisionId, meeting_id: id, number: 1, text: 'Көше жарығын орнату', responsible: 'Әкімдік', due_date: dayOffset(startDate, 30) });
          const decisionState = all ? 'verified' : followUp(i, 5);
          if (decisionState !== 'open') controls.push({ decision_id: decisionId, meeting_id: id, done_on: dayOffset(startDate, 20), verified_at: decisionState === 'verified' ? start.toISOString() : null });
          const checkItem = crypto.randomUUID();
          const forwardItem = crypto.randomUUID();
          items.push({ id: checkItem, meeting_id: id, number: 1, kind: 'complaint', text: 'Жарық жоқ', topic: 'public_order', resolution: 'to_check' });
          items.push({ id: forwardItem, meeting_id: id, number: 2, kind: 'question', text: 'Жол жөндеу', topic: 'public_order', resolution: 'to_forward' });
          checkRows.push({
            id: crypto.randomUUID(), item_id: checkItem, meeting_id: id, opened_on: startDate, due_date: dayOffset(startDate, 21), original_due_date: dayOffset(startDate, 21),
            status: all ? 'verified' : followUp(i + 3, 4),
          });
          forwardingRows.push({ id: crypto.randomUUID(), item_id: forwardItem, meeting_id: id, due_date: dayOffset(startDate, 5), status: all ? 'verified' : followUp(i + 7, 3) });
          if (!all) protocols++;
        }
      }
      total += data.districts.length;
    }
  }
}
if (!loaded) {
await bulk('meetings', ['id', 'number', 'status', 'setting', 'format', 'venue_name', 'venue_address', 'starts_at', 'ends_at', 'start_date', 'region_id', 'unit_id', 'point_id'], meetingRows);
await bulk('meeting_districts', ['meeting_id', 'district_id'], districtLinks);
await bulk('meeting_inspectors', ['meeting_id', 'district_id', 'staff_id'], inspectorLinks);
await bulk('meeting_items', ['id', 'meeting_id', 'number', 'kind', 'text', 'topic', 'resolution'], items);
await bulk('meeting_decisions', ['id', 'meeting_id', 'number', 'text', 'responsible', 'due_date'], decisions);
await bulk('decision_controls', ['decision_id', 'meeting_id', 'done_on', 'verified_at'], controls);
await bulk('checks', ['id', 'item_id', 'meeting_id', 'opened_on', 'due_date', 'original_due_date', 'status'], checkRows);
await bulk('forwardings', ['id', 'item_id', 'meeting_id', 'due_date', 'status'], forwardingRows);
await db.execute(sql`analyze`);
}
console.log(`${total} meetings (${loaded ? 'reused from the last run; ' : ''}${protocols} protocols being executed, ${decisions.length + checkRows.length + forwardingRows.length} control records) inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);

/** EXPLAIN ANALYZE of every statement the call sent: what the database alone needs (sql.floor.ts). */
const floorOf = (statements: Statement[]) => sqlFloor(explainRaw, statements);

/** `BENCH_ONLY='quarter|meeting page'` measures only the lines whose label contains one of these. */
const ONLY = process.env.BENCH_ONLY?.split('|').map((s) => s.trim()).filter(Boolean);

async function measure(label: string, work: () => Promise<unknown>, planOf?: (query: string) => boolean, perStatement = false) {
  if (ONLY && !ONLY.some((o) => label.includes(o))) return null;
  const first = await work();
  const bytes = Buffer.byteLength(JSON.stringify(first));
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  captured = [];
  await work();
  const statements = captured;
  captured = null;
  // The floor's best of three: the machine is shared, the least disturbed run is the floor.
  const floors = [await floorOf(statements), await floorOf(statements), await floorOf(statements)].sort((a, b) => a.ms - b.ms);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const p = (q: number) => at(q).toFixed(1);
  const size = bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`;
  const floor = floors[0]!.ms;
  console.log(`${label.padEnd(58)} p50 ${p(0.5).padStart(7)} ms   p95 ${p(0.95).padStart(7)} ms   p99 ${p(0.99).padStart(7)} ms   floor ${floor.toFixed(1).padStart(6)} ms (${statements.length} stmt)   p95/floor ${(at(0.95) / Math.max(floor, 0.01)).toFixed(1).padStart(5)}×   ${size.padStart(8)}`);
  if (perStatement || process.env.BENCH_STATEMENTS === '1') {
    // Each statement's own time (best of three), slowest first: where a page's time goes.
    const each = await Promise.all(statements.map(async (s) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) best = Math.min(best, (await floorOf([s])).ms);
      return { ms: best, query: s.query.replace(/\s+/g, ' ').slice(0, 110) };
    }));
    for (const e of each.sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(`    ${e.ms.toFixed(2).padStart(7)} ms  ${e.query}`);
  }
  const shown = planOf ? statements.find((s) => planOf(s.query)) : floors[0]!.slowest;
  if (PLANS && shown) {
    const s = { ms: floors[0]!.slowest?.ms ?? 0, ...shown };
    const rows = await explainRaw(`explain (analyze, costs off, timing off, summary on) ${s.query}`, s.params);
    const line = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}...` : text);
    console.log(`  ${planOf ? 'statement' : `slowest statement (${s.ms.toFixed(1)} ms)`}:\n${rows.map((r) => `    ${line(String(r['QUERY PLAN']))}`).join('\n')}`);
  }
  return first;
}

const firstUnit = data.units[0]!;
const firstPoint = data.points[0]!;
const firstRegion = data.regions[0]!;
const scope = (level: 'unit' | 'point' | 'region', id: string): Actor['scope'] => ({ level, ids: [id], ancestors: { regionIds: [], unitIds: [], pointIds: [] } });
const ctx = (actor: Actor): ServiceContext => ({ db, actor, actorName: 'bench', clientAddress: null, now: () => new Date(), today, locale: 'ru' });
const national: Actor = { id: 'bench', role: 'national_analyst', scope: NATIONAL_SCOPE };
const unitHead: Actor = { id: 'bench', role: 'unit_head', scope: scope('unit', unitIds.get(firstUnit.code)!) };
const lead: Actor = { id: 'bench', role: 'point_lead', scope: scope('point', pointIds.get(firstPoint.code)!) };
const regional: Actor = { id: 'bench', role: 'regional_head', scope: scope('region', regionIds.get(firstRegion.code)!) };
const page = { page: 1, pageSize: 25, sort: 'code' };
const quarter = quarterKey(quarterOf(today));
const control = (actor: Actor, query: Record<string, unknown> = {}) => controlBoard(ctx(actor), { status: 'open', page: 1, pageSize: 20, ...query } as never);
const obligations = (actor: Actor, query: Record<string, unknown> = {}) => obligationBoard(ctx(actor), { page: 1, pageSize: 25, ...query } as never, 30);
const month = { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-28` };

console.log(`\n${engine}, ${RUNS} runs each:`);
// The machine's floor in this run: one round trip to the database and back through the driver.
await measure('floor: one round trip (select 1)', () => db.execute(sql`select 1`));
await measure('districts, national, page 1 of 25', () => listDistricts(db, NATIONAL_SCOPE, {}, page, today));
await measure('districts, national, search "№1234"', () => listDistricts(db, NATIONAL_SCOPE, { q: '№1234' }, page, today));
await measure('districts, one unit, page 1', () => listDistricts(db, unitHead.scope, {}, page, today));
const board = await measure('control board, national, being executed, page 1 of 20', () => control(national)) as { total?: number; meetings: unknown[] } | null;
if (board) console.log(`  (${board.total ?? board.meetings.length} meetings on the board, ${board.meetings.length} in the answer)`);
await measure('control board, national, overdue checks only', () => control(national, { overdue: 'true', kind: 'check' }));
await measure('control board, national, all protocols', () => control(national, { status: 'all' }));
await measure('control board, one region', () => control(regional));
await measure('control board, one point (lead)', () => control(lead));
const quarterBoard = await measure(`quarter board ${quarter}, national, summary + page 1 of 25`, () => obligations(national)) as { total?: number; districts: unknown[] } | null;
if (quarterBoard) console.log(`  (${quarterBoard.total ?? quarterBoard.districts.length} districts on the board, ${quarterBoard.districts.length} in the answer)`);
const second = await obligations(national) as { nextCursor?: string | null };
if (second.nextCursor) await measure(`quarter board ${quarter}, national, next page (cursor)`, () => obligations(national, { cursor: second.nextCursor }));
await measure(`quarter board ${quarter}, national, at risk, by name`, () => obligations(national, { status: 'at_risk', sort: 'nameRu' }));
await measure(`quarter board ${quarter}, national, search "№12"`, () => obligations(national, { q: '№12' }));
await measure(`quarter board ${quarter}, one region`, () => obligations(regional));
await measure(`quarter board ${quarter}, national drilled to a region`, () => obligations(national, { regionId: regionIds.get(firstRegion.code)! }));
await measure(`quarter board ${quarter}, one unit (unit head)`, () => obligations(unitHead));
await measure(`quarter board ${quarter}, one point (lead)`, () => obligations(lead));
await measure('meetings, national, search "№1234"', () => listMeetings(db, NATIONAL_SCOPE, { q: '№1234' } as never, { page: 1, pageSize: 25 }));
await measure('meetings, national, search number "P07-D03"', () => listMeetings(db, NATIONAL_SCOPE, { q: 'P07-D03' } as never, { page: 1, pageSize: 25 }));
await measure('calendar month, national, page of 100', () => listMeetings(db, NATIONAL_SCOPE, month, { page: 1, pageSize: 100 }));
await measure('calendar month, one unit', () => listMeetings(db, unitHead.scope, month, { page: 1, pageSize: 100 }));
const [sample] = await db.execute(sql`select id from meetings where start_date >= ${today} order by start_date limit 1`).then((r) => (r as unknown as { rows: Array<{ id: string }> }).rows);
const meeting = (await meetingRow(db, sample!.id))!;
const meetingQuarter = quarterOf(meeting.startDate);
// The plan shown is the venue's: it must read meetings_venue_time_idx, not every meeting.
// The meeting page (GET /api/v1/meetings/:id) of a signed meeting with its decisions and follow-up, statement by statement.
const [signed] = await db.execute(sql`select m.id from meetings m join checks c on c.meeting_id = m.id where m.status = 'protocol_signed' order by m.start_date desc limit 1`).then((r) => (r as unknown as { rows: Array<{ id: string }> }).rows);
await measure('meeting page, upcoming meeting (national user)', () => meetingDetail(ctx(national), sample!.id), undefined, true);
await measure('meeting page, signed protocol (national user)', () => meetingDetail(ctx(national), signed!.id), undefined, true);
await measure('venue, inspector and quarter clashes of one meeting', () => meetingConflicts(db, meeting, quarterStart(meetingQuarter), quarterEnd(meetingQuarter)), (query) => query.includes('tstzrange'));
await database.close();
