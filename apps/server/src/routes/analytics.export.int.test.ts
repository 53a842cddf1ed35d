import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { announcements, meetingDistricts, meetings, participants, protocols } from '@esep/db';
import { addDays, formatQuarter, quarterEnd, quarterStart } from '@esep/domain';
import { inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings } from '../../test/bulk.ts';
import { analyticsDistricts, analyticsQuarters, instant, type District } from '../../test/analytics.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

/*
 * Issue 15: the compliance view's exports and breadcrumb, and the meetings behind a figure. A few
 * meetings of the unit head's unit last quarter — M1 closed in district A (notice 20 days ahead,
 * register, protocol on time), M2 held in district C of another point, M3 a practice meeting and
 * M4 cancelled (neither counts) — then: the XLSX holds the same numbers as the JSON, the PDF has
 * its title in Kazakh or Russian, the report names its path region → unit (→ point → district),
 * and the meetings list with the figure's filters (counted=true) lists exactly the counted ones.
 */
const clock = new TestClock();
const { current, previous, Q, P } = analyticsQuarters(clock);

let t: TestApp;
const c: Record<string, Client> = {};
let A: District, C: District;
let ids: string[];
const run = promisify(execFile);

type Figures = { districts: number; obligation: { met: number; share: number | null }; meetings: number; lines: Array<{ key: string; rule: string; met: number; judged: number; share: number | null }> };
type Area = { id: string; code: string; nameKk: string; nameRu: string };
type Report = {
  from: string; to: string; territory: { level: string; id: string | null }; childLevel: string | null;
  path: Array<Area & { level: string }>;
  quarters: Array<{ quarter: string; total: Figures; children: Array<Area & { figures: Figures }> }>;
};

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'chief', 'lead', 'regional']) c[name] = await login(t.app, name);
  ({ A, C } = await analyticsDistricts(c.admin!, c.lead!));
  const db = t.database.db;
  const day = addDays(quarterStart(current), -30);
  ids = await insertMeetings(db, [
    { districtId: A.id, staffId: A.inspector!.id, status: 'closed', startsAt: instant(day), number: 'EXP-1' },
    { districtId: C.id, staffId: C.inspector!.id, status: 'held', startsAt: instant(addDays(day, 1)), number: 'EXP-2' },
    { districtId: A.id, staffId: A.inspector!.id, status: 'closed', startsAt: instant(addDays(day, 2)), number: 'EXP-3' },
    { districtId: C.id, staffId: C.inspector!.id, status: 'cancelled', startsAt: instant(addDays(day, 3)), number: 'EXP-4' },
  ]);
  const [m1, , m3] = ids as [string, string, string, string];
  await db.insert(announcements).values({ meetingId: m1, channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(day, -20) });
  await db.insert(participants).values({
    meetingId: m1, number: 1, fullName: 'Қатысушы', category: 'resident', consentVersion: 'v1', consentAt: clock.now(), arrivedAt: clock.now(),
    attendance: 'in_person', channel: 'staff', personKey: 'person-1',
  });
  await db.insert(protocols).values({ meetingId: m1, status: 'signed', content: {}, late: false });
  await db.update(meetings).set({ practice: true }).where(inArray(meetings.id, [m3]));
  await db.execute(sql`select district_quarter_refresh(array_agg(id), array_agg(null::date)) from districts`);
}, 180_000);
afterAll(async () => { await t.close(); });

