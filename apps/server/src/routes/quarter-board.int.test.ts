import { addDays, OBLIGATION_SEVERITY, OBLIGATION_STATUSES, type ObligationStatus } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings } from '../../test/bulk.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';

/*
 * at scale: the quarter board answers a page of districts with exact counts over the
 * whole territory (and per unit or point), filters by territory, status and text, sorts, and
 * lists a bounded number of clashes while counting them all; the clash check of a meeting's page
 * finds the same venue only at overlapping times.
 */
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { today } = meetingDates(clock);

let t: TestApp;
const c: Record<string, Client> = {};
type District = { id: string; code: string; nameRu: string; point: { id: string; code: string }; unit: { id: string; code: string }; inspector: { id: string } | null };
let all: District[];

type Row = { district: { id: string; code: string; nameRu: string }; status: ObligationStatus; meetings: Array<{ id: string; status: string }> };
type Conflict = { kind: string; meetingId: string; withMeetingId: string; startsAt: string; withNumber: string };
type Board = {
  total: number; page: number; pageSize: number; counts: Record<ObligationStatus, number>; districts: Row[];
  areas: { level: string; items: Array<{ id: string; code: string; total: number; counts: Record<ObligationStatus, number> }> } | null;
  inspectors: { total: number; counts: Record<ObligationStatus, number>; items: Array<{ staff: { id: string }; status: ObligationStatus; districtIds: string[] }> } | null;
  conflicts: { total: number; counts: Record<string, number>; items: Conflict[] } | null;
};

