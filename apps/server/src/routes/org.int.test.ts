import { addDays } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCapitalRegion } from '../../test/fixtures.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const c: Record<string, Client> = {};
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await testApp();
  await addCapitalRegion(t.database.db, today);
  for (const name of ['admin', 'chief', 'lead', 'inspector', 'inspector2', 'akimat', 'regional', 'analyst']) c[name] = await login(t.app, name);
}, 120_000);
afterAll(async () => { await t.close(); });

const codes = async (client: Client, query = '') =>
  ((await client.get(`/api/v1/districts?pageSize=200${query}`)).json().items as Array<{ code: string }>).map((d) => d.code);
const idOf = async (code: string) =>
  ((await c.admin!.get(`/api/v1/districts?q=${code}`)).json().items as Array<{ id: string; code: string }>).find((d) => d.code === code)!.id;

describe('territorial access', () => {
  it('an inspector sees only his district and cannot read inspector2\'s', async () => {
    expect(await codes(c.inspector!)).toEqual(['ALM-KAR-P2-D01']);
    const other = await idOf('ALM-TAL-P1-D01');
    const response = await c.inspector!.get(`/api/v1/districts/${other}`, { 'accept-language': 'kk' });
    // Outside the territory the record is answered as missing: ids cannot be probed.
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'not_found', message: 'Табылмады' });
  });

  it('a point lead reads every district of his point and none outside it', async () => {
    const mine = await codes(c.lead!);
    expect(mine).toEqual(['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02', 'ALM-KAR-P2-D03', 'ALM-KAR-P2-D04', 'ALM-KAR-P2-D05', 'ALM-KAR-P2-D06']);
    for (const code of mine) expect((await c.lead!.get(`/api/v1/districts/${await idOf(code)}`)).statusCode).toBe(200);
    for (const code of ['ALM-KAR-P1-D01', 'ALM-TAL-P1-D01', 'AST-ESL-P1-D01']) {
      expect((await c.lead!.get(`/api/v1/districts/${await idOf(code)}`)).statusCode).toBe(404);
    }
  });

  it('a unit head sees his unit, a regional head his region, national roles everything', async () => {
    expect((await codes(c.chief!)).every((code) => code.startsWith('ALM-KAR-'))).toBe(true);
    expect(await codes(c.chief!)).toHaveLength(18);
    expect(await codes(c.regional!)).toHaveLength(30);
    expect(await codes(c.analyst!)).toHaveLength(32);
  });

  it('an akimat sees the districts of its rural district', async () => {
    expect(await codes(c.akimat!)).toEqual(['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02', 'ALM-KAR-P2-D03', 'ALM-KAR-P2-D04', 'ALM-KAR-P2-D05', 'ALM-KAR-P2-D06']);
  });

  it('the tree holds only what the user sees, with the containers above it', async () => {
    const tree = (await c.inspector!.get('/api/v1/org/tree')).json();
    expect(tree.regions).toHaveLength(1);
    expect(tree.regions[0].units).toHaveLength(1);
    expect(tree.regions[0].units[0].points).toHaveLength(1);
    expect(tree.regions[0].units[0].points[0].districts.map((d: { code: string }) => d.code)).toEqual(['ALM-KAR-P2-D01']);
  });

  it('a readable record the role may not change is 403', async () => {
    const own = await idOf('ALM-KAR-P2-D01');
    const response = await c.inspector!.send('PATCH', `/api/v1/districts/${own}`, { population: 1 });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });
});

