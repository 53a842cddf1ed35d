import { districtCoverage, districts, staff } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { meetingDates } from '../../test/meetings.ts';

/*
 * Issue 13, parts 1 and 2: the address lookup and the district page on the demo region
 * (apps/server/src/demo/demo.data.ts: three streets per district, e.g. "Абай (P2)" / "Абая (P2)"
 * houses 1–40 in ALM-KAR-P2-D03, "Достық (P1)" 41–80 even in ALM-KAR-P1-D02).
 */
let t: TestApp;
let inspector: Client;

const lookup = (q: string, lang = 'en', extra = '') => t.app.inject({
  method: 'GET', url: `/api/v1/public/addresses?q=${encodeURIComponent(q)}${extra}`, headers: { 'accept-language': lang },
});
const codes = async (q: string) => {
  const response = await lookup(q);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().matches as Array<{ districtCode: string }>).map((m) => m.districtCode).sort();
};

beforeAll(async () => {
  t = await testApp();
  inspector = await login(t.app, 'inspector');
}, 120_000);
afterAll(async () => { await t.close(); });

describe('address lookup (GET /api/v1/public/addresses)', () => {
  it('the demo seed stored ASCII search keys for every coverage line', async () => {
    const rows = await t.database.db.select({ key: districtCoverage.searchKey }).from(districtCoverage);
    expect(rows.length).toBeGreaterThan(80);
    expect(rows.every((r) => r.key != null && /^[a-z0-9 ]+$/.test(r.key))).toBe(true);
  });

  it('finds the district by a street written in Latin letters, with or without typo and type word', async () => {
    const abai = ['ALM-KAR-P1-D01', 'ALM-KAR-P2-D03', 'ALM-KAR-P3-D05', 'ALM-TAL-P2-D01'];
    expect(await codes('Abaya 15')).toEqual(abai);
    expect(await codes('Abai dangyly 15')).toEqual(abai);
    expect(await codes('Abaı köşesı 15')).toEqual(abai);
    // A letter missing: Сейфуллин → "Seifulin".
    expect(await codes('Seifulin koshesi 90')).toEqual(['ALM-KAR-P1-D03', 'ALM-TAL-P2-D03']);
  });

  it('understands Russian abbreviations and Kazakh street types', async () => {
    expect(await codes('ул. Кунаева, д. 12/1, кв. 3')).toEqual(['ALM-KAR-P1-D05', 'ALM-KAR-P3-D01', 'ALM-TAL-P1-D03', 'ALM-TAL-P2-D05']);
    expect(await codes('Тәуелсіздік даңғылы 130')).toEqual(['ALM-KAR-P1-D04', 'ALM-TAL-P2-D04']);
    expect(await codes('пр. Тауелсиздик 130')).toEqual(['ALM-KAR-P1-D04', 'ALM-TAL-P2-D04']);
  });

  it('the house number picks the district by range and parity', async () => {
    expect(await codes('Достык 42')).toEqual(['ALM-KAR-P1-D02', 'ALM-TAL-P2-D02']);
    expect(await codes('Достық көшесі 130')).toEqual(['ALM-KAR-P2-D04']);
    // An odd house on the even side of the street: no district, the street offered instead.
    const odd = (await lookup('Достык 43')).json();
    expect(odd.matches).toEqual([]);
    expect(odd.suggestions.map((s: { streetNameRu: string }) => s.streetNameRu)).toContain('Достык (P1)');
    // `house` as its own parameter wins over the query's number.
    expect(((await lookup('Достык', 'en', '&house=42')).json().matches as Array<{ districtCode: string }>).map((m) => m.districtCode).sort())
      .toEqual(['ALM-KAR-P1-D02', 'ALM-TAL-P2-D02']);
  });

  it('a village or rural district name leads to its districts', async () => {
    const mezgil = (await lookup('Mezgil auyly')).json();
    expect(mezgil.settlements[0]).toMatchObject({ code: 'ALM-TAL-BEL-MEZ' });
    expect(mezgil.settlements[0].districts.map((d: { code: string }) => d.code)).toEqual(['ALM-TAL-P2-D04', 'ALM-TAL-P2-D05', 'ALM-TAL-P2-D06']);
    const shamalgan = (await lookup('Шамалған')).json();
    expect(shamalgan.settlements[0].code).toBe('ALM-KAR-SHA');
    expect(shamalgan.settlements[0].districts).toHaveLength(6);
  });

  it('nothing matched: the nearest streets, or nothing at all', async () => {
    const near = (await lookup('Kurmangazyev 500')).json();
    expect(near.matches).toEqual([]);
    expect(near.suggestions.length).toBeGreaterThan(0);
    expect(near.suggestions[0].streetNameRu).toMatch(/^Курмангазы/);
    const none = (await lookup('Qwxzvbnm')).json();
    expect(none).toMatchObject({ matches: [], settlements: [], suggestions: [] });
  });

  it('an empty, number-only or over-long query is a 400 in the reader\'s language', async () => {
    for (const q of ['', '   ', '12', 'а'.repeat(201)]) {
      const response = await lookup(q, 'kk');
      expect(response.statusCode, q).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.message).toContain('көше');
    }
    expect((await t.app.inject('/api/v1/public/addresses')).statusCode).toBe(400);
    expect((await lookup('Абай', 'en', '&house=abc')).statusCode).toBe(400);
  });
});