const board = async (client: Client, query = ''): Promise<Board> => {
  const response = await client.get(`/api/v1/obligations${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const at = (days: number, time: string) => new Date(`${addDays(today, days)}T${time}:00+05:00`);

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'regional', 'chief', 'lead']) c[name] = await login(t.app, name);
  all = (await c.admin!.get('/api/v1/districts?pageSize=200')).json().items;
}, 180_000);
afterAll(async () => { await t.close(); });

describe('the quarter board, paged (R-22.13)', () => {
  it('counts every district of the territory and per unit, and answers one page', async () => {
    const result = await board(c.regional!, '?pageSize=7');
    expect(result.total).toBe(all.length);
    expect(sum(result.counts)).toBe(all.length);
    expect(result.districts).toHaveLength(7);
    expect(result.areas!.level).toBe('unit');
    const byUnit = new Map<string, number>();
    for (const d of all) byUnit.set(d.unit.id, (byUnit.get(d.unit.id) ?? 0) + 1);
    expect(result.areas!.items.map((a) => [a.id, a.total]).sort()).toEqual([...byUnit].sort());
    for (const area of result.areas!.items) expect(sum(area.counts)).toBe(area.total);
    for (const s of OBLIGATION_STATUSES) expect(result.areas!.items.reduce((n, a) => n + a.counts[s], 0)).toBe(result.counts[s]);
    // Inspectors and clashes come with a unit or less: a region's board drills down to them.
    expect(result.inspectors).toBeNull();
    const unit = await board(c.regional!, `?pageSize=7&unitId=${result.areas!.items[0]!.id}`);
    expect(unit.inspectors!.total).toBe(sum(unit.inspectors!.counts));
    expect(new Set(unit.inspectors!.items.map((i) => i.staff.id)).size).toBeLessThanOrEqual(7);
    expect((await c.regional!.get('/api/v1/obligations?pageSize=201')).statusCode).toBe(400);
    expect((await c.regional!.get('/api/v1/obligations?status=late')).statusCode).toBe(400);
  });

  it('pages through every district once, in code order', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 7); page++) seen.push(...(await board(c.regional!, `?pageSize=7&page=${page}`)).districts.map((d) => d.district.code));
    expect(seen).toEqual(all.map((d) => d.code).sort());
    const beyond = await board(c.regional!, `?pageSize=7&page=${Math.ceil(all.length / 7) + 1}`);
    expect(beyond).toMatchObject({ total: all.length, districts: [] });
  });

  it('filters by status with exact totals, and sorts by severity and name', async () => {
    const { counts } = await board(c.regional!);
    for (const status of OBLIGATION_STATUSES.filter((s) => counts[s] > 0)) {
      const only = await board(c.regional!, `?status=${status}&pageSize=200`);
      expect(only.total).toBe(counts[status]);
      expect(only.districts.every((d) => d.status === status)).toBe(true);
      expect(only.counts).toEqual(counts);
    }
    const worst = (await board(c.regional!, '?sort=-status&pageSize=200')).districts.map((d) => OBLIGATION_SEVERITY[d.status]);
    expect(worst).toEqual([...worst].sort((a, b) => b - a));
    const named = (await board(c.regional!, '?sort=nameRu&pageSize=200')).districts.map((d) => d.district.nameRu);
    expect(named).toEqual([...named].sort(new Intl.Collator('ru').compare));
  });

  it('searches district codes and names, and narrows to a unit or point', async () => {
    const p2 = all.filter((d) => d.point.code === 'ALM-KAR-P2');
    const byCode = await board(c.regional!, '?q=kar-p2');
    expect(byCode.districts.map((d) => d.district.code).sort()).toEqual(p2.map((d) => d.code).sort());
    expect(sum(byCode.counts)).toBe(p2.length);
    const name = all[0]!.nameRu;
    expect((await board(c.regional!, `?q=${encodeURIComponent(name)}`)).districts.map((d) => d.district.nameRu)).toContain(name);
    expect((await board(c.regional!, '?q=%25')).total).toBe(0);
    const unit = await board(c.regional!, `?unitId=${p2[0]!.unit.id}`);
    expect(unit.total).toBe(all.filter((d) => d.unit.id === p2[0]!.unit.id).length);
    expect(unit.areas!.level).toBe('point');
    const point = await board(c.regional!, `?pointId=${p2[0]!.point.id}`);
    expect(point.total).toBe(p2.length);
    expect(point.areas).toBeNull();
    // A filter outside the user's territory finds nothing.
    const talgar = all.find((d) => d.code.startsWith('ALM-TAL'))!;
    expect((await board(c.lead!, `?unitId=${talgar.unit.id}`)).total).toBe(0);
  });
});

describe('clashes (R-27)', () => {
  let point: District[];
  const m: Record<string, string> = {};

  beforeAll(async () => {
    point = all.filter((d) => d.point.code === 'ALM-TAL-P2' && d.inspector).sort((a, b) => a.code.localeCompare(b.code));
    expect(point.length).toBeGreaterThanOrEqual(4);
    const [d1, d2, d3, d4] = point;
    const venue = 'Мектеп, Абай к-сі 1';
    const plan = [
      // A and B at one venue (written differently) at overlapping times; C there from the moment A ends, overlapping B.
      { key: 'A', districtId: d1!.id, staffId: d1!.inspector!.id, startsAt: at(10, '18:00'), venueAddress: venue },
      { key: 'B', districtId: d2!.id, staffId: d2!.inspector!.id, startsAt: at(10, '19:00'), venueAddress: '  мектеп, абай К-СІ 1 ' },
      { key: 'C', districtId: d3!.id, staffId: d3!.inspector!.id, startsAt: at(10, '20:00'), venueAddress: venue, minutes: 60 },
      // D: A's inspector, acting in another district at the same time.
      { key: 'D', districtId: d4!.id, staffId: d1!.inspector!.id, startsAt: at(10, '19:30'), venueAddress: 'Клуб' },
      // E: A's district again a week later; F: cancelled, at A's venue and time.
      { key: 'E', districtId: d1!.id, staffId: d1!.inspector!.id, startsAt: at(17, '18:00'), venueAddress: 'Клуб' },
      { key: 'F', districtId: d3!.id, staffId: d3!.inspector!.id, startsAt: at(10, '18:30'), venueAddress: venue, status: 'cancelled' as const },
    ];
    const created = await insertMeetings(t.database.db, plan.map((p) => ({ status: 'scheduled' as const, number: `CLASH-${p.key}`, ...p })));
    plan.forEach((p, i) => { m[p.key] = created[i]!; });
  });

  const pairs = (conflicts: Conflict[], kind: string) => conflicts.filter((x) => x.kind === kind).map((x) => [x.meetingId, x.withMeetingId].sort().join('|'));
  const pair = (a: string, b: string) => [m[a]!, m[b]!].sort().join('|');

  it('the board finds the venue at overlapping times, the inspector in two places and the district twice', async () => {
    const result = await board(c.regional!, `?pointId=${point[0]!.point.id}`);
    expect(result.conflicts!.total).toBe(sum(result.conflicts!.counts));
    expect(result.conflicts!.items).toHaveLength(result.conflicts!.total);
    const venue = pairs(result.conflicts!.items, 'venue_double_booked');
    expect(venue).toEqual(expect.arrayContaining([pair('A', 'B'), pair('B', 'C')]));
    expect(venue).not.toContain(pair('A', 'C'));
    expect(pairs(result.conflicts!.items, 'inspector_overlap')).toContain(pair('A', 'D'));
    expect(pairs(result.conflicts!.items, 'inspector_overlap')).not.toContain(pair('A', 'E'));
    expect(pairs(result.conflicts!.items, 'same_quarter')).toContain(pair('A', 'E'));
    expect(result.conflicts!.items.some((x) => x.meetingId === m.F || x.withMeetingId === m.F)).toBe(false);
    const named = result.conflicts!.items.find((x) => x.withMeetingId === m.B || x.meetingId === m.B)!;
    expect(named.withNumber).toMatch(/^CLASH-|^ALM-/);
  });

  it('a meeting\'s page finds the same venue only at overlapping times', async () => {
    const conflicts = async (key: string) => (await c.regional!.get(`/api/v1/meetings/${m[key]}`)).json().conflicts as Array<{ kind: string; meetingId: string }>;
    const a = await conflicts('A');
    expect(a.filter((x) => x.kind === 'venue_double_booked').map((x) => x.meetingId)).toEqual([m.B]);
    expect(a.filter((x) => x.kind === 'inspector_overlap').map((x) => x.meetingId)).toEqual([m.D]);
    expect(a.filter((x) => x.kind === 'same_quarter').map((x) => x.meetingId)).toContain(m.E);
    const cc = await conflicts('C');
    expect(cc.filter((x) => x.kind === 'venue_double_booked').map((x) => x.meetingId)).toEqual([m.B]);
    expect((await conflicts('E')).filter((x) => x.kind === 'venue_double_booked')).toEqual([]);
  });

  it('lists at most 100 clashes and counts them all', async () => {
    const before = await board(c.regional!, `?pointId=${point[0]!.point.id}`);
    const d2 = point[1]!;
    const existing = before.districts.find((d) => d.district.id === d2.id)!.meetings.filter((x) => x.status !== 'cancelled').length;
    await insertMeetings(t.database.db, Array.from({ length: 16 }, (_, i) => ({
      districtId: d2.id, status: 'scheduled' as const, startsAt: at(20 + i * 3, '11:00'),
    })));
    const after = await board(c.regional!, `?pointId=${point[0]!.point.id}`);
    expect(after.conflicts!.counts.same_quarter! - before.conflicts!.counts.same_quarter!).toBe((16 * 15) / 2 + 16 * existing);
    expect(after.conflicts!.total).toBe(sum(after.conflicts!.counts));
    expect(after.conflicts!.total).toBeGreaterThan(100);
    expect(after.conflicts!.items).toHaveLength(100);
    const starts = after.conflicts!.items.map((x) => x.startsAt);
    expect(starts).toEqual([...starts].sort());
  });
});
