import { checks, districts, forwardings, meetingItems, meetings, participants, residentQuestions, stateBodies } from '@esep/db';
import { addDays, quarterStart } from '@esep/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings } from '../../test/bulk.ts';
import { analyticsDistricts, analyticsQuarters, instant, type District } from '../../test/analytics.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

/*
 * Issue 15: GET /api/v1/analytics/participation and /items (and the format filter of
 * /compliance) against hand-counted figures. Districts A and B of the point lead's point, C of
 * another point of the same unit; every district of the unit has no population on record except
 * A (5,000) and B (3,000). The clock is early in a quarter; `day` is 30 days before it starts.
 *
 *   previous quarter
 *     M1 A closed, indoor — 3 residents + 1 police leadership (4)
 *        i1 complaint public_order to_check: check verified, answer sent day+5, due day+10 → on time
 *        i2 question  road_safety  to_forward: body X, sent, initiator (registered) notified → notified
 *        i3 proposal  public_order answered: a resident's verdict "resolved"
 *     M2 B protocol signed, online — 2 residents + 1 akimat (3)
 *        i4 complaint road_safety  to_check: check done (closed day+15), due day+10 → overdue (late)
 *        i5 remark    public_order to_check: check open, due day+10 (past) → overdue
 *        i6 question  youth        to_forward: body X, not sent → not notified; a verdict "not resolved"
 *     M3 C held, open air — 4 residents (4)
 *        i7 complaint public_order to_check: check open, due today+10 → open
 *        i8 question  road_safety  to_forward: body Y, sent, no registered initiator → notified
 *        i9 proposal  youth        to_forward: no body chosen yet → in the total only
 *     M4 A practice (closed) and M5 B cancelled, each with 2 residents and an item: never counted
 *   this quarter
 *     M7 joint A + C, protocol signed, hybrid — 2 residents + 1 police leadership (3)
 *        i10 remark public_order answered
 *
 * Point lead, previous quarter (M1, M2): 2 meetings, 7 participants (3.5 per meeting), 5 residents;
 *   population 8,000 (A + B) → 5 per 8,000 = 0.63 per 1,000; A: 4 / 3 res. / 5,000 → 0.6; B: 3 / 2 / 3,000 → 0.67.
 *   Items 6: complaint 2, proposal 1, remark 1, question 2; public_order 3, road_safety 2, youth 1;
 *   answered 1, to_check 3, to_forward 2; checks 1 on time, 2 overdue, 0 open; forwardings 2, 1 notified,
 *   X 2 (1 notified); verdicts 1 resolved, 1 not resolved.
 * Unit head, previous quarter (M1–M3): 3 meetings, 11 participants (3.7), 9 residents; population 8,000,
 *   residents of meetings in a district with a known population 5 → 0.63; point C: population unknown → null.
 *   Items 9: complaint 3, proposal 2, remark 1, question 3; public_order 4, road_safety 3, youth 2;
 *   answered 1, to_check 4, to_forward 4; checks 1/2/1; forwardings 4, 2 notified: X 2 (1), Y 1 (1).
 * This quarter M7 counts once for the unit and once for each of points A and C.
 */
const clock = new TestClock();
const { today, current, Q, P } = analyticsQuarters(clock);

