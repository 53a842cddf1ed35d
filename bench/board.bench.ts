/**
 * Dashboards at national scale: 10,000 districts with three years of meetings (two per district
 * per quarter → ~240,000 meetings), then the reads a dashboard makes, timed over repeated runs:
 * the district list (national and one unit), the quarter board (one point, one unit, one
 * region) and a month of the calendar. Target: tens of milliseconds.
 *
 *   npx tsx bench/board.bench.ts [districts] [engine: pglite|postgres]
 */
import { performance } from 'node:perf_hooks';
import {
  applyStructure, listDistricts, listMeetings, meetingDistricts, meetingInspectors, meetings, migrateDatabase, openDatabase, idsByCode,
} from '@esep/db';
import { NATIONAL_SCOPE, quarterOf, quarterKey, type Actor } from '@esep/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { obligationBoard } from '../apps/server/src/services/meeting/obligation.service.ts';
import type { ServiceContext } from '../apps/server/src/services/context.ts';
import { nationalStructure } from './national.ts';

const districtCount = Number(process.argv[2] ?? 10_000);
const engine = process.argv[3] ?? 'pglite';
const RUNS = 15;

async function openTarget() {
  if (engine !== 'postgres') return openDatabase({});
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists esep_bench with (force)');
  await admin.query('create database esep_bench');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/esep_bench';
  return openDatabase({ url: url.toString() });
}

const database = await openTarget();
await migrateDatabase(database);
const db = database.db;
const data = nationalStructure({ districts: districtCount });
let t = performance.now();
await db.transaction((tx) => applyStructure(tx, data));
console.log(`structure (${data.districts.length} districts) loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// Meetings: two per district per quarter over three years, inserted in bulk.
const districtIds = await idsByCode(db, 'districts', data.districts.map((d) => d.code));
const staffIds = await idsByCode(db, 'staff', data.assignments.map((a) => a.staffCode));
const pointIds = await idsByCode(db, 'points', data.points.map((p) => p.code));
const unitIds = await idsByCode(db, 'units', data.units.map((u) => u.code));
const regionIds = await idsByCode(db, 'regions', data.regions.map((r) => r.code));
const pointOf = new Map(data.points.map((p) => [p.code, p]));
const unitOf = new Map(data.units.map((u) => [u.code, u]));
const inspectorOf = new Map(data.assignments.filter((a) => a.role === 'inspector').map((a) => [a.districtCode, a.staffCode]));
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
const year = Number(today.slice(0, 4));
t = performance.now();
let total = 0;
for (let y = year - 2; y <= year; y++) {
  for (let q = 0; q < 4; q++) {
    for (const half of [0, 1]) {
      const rows: Array<typeof meetings.$inferInsert> = [];
      const links: Array<{ meetingId: string; districtCode: string }> = [];
      for (const d of data.districts) {
        const point = pointOf.get(d.pointCode)!;
        const unit = unitOf.get(point.unitCode)!;
        const day = 5 + ((d.code.length * 7 + half * 30) % 50);
        const start = new Date(Date.UTC(y, q * 3, day, 13, 0));
        const id = crypto.randomUUID();
        rows.push({
          id, number: `${d.code}-${y}-${q}${half}`, status: start.toISOString().slice(0, 10) < today ? 'closed' : 'scheduled', setting: 'gathering', format: 'indoor',
          venueAddress: `${d.nameRu}, клуб`, startsAt: start, endsAt: new Date(start.getTime() + 7200_000), startDate: start.toISOString().slice(0, 10),
          regionId: regionIds.get(unit.regionCode)!, unitId: unitIds.get(unit.code)!, pointId: pointIds.get(point.code)!,
        });
        links.push({ meetingId: id, districtCode: d.code });
      }
      for (let i = 0; i < rows.length; i += 2000) {
        await db.insert(meetings).values(rows.slice(i, i + 2000));
        await db.insert(meetingDistricts).values(links.slice(i, i + 2000).map((l) => ({ meetingId: l.meetingId, districtId: districtIds.get(l.districtCode)! })));
        const inspectors = links.slice(i, i + 2000).flatMap((l) => {
          const staff = inspectorOf.get(l.districtCode);
          return staff ? [{ meetingId: l.meetingId, districtId: districtIds.get(l.districtCode)!, staffId: staffIds.get(staff)! }] : [];
        });
        if (inspectors.length) await db.insert(meetingInspectors).values(inspectors);
      }
      total += rows.length;
    }
  }
}
await db.execute(sql`analyze`);
console.log(`${total} meetings inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);

async function measure(label: string, work: () => Promise<unknown>) {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(48)} p50 ${p(0.5).padStart(7)} ms   p95 ${p(0.95).padStart(7)} ms`);
}

const firstUnit = data.units[0]!;
const firstPoint = data.points[0]!;
const firstRegion = data.regions[0]!;
const scope = (level: 'unit' | 'point' | 'region', id: string): Actor['scope'] => ({ level, ids: [id], ancestors: { regionIds: [], unitIds: [], pointIds: [] } });
const ctx = (actor: Actor): ServiceContext => ({ db, actor, actorName: 'bench', clientAddress: null, now: () => new Date(), today });
const national: Actor = { id: 'bench', role: 'national_analyst', scope: NATIONAL_SCOPE };
const unitHead: Actor = { id: 'bench', role: 'unit_head', scope: scope('unit', unitIds.get(firstUnit.code)!) };
const lead: Actor = { id: 'bench', role: 'point_lead', scope: scope('point', pointIds.get(firstPoint.code)!) };
const regional: Actor = { id: 'bench', role: 'regional_head', scope: scope('region', regionIds.get(firstRegion.code)!) };
const page = { page: 1, pageSize: 25, sort: 'code' };
const quarter = quarterKey(quarterOf(today));

console.log(`\n${engine}, ${RUNS} runs each:`);
await measure('districts, national, page 1 of 25', () => listDistricts(db, NATIONAL_SCOPE, {}, page, today));
await measure('districts, national, search "№1"', () => listDistricts(db, NATIONAL_SCOPE, { q: '№1' }, page, today));
await measure('districts, one unit, page 1', () => listDistricts(db, unitHead.scope, {}, page, today));
await measure(`quarter board ${quarter}, one point (lead)`, () => obligationBoard(ctx(lead), {}, 30));
await measure(`quarter board ${quarter}, one unit (unit head)`, () => obligationBoard(ctx(unitHead), {}, 30));
await measure(`quarter board ${quarter}, one region`, () => obligationBoard(ctx(regional), {}, 30));
await measure('calendar month, national, page of 100', () => listMeetings(db, NATIONAL_SCOPE, { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-28` }, { page: 1, pageSize: 100 }));
await measure('calendar month, one unit', () => listMeetings(db, unitHead.scope, { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-28` }, { page: 1, pageSize: 100 }));
void national;
await database.close();
