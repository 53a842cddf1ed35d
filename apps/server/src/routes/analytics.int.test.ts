import { announcements, forwardings, invitations, meetingDistricts, meetingLateEntries, meetings, participants, protocols, users, videos } from '@esep/db';
import { addDays, quarterStart } from '@esep/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings } from '../../test/bulk.ts';
import { analyticsDistricts, analyticsQuarters, instant, type District } from '../../test/analytics.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

/*
 * Issue 15: GET /api/v1/analytics/compliance against hand-counted figures. Seven meetings written
 * straight into the tables in three districts — A and B of the point lead's point, C of another
 * point of the same unit — over the previous quarter and this one (the clock early in a quarter):
 *
 *   previous quarter  M1 A closed: everything met (notice 20 days ahead, leadership and akimat
 *                        registered, video, protocol on time, check opened, forwarding sent with
 *                        the initiator told, control complete)
 *                     M2 B protocol signed: notice 5 days ahead, only police leadership present,
 *                        protocol signed late, check opened, forwarding not yet sent (pending)
 *                     M3 C held: nothing — no notice, no register, no protocol
 *                     M4 A practice (closed), M5 B cancelled, M6 C held but entered after the fact
 *                        and not confirmed: none of them counts
 *   this quarter      M7 joint A + C, protocol signed on time, notice 15 days ahead, police
 *                        leadership registered and the akimat's invitation marked attended
 */
const clock = new TestClock();
const { today, current, previous, Q, P } = analyticsQuarters(clock);

let t: TestApp;
const c: Record<string, Client> = {};
let all: District[];
let A: District, B: District, C: District;

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'analyst', 'regional', 'chief', 'lead', 'inspector', 'akimat']) c[name] = await login(t.app, name);
  ({ all, A, B, C } = await analyticsDistricts(c.admin!, c.lead!));
  const db = t.database.db;
  expect((await db.select({ n: sql<number>`count(*)::int` }).from(meetings))[0]!.n).toBe(0);

  const day = addDays(quarterStart(current), -30);
  const [m1, m2, m3, m4, m5, m6] = await insertMeetings(db, [
    { districtId: A.id, staffId: A.inspector!.id, status: 'closed', startsAt: instant(day), check: { dueDate: day, status: 'verified' }, forwarding: { dueDate: day, status: 'verified' } },
    { districtId: B.id, staffId: B.inspector!.id, status: 'protocol_signed', startsAt: instant(day), check: { dueDate: addDays(day, 30), status: 'open' }, forwarding: { dueDate: addDays(day, 30), status: 'open' } },
    { districtId: C.id, staffId: C.inspector!.id, status: 'held', startsAt: instant(day) },
    { districtId: A.id, staffId: A.inspector!.id, status: 'closed', startsAt: instant(addDays(day, 2)) },
    { districtId: B.id, staffId: B.inspector!.id, status: 'cancelled', startsAt: instant(addDays(day, 3)) },
    { districtId: C.id, staffId: C.inspector!.id, status: 'held', startsAt: instant(addDays(day, 4)) },
  ]) as [string, string, string, string, string, string];
  const [m7] = await insertMeetings(db, [{ districtId: A.id, staffId: A.inspector!.id, status: 'protocol_signed', startsAt: instant(addDays(today, -1)) }]) as [string];
  await db.insert(meetingDistricts).values({ meetingId: m7, districtId: C.id });

  await db.insert(announcements).values([
    { meetingId: m1, channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(day, -20) },
    { meetingId: m2, channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(day, -5) },
    { meetingId: m4, channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(day, -20) },
    { meetingId: m7, channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(today, -16) },
  ]);
  let n = 0;
  const person = (meetingId: string, category: 'resident' | 'police_leadership' | 'akimat') => {
    n++;
    return {
      meetingId, number: n, fullName: `Қатысушы ${n}`, category, consentVersion: 'v1', consentAt: clock.now(), arrivedAt: clock.now(),
      attendance: 'in_person' as const, channel: 'staff' as const, personKey: `person-${n}`,
    };
  };
  await db.insert(participants).values([
    person(m1, 'resident'), person(m1, 'police_leadership'), person(m1, 'akimat'),
    person(m2, 'resident'), person(m2, 'police_leadership'),
    person(m4, 'resident'), person(m4, 'police_leadership'), person(m4, 'akimat'),
    person(m7, 'resident'), person(m7, 'police_leadership'),
  ]);
  await db.insert(invitations).values({ meetingId: m7, category: 'akimat', organisation: 'Әкімдік', personName: 'Әкім орынбасары', status: 'attended' });
  await db.insert(videos).values([m1, m4].map((meetingId, i) => ({
    meetingId, uploadId: `up-${i}`, storage: 'local', storageKey: `k-${i}`, fileName: 'v.mp4', size: 10, status: 'complete' as const,
  })));
  await db.insert(protocols).values([
    { meetingId: m1, status: 'signed' as const, content: {}, late: false },
    { meetingId: m2, status: 'signed' as const, content: {}, late: true, lateReason: 'Жарық өшті' },
    { meetingId: m4, status: 'signed' as const, content: {}, late: false },
    { meetingId: m7, status: 'signed' as const, content: {}, late: false },
  ]);
  // M1's forwarding was sent (its item has no registered initiator: nobody to tell).
  await db.update(forwardings).set({ sentOn: day }).where(eq(forwardings.meetingId, m1));
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  await db.insert(meetingLateEntries).values({ meetingId: m6, reason: 'Кейін енгізілді', enteredBy: admin!.id, enteredByName: 'Әкімші', enteredAt: clock.now(), updatedAt: clock.now() });
  // A meeting is a practice one from its creation: the bulk writer has no such field, so it is set here and the quarter facts recomputed.
  await db.update(meetings).set({ practice: true }).where(inArray(meetings.id, [m4]));
  await db.execute(sql`select district_quarter_refresh(array_agg(id), array_agg(null::date)) from districts`);
  void m5;
}, 180_000);
afterAll(async () => { await t.close(); });