let t: TestApp;
const c: Record<string, Client> = {};
let all: District[];
let A: District, B: District, C: District;
let X: string, Y: string;

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'chief', 'lead']) c[name] = await login(t.app, name);
  ({ all, A, B, C } = await analyticsDistricts(c.admin!, c.lead!));
  const db = t.database.db;
  await db.update(districts).set({ population: null }).where(inArray(districts.id, all.filter((d) => d.unit.id === A.unit.id).map((d) => d.id)));
  await db.update(districts).set({ population: 5000 }).where(eq(districts.id, A.id));
  await db.update(districts).set({ population: 3000 }).where(eq(districts.id, B.id));

  const day = addDays(quarterStart(current), -30);
  const [m1, m2, m3, m4, m5] = await insertMeetings(db, [
    { districtId: A.id, staffId: A.inspector!.id, status: 'closed', startsAt: instant(day) },
    { districtId: B.id, staffId: B.inspector!.id, status: 'protocol_signed', startsAt: instant(day) },
    { districtId: C.id, staffId: C.inspector!.id, status: 'held', startsAt: instant(day) },
    { districtId: A.id, staffId: A.inspector!.id, status: 'closed', startsAt: instant(addDays(day, 2)) },
    { districtId: B.id, staffId: B.inspector!.id, status: 'cancelled', startsAt: instant(addDays(day, 3)) },
  ]) as [string, string, string, string, string];
  const [m7] = await insertMeetings(db, [{ districtId: A.id, staffId: A.inspector!.id, status: 'protocol_signed', startsAt: instant(addDays(today, -1)) }]) as [string];
  await db.execute(sql`insert into meeting_districts (meeting_id, district_id) values (${m7}, ${C.id})`);
  for (const [ids, format] of [[[m2], 'online'], [[m3], 'open_air'], [[m7], 'hybrid']] as const) await db.update(meetings).set({ format }).where(inArray(meetings.id, [...ids]));
  await db.update(meetings).set({ practice: true }).where(eq(meetings.id, m4));
  await db.execute(sql`select district_quarter_refresh(array_agg(id), array_agg(null::date)) from districts`);

  let n = 0;
  const people = (meetingId: string, category: 'resident' | 'police_leadership' | 'akimat', count: number) => Array.from({ length: count }, () => {
    n++;
    return {
      id: crypto.randomUUID(), meetingId, number: n, fullName: `Қатысушы ${n}`, category, consentVersion: 'v1', consentAt: clock.now(), arrivedAt: clock.now(),
      attendance: 'in_person' as const, channel: 'staff' as const, personKey: `person-${n}`,
    };
  });
  const r1 = people(m1, 'resident', 3);
  const r2 = people(m2, 'resident', 2);
  await db.insert(participants).values([
    ...r1, ...people(m1, 'police_leadership', 1), ...r2, ...people(m2, 'akimat', 1), ...people(m3, 'resident', 4),
    ...people(m4, 'resident', 2), ...people(m5, 'resident', 2), ...people(m7, 'resident', 2), ...people(m7, 'police_leadership', 1),
  ]);

  const [x, y] = await db.insert(stateBodies).values([
    { code: 'AN-X', nameKk: 'Әкімдік Х', nameRu: 'Акимат Х', topics: [] },
    { code: 'AN-Y', nameKk: 'ТКШ Y', nameRu: 'ЖКХ Y', topics: [] },
  ]).returning({ id: stateBodies.id });
  [X, Y] = [x!.id, y!.id];
  type Item = typeof meetingItems.$inferInsert;
  const item = (meetingId: string, number: number, kind: Item['kind'], topic: string, resolution: Item['resolution'], participantId: string | null = null): Item =>
    ({ id: crypto.randomUUID(), meetingId, number, kind, topic, resolution, participantId, text: `Мәселе ${number}` });
  const i = [
    item(m1, 1, 'complaint', 'public_order', 'to_check', r1[0]!.id), item(m1, 2, 'question', 'road_safety', 'to_forward', r1[1]!.id),
    item(m1, 3, 'proposal', 'public_order', 'answered'),
    item(m2, 1, 'complaint', 'road_safety', 'to_check'), item(m2, 2, 'remark', 'public_order', 'to_check'),
    item(m2, 3, 'question', 'youth', 'to_forward', r2[0]!.id),
    item(m3, 1, 'complaint', 'public_order', 'to_check'), item(m3, 2, 'question', 'road_safety', 'to_forward'), item(m3, 3, 'proposal', 'youth', 'to_forward'),
    item(m7, 1, 'remark', 'public_order', 'answered'),
    item(m4, 1, 'complaint', 'public_order', 'to_check'), item(m5, 1, 'complaint', 'public_order', 'answered'),
  ];
  await db.insert(meetingItems).values(i);
  const id = (k: number) => i[k - 1]!.id!;
  const check = (k: number, dueDate: string, status: 'open' | 'done' | 'verified', done: { answerSentOn?: string; closedAt?: Date } = {}) =>
    ({ itemId: id(k), meetingId: i[k - 1]!.meetingId, openedOn: day, dueDate, originalDueDate: dueDate, status, ...done });
  await db.insert(checks).values([
    check(1, addDays(day, 10), 'verified', { answerSentOn: addDays(day, 5) }),
    check(4, addDays(day, 10), 'done', { closedAt: instant(addDays(day, 15)) }),
    check(5, addDays(day, 10), 'open'),
    check(7, addDays(today, 10), 'open'),
    check(11, addDays(day, 10), 'open'),
  ]);
  const forwarding = (k: number, bodyId: string | null, sent: { sentOn?: string; initiatorNotifiedOn?: string } = {}) =>
    ({ itemId: id(k), meetingId: i[k - 1]!.meetingId, bodyId, dueDate: addDays(day, 10), ...sent });
  await db.insert(forwardings).values([
    forwarding(2, X, { sentOn: addDays(day, 3), initiatorNotifiedOn: addDays(day, 4) }),
    forwarding(6, X),
    forwarding(8, Y, { sentOn: addDays(day, 3) }),
    forwarding(9, null),
  ]);
  const question = (k: number, districtId: string, verdict: 'resolved' | 'not_resolved' | null) =>
    ({ districtId, kind: 'question' as const, text: 'Сұрақ', tokenHash: crypto.randomUUID(), itemId: id(k), verdict });
  await db.insert(residentQuestions).values([question(3, A.id, 'resolved'), question(6, B.id, 'not_resolved'), question(1, A.id, null), question(12, B.id, 'resolved')]);
}, 180_000);
afterAll(async () => { await t.close(); });

