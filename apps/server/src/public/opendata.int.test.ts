import { districts, meetingDistricts, meetingItems, meetings, staff } from '@esep/db';
import { almatyDate, CONSENT_VERSION, quarterEnd, quarterKey, quarterOf, quarterStart } from '@esep/domain';
import { and, count, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds } from '../../test/holding.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';
import { parseCsv } from '../../test/csv.ts';

/** Issue 13, part 6: open data (Law 401-V) — no person in any file. */
let t: TestApp;
let inspector: Client;
let ids: Record<string, string>;
let quarter: string;
let from: string;
let to: string;
const D01 = 'ALM-KAR-P2-D01';
const RESIDENT = 'Сейітқали Әйгерім Нұрболқызы';
const SECOND = 'Оразбаева Гүлжан Серікқызы';
const PHONE = '+7 701 555 12 34';
const EMAIL = 'aigerim.opendata@example.kz';
const ITEM_TEXT = 'Абай көшесі 17 үйдің жанында жарық жоқ';
const names: string[] = [];
let announced: string;
let cancelled: string;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  t = await testApp();
  t.clock.set(earlyInQuarter(t.clock));
  inspector = await login(t.app, 'inspector');
  ids = await districtIds(inspector);
  const { today, at, plan } = meetingDates(t.clock);
  const q = quarterOf(today);
  quarter = quarterKey(q);
  from = quarterStart(q);
  to = quarterEnd(q);
  const m = await signedMeeting(t, inspector, ids[D01]!, [
    { resolution: 'to_check', person: RESIDENT, text: ITEM_TEXT },
    { resolution: 'to_forward', person: SECOND, topic: 'housing' },
    { resolution: 'answered' },
  ]);
  // A registered participant with contacts (entered while the meeting is still open): none of them may leave the server.
  await t.database.db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, m.id));
  const sync = await inspector.send('POST', `/api/v1/meetings/${m.id}/live/sync`, {
    operations: [{ kind: 'participant', clientKey: crypto.randomUUID(), data: { fullName: 'Тұрғын Байжанов Ерлан', address: 'Шамалған а., Абай к-сі, 99', phone: PHONE, email: EMAIL, consent: true, consentVersion: CONSENT_VERSION } }],
  });
  expect(sync.json().results[0].status, sync.body).toBe('created');
  await t.database.db.update(meetings).set({ status: 'protocol_signed' }).where(eq(meetings.id, m.id));
  expect((await inspector.send('POST', `/api/v1/meetings/${m.id}/follow-ups`)).statusCode).toBe(200);
  // An announced meeting ahead, and one cancelled after its announcement.
  const plans: string[] = [];
  for (const day of [20, 25]) {
    const created = await inspector.send('POST', '/api/v1/meetings', plan(ids[D01]!, { startsAt: at(day, 18), endsAt: at(day, 20) }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: 'Қарасай ақшамы', publishedOn: today })).statusCode).toBeLessThan(300);
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(200);
    plans.push(id);
  }
  [announced, cancelled] = plans as [string, string];
  expect((await inspector.send('POST', `/api/v1/meetings/${cancelled}/transitions`, { action: 'cancel', reason: 'Зал жөнделуде' })).statusCode).toBe(200);
  names.push(RESIDENT, SECOND, 'Байжанов', PHONE, EMAIL, ITEM_TEXT, ...(await t.database.db.select({ n: staff.fullName }).from(staff)).map((s) => s.n));
}, 180_000);
afterAll(async () => { await t.close(); });

function noPersonalData(body: string) {
  for (const n of names) expect(body.includes(n), n).toBe(false);
  expect(body).not.toMatch(/\+7 ?7\d{2}/);
}

