import { checks, meetingDistricts, meetingItems, meetings } from '@esep/db';
import { addDays, almatyDate, quarterEnd, quarterOf, quarterStart } from '@esep/domain';
import { and, count, gte, inArray, lt, lte, ne, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings, type BulkMeeting } from '../../test/bulk.ts';
import { parseCsv } from '../../test/csv.ts';
import { login, testApp, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter } from '../../test/meetings.ts';
import { systemContext } from '../services/context.ts';
import { complianceRows, meetingsRows, openScope, outcomesRows, type OpenRow } from '../services/opendata/opendata.service.ts';

/*
 * Issue 13, part 6: the open data sets over thousands of meetings — the keyset pages join up
 * (a file read in pages of 1,000 equals one read in pages of 97: nothing skipped or repeated),
 * the counts match the database, and the overdue follow-up comes from the control rollup.
 */
let t: TestApp;
let from: string;
let to: string;
let today: string;
const N = 3000;

beforeAll(async () => {
  t = await testApp();
  t.clock.set(earlyInQuarter(t.clock));
  today = almatyDate(t.clock.now());
  const q = quarterOf(today);
  from = quarterStart(q);
  to = quarterEnd(q);
  const admin = await login(t.app, 'admin');
  const all = (await admin.get('/api/v1/districts?pageSize=200')).json().items as Array<{ id: string }>;
  const statuses = ['protocol_signed', 'held', 'announced', 'cancelled', 'closed'] as const;
  const list: BulkMeeting[] = Array.from({ length: N }, (_, i) => {
    const status = statuses[i % statuses.length]!;
    const signed = status === 'protocol_signed' || status === 'closed';
    return {
      districtId: all[i % all.length]!.id, status, number: `SCALE-${String(i).padStart(5, '0')}`,
      startsAt: new Date(`${addDays(from, i % 80)}T${String(9 + (i % 10)).padStart(2, '0')}:00:00+05:00`),
      ...(signed ? { check: { dueDate: addDays(today, i % 3 === 0 ? -1 : 5), status: 'open' as const }, forwarding: { dueDate: addDays(today, 3), status: 'done' as const } } : {}),
    };
  });
  await insertMeetings(t.database.db, list);
}, 300_000);
afterAll(async () => { await t.close(); });

const collect = async (rows: AsyncIterable<OpenRow>) => { const out: OpenRow[] = []; for await (const r of rows) out.push(r); return out; };

describe('open data at scale', () => {
  it('meetings and outcomes: pages of 1,000 join up exactly as pages of 97, and match the database', async () => {
    const ctx = systemContext(t.database.db, t.clock);
    const scope = await openScope(ctx, {});
    const started = performance.now();
    const csv = await t.app.inject({ method: 'GET', url: '/open-data/meetings.csv' });
    const ms = Math.round(performance.now() - started);
    expect(csv.statusCode).toBe(200);
    const [, ...rows] = parseCsv(csv.body);
    const [{ n }] = await t.database.db.select({ n: count() }).from(meetingDistricts).innerJoin(meetings, eq(meetings.id, meetingDistricts.meetingId))
      .where(and(gte(meetings.startDate, from), lte(meetings.startDate, to), ne(meetings.status, 'draft'))) as [{ n: number }];
    expect(rows).toHaveLength(Number(n));
    expect(rows.length).toBeGreaterThanOrEqual(N);
    expect(new Set(rows.map((r) => `${r[0]} ${r[5]}`)).size).toBe(rows.length);
    const small = await collect(meetingsRows(ctx, scope, 97));
    expect(small.map((r) => r.meeting_number)).toEqual(rows.map((r) => r[0]));
    console.info(`open data: meetings.csv of ${rows.length} rows, ${csv.rawPayload.length} bytes, in ${ms} ms`);

    const outcomes = (await t.app.inject({ method: 'GET', url: '/open-data/outcomes.json' })).json().rows as OpenRow[];
    const signed = t.database.db.select({ id: meetings.id }).from(meetings)
      .where(and(gte(meetings.startDate, from), lte(meetings.startDate, to), inArray(meetings.status, ['protocol_signed', 'closed'])));
    const [{ items }] = await t.database.db.select({ items: count() }).from(meetingItems).where(inArray(meetingItems.meetingId, signed)) as [{ items: number }];
    expect(outcomes).toHaveLength(Number(items));
    expect(outcomes.length).toBeGreaterThan(1000);
    const smallOutcomes = await collect(outcomesRows(ctx, scope, 97));
    expect(smallOutcomes.map((r) => `${r.meeting_number}/${r.item_number}`)).toEqual(outcomes.map((r) => `${r.meeting_number}/${r.item_number}`));
  }, 120_000);

  it('compliance: the overdue checks are the open ones past due, summed from the control rollup', async () => {
    const ctx = systemContext(t.database.db, t.clock);
    const scope = await openScope(ctx, {});
    const rows = (await t.app.inject({ method: 'GET', url: '/open-data/compliance.json' })).json().rows as Array<Record<string, number | boolean | null | string>>;
    const held = t.database.db.select({ id: meetings.id }).from(meetings)
      .where(and(gte(meetings.startDate, from), lte(meetings.startDate, to), inArray(meetings.status, ['held', 'protocol_signed', 'closed'])));
    const [{ overdue }] = await t.database.db.select({ overdue: count() }).from(checks)
      .where(and(inArray(checks.meetingId, held), eq(checks.status, 'open'), lt(checks.dueDate, today))) as [{ overdue: number }];
    expect(rows.reduce((s, r) => s + Number(r.checks_overdue), 0)).toBe(Number(overdue));
    expect(Number(overdue)).toBeGreaterThan(0);
    expect(rows.reduce((s, r) => s + Number(r.forwardings_overdue), 0)).toBe(0);
    expect(rows.filter((r) => r.obligation_met).length).toBeGreaterThan(0);
    const small = await collect(complianceRows(ctx, scope, t.app.config.atRiskDays, 5));
    expect(small).toEqual(rows);
  }, 120_000);
});