describe('/find page', () => {
  it('renders the form, the results with links to the district pages, and "nothing found"', async () => {
    const form = await t.app.inject('/find?lang=kk');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form role="search" action="/find" method="get"');
    const found = await t.app.inject(`/find?lang=ru&q=${encodeURIComponent('ул. Абая 12')}`);
    expect(found.statusCode).toBe(200);
    expect(found.headers['cache-control']).toBe('no-store');
    expect(found.body).toContain('href="/d/ALM-KAR-P2-D03?lang=ru"');
    expect(found.body).toContain('улица Абая (P2)');
    const none = await t.app.inject(`/find?lang=en&q=${encodeURIComponent('Qwxzvbnm')}`);
    expect(none.body).toContain('Nothing found');
    const bad = await t.app.inject(`/find?lang=en&q=${'x'.repeat(201)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('at most 200 characters');
  });
});

describe('district page /d/:code', () => {
  it('shows the district, point, inspector and the next announced meeting; ETag 304; no personal data', async () => {
    const ids = await districtIds(inspector);
    const { plan, at, today } = meetingDates(t.clock);
    const created = await inspector.send('POST', '/api/v1/meetings', plan(ids['ALM-KAR-P2-D01'], { startsAt: at(40, 18), endsAt: at(40, 20) }));
    expect(created.statusCode, created.body).toBe(201);
    const meetingId = created.json().id as string;
    expect((await inspector.send('POST', `/api/v1/meetings/${meetingId}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
    expect((await inspector.send('POST', `/api/v1/meetings/${meetingId}/announcements`, { channel: 'mass_media', outlet: 'Қарасай ақшамы', publishedOn: today })).statusCode).toBeLessThan(300);
    expect((await inspector.send('POST', `/api/v1/meetings/${meetingId}/transitions`, { action: 'announce' })).statusCode).toBe(200);

    const page = await t.app.inject('/d/ALM-KAR-P2-D01?lang=ru');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('Административный участок №11');
    expect(html).toContain('Шамалганский сельский округ');
    expect(html).toContain('УПП Шамалган');
    expect(html).toContain('Пн–Пт 09:00–18:00');
    expect(html).toMatch(/href="tel:\+7727\d+"/);
    const [serving] = await t.database.db.select({ fullName: staff.fullName, iin: staff.iin }).from(staff).where(eq(staff.code, 'S-ALM-KAR-P2-D01'));
    expect(html).toContain(serving!.fullName);
    expect(html).toContain('Участковый инспектор полиции');
    // Issue 14: the rank in the page's language, not its code nor its Kazakh label.
    expect(html).toContain('Участковый инспектор полиции, капитан полиции');
    expect(html).not.toContain('captain');
    expect(html).not.toContain('полиция капитаны');
    // The previous inspector's assignment ended: not shown.
    expect(html).not.toContain('Қуанышев');
    expect(html).toContain(`href="/m/${meetingId}?lang=ru"`);
    expect(html).toContain('Шамалған ауылдық клубы');
    expect(html).toContain('href="/d/ALM-KAR-P2-D01/ask?lang=ru"');
    expect(html).toContain('href="/d/ALM-KAR-P2-D01/subscribe?lang=ru"');
    expect(html).toContain('href="/d/ALM-KAR-P2-D01/outcomes?lang=ru"');
    expect(html).toContain('<meta property="og:title"');
    expect(html).not.toContain('<img');
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    const again = await t.app.inject({ url: '/d/ALM-KAR-P2-D01?lang=ru', headers: { 'if-none-match': String(page.headers.etag) } });
    expect(again.statusCode).toBe(304);

    // A district without a meeting and without an inspector says so; Kazakh names in Kazakh.
    const vacant = await t.app.inject('/d/ALM-TAL-P2-D06?lang=kk');
    expect(vacant.statusCode).toBe(200);
    expect(vacant.body).toContain('Мезгіл ауылы');
    expect(vacant.body).toContain('Қазір учаскеге инспектор бекітілмеген');
    expect(vacant.body).toContain('Кездесу әлі жарияланған жоқ');
    const [district] = await t.database.db.select({ id: districts.id }).from(districts).where(eq(districts.code, 'ALM-TAL-P2-D06'));
    expect(district).toBeDefined();
  });

  it('a published photo is shown; an unknown code is a 404 page', async () => {
    await t.database.db.update(staff).set({ photoUrl: '/photos/s-alm-kar-p2-d02.jpg' }).where(eq(staff.code, 'S-ALM-KAR-P2-D02'));
    const page = await t.app.inject('/d/ALM-KAR-P2-D02?lang=en');
    expect(page.body).toContain('<img src="/photos/s-alm-kar-p2-d02.jpg"');
    const missing = await t.app.inject('/d/NO-SUCH?lang=en');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<html lang="en">');
  });
});
