import {
  checks, controlAreaDues, controlAreaFacts, controlBoardPage, decisionControls, forwardings, meetingControlFacts, meetingDecisions, meetings,
  type ControlFilter,
} from '@esep/db';
import { addDays, NATIONAL_SCOPE, type Scope } from '@esep/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings, type BulkMeeting } from '../../test/bulk.ts';
import { controlBoardReference } from '../../test/control-board.reference.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { meetingDates } from '../../test/meetings.ts';

/*
 * R-33 from meeting_control_facts (migration 0014): after each change to a meeting's records or
 * to the meeting itself, the facts (per meeting, and summed per area) equal a recomputation from
 * the base tables, and the board read from them equals the board computed from the records at
 * each request (the query it replaced), figure for figure: every filter, scope, area and page, on
 * several days.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let today: string;
let generated: string[];

const SIGNED = ['protocol_signed', 'closed'] as const;

/** The facts as kept, and as recomputed from scratch (in a transaction rolled back). */
async function factsConsistent() {
  const read = async (db: typeof t.database.db) => ({
    meetings: (await db.select().from(meetingControlFacts)).map((f) => JSON.stringify(f)).sort(),
    areas: (await db.select().from(controlAreaFacts)).map((f) => JSON.stringify(f)).sort(),
    dues: (await db.select().from(controlAreaDues)).map((f) => JSON.stringify(f)).sort(),
  });
  const kept = await read(t.database.db);
  let fresh: Awaited<ReturnType<typeof read>> | null = null;
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`delete from meeting_control_facts`);
    await tx.execute(sql`delete from control_area_facts`);
    await tx.execute(sql`delete from control_area_dues`);
    await tx.execute(sql`select meeting_control_refresh(array_agg(id), false) from meetings`);
    fresh = await read(tx as never);
    tx.rollback();
  }).catch((e: Error) => { if (!/rollback/i.test(e.message)) throw e; });
  expect(kept.meetings.length).toBeGreaterThan(0);
  expect(kept.areas.length).toBeGreaterThan(0);
  expect(kept.dues.length).toBeGreaterThan(0);
  expect(kept).toEqual(fresh);
}

const sorted = <T extends { areas: Array<{ id: string }> }>(b: T) => ({ ...b, areas: [...b.areas].sort((x, y) => x.id.localeCompare(y.id)) });

/** The board from the facts equals the board from the records, for the filters, scopes, areas and pages asked. */
async function boardsEqual(days = [today], full = true) {
  const point = (await t.database.db.select({ p: meetings.pointId, u: meetings.unitId, r: meetings.regionId }).from(meetings).where(eq(meetings.id, generated[0]!)))[0];
  const scopes: Scope[] = [NATIONAL_SCOPE, { ...NATIONAL_SCOPE, level: 'point', ids: [point!.p] }, ...(full ? [{ ...NATIONAL_SCOPE, level: 'region' as const, ids: [point!.r] }] : [])];
  const filters: Array<Omit<ControlFilter, 'statuses'>> = [
    {}, { kind: 'decision' }, { kind: 'check' }, { kind: 'forwarding' }, { overdue: true }, { overdue: true, kind: 'check' },
    { unitId: point!.u }, { districtId: ids['ALM-KAR-P2-D02'] }, { staffId: c.inspector!.user.staffId! }, { pointId: point!.p, kind: 'decision' },
  ];
  for (const day of days) {
    for (const scope of scopes) {
      for (const filter of filters) {
        for (const statuses of full ? [SIGNED, ['closed'] as const] : [SIGNED]) {
          for (const area of full ? ['region', 'point', null] as const : ['point'] as const) {
            for (const request of full ? [{ page: 1, pageSize: 7 }, { page: 3, pageSize: 5 }, { page: 1, pageSize: 1000 }] : [{ page: 1, pageSize: 1000 }]) {
              const args = [scope, { ...filter, statuses }, day, request, area] as const;
              const label = JSON.stringify({ day, scope: scope.level, filter, statuses, area, request });
              expect(sorted(await controlBoardPage(t.database.db, ...args)), label).toEqual(sorted(await controlBoardReference(t.database.db, ...args)));
            }
          }
        }
      }
    }
  }
}

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  today = meetingDates(t.clock).today;
  const places = ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02', 'ALM-KAR-P2-D03', 'ALM-TAL-P1-D01'].map((code) => ids[code]!);
  const list = Array.from({ length: 90 }, (_, i): BulkMeeting => ({
    districtId: places[i % 4]!, staffId: i % 4 === 0 ? c.inspector!.user.staffId! : undefined,
    status: i % 9 === 0 ? 'held' : i % 3 === 0 ? 'closed' : 'protocol_signed',
    startsAt: new Date(`${addDays(today, -1 - (i % 13))}T10:00:00+05:00`),
    decision: i % 8 === 7 ? undefined : { dueDate: addDays(today, (i % 17) - 8), state: i % 7 === 0 ? 'verified' : i % 5 === 0 ? 'done' : 'open' },
    check: i % 3 === 0 ? { dueDate: addDays(today, (i % 11) - 5), status: i % 4 === 0 ? 'verified' : i % 4 === 1 ? 'done' : 'open' } : undefined,
    forwarding: i % 5 === 0 ? { dueDate: addDays(today, (i % 6) - 3), status: i % 2 === 0 ? 'open' : 'done' } : undefined,
  }));
  generated = await insertMeetings(t.database.db, list);
  // Meetings with several records of a kind: open ones due today (not overdue yet), yesterday and later.
  await t.database.db.insert(meetingDecisions).values(generated.flatMap((meetingId, i) => (i % 4 === 1 ? [
    { meetingId, number: 2, text: 'Жарықтандыру', responsible: 'Әкімдік', dueDate: today },
    ...(i % 8 === 1 ? [{ meetingId, number: 3, text: 'Жарықтандыру', responsible: 'Әкімдік', dueDate: addDays(today, -1) }] : []),
    ...(i % 3 === 1 ? [{ meetingId, number: 4, text: 'Жарықтандыру', responsible: 'Әкімдік', dueDate: addDays(today, 1) }] : []),
  ] : [])));
}, 300_000);
afterAll(async () => { await t.close(); });