describe('open data sets', () => {
  it('meetings: CSV (BOM, RFC 4180) and JSON hold the same rows, one per meeting and district, counted as in the database', async () => {
    const csv = await get(`/open-data/meetings.csv?quarter=${quarter.replace('Q', '')}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="esep-meetings-${quarter}.csv"`);
    expect(csv.headers['cache-control']).toBe('public, max-age=300');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(csv.body);
    expect(header).toContain('meeting_number');
    const [{ n }] = await t.database.db.select({ n: count() }).from(meetingDistricts).innerJoin(meetings, eq(meetings.id, meetingDistricts.meetingId))
      .where(and(gte(meetings.startDate, from), lte(meetings.startDate, to), ne(meetings.status, 'draft'))) as [{ n: number }];
    expect(rows).toHaveLength(Number(n));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const json = await get(`/open-data/meetings.json?quarter=${quarter}`);
    expect(json.statusCode).toBe(200);
    const body = json.json();
    expect(body.licence).toMatch(/CC BY 4\.0/);
    expect(body.quarter).toBe(quarter);
    expect(body.fields.map((f: { name: string }) => f.name)).toEqual(header);
    expect(body.rows).toHaveLength(rows.length);
    const signed = body.rows.find((r: Record<string, unknown>) => r.status === 'protocol_signed' && r.district_code === D01);
    expect(signed).toMatchObject({ items: 3, participants: 3, region_code: 'ALM', point_code: 'ALM-KAR-P2', notice_days: 0 });
    expect(signed.starts_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/);
    // CSV and JSON agree cell by cell.
    const i = header!.indexOf('meeting_number');
    expect(rows.map((r) => r[i]).sort()).toEqual(body.rows.map((r: { meeting_number: string }) => r.meeting_number).sort());
    noPersonalData(csv.body);
    noPersonalData(json.body);
  });

  it('narrows to a territory by code; an unknown code is 404, two territories 400', async () => {
    const one = (await get(`/open-data/meetings.json?district=${D01}`)).json();
    expect(one.rows.length).toBeGreaterThan(0);
    expect(one.rows.every((r: { district_code: string }) => r.district_code === D01)).toBe(true);
    const region = (await get('/open-data/meetings.json?region=ALM')).json();
    expect(region.rows.length).toBeGreaterThanOrEqual(one.rows.length);
    const unknown = await get('/open-data/meetings.csv?region=NOPE', { 'accept-language': 'ru' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'not_found', message: 'Территории с таким кодом нет: region=NOPE' });
    expect((await get('/open-data/outcomes.json?region=ALM&district=X')).statusCode).toBe(400);
  });

  it('validates the quarter: 400 in the reader\'s language', async () => {
    for (const bad of ['2022-4', 'abc', '2026-5', '2099-1', '2026-Q0']) {
      const r = await get(`/open-data/compliance.json?quarter=${bad}`, { 'accept-language': 'en' });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.code).toBe('validation_failed');
      expect(r.json().error.message).toMatch(/^Invalid quarter/);
    }
    const kk = await get('/open-data/compliance.csv?quarter=2022-1', { 'accept-language': 'kk' });
    expect(kk.json().error.message).toMatch(/^Тоқсан дұрыс емес/);
    expect((await get('/open-data/compliance.json?quarter=2023-1')).statusCode).toBe(200);
  });

  it('compliance: one row per district, from the board\'s rollups', async () => {
    const csv = await get(`/open-data/compliance.csv?quarter=${quarter}`);
    const [header, ...rows] = parseCsv(csv.body);
    const [{ n }] = await t.database.db.select({ n: count() }).from(districts) as [{ n: number }];
    expect(rows).toHaveLength(Number(n));
    const json = (await get(`/open-data/compliance.json?quarter=${quarter}`)).json();
    expect(json.rows).toHaveLength(rows.length);
    expect(json.fields.map((f: { name: string }) => f.name)).toEqual(header);
    const d01 = json.rows.find((r: { district_code: string }) => r.district_code === D01);
    expect(d01).toMatchObject({ quarter, quarter_status: 'met', obligation_met: true, meetings_held: 1, register_kept: true, notice_10_days: false, video_recorded: false, checks_overdue: 0 });
    const idle = json.rows.find((r: { district_code: string }) => r.district_code === 'ALM-KAR-P2-D03');
    expect(idle).toMatchObject({ obligation_met: false, meetings_held: 0, notice_10_days: null, register_kept: null });
    noPersonalData(csv.body);
  });

  it('outcomes: one row per item of signed meetings, without the item\'s text', async () => {
    const csv = await get(`/open-data/outcomes.csv?quarter=${quarter}`);
    const [, ...rows] = parseCsv(csv.body);
    const signed = await t.database.db.select({ id: meetings.id }).from(meetings)
      .where(and(gte(meetings.startDate, from), lte(meetings.startDate, to), inArray(meetings.status, ['protocol_signed', 'closed'])));
    const [{ n }] = await t.database.db.select({ n: count() }).from(meetingItems).where(inArray(meetingItems.meetingId, signed.map((s) => s.id))) as [{ n: number }];
    expect(rows).toHaveLength(Number(n));
    const json = (await get(`/open-data/outcomes.json?quarter=${quarter}`)).json();
    const byResolution = Object.fromEntries(json.rows.map((r: { resolution: string }) => [r.resolution, r]));
    expect(byResolution.to_check).toMatchObject({ kind: 'complaint', topic: 'housing', district_codes: D01, initiator_notified: null });
    expect(byResolution.to_check.check_due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byResolution.to_forward.forwarding_due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byResolution.to_forward.initiator_notified).toBe(false);
    expect(byResolution.answered).toMatchObject({ check_due: null, forwarding_due: null });
    noPersonalData(csv.body);
    noPersonalData(JSON.stringify(json));
  });

  it('answers a repeat download with 304 by its ETag', async () => {
    for (const url of [`/open-data/meetings.json?quarter=${quarter}`, `/open-data/outcomes.csv?quarter=${quarter}`, '/open-data/meetings.ics']) {
      const first = await get(url);
      expect(first.headers.etag, url).toBeTruthy();
      t.clock.advance(60_000);
      const again = await get(url, { 'if-none-match': first.headers.etag as string });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
    }
  });

  it('documents the JSON sets in OpenAPI', async () => {
    const paths = (await get('/api/openapi.json')).json().paths as Record<string, unknown>;
    for (const set of ['meetings', 'compliance', 'outcomes']) expect(paths[`/open-data/${set}.json`], set).toBeTruthy();
  });
});

