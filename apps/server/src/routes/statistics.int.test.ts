import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds } from '../../test/holding.ts';
import { today } from '../../test/meetings.ts';

/** District statistics (R-29, R-30 ¶1): entry, comparison with last year, XLSX import and template. */
let t: TestApp;
let inspector: Client;
let ids: Record<string, string>;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await testApp();
  inspector = await login(t.app, 'inspector');
  ids = await districtIds(await login(t.app, 'admin'));
});
afterAll(async () => { await t.close(); });

async function token(username: string): Promise<string> {
  if (!tokens.has(username)) {
    tokens.set(username, (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: 'demo' } })).json().token);
  }
  return tokens.get(username)!;
}

async function workbook(rows: unknown[][], header = ['district_code', 'year', 'quarter', 'category', 'count']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('statistics');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(username: string, data: Buffer, dryRun: boolean, lang = 'ru') {
  const boundary = '----esep-statistics';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="statistics.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST', url: `/api/v1/statistics/import?dryRun=${dryRun}`, payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${await token(username)}`, 'accept-language': lang },
  });
}

const row = (body: { rows: Array<{ category: string; count: number | null; lastYear: number | null; change: number | null; changePercent: number | null }> }, category: string) =>
  body.rows.find((r) => r.category === category)!;

