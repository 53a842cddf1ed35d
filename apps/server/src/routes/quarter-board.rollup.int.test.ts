import { announcements, boardDistricts, boardMeetings, districtQuarterFacts, meetingLateEntries, meetings, users } from '@esep/db';
import {
  addDays, districtObligation, NATIONAL_SCOPE, OBLIGATION_STATUSES, quarterEnd, quarterKey, quarterOf, quarterStart, type Actor, type ObligationStatus,
} from '@esep/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings, type BulkMeeting } from '../../test/bulk.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';
import type { ServiceContext } from '../services/context.ts';
import { obligationBoard } from '../services/meeting/obligation.service.ts';

/*
 * from district_quarter_facts: the board's counts equal the domain's statuses worked out
 * district by district from the meetings (brute force), on any day of the quarter and after it;
 * keyset pages cover every district exactly once in every order; the board is scoped to the
 * user's territory; and the facts stay equal to a recomputation from scratch after each step of
 * a meeting's life (plan, schedule, announce, postpone, hold, sign, cancel, entry after the fact).
 */
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { today, plan, at } = meetingDates(clock);
const quarter = quarterOf(today);
const AT_RISK = 30;

let t: TestApp;
const c: Record<string, Client> = {};
type District = { id: string; code: string; point: { id: string }; unit: { id: string }; inspector: { id: string } | null };
let all: District[];

const national: Actor = { id: 'test', role: 'national_analyst', scope: NATIONAL_SCOPE };
const ctxOn = (day: string): ServiceContext => ({ db: t.database.db, actor: national, actorName: 'test', clientAddress: null, now: () => clock.now(), today: day, locale: 'ru' });
const emptyCounts = () => Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;

/** The domain's status of every district, from all the quarter's meetings: what the board must agree with. */
async function bruteForce(day: string) {
  const districts = await boardDistricts(t.database.db, NATIONAL_SCOPE, {}, day);
  const list = await boardMeetings(t.database.db, NATIONAL_SCOPE, {}, quarterStart(quarter), quarterEnd(quarter));
  const facts = list.map((m) => ({ ...m, districtIds: m.districtIds, reportingStaffIds: m.staffIds }));
  const status = new Map(districts.map((d) => [d.id, districtObligation(quarter, day, AT_RISK, d.id, facts).status]));
  const counts = emptyCounts();
  for (const s of status.values()) counts[s]++;
  return { status, counts };
}

/** The facts as kept, and as recomputed from scratch (in a transaction rolled back). */
async function factsConsistent() {
  const read = async (db: typeof t.database.db) => (await db.select().from(districtQuarterFacts))
    .map((f) => JSON.stringify([f.quarterStart, f.districtId, f.signed, f.held, f.noticedUntil, f.unnoticedUntil])).sort();
  const kept = await read(t.database.db);
  let fresh: string[] = [];
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`select district_quarter_refresh(array_agg(id), array_agg(null::date)) from districts`);
    fresh = await read(tx as never);
    tx.rollback();
  }).catch((e: Error) => { if (!/rollback/i.test(e.message)) throw e; });
  expect(kept).toEqual(fresh);
}

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'regional', 'lead', 'inspector']) c[name] = await login(t.app, name);
  all = (await c.admin!.get('/api/v1/districts?pageSize=200')).json().items;
  // A spread of the quarter's situations, one pattern per district.
  const rows = all.filter((d) => d.inspector).flatMap((d, i): BulkMeeting[] => {
    const base = { districtId: d.id, staffId: d.inspector!.id };
    switch (i % 7) {
      case 1: return [{ ...base, status: 'protocol_signed' as const, startsAt: new Date(`${addDays(today, -1)}T08:00:00Z`) }];
      case 2: return [{ ...base, status: 'held' as const, startsAt: new Date(`${addDays(today, -1)}T08:00:00Z`) }];
      case 3: return [{ ...base, status: 'scheduled' as const, startsAt: new Date(`${addDays(today, 40)}T08:00:00Z`) }];
      case 4: return [{ ...base, status: 'announced' as const, startsAt: new Date(`${addDays(today, 4)}T08:00:00Z`) }];
      case 5: return [{ ...base, status: 'cancelled' as const, startsAt: new Date(`${addDays(today, 30)}T08:00:00Z`) },
        { ...base, status: 'held' as const, startsAt: new Date(`${addDays(today, -40)}T08:00:00Z`) }];
      case 6: return [{ ...base, status: 'scheduled' as const, startsAt: new Date(`${addDays(today, 60)}T08:00:00Z`) }];
      default: return [];
    }
  });
  const ids = await insertMeetings(t.database.db, rows);
  // Pattern 4: half of them announced in time; pattern 2: one held meeting entered late, not confirmed.
  const announced = rows.map((r, i) => ({ r, id: ids[i]! })).filter(({ r }) => r.status === 'announced');
  for (const { id } of announced.filter((_, i) => i % 2 === 0)) {
    await t.database.db.insert(announcements).values({ meetingId: id, channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(today, -20) });
  }
  const held = ids[rows.findIndex((r) => r.status === 'held')]!;
  const [admin] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  await t.database.db.insert(meetingLateEntries).values({ meetingId: held, reason: 'Кейін енгізілді', enteredBy: admin!.id, enteredByName: 'Әкімші', enteredAt: clock.now(), updatedAt: clock.now() });
}, 180_000);
afterAll(async () => { await t.close(); });