type Figures = { districts: number; obligation: { rule: string; met: number; share: number | null }; meetings: number; lines: Array<{ key: string; rule: string; met: number; judged: number; share: number | null }> };
type Report = { from: string; to: string; territory: { level: string; id: string | null }; childLevel: string | null; quarters: Array<{ quarter: string; total: Figures; children: Array<{ id: string; code: string; figures: Figures }> }> };

/** The lines as [met, judged] by rule, in the checklist order. */
const lines = (f: Figures) => Object.fromEntries(f.lines.map((l) => [l.rule, [l.met, l.judged]]));

async function report(client: Client, query: string): Promise<Report> {
  const response = await client.get(`/api/v1/analytics/compliance?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('compliance analytics (issue 15)', () => {
  it('a point lead: his point per quarter, and its districts one level down, as hand-counted', async () => {
    const r = await report(c.lead!, `from=${P}&to=${Q}`);
    expect(r.from).toBe(P);
    expect(r.territory).toEqual({ level: 'point', id: c.lead!.user.territoryId });
    expect(r.childLevel).toBe('district');
    expect(r.quarters.map((q) => q.quarter)).toEqual([P, Q]);
    const districtsOfPoint = all.filter((d) => d.point.id === A.point.id).length;

    const [prev, now] = r.quarters as [Report['quarters'][number], Report['quarters'][number]];
    expect(prev.total.districts).toBe(districtsOfPoint);
    // A (M1 closed) and B (M2 signed); the practice meeting and the cancelled one add nothing.
    expect(prev.total.obligation).toEqual({ rule: 'R-22.13', met: 2, share: Math.round((2 / districtsOfPoint) * 1000) / 1000 });
    expect(prev.total.meetings).toBe(2);
    expect(lines(prev.total)).toEqual({
      'R-27.1': [1, 2], 'R-26': [1, 2], 'R-32.2': [2, 2], 'R-32.1': [1, 1], 'R-32.3': [1, 2], 'R-32.4': [2, 2], 'R-32.5': [1, 1], 'R-33': [1, 2],
    });
    expect(prev.total.lines.find((l) => l.rule === 'R-27.1')!.share).toBe(0.5);
    expect(prev.children).toHaveLength(districtsOfPoint);
    const a = prev.children.find((x) => x.id === A.id)!.figures;
    const b = prev.children.find((x) => x.id === B.id)!.figures;
    expect(a.obligation.met).toBe(1);
    expect(lines(a)).toEqual({ 'R-27.1': [1, 1], 'R-26': [1, 1], 'R-32.2': [1, 1], 'R-32.1': [1, 1], 'R-32.3': [1, 1], 'R-32.4': [1, 1], 'R-32.5': [1, 1], 'R-33': [1, 1] });
    expect(lines(b)).toEqual({ 'R-27.1': [0, 1], 'R-26': [0, 1], 'R-32.2': [1, 1], 'R-32.1': [0, 0], 'R-32.3': [0, 1], 'R-32.4': [1, 1], 'R-32.5': [0, 0], 'R-33': [0, 1] });
    expect(b.lines.find((l) => l.rule === 'R-32.1')!.share).toBeNull();
    // This quarter: the joint meeting M7 covers A here (C is in another point).
    expect(now.total.obligation.met).toBe(1);
    expect(now.total.meetings).toBe(1);
    expect(lines(now.total)).toEqual({ 'R-27.1': [1, 1], 'R-26': [1, 1], 'R-32.2': [1, 1], 'R-32.1': [0, 0], 'R-32.3': [1, 1], 'R-32.4': [0, 0], 'R-32.5': [0, 0], 'R-33': [0, 1] });
  });

  it('a unit head: his unit with its points; a joint meeting counts once in the total and once per point it covers', async () => {
    const r = await report(c.chief!, `from=${P}&to=${Q}`);
    expect(r.childLevel).toBe('point');
    const [prev, now] = r.quarters as [Report['quarters'][number], Report['quarters'][number]];
    expect(prev.total.districts).toBe(all.filter((d) => d.unit.id === A.unit.id).length);
    expect(prev.total.obligation.met).toBe(2);
    expect(prev.total.meetings).toBe(3);
    expect(lines(prev.total)).toEqual({
      'R-27.1': [1, 3], 'R-26': [1, 3], 'R-32.2': [2, 3], 'R-32.1': [1, 1], 'R-32.3': [1, 3], 'R-32.4': [2, 2], 'R-32.5': [1, 1], 'R-33': [1, 2],
    });
    const pointC = prev.children.find((x) => x.id === C.point.id)!.figures;
    expect(pointC.obligation.met).toBe(0);
    expect(lines(pointC)).toEqual({ 'R-27.1': [0, 1], 'R-26': [0, 1], 'R-32.2': [0, 1], 'R-32.1': [0, 0], 'R-32.3': [0, 1], 'R-32.4': [0, 0], 'R-32.5': [0, 0], 'R-33': [0, 0] });
    expect(now.total.meetings).toBe(1);
    expect(now.total.obligation.met).toBe(2);
    expect(now.children.find((x) => x.id === A.point.id)!.figures.meetings).toBe(1);
    expect(now.children.find((x) => x.id === C.point.id)!.figures.meetings).toBe(1);
    // The sum over children is the territory's district count.
    expect(now.children.reduce((s, x) => s + x.figures.districts, 0)).toBe(now.total.districts);
  });

  it('narrows to a territory inside the scope, and filters the lines by rule', async () => {
    const r = await report(c.chief!, `from=${P}&to=${P}&point=${C.point.id}&rule=R-32.1,R-33`);
    expect(r.territory).toEqual({ level: 'point', id: C.point.id });
    expect(r.childLevel).toBe('district');
    expect(r.quarters[0]!.total.lines.map((l) => l.rule)).toEqual(['R-32.1', 'R-33']);
    expect(r.quarters[0]!.total.meetings).toBe(1);
    const d = await report(c.analyst!, `from=${P}&to=${P}&district=${A.id}&rule=R-22.13`);
    expect(d.childLevel).toBeNull();
    expect(d.quarters[0]!.children).toEqual([]);
    expect(d.quarters[0]!.total.lines).toEqual([]);
    expect(d.quarters[0]!.total.obligation).toEqual({ rule: 'R-22.13', met: 1, share: 1 });
    // The country: its regions one level down; the default range is the current quarter.
    const n = await report(c.analyst!, '');
    expect(n.from).toBe(Q);
    expect(n.childLevel).toBe('region');
    expect(n.quarters).toHaveLength(1);
    expect(n.quarters[0]!.total.meetings).toBe(1);
  });

  it('refuses a territory outside the scope with 404, as if it did not exist', async () => {
    for (const query of [`unit=${A.unit.id}`, `district=${C.id}`, 'region=00000000-0000-4000-8000-000000000000']) {
      const response = await c.lead!.get(`/api/v1/analytics/compliance?${query}`);
      expect(response.statusCode, query).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('refuses bad input with 400, a stable reason and a message in the user\'s language', async () => {
    const cases: Array<[string, string, string]> = [
      [`from=${Q}&to=${P}`, 'querystring.to', 'range_reversed'],
      ['from=1927-Q1&to=2027-Q1', 'querystring.to', 'range_too_long'],
      ['from=2017-Q1&to=2027-Q1', 'querystring.to', 'range_too_long'],
      ['rule=R-32.1,R-99', 'querystring.rule', 'unknown_rule'],
      ['rule=R-31', 'querystring.rule', 'unknown_rule'],
      ['from=2027-5', 'querystring.from', 'quarter'],
      ['to=2027-Q5', 'querystring.to', 'quarter'],
      [`unit=${A.unit.id}&point=${A.point.id}`, 'querystring.point,unit', 'one_territory'],
    ];
    for (const [query, field, reason] of cases) {
      const response = await c.chief!.get(`/api/v1/analytics/compliance?${query}`, { 'accept-language': 'en' });
      expect(response.statusCode, query).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('validation_failed');
      expect(error.details[0]).toMatchObject({ field, reason });
      expect(error.message.length).toBeGreaterThan(10);
    }
    const kk = await c.chief!.get(`/api/v1/analytics/compliance?from=${Q}&to=${P}`, { 'accept-language': 'kk' });
    expect(kk.json().error.message).toContain('басынан');
    const ru = await c.chief!.get('/api/v1/analytics/compliance?rule=R-99', { 'accept-language': 'ru' });
    expect(ru.json().error.message).toBe('Такого правила нет в аналитике: R-99');
    // Forty quarters is the most.
    expect((await c.chief!.get('/api/v1/analytics/compliance?from=2017-Q1&to=2026-Q4')).statusCode).toBe(200);
  });

  it('inspectors and the akimat read the figures of their own territory', async () => {
    const inspector = await report(c.inspector!, `from=${P}&to=${P}`);
    expect(inspector.territory.level).toBe('districts');
    expect(inspector.childLevel).toBe('district');
    const akimat = await report(c.akimat!, `from=${P}&to=${P}`);
    expect(akimat.territory.level).toBe('atu');
    expect(akimat.quarters[0]!.total.districts).toBe(akimat.quarters[0]!.children.reduce((s, x) => s + x.figures.districts, 0));
  });
});