describe('district page', () => {
  it('shows the inspector, adjacency, coverage, ATU with akim and maslikhat, and abilities', async () => {
    const detail = (await c.chief!.get(`/api/v1/districts/${await idOf('ALM-KAR-P2-D01')}`)).json();
    expect(detail.inspector.fullName).toBeTruthy();
    expect(detail.adjacent.map((d: { code: string }) => d.code)).toEqual(['ALM-KAR-P1-D03', 'ALM-KAR-P2-D02', 'ALM-KAR-P2-D04']);
    expect(detail.coverage).toHaveLength(3);
    expect(detail.atuDetail.kind).toBe('rural_district');
    expect(detail.atuDetail.parent.code).toBe('ALM-KAR-RN');
    expect(detail.assistants).toHaveLength(1);
    expect(detail.abilities).toMatchObject({ read: true, update: true, delete: false });
    const asInspector = (await c.inspector!.get(`/api/v1/districts/${detail.id}`)).json();
    expect(asInspector.abilities).toMatchObject({ read: true, update: false });
  });

  it('answers who served the district on a past date from the assignment history (R-2.2)', async () => {
    const id = await idOf('ALM-KAR-P2-D01');
    const now = (await c.lead!.get(`/api/v1/districts/${id}/served-by?date=${today}`)).json();
    const before = (await c.lead!.get(`/api/v1/districts/${id}/served-by?date=${year - 1}-01-05`)).json();
    expect(before.inspector.fullName).toBe('Қуанышев Әлихан Ерікұлы');
    expect(now.inspector.fullName).not.toBe(before.inspector.fullName);
    const history = (await c.lead!.get(`/api/v1/districts/${id}/assignments`)).json();
    expect(history.length).toBeGreaterThanOrEqual(3);
  });

  it('lists with paging, sorting and search in one convention', async () => {
    const page = (await c.regional!.get('/api/v1/districts?page=2&pageSize=5&sort=-population')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 5, total: 30 });
    const populations = page.items.map((d: { population: number }) => d.population);
    expect([...populations].sort((a, b) => b - a)).toEqual(populations);
    expect((await c.regional!.get('/api/v1/districts?q=№11')).json().total).toBe(1);
    const bad = await c.regional!.get('/api/v1/districts?sort=secret&extra=1', { 'accept-language': 'ru' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Данные заполнены неверно');
    expect(bad.json().error.details.length).toBeGreaterThan(0);
  });
});

describe('assignments (R-2.2)', () => {
  it('refuses a second inspector for overlapping days and accepts after the first ends', async () => {
    const districtId = await idOf('ALM-KAR-P2-D02');
    const staff = (await c.chief!.get('/api/v1/staff?position=inspector&pageSize=200')).json().items as Array<{ id: string; fullName: string; point: { code: string } | null }>;
    const newcomer = staff.find((s) => s.point?.code === 'ALM-KAR-P3')!;
    const clash = await c.chief!.send('POST', '/api/v1/assignments', { districtId, staffId: newcomer.id, role: 'inspector', from: today });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('assignment_overlap');
    expect(clash.json().error.details.rule).toBe('R-2.2');

    const history = (await c.chief!.get(`/api/v1/districts/${districtId}/assignments`)).json() as Array<{ id: string; role: string; to: string | null }>;
    const current = history.find((a) => a.role === 'inspector' && a.to === null)!;
    // Dates relative to today: the demo's assignments begin early last year, whatever year it is.
    const ended = await c.chief!.send('POST', `/api/v1/assignments/${current.id}/end`, { to: addDays(today, 30) });
    expect(ended.statusCode).toBe(200);
    const created = await c.chief!.send('POST', '/api/v1/assignments', { districtId, staffId: newcomer.id, role: 'inspector', from: addDays(today, 31) });
    expect(created.statusCode).toBe(201);
    const servedLater = (await c.chief!.get(`/api/v1/districts/${districtId}/served-by?date=${addDays(today, 60)}`)).json();
    expect(servedLater.inspector.id).toBe(newcomer.id);

    const audit = (await c.admin!.get('/api/v1/audit?action=assignment.create&sort=-at')).json();
    expect(audit.items[0].entityId).toBe(created.json().id);
    expect(audit.items[0].actorName).toBe('chief');
  });

  it('refuses staff of another police unit', async () => {
    const districtId = await idOf('ALM-KAR-P2-D03');
    const staff = (await c.admin!.get('/api/v1/staff?q=S-ALM-TAL-P1-D02')).json().items as Array<{ id: string }>;
    const response = await c.admin!.send('POST', '/api/v1/assignments', { districtId, staffId: staff[0]!.id, role: 'assistant', from: today });
    expect(response.statusCode).toBe(400);
  });

  it('a unit head cannot assign in another unit (404: outside his territory)', async () => {
    const districtId = await idOf('ALM-TAL-P1-D02');
    const response = await c.chief!.send('POST', '/api/v1/assignments', { districtId, staffId: '00000000-0000-4000-8000-000000000000', role: 'assistant', from: today });
    expect(response.statusCode).toBe(404);
  });
});