describe('the quarter board from district_quarter_facts (R-22.13)', () => {
  it('counts equal the domain\'s district by district, on any day of the quarter and after it', async () => {
    const days = [today, addDays(quarterEnd(quarter), -45), addDays(quarterEnd(quarter), -15), addDays(quarterEnd(quarter), -9), addDays(quarterEnd(quarter), 3), addDays(quarterStart(quarter), -5)];
    for (const day of days) {
      const expected = await bruteForce(day);
      const board = await obligationBoard(ctxOn(day), { quarter: quarterKey(quarter), pageSize: 200 }, AT_RISK);
      expect(board.counts, day).toEqual(expected.counts);
      expect(board.total).toBe(all.length);
      for (const row of board.districts) expect(row.status, `${day} ${row.district.code}`).toBe(expected.status.get(row.district.id));
      for (const area of board.areas!.items) expect(Object.values(area.counts).reduce((a, b) => a + b, 0)).toBe(area.total);
    }
    // The data covers the statuses the facts decide.
    const early = await bruteForce(today);
    for (const s of ['met', 'held', 'scheduled', 'open'] as const) expect(early.counts[s], s).toBeGreaterThan(0);
  });

  it('keyset pages cover every district exactly once, in every order and with a status filter', async () => {
    const { counts } = await obligationBoard(ctxOn(today), {}, AT_RISK);
    for (const query of [{ sort: 'code' }, { sort: '-code' }, { sort: 'nameRu' }, { sort: '-nameKk' }, { sort: 'status' }, { sort: '-status' }, { status: 'met' as const }, { status: 'open' as const, sort: '-status' }]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let total = 0;
      for (let guard = 0; guard < 50; guard++) {
        const page = await obligationBoard(ctxOn(today), { ...query, pageSize: 4, cursor }, AT_RISK);
        total = page.total;
        seen.push(...page.districts.map((d) => d.district.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size, JSON.stringify(query)).toBe(seen.length);
      expect(seen.length).toBe(query.status ? counts[query.status] : all.length);
      expect(total).toBe(seen.length);
    }
    expect((await c.regional!.get('/api/v1/obligations?cursor=bm90LWEta2V5')).statusCode).toBe(400);
  });

  it('shows a point lead only his point and a regional head his region', async () => {
    const lead = (await c.lead!.get('/api/v1/obligations?pageSize=200')).json();
    const mine = all.filter((d) => d.point.id === c.lead!.user.territoryId);
    expect(mine.length).toBeGreaterThan(0);
    expect(lead.total).toBe(mine.length);
    expect(lead.districts.map((d: { district: { id: string } }) => d.district.id).sort()).toEqual(mine.map((d) => d.id).sort());
    expect(lead.inspectors).not.toBeNull();
    const regional = (await c.regional!.get('/api/v1/obligations?pageSize=1')).json();
    const region = (await c.regional!.get('/api/v1/districts?pageSize=200')).json().items as District[];
    expect(regional.total).toBe(region.length);
    expect(regional.areas.items.reduce((n: number, a: { total: number }) => n + a.total, 0)).toBe(region.length);
    // A region's board drills down: the inspectors and clashes come with a unit.
    expect(regional.inspectors).toBeNull();
    const unit = (await c.regional!.get(`/api/v1/obligations?unitId=${region[0]!.unit.id}`)).json();
    expect(unit.inspectors).not.toBeNull();
    expect(unit.conflicts).not.toBeNull();
  });

  it('keeps the facts current through a meeting\'s life, in the same transaction as each change', async () => {
    const district = all.find((d) => d.code === 'ALM-KAR-P2-D01')!;
    const statusOf = async () => (await obligationBoard(ctxOn(today), { districtId: district.id }, AT_RISK)).districts[0]!.status;
    const step = async (expected: ObligationStatus) => {
      await factsConsistent();
      expect(await statusOf()).toBe(expected);
      expect(await statusOf()).toBe((await bruteForce(today)).status.get(district.id));
    };
    const before = await statusOf();
    const draft = (await c.inspector!.send('POST', '/api/v1/meetings', plan(district.id, { startsAt: at(20, 18), endsAt: at(20, 20) }))).json();
    await step(before);
    const send = (action: string, extra: Record<string, unknown> = {}) => c.inspector!.send('POST', `/api/v1/meetings/${draft.id}/transitions`, { action, ...extra });
    expect((await send('schedule')).json().status).toBe('scheduled');
    await step('scheduled');
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${draft.id}/announcements`, { channel: 'mass_media', outlet: 'Газет', publishedOn: today })).statusCode).toBe(201);
    expect((await send('announce')).json().status).toBe('announced');
    await step('scheduled');
    expect((await send('postpone', { reason: 'Су тасқыны', startsAt: at(50, 18), endsAt: at(50, 20) })).json().status).toBe('postponed');
    await step('scheduled');
    await c.inspector!.send('POST', `/api/v1/meetings/${draft.id}/announcements`, { channel: 'mass_media', outlet: 'Газет', publishedOn: today });
    expect((await send('announce')).json().status).toBe('announced');
    // The meeting has started (moved in the database, as time would), then held.
    await t.database.db.update(meetings).set({ startsAt: new Date(clock.now().getTime() - 3600_000), endsAt: new Date(clock.now().getTime() + 3600_000), startDate: today }).where(eq(meetings.id, draft.id));
    await step('scheduled');
    expect((await send('hold')).json().status).toBe('held');
    await step('held');
    // Signing needs the protocol's signature flow; the status it leaves is what counts here.
    await t.database.db.update(meetings).set({ status: 'protocol_signed' }).where(eq(meetings.id, draft.id));
    await step('met');
    await t.database.db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, draft.id));
    const [admin] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
    await t.database.db.insert(meetingLateEntries).values({ meetingId: draft.id, reason: 'Кейін', enteredBy: admin!.id, enteredByName: 'Әкімші', enteredAt: clock.now(), updatedAt: clock.now() });
    await step(before);
    await t.database.db.update(meetingLateEntries).set({ status: 'confirmed' }).where(eq(meetingLateEntries.meetingId, draft.id));
    await step('held');
    const other = (await c.inspector!.send('POST', '/api/v1/meetings', plan(district.id, { startsAt: at(30, 18), endsAt: at(30, 20) }))).json();
    await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'schedule' });
    await step('held');
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'cancel', reason: 'Қайталанған' })).json().status).toBe('cancelled');
    await step('held');
  });
});