const report = async (client: Client, query: string): Promise<Report> => {
  const response = await client.get(`/api/v1/analytics/compliance?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('the compliance view\'s breadcrumb', () => {
  it('names the unit head\'s region and unit, and a district\'s whole way down', async () => {
    const own = await report(c.chief!, `from=${P}&to=${Q}`);
    expect(own.path.map((s) => s.level)).toEqual(['region', 'unit']);
    expect(own.path[1]!.id).toBe(A.unit.id);
    const district = await report(c.chief!, `from=${P}&to=${P}&district=${A.id}`);
    expect(district.path.map((s) => s.level)).toEqual(['region', 'unit', 'point', 'district']);
    expect(district.path.map((s) => s.id).slice(1)).toEqual([A.unit.id, A.point.id, A.id]);
    expect(district.path[3]!.code).toBe(A.code);
    expect((await report(c.admin!, `from=${P}&to=${P}`)).path).toEqual([]);
  });
});

describe('GET /api/v1/analytics/compliance.xlsx', () => {
  it('holds the same numbers as the JSON, a row per quarter and area', async () => {
    const json = await report(c.chief!, `from=${P}&to=${Q}`);
    expect(json.quarters[0]!.total.meetings).toBe(2);
    const response = await c.chief!.get(`/api/v1/analytics/compliance.xlsx?from=${P}&to=${Q}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('compliance')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const rows = sheet.getSheetValues().slice(2).filter(Boolean).map((values) => {
      const cells = (values as unknown[]).slice(1);
      return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? null]));
    });
    const expected = json.quarters.flatMap((q) => [
      { quarter: q.quarter, code: json.path.at(-1)!.code, f: q.total },
      ...q.children.map((ch) => ({ quarter: q.quarter, code: ch.code, f: ch.figures })),
    ]);
    expect(rows).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      const row = rows[i]!;
      expect([row.quarter, row.code, row.districts, row.meetings, row['R-22.13 met'], row['R-22.13 share']])
        .toEqual([e.quarter, e.code, e.f.districts, e.f.meetings, e.f.obligation.met, e.f.obligation.share]);
      for (const line of e.f.lines) {
        expect([row[`${line.rule} met`], row[`${line.rule} judged`], row[`${line.rule} share`]], `${e.code} ${e.quarter} ${line.rule}`)
          .toEqual([line.met, line.judged, line.share]);
      }
    });
    // The counted meetings are really there: the unit's register line in the previous quarter is 1 of 2.
    const unitRow = rows.find((r) => r.quarter === P && r.code === json.path.at(-1)!.code)!;
    expect([unitRow.meetings, unitRow['R-32.2 met'], unitRow['R-32.2 judged']]).toEqual([2, 1, 2]);

    // The participation and items of the same view, a sheet each, the JSON's numbers row by row.
    const sheetRows = (name: string) => {
      const ws = workbook.getWorksheet(name)!;
      const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      return ws.getSheetValues().slice(2).filter(Boolean).map((values) => {
        const cells = (values as unknown[]).slice(1);
        return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? null]));
      });
    };
    const participation = (await c.chief!.get(`/api/v1/analytics/participation?from=${P}&to=${Q}`)).json() as { quarters: Array<{ total: Record<string, number | null>; children: Array<{ figures: Record<string, number | null> }> }> };
    const pRows = sheetRows('participation');
    const pExpected = participation.quarters.flatMap((q) => [q.total, ...q.children.map((ch) => ch.figures)]);
    expect(pRows).toHaveLength(pExpected.length);
    pExpected.forEach((f, i) => expect([pRows[i]!.meetings, pRows[i]!.participants, pRows[i]!.residents, pRows[i]!.per_meeting, pRows[i]!.population, pRows[i]!.per_thousand])
      .toEqual([f.meetings, f.participants, f.residents, f.perMeeting, f.population, f.perThousand]));
    expect(pRows.find((r) => r.quarter === P && r.code === json.path.at(-1)!.code)!.participants).toBe(1);
    const items = (await c.chief!.get(`/api/v1/analytics/items?from=${P}&to=${Q}`)).json() as { quarters: Array<{ total: { items: number; checks: { onTime: number } }; children: Array<{ figures: { items: number; checks: { onTime: number } } }> }> };
    const iRows = sheetRows('items');
    const iExpected = items.quarters.flatMap((q) => [q.total, ...q.children.map((ch) => ch.figures)]);
    expect(iRows.map((r) => [r.items, r.checks_on_time])).toEqual(iExpected.map((f) => [f.items, f.checks.onTime]));
  });

  it('answers a territory outside the user\'s scope with 404, a reversed range with 400', async () => {
    const regional = await report(c.regional!, `from=${P}&to=${P}`);
    const otherUnit = regional.quarters[0]!.children.find((u) => u.id !== A.unit.id);
    if (otherUnit) expect((await c.chief!.get(`/api/v1/analytics/compliance.xlsx?unit=${otherUnit.id}`)).statusCode).toBe(404);
    const reversed = await c.chief!.get(`/api/v1/analytics/compliance.xlsx?from=${Q}&to=${P}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0].reason).toBe('range_reversed');
  });
});

describe('GET /api/v1/analytics/compliance.pdf', () => {
  it('is a report with its title in Kazakh or Russian and the unit\'s figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esep-analytics-'));
    try {
      const text = async (lang: string) => {
        const response = await c.chief!.get(`/api/v1/analytics/compliance.pdf?lang=${lang}&from=${P}&to=${P}`);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        const file = join(dir, `${lang}.pdf`);
        writeFileSync(file, response.rawPayload);
        return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
      };
      const kk = await text('kk');
      expect(kk).toContain('Талдау: кездесулер тәртібінің сақталуы');
      // The territory's way down, in letters the font has.
      const { path } = await report(c.chief!, `from=${P}&to=${P}`);
      expect(kk).toContain(path.map((s) => s.nameKk).join(' / ').replace(/\s+/g, ' '));
      expect(kk).toContain(formatQuarter(P, 'kk'));
      // The territory's participation follows its compliance: one participant at two meetings.
      expect(kk).toContain('1 000 тұрғынға');
      const ru = await text('ru');
      expect(ru).toContain('Аналитика: соблюдение порядка встреч');
      expect(ru).toContain('1/2');
      expect(ru).toContain('Участие');
      expect(ru).toContain(formatQuarter(P, 'ru'));
      expect((await c.chief!.get(`/api/v1/analytics/compliance.pdf?lang=en`)).statusCode).toBe(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the meetings behind a figure: GET /api/v1/meetings?counted=true', () => {
  it('lists exactly the meetings the figure counts: held, signed or closed; not practice, not cancelled', async () => {
    const json = await report(c.chief!, `from=${P}&to=${P}`);
    const { from, to } = { from: quarterStart(previous), to: quarterEnd(previous) };
    const list = async (query: string) => {
      const response = await c.chief!.get(`/api/v1/meetings?${query}&from=${from}&to=${to}&pageSize=100`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as Array<{ number: string }>).map((m) => m.number).sort();
    };
    expect(await list(`unitId=${A.unit.id}&counted=true`)).toEqual(['EXP-1', 'EXP-2']);
    expect(json.quarters[0]!.total.meetings).toBe(2);
    expect(await list(`unitId=${A.unit.id}`)).toEqual(['EXP-1', 'EXP-2', 'EXP-3', 'EXP-4']);
    const point = json.quarters[0]!.children.find((p) => p.id === A.point.id)!;
    expect(await list(`pointId=${A.point.id}&counted=true`)).toHaveLength(point.figures.meetings);
    expect(await list(`districtId=${C.id}&counted=true`)).toEqual(['EXP-2']);
    const region = (await report(c.regional!, `from=${P}&to=${P}`)).path[0]!.id;
    expect((await (await c.regional!.get(`/api/v1/meetings?regionId=${region}&counted=true&from=${from}&to=${to}`)).json()).total).toBe(2);
  });

  it('lists the meetings behind a checklist line — judged, met or not met — as the figure counts them', async () => {
    const { from, to } = { from: quarterStart(previous), to: quarterEnd(previous) };
    const list = async (query: string) => {
      const response = await c.chief!.get(`/api/v1/meetings?unitId=${A.unit.id}&counted=true&${query}&from=${from}&to=${to}&pageSize=100`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as Array<{ number: string }>).map((m) => m.number).sort();
    };
    const lines = Object.fromEntries((await report(c.chief!, `from=${P}&to=${P}`)).quarters[0]!.total.lines.map((l) => [l.rule, l]));
    // M1 announced 20 days ahead, M2 not at all — both judged.
    expect(await list('rule=R-27.1')).toEqual(['EXP-1', 'EXP-2']);
    expect(await list('rule=R-27.1&met=true')).toEqual(['EXP-1']);
    expect(await list('rule=R-27.1&met=false')).toEqual(['EXP-2']);
    // M1 signed on time; M2 held on a past day without a protocol.
    expect(await list('rule=R-32.3&met=false')).toEqual(['EXP-2']);
    // R-32.1: only the closed M1 is judged (M2's video may still come), and it has none.
    expect(await list('rule=R-32.1')).toEqual(['EXP-1']);
    expect(await list('rule=R-32.1&met=true')).toEqual([]);
    for (const rule of ['R-27.1', 'R-26', 'R-32.2', 'R-32.1', 'R-32.3', 'R-33']) {
      expect((await list(`rule=${rule}`)).length, rule).toBe(lines[rule]!.judged);
      expect((await list(`rule=${rule}&met=true`)).length, rule).toBe(lines[rule]!.met);
    }
    expect((await c.chief!.get('/api/v1/meetings?rule=R-22.13')).statusCode).toBe(400);
  });

  it('finds a joint meeting in each point it covers, as the analytics count it', async () => {
    const day = addDays(quarterStart(current), -20);
    const [joint] = await insertMeetings(t.database.db, [{ districtId: A.id, staffId: A.inspector!.id, status: 'held', startsAt: instant(day), number: 'EXP-J' }]);
    await t.database.db.insert(meetingDistricts).values({ meetingId: joint!, districtId: C.id });
    const { from, to } = { from: quarterStart(previous), to: quarterEnd(previous) };
    const list = async (query: string) => ((await c.chief!.get(`/api/v1/meetings?${query}&from=${from}&to=${to}&pageSize=100`)).json().items as Array<{ number: string }>)
      .map((m) => m.number).sort();
    const json = await report(c.chief!, `from=${P}&to=${P}`);
    const pointC = json.quarters[0]!.children.find((p) => p.id === C.point.id)!;
    const listed = await list(`pointId=${C.point.id}&counted=true`);
    expect(listed).toContain('EXP-J');
    expect(listed).toHaveLength(pointC.figures.meetings);
    // Without `counted` the list keeps its meaning: the meeting's own point.
    expect(await list(`pointId=${C.point.id}`)).not.toContain('EXP-J');
  });
});