describe('the control board from meeting_control_facts (R-33)', () => {
  it('equals the board computed from the records, for every filter, scope, area and page, on several days', async () => {
    await factsConsistent();
    await boardsEqual([today, addDays(today, -6), addDays(today, 9)]);
  }, 300_000);

  it('keeps the facts current through each change to the records and the meetings, in the same transaction', async () => {
    const db = t.database.db;
    const step = async () => { await factsConsistent(); await boardsEqual([today], false); };
    const [signed] = await db.select().from(meetings).where(inArray(meetings.id, generated)).then((r) => r.filter((m) => m.status === 'protocol_signed'));
    // A decision added, its execution marked, then verified.
    const [decision] = await db.insert(meetingDecisions).values({ meetingId: signed!.id, number: 9, text: 'Бейнебақылау', responsible: 'Әкімдік', dueDate: addDays(today, -2) }).returning();
    await step();
    await db.insert(decisionControls).values({ decisionId: decision!.id, meetingId: signed!.id, doneOn: today });
    await step();
    await db.update(decisionControls).set({ verifiedAt: new Date() }).where(eq(decisionControls.decisionId, decision!.id));
    await step();
    // A decision's due date moved; a check closed; a forwarding sent, then verified.
    await db.update(meetingDecisions).set({ dueDate: addDays(today, 20) }).where(eq(meetingDecisions.meetingId, generated[1]!));
    await step();
    const [check] = await db.select().from(checks).where(eq(checks.status, 'open')).limit(1);
    await db.update(checks).set({ status: 'done', closedAt: new Date() }).where(eq(checks.id, check!.id));
    await step();
    const [forwarding] = await db.select().from(forwardings).where(eq(forwardings.status, 'open')).limit(1);
    await db.update(forwardings).set({ status: 'done', sentOn: today }).where(eq(forwardings.id, forwarding!.id));
    await step();
    await db.update(forwardings).set({ status: 'verified', verifiedAt: new Date() }).where(eq(forwardings.id, forwarding!.id));
    await step();
    // Many records in one statement (several meetings, several areas).
    await db.update(checks).set({ dueDate: addDays(today, -1) }).where(inArray(checks.meetingId, generated.slice(0, 30)));
    await step();
    // A meeting's status changed: closed; back to held (off the board); signed again.
    await db.update(meetings).set({ status: 'closed' }).where(eq(meetings.id, signed!.id));
    await step();
    await db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, signed!.id));
    await step();
    await db.update(meetings).set({ status: 'protocol_signed' }).where(inArray(meetings.id, [signed!.id, generated[0]!]));
    await step();
    // A meeting moved to another point (its area changes); its number changed.
    const [other] = await db.select().from(meetings).where(eq(meetings.id, generated[3]!));
    await db.update(meetings).set({ pointId: other!.pointId, unitId: other!.unitId, regionId: other!.regionId, number: `${signed!.number}-M` }).where(eq(meetings.id, signed!.id));
    await step();
    // Records removed: an execution mark, a decision, a check; then a whole meeting.
    await db.delete(decisionControls).where(eq(decisionControls.decisionId, decision!.id));
    await step();
    await db.delete(meetingDecisions).where(eq(meetingDecisions.id, decision!.id));
    await step();
    await db.delete(checks).where(eq(checks.id, check!.id));
    await step();
    await db.delete(meetings).where(eq(meetings.id, generated[6]!));
    await step();
  }, 600_000);
});