describe('the national iCal feed', () => {
  it('parses with ical.js; announced and cancelled meetings with the staff feed\'s UID, no person named', async () => {
    const r = await get('/open-data/meetings.ics');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(r.body)).getAllSubcomponents('vevent');
    const uid = (e: ICAL.Component) => e.getFirstPropertyValue('uid') as string;
    const a = events.find((e) => uid(e) === `${announced}@esep`)!;
    const c = events.find((e) => uid(e) === `${cancelled}@esep`)!;
    expect(a.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(a.getFirstPropertyValue('summary')).toMatch(/^Есеп беру кездесуі \/ Отчётная встреча — /);
    expect(a.getFirstPropertyValue('location')).toContain('Шамалған ауылдық клубы');
    expect(c.getFirstPropertyValue('status')).toBe('CANCELLED');
    noPersonalData(r.body);
    const region = await get('/open-data/meetings.ics?region=ALM');
    expect(new ICAL.Component(ICAL.parse(region.body)).getAllSubcomponents('vevent')).toHaveLength(events.length);
    expect((await get('/open-data/meetings.ics?region=NOPE')).statusCode).toBe(404);
  });
});

describe('the open-data page', () => {
  for (const [lang, title, licence] of [['kk', 'Ашық деректер', 'дереккөз: Esep'], ['ru', 'Открытые данные', 'источник: Esep'], ['en', 'Open data', 'source: Esep']] as const) {
    it(`renders in ${lang}: the links for the chosen quarter and region, the licence, the fields`, async () => {
      const r = await get(`/open-data?lang=${lang}&quarter=${quarter}&region=ALM`);
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain(`<h1>${title}</h1>`);
      expect(r.body).toContain(licence);
      expect(r.body).toContain(`/open-data/meetings.csv?quarter=${quarter}&amp;region=ALM`);
      expect(r.body).toContain('/open-data/meetings.ics?region=ALM');
      expect(r.body).toContain('<code>initiator_notified</code>');
      expect(r.body).not.toContain('<script');
      expect(r.headers['cache-control']).toBe('public, max-age=300');
      expect((await get(`/open-data?lang=${lang}&quarter=${quarter}&region=ALM`, { 'if-none-match': r.headers.etag as string })).statusCode).toBe(304);
    });
  }

  it('an unknown region is a 404 page; a bad quarter falls back to the current one', async () => {
    expect((await get('/open-data?region=NOPE')).statusCode).toBe(404);
    const r = await get('/open-data?quarter=1999-1&lang=en');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`Files for ${quarterKey(quarterOf(almatyDate(t.clock.now())))}`);
  });
});