type Frame<F> = { from: string; territory: { level: string; id: string | null }; childLevel: string | null; quarters: Array<{ quarter: string; total: F; children: Array<{ id: string; code: string; figures: F }> }> };
type Participation = { meetings: number; participants: number; residents: number; perMeeting: number | null; population: number | null; perThousand: number | null; byFormat: Array<{ format: string; meetings: number; participants: number }> };
type Items = {
  items: number; byKind: Array<{ kind: string; n: number }>; byTopic: Array<{ topic: string; nameKk: string; nameRu: string; n: number }>;
  byOutcome: Array<{ outcome: string; n: number }>; checks: { onTime: number; overdue: number; open: number };
  forwardings: { total: number; notified: number; byBody: Array<{ bodyId: string; nameKk: string; nameRu: string; n: number; notified: number }> };
  verdicts: { resolved: number; notResolved: number };
};

async function get<F>(client: Client, what: string, query: string): Promise<Frame<F>> {
  const response = await client.get(`/api/v1/analytics/${what}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const child = <F>(q: Frame<F>['quarters'][number], id: string) => q.children.find((x) => x.id === id)!.figures;
/** Kinds, topics, outcomes as { value: n }. */
const counts = (rows: Array<{ n: number } & Record<string, unknown>>, key: string) => Object.fromEntries(rows.map((r) => [r[key], r.n]));
const formats = (f: Participation) => f.byFormat.map((x) => [x.format, x.meetings, x.participants]);

describe('participation analytics (issue 15)', () => {
  it('a point lead: participants per meeting and residents per 1,000 of his point and its districts, as hand-counted', async () => {
    const r = await get<Participation>(c.lead!, 'participation', `from=${P}&to=${Q}`);
    expect(r.territory).toEqual({ level: 'point', id: A.point.id });
    expect(r.childLevel).toBe('district');
    const [prev, now] = r.quarters as [Frame<Participation>['quarters'][number], Frame<Participation>['quarters'][number]];
    expect(prev.total).toEqual({
      meetings: 2, participants: 7, residents: 5, perMeeting: 3.5, population: 8000, perThousand: 0.63,
      byFormat: [{ format: 'indoor', meetings: 1, participants: 4 }, { format: 'open_air', meetings: 0, participants: 0 }, { format: 'online', meetings: 1, participants: 3 }, { format: 'hybrid', meetings: 0, participants: 0 }],
    });
    expect(child(prev, A.id)).toMatchObject({ meetings: 1, participants: 4, residents: 3, perMeeting: 4, population: 5000, perThousand: 0.6 });
    expect(child(prev, B.id)).toMatchObject({ meetings: 1, participants: 3, residents: 2, perMeeting: 3, population: 3000, perThousand: 0.67 });
    // A district of the point with no population on record and no meeting.
    const other = prev.children.find((x) => x.id !== A.id && x.id !== B.id)!.figures;
    expect(other).toMatchObject({ meetings: 0, participants: 0, perMeeting: null, population: null, perThousand: null });
    // This quarter: the joint meeting in A (C is another point's): 2 residents per 8,000.
    expect(now.total).toMatchObject({ meetings: 1, participants: 3, residents: 2, perMeeting: 3, population: 8000, perThousand: 0.25 });
    expect(formats(now.total)).toEqual([['indoor', 0, 0], ['open_air', 0, 0], ['online', 0, 0], ['hybrid', 1, 3]]);
  });

  it('a unit head: his points side by side; an unknown population gives no per 1,000; a joint meeting once per point', async () => {
    const r = await get<Participation>(c.chief!, 'participation', `from=${P}&to=${Q}`);
    expect(r.childLevel).toBe('point');
    const [prev, now] = r.quarters as [Frame<Participation>['quarters'][number], Frame<Participation>['quarters'][number]];
    expect(prev.total).toMatchObject({ meetings: 3, participants: 11, residents: 9, perMeeting: 3.7, population: 8000, perThousand: 0.63 });
    expect(formats(prev.total)).toEqual([['indoor', 1, 4], ['open_air', 1, 4], ['online', 1, 3], ['hybrid', 0, 0]]);
    expect(child(prev, A.point.id)).toMatchObject({ meetings: 2, participants: 7, population: 8000, perThousand: 0.63 });
    expect(child(prev, C.point.id)).toMatchObject({ meetings: 1, participants: 4, residents: 4, perMeeting: 4, population: null, perThousand: null });
    expect(now.total).toMatchObject({ meetings: 1, participants: 3, residents: 2, perThousand: 0.25 });
    expect(child(now, A.point.id)).toMatchObject({ meetings: 1, participants: 3, perThousand: 0.25 });
    expect(child(now, C.point.id)).toMatchObject({ meetings: 1, participants: 3, population: null, perThousand: null });
  });

  it('narrows to the formats asked for, on participation and compliance alike', async () => {
    const r = await get<Participation>(c.chief!, 'participation', `from=${P}&to=${P}&format=indoor,online`);
    expect(r.quarters[0]!.total).toMatchObject({ meetings: 2, participants: 7, residents: 5 });
    expect(formats(r.quarters[0]!.total)).toEqual([['indoor', 1, 4], ['open_air', 0, 0], ['online', 1, 3], ['hybrid', 0, 0]]);
    expect(child(r.quarters[0]!, C.point.id).meetings).toBe(0);
    type Compliance = { obligation: { met: number }; meetings: number };
    const met = async (format: string) => (await get<Compliance>(c.chief!, 'compliance', `from=${P}&to=${P}&format=${format}`)).quarters[0]!.total;
    // by format: B's signed meeting is online, A's closed one indoor (its practice meeting never counts), C's only held.
    expect(await met('online')).toMatchObject({ meetings: 1, obligation: { met: 1 } });
    expect(await met('indoor')).toMatchObject({ meetings: 1, obligation: { met: 1 } });
    expect(await met('open_air')).toMatchObject({ meetings: 1, obligation: { met: 0 } });
    expect(await met('hybrid,indoor,online')).toMatchObject({ meetings: 2, obligation: { met: 2 } });
  });
});

describe('items analytics (issue 15)', () => {
  it('a point lead: items by kind, topic and outcome, checks, forwardings and verdicts, as hand-counted', async () => {
    const r = await get<Items>(c.lead!, 'items', `from=${P}&to=${Q}`);
    expect(r.childLevel).toBe('district');
    const [prev, now] = r.quarters as [Frame<Items>['quarters'][number], Frame<Items>['quarters'][number]];
    const f = prev.total;
    expect(f.items).toBe(6);
    expect(f.byKind).toEqual([{ kind: 'complaint', n: 2 }, { kind: 'proposal', n: 1 }, { kind: 'remark', n: 1 }, { kind: 'question', n: 2 }]);
    expect(f.byTopic.map((x) => [x.topic, x.n])).toEqual([['public_order', 3], ['road_safety', 2], ['youth', 1]]);
    expect(f.byTopic[0]).toMatchObject({ nameKk: 'Қоғамдық тәртіп', nameRu: 'Общественный порядок' });
    expect(f.byOutcome).toEqual([{ outcome: 'answered', n: 1 }, { outcome: 'to_check', n: 3 }, { outcome: 'to_forward', n: 2 }]);
    expect(f.checks).toEqual({ onTime: 1, overdue: 2, open: 0 });
    expect(f.forwardings).toEqual({ total: 2, notified: 1, byBody: [{ bodyId: X, nameKk: 'Әкімдік Х', nameRu: 'Акимат Х', n: 2, notified: 1 }] });
    expect(f.verdicts).toEqual({ resolved: 1, notResolved: 1 });
    const b = child(prev, B.id);
    expect(b.items).toBe(3);
    expect(b.checks).toEqual({ onTime: 0, overdue: 2, open: 0 });
    expect(b.verdicts).toEqual({ resolved: 0, notResolved: 1 });
    expect(now.total.items).toBe(1);
    expect(counts(now.total.byKind, 'kind')).toMatchObject({ remark: 1 });
  });

  it('a unit head: his unit with its points; a forwarding with no body counts in the total only', async () => {
    const r = await get<Items>(c.chief!, 'items', `from=${P}&to=${Q}`);
    expect(r.childLevel).toBe('point');
    const [prev, now] = r.quarters as [Frame<Items>['quarters'][number], Frame<Items>['quarters'][number]];
    const f = prev.total;
    expect(f.items).toBe(9);
    expect(counts(f.byKind, 'kind')).toEqual({ complaint: 3, proposal: 2, remark: 1, question: 3 });
    expect(f.byTopic.map((x) => [x.topic, x.n])).toEqual([['public_order', 4], ['road_safety', 3], ['youth', 2]]);
    expect(counts(f.byOutcome, 'outcome')).toEqual({ answered: 1, to_check: 4, to_forward: 4 });
    expect(f.checks).toEqual({ onTime: 1, overdue: 2, open: 1 });
    expect(f.forwardings.total).toBe(4);
    expect(f.forwardings.notified).toBe(2);
    expect(f.forwardings.byBody.map((x) => [x.bodyId, x.n, x.notified])).toEqual([[X, 2, 1], [Y, 1, 1]]);
    expect(f.verdicts).toEqual({ resolved: 1, notResolved: 1 });
    const pointC = child(prev, C.point.id);
    expect(pointC).toMatchObject({ items: 3, checks: { onTime: 0, overdue: 0, open: 1 }, forwardings: { total: 2, notified: 1 } });
    expect(pointC.forwardings.byBody.map((x) => [x.bodyId, x.n, x.notified])).toEqual([[Y, 1, 1]]);
    expect(child(prev, A.point.id).items).toBe(6);
    expect([now.total.items, child(now, A.point.id).items, child(now, C.point.id).items]).toEqual([1, 1, 1]);
  });

  it('narrows to the topics and the formats asked for', async () => {
    const youth = (await get<Items>(c.chief!, 'items', `from=${P}&to=${P}&topic=youth`)).quarters[0]!.total;
    expect(youth.items).toBe(2);
    expect(counts(youth.byKind, 'kind')).toEqual({ complaint: 0, proposal: 1, remark: 0, question: 1 });
    expect(youth.byTopic.map((x) => x.topic)).toEqual(['youth']);
    expect(youth.checks).toEqual({ onTime: 0, overdue: 0, open: 0 });
    expect(youth.forwardings).toEqual({ total: 2, notified: 0, byBody: [{ bodyId: X, nameKk: 'Әкімдік Х', nameRu: 'Акимат Х', n: 1, notified: 0 }] });
    expect(youth.verdicts).toEqual({ resolved: 0, notResolved: 1 });
    const two = (await get<Items>(c.chief!, 'items', `from=${P}&to=${P}&topic=public_order,%20youth`)).quarters[0]!.total;
    expect(two.items).toBe(6);
    const openAir = (await get<Items>(c.chief!, 'items', `from=${P}&to=${P}&format=open_air`)).quarters[0]!.total;
    expect(openAir).toMatchObject({ items: 3, checks: { onTime: 0, overdue: 0, open: 1 }, verdicts: { resolved: 0, notResolved: 0 } });
  });
});

describe('analytics refusals (issue 15)', () => {
  it('refuses an unknown topic or format with 400 and its reason, in the user\'s language', async () => {
    const cases: Array<[string, string, string]> = [
      ['items?topic=public_order,astrology', 'querystring.topic', 'unknown_topic'],
      ['items?format=outdoor', 'querystring.format', 'unknown_format'],
      ['participation?format=indoor,zoom', 'querystring.format', 'unknown_format'],
      ['compliance?format=open-air', 'querystring.format', 'unknown_format'],
      [`participation?from=${Q}&to=${P}`, 'querystring.to', 'range_reversed'],
      ['items?from=1927-Q1&to=2027-Q1', 'querystring.to', 'range_too_long'],
      ['participation?from=2027-Q9', 'querystring.from', 'quarter'],
      [`items?unit=${A.unit.id}&point=${A.point.id}`, 'querystring.point,unit', 'one_territory'],
    ];
    for (const [path, field, reason] of cases) {
      const response = await c.chief!.get(`/api/v1/analytics/${path}`, { 'accept-language': 'en' });
      expect(response.statusCode, path).toBe(400);
      expect(response.json().error.details[0]).toMatchObject({ field, reason });
    }
    const ru = await c.chief!.get('/api/v1/analytics/items?topic=astrology', { 'accept-language': 'ru' });
    expect(ru.json().error.message).toBe('Такой темы вопросов нет: astrology');
    const kk = await c.chief!.get('/api/v1/analytics/participation?format=zoom', { 'accept-language': 'kk' });
    expect(kk.json().error.message).toContain('zoom');
  });

  it('answers 404 for a territory outside the scope, as if it did not exist', async () => {
    for (const what of ['participation', 'items']) {
      for (const query of [`unit=${A.unit.id}`, `district=${C.id}`, `point=${C.point.id}`]) {
        const response = await c.lead!.get(`/api/v1/analytics/${what}?${query}`);
        expect(response.statusCode, `${what} ${query}`).toBe(404);
        expect(response.json().error.code).toBe('not_found');
      }
    }
    // Inside his scope the point lead narrows to one district: no children.
    const d = await get<Items>(c.lead!, 'items', `from=${P}&to=${P}&district=${A.id}`);
    expect(d.childLevel).toBeNull();
    expect(d.quarters[0]!.children).toEqual([]);
    expect(d.quarters[0]!.total.items).toBe(3);
  });
});
