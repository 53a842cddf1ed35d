import { addDays } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings, type BulkMeeting } from '../../test/bulk.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { meetingDates } from '../../test/meetings.ts';

/*
 * R-33 at scale: the control board pages its meetings and counts every one the filters select
 * — past the 2,000 meetings where it used to stop — with the summary of their records exact.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let today: string;
let generated: string[];
const N = 2_100;

type Entry = { kind: string; status: string; overdue: boolean; dueDate: string };
type Meeting = { meetingId: string; overdue: number; total: number; verified: number; entries: Entry[]; districts: Array<{ id: string }> };
type Board = { total: number; page: number; pageSize: number; summary: Record<'overdue' | 'open' | 'done' | 'verified', number>; meetings: Meeting[] };
type Summary = Board['summary'];

const board = async (client: Client, query = ''): Promise<Board> => {
  const response = await client.get(`/api/v1/control${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const add = (a: Summary, b: Summary): Summary => ({ overdue: a.overdue + b.overdue, open: a.open + b.open, done: a.done + b.done, verified: a.verified + b.verified });

/** What the generated meetings add to a board: meetings and records by state, for a record filter. */
function expected(list: readonly BulkMeeting[], keep: (m: BulkMeeting) => boolean, shown: (r: { kind: string; overdue: boolean }) => boolean, narrowed: boolean) {
  let meetings = 0;
  const summary: Summary = { overdue: 0, open: 0, done: 0, verified: 0 };
  for (const m of list.filter(keep)) {
    const records = [
      ...(m.decision ? [{ kind: 'decision', status: m.decision.state, due: m.decision.dueDate }] : []),
      ...(m.check ? [{ kind: 'check', status: m.check.status, due: m.check.dueDate }] : []),
      ...(m.forwarding ? [{ kind: 'forwarding', status: m.forwarding.status, due: m.forwarding.dueDate }] : []),
    ].map((r) => ({ ...r, overdue: r.status === 'open' && r.due < today })).filter(shown);
    if (narrowed && records.length === 0) continue;
    meetings++;
    for (const r of records) summary[r.overdue ? 'overdue' : (r.status as 'open' | 'done' | 'verified')]++;
  }
  return { meetings, summary };
}

let list: BulkMeeting[];
const baseline: Record<string, Board> = {};
const QUERIES = {
  all: '', checks: '?kind=check', overdue: '?overdue=true', overdueDecisions: '?overdue=true&kind=decision', district: 'district', inspector: 'inspector',
} as const;
const queryOf = (name: keyof typeof QUERIES) => (name === 'district' ? `?districtId=${ids['ALM-KAR-P2-D02']}` : name === 'inspector' ? `?staffId=${c.inspector!.user.staffId}` : QUERIES[name]);

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'lead', 'chief', 'regional', 'inspector', 'inspector2']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  today = meetingDates(t.clock).today;
  for (const name of Object.keys(QUERIES) as Array<keyof typeof QUERIES>) baseline[name] = await board(c.lead!, queryOf(name));
  const point = ['D01', 'D02', 'D03', 'D04', 'D05', 'D06'].map((d) => ids[`ALM-KAR-P2-${d}`]!);
  list = Array.from({ length: N }, (_, i): BulkMeeting => ({
    districtId: point[i % 6]!, staffId: i % 6 === 0 ? c.inspector!.user.staffId! : undefined, status: 'protocol_signed',
    startsAt: new Date(`${addDays(today, -1 - (i % 60))}T10:00:00+05:00`),
    decision: { dueDate: addDays(today, (i % 20) - 10), state: i % 7 === 0 ? 'verified' : i % 5 === 0 ? 'done' : 'open' },
    check: i % 3 === 0 ? { dueDate: addDays(today, (i % 11) - 5), status: i % 4 === 0 ? 'verified' : i % 4 === 1 ? 'done' : 'open' } : undefined,
    forwarding: i % 10 === 0 ? { dueDate: addDays(today, -2), status: 'open' } : undefined,
  }));
  generated = await insertMeetings(t.database.db, list);
  // The same in the Talgar department: outside the lead's territory.
  await insertMeetings(t.database.db, Array.from({ length: 30 }, (): BulkMeeting => ({
    districtId: ids['ALM-TAL-P1-D01']!, status: 'protocol_signed', startsAt: new Date(`${addDays(today, -3)}T10:00:00+05:00`),
    decision: { dueDate: addDays(today, -1), state: 'open' },
  })));
}, 300_000);
afterAll(async () => { await t.close(); });