describe('district statistics', () => {
  it('saves a quarter and compares it with the same quarter last year', async () => {
    const d = ids['ALM-KAR-P2-D01']!;
    const before = await inspector.send('PUT', `/api/v1/districts/${d}/statistics`, { year: 2030, quarter: 2, rows: [{ category: 'theft', count: 8 }, { category: 'fraud', count: 0 }] });
    expect(before.statusCode, before.body).toBe(200);
    const saved = await inspector.send('PUT', `/api/v1/districts/${d}/statistics`, { year: 2031, quarter: 2, rows: [{ category: 'theft', count: 12 }, { category: 'fraud', count: 5 }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const body = saved.json();
    expect(body.rows).toHaveLength(10);
    expect(row(body, 'theft')).toEqual({ category: 'theft', count: 12, lastYear: 8, change: 4, changePercent: 50 });
    expect(row(body, 'fraud')).toEqual({ category: 'fraud', count: 5, lastYear: 0, change: 5, changePercent: null });
    expect(row(body, 'robbery')).toEqual({ category: 'robbery', count: 0, lastYear: 0, change: 0, changePercent: null });
    expect(body.total).toEqual({ count: 17, lastYear: 8 });

    // Replacing one category leaves the others as they were.
    await inspector.send('PUT', `/api/v1/districts/${d}/statistics`, { year: 2031, quarter: 2, rows: [{ category: 'theft', count: 10 }] });
    const read = (await inspector.get(`/api/v1/districts/${d}/statistics?year=2031&quarter=2`)).json();
    expect(row(read, 'theft').count).toBe(10);
    expect(row(read, 'fraud').count).toBe(5);

    // Nothing recorded a year before: no comparison at all.
    const lonely = (await inspector.get(`/api/v1/districts/${d}/statistics?year=2030&quarter=2`)).json();
    expect(row(lonely, 'theft')).toEqual({ category: 'theft', count: 8, lastYear: null, change: null, changePercent: null });
    expect(lonely.total.lastYear).toBeNull();
  });

  it('the demo region has five quarters of statistics, so this quarter compares with last year', async () => {
    const [year, month] = today.split('-').map(Number) as [number, number];
    const quarter = Math.floor((month - 1) / 3) + 1;
    const body = (await inspector.get(`/api/v1/districts/${ids['ALM-KAR-P2-D01']}/statistics?year=${year}&quarter=${quarter}`)).json();
    expect(body.total.count).toBeGreaterThan(0);
    expect(body.total.lastYear).toBeGreaterThan(0);
  });

  it('is read in the territory and entered by those who report there', async () => {
    const d = ids['ALM-KAR-P2-D01']!;
    const other = await login(t.app, 'inspector2');
    expect((await other.get(`/api/v1/districts/${d}/statistics?year=2031&quarter=2`)).statusCode).toBe(404);
    expect((await (await login(t.app, 'akimat')).get(`/api/v1/districts/${d}/statistics?year=2031&quarter=2`)).statusCode).toBe(200);
    const analyst = await login(t.app, 'analyst');
    expect((await analyst.send('PUT', `/api/v1/districts/${d}/statistics`, { year: 2031, quarter: 2, rows: [] })).statusCode).toBe(403);
    const repeated = await inspector.send('PUT', `/api/v1/districts/${d}/statistics`, { year: 2031, quarter: 2, rows: [{ category: 'theft', count: 1 }, { category: 'theft', count: 2 }] });
    expect(repeated.statusCode).toBe(400);
    const negative = await inspector.send('PUT', `/api/v1/districts/${d}/statistics`, { year: 2031, quarter: 2, rows: [{ category: 'theft', count: -1 }] });
    expect(negative.statusCode).toBe(400);
    expect((await inspector.get(`/api/v1/districts/${d}/statistics?year=2031&quarter=5`)).statusCode).toBe(400);
  });
});

describe('statistics import', () => {
  it('a dry run lists every bad row in the user\'s language and stores nothing', async () => {
    const data = await workbook([
      ['ALM-KAR-P2-D02', 2032, 1, 'theft', 4],
      ['ALM-KAR-P2-D02', 2032, 1, 'burglary', 3],
      ['ALM-TAL-P1-D01', 2032, 1, 'theft', 2],
      ['ALM-KAR-P2-D02', 2032, 1, 'fraud', -2],
      ['ALM-KAR-P2-D02', 2032, 5, 'drugs', 1],
      ['ALM-KAR-P2-D02', 2032, 1, 'theft', 4],
    ]);
    const response = await upload('chief', data, true);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.applied).toBe(false);
    const errors = report.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]);
    expect(errors).toEqual([
      [3, 'category', 'bad_enum'],
      // Talgar belongs to another unit: outside the unit head's territory.
      [4, 'district_code', 'unknown_district'],
      [5, 'count', 'not_in_range'],
      [6, 'quarter', 'not_in_range'],
      [7, 'category', 'duplicate_row'],
    ]);
    expect(report.errors[1].message).toBe('Участок с кодом «ALM-TAL-P1-D01» не найден на вашей территории');
    expect(report.errors[0].message).toContain('burglary');
    const kk = (await upload('chief', data, true, 'kk')).json();
    expect(kk.errors[1].message).toContain('аумағыңызда');

    const applied = await upload('chief', data, false);
    expect(applied.statusCode).toBe(422);
    expect(applied.json().error.code).toBe('import_invalid');
    const stored = (await (await login(t.app, 'lead')).get(`/api/v1/districts/${ids['ALM-KAR-P2-D02']}/statistics?year=2032&quarter=1`)).json();
    expect(stored.total.count).toBe(0);
  });

  it('a valid file is counted on a dry run, then applied in one go', async () => {
    const data = await workbook([
      ['ALM-KAR-P2-D02', 2032, 1, 'theft', 4],
      ['ALM-KAR-P2-D02', '2032', '1', 'fraud', '3'],
      ['ALM-KAR-P1-D01', 2032, 1, 'drugs', 0],
    ]);
    const dry = (await upload('chief', data, true)).json();
    expect(dry).toEqual({ dryRun: true, applied: false, counts: { statistics: { created: 3, updated: 0, unchanged: 0 } }, errors: [] });
    expect((await (await login(t.app, 'lead')).get(`/api/v1/districts/${ids['ALM-KAR-P2-D02']}/statistics?year=2032&quarter=1`)).json().total.count).toBe(0);

    const done = await upload('chief', data, false);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ applied: true, counts: { statistics: { created: 3, updated: 0, unchanged: 0 } } });
    const stored = (await (await login(t.app, 'lead')).get(`/api/v1/districts/${ids['ALM-KAR-P2-D02']}/statistics?year=2032&quarter=1`)).json();
    expect(row(stored, 'theft').count).toBe(4);
    expect(row(stored, 'fraud').count).toBe(3);

    const again = (await upload('chief', await workbook([['ALM-KAR-P2-D02', 2032, 1, 'theft', 6], ['ALM-KAR-P2-D02', 2032, 1, 'fraud', 3]]), false)).json();
    expect(again.counts.statistics).toEqual({ created: 0, updated: 1, unchanged: 1 });
  });

  it('refuses what is not an XLSX, a wrong header, and importers without the grant', async () => {
    const text = await upload('chief', Buffer.from('district_code,year\n'), true);
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('unsupported_file');
    const header = (await upload('chief', await workbook([['ALM-KAR-P2-D02', 2032, 1, 4]], ['district_code', 'year', 'quarter', 'amount']), true)).json();
    expect(header.errors.map((e: { code: string }) => e.code).sort()).toEqual(['missing_column', 'missing_column', 'unknown_column']);
    expect((await upload('inspector', await workbook([]), true)).statusCode).toBe(403);
  });

  it('the template has the columns, the category codes and a README in Kazakh and Russian', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/statistics/template', headers: { authorization: `Bearer ${await token('chief')}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(response.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['README', 'statistics', 'categories']);
    expect((wb.getWorksheet('statistics')!.getRow(1).values as unknown[]).slice(1)).toEqual(['district_code', 'year', 'quarter', 'category', 'count']);
    const codes: unknown[] = [];
    wb.getWorksheet('categories')!.eachRow((r, n) => { if (n > 1) codes.push(r.getCell(1).value); });
    expect(codes).toContain('domestic_violence');
    expect(codes).toHaveLength(10);
    const readme = JSON.stringify(wb.getWorksheet('README')!.getSheetValues());
    expect(readme).toContain('тоқсан');
    expect(readme).toContain('квартал');
  });
});