describe('the control board at scale (R-33)', () => {
  it(`counts all ${N} generated meetings and their records exactly, past 2,000, and answers one page`, async () => {
    const after = await board(c.lead!);
    const more = expected(list, () => true, () => true, false);
    expect(after.total).toBe(baseline.all!.total + N);
    expect(after.total).toBeGreaterThan(2_000);
    expect(after.summary).toEqual(add(baseline.all!.summary, more.summary));
    expect(after).toMatchObject({ page: 1, pageSize: 20 });
    expect(after.meetings).toHaveLength(20);
    // The unit head sees the same point's meetings among his unit's.
    expect((await board(c.chief!)).total).toBeGreaterThanOrEqual(after.total);
    expect((await c.lead!.get('/api/v1/control?pageSize=101')).statusCode).toBe(400);
  });

  it('pages through every meeting once, overdue first, then by the earliest due date', async () => {
    const first = await board(c.lead!, '?pageSize=100');
    const pages = Math.ceil(first.total / 100);
    const seen: Meeting[] = [...first.meetings];
    for (let page = 2; page <= pages; page++) seen.push(...(await board(c.lead!, `?pageSize=100&page=${page}`)).meetings);
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen.map((m) => m.meetingId)).size).toBe(first.total);
    const found = new Set(seen.map((m) => m.meetingId));
    expect(generated.every((id) => found.has(id))).toBe(true);
    const keys = seen.map((m) => {
      const overdue = m.entries.filter((e) => e.overdue).map((e) => e.dueDate).sort();
      const pending = m.entries.filter((e) => e.status !== 'verified').map((e) => e.dueDate).sort();
      return { late: m.overdue > 0 ? 1 : 0, due: overdue[0] ?? pending[0] ?? '9999-12-31' };
    });
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      expect(a.late >= b.late && (a.late !== b.late || a.due <= b.due), `meeting ${i} out of order`).toBe(true);
    }
    const beyond = await board(c.lead!, `?pageSize=100&page=${pages + 1}`);
    expect(beyond.meetings).toEqual([]);
    expect(beyond.total).toBe(first.total);
  }, 300_000);

  it('filters by record kind and overdue, with exact totals and summaries', async () => {
    const cases: Array<[keyof typeof QUERIES, (r: { kind: string; overdue: boolean }) => boolean]> = [
      ['checks', (r) => r.kind === 'check'], ['overdue', (r) => r.overdue], ['overdueDecisions', (r) => r.overdue && r.kind === 'decision'],
    ];
    for (const [name, shown] of cases) {
      const result = await board(c.lead!, queryOf(name));
      const more = expected(list, () => true, shown, true);
      expect(result.total, name).toBe(baseline[name]!.total + more.meetings);
      expect(result.summary, name).toEqual(add(baseline[name]!.summary, more.summary));
      for (const m of result.meetings) {
        expect(m.entries.length).toBeGreaterThan(0);
        expect(m.entries.every(shown), name).toBe(true);
      }
    }
    const overdue = await board(c.lead!, '?overdue=true');
    expect(overdue.summary).toMatchObject({ open: 0, done: 0, verified: 0 });
  });

  it('filters by district, inspector and territory', async () => {
    const district = await board(c.lead!, queryOf('district'));
    expect(district.total).toBe(baseline.district!.total + N / 6);
    for (const m of district.meetings) expect(m.districts.map((d) => d.id)).toContain(ids['ALM-KAR-P2-D02']);
    const inspector = await board(c.lead!, queryOf('inspector'));
    expect(inspector.total).toBe(baseline.inspector!.total + N / 6);
    const all = (await board(c.lead!)).total;
    const points = (await c.admin!.get('/api/v1/points?pageSize=50')).json().items as Array<{ id: string; code: string; unit: { id: string }; region: { id: string } }>;
    const p2 = points.find((p) => p.code === 'ALM-KAR-P2')!;
    expect((await board(c.regional!, `?pointId=${p2.id}`)).total).toBe(all);
    expect((await board(c.regional!, `?unitId=${p2.unit.id}`)).total).toBeGreaterThanOrEqual(all);
    const talgar = points.find((p) => p.code === 'ALM-TAL-P1')!;
    const inTalgar = await board(c.regional!, `?unitId=${talgar.unit.id}`);
    expect(inTalgar.total).toBeGreaterThanOrEqual(30);
    expect(inTalgar.meetings.some((m) => generated.includes(m.meetingId))).toBe(false);
    expect((await board(c.regional!, `?regionId=${p2.region.id}`)).total).toBe((await board(c.regional!)).total);
    // A lead asking for another unit's meetings sees none: the filter narrows his territory, never widens it.
    expect((await board(c.lead!, `?unitId=${talgar.unit.id}`)).total).toBe(0);
  });

  it('summarises a region per unit and a unit per point, adding up to the board\'s own totals', async () => {
    type Areas = { level: string; items: Array<{ id: string; total: number; summary: Summary }> } | null;
    const sumOf = (items: Array<{ summary: Summary }>) => items.reduce((a, i) => add(a, i.summary), { overdue: 0, open: 0, done: 0, verified: 0 });
    for (const [client, query, level] of [[c.regional!, '', 'unit'], [c.regional!, '?status=all&kind=check', 'unit'], [c.chief!, '', 'point'], [c.regional!, '?overdue=true', 'unit']] as const) {
      const result = await board(client, query) as Board & { areas: Areas };
      expect(result.areas!.level).toBe(level);
      expect(result.areas!.items.reduce((n, a) => n + a.total, 0)).toBe(result.total);
      expect(sumOf(result.areas!.items)).toEqual(result.summary);
      // Drilling into each area gives the board of that area.
      const first = result.areas!.items[0]!;
      const narrowed = await board(client, `${query ? `${query}&` : '?'}${level}Id=${first.id}`);
      expect(narrowed.total).toBeGreaterThanOrEqual(first.total);
    }
    expect(((await board(c.lead!)) as Board & { areas: Areas }).areas).toBeNull();
  });
});
