import { CONSENT_VERSION, TIME_ZONE } from '@esep/domain';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { meetingDates } from '../../test/meetings.ts';

/*
 * Issue 13: the resident's meeting page (`/m/:id`, the poster's QR target) and "add to
 * calendar" — content in kk and ru, the status of a postponed or cancelled meeting, the .ics read
 * by ical.js, the Google and Outlook links, ETag and 304, 404s, and no personal data.
 */
let t: TestApp;
let inspector: Client;
let ids: Record<string, string>;
let meetingId: string;
let detail: { startsAt: string; endsAt: string; number: string; inspectors: Array<{ fullName: string }>; sequence: number };

const DIRECTIONS = 'Мектептің артындағы қақпа, «Клуб» аялдамасы.';
const LINK = 'https://meet.example.kz/j/8412?pwd=abc&x=1';
const page = (id: string, query = '', headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/m/${id}${query}`, headers });
const ics = (id: string, query = '', headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/m/${id}/meeting.ics${query}`, headers });
const dayMonth = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'long' }).format(new Date(iso));

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return {
    start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString(), summary: event.summary, location: event.location,
    uid: event.uid, sequence: event.sequence, status: event.component.getFirstPropertyValue('status') as string, description: event.description,
  };
}

async function announcedMeeting(over: Record<string, unknown> = {}) {
  const { at, plan, today } = meetingDates(t.clock);
  const created = await inspector.send('POST', '/api/v1/meetings', plan(ids['ALM-KAR-P2-D01'], { startsAt: at(40, 18), endsAt: at(40, 20), ...over }));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
  expect((await inspector.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: 'Қарасай ақшамы', publishedOn: today })).statusCode).toBeLessThan(300);
  const announced = await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' });
  expect(announced.statusCode, announced.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await testApp({ publicUrl: 'https://esep.example' });
  inspector = await login(t.app, 'inspector');
  ids = await districtIds(inspector);
  meetingId = await announcedMeeting({ format: 'hybrid', onlineLink: LINK, directions: DIRECTIONS });
  detail = (await inspector.get(`/api/v1/meetings/${meetingId}`)).json();
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('directions in the meeting plan', () => {
  it('are saved with the plan, shown in the detail, and kept when an edit leaves them out', async () => {
    expect((await inspector.get(`/api/v1/meetings/${meetingId}`)).json().directions).toBe(DIRECTIONS);
    const { at, plan } = meetingDates(t.clock);
    const created = await inspector.send('POST', '/api/v1/meetings', plan(ids['ALM-KAR-P2-D01'], { startsAt: at(45, 18), endsAt: at(45, 20), directions: 'Екінші қабат' }));
    const draft = created.json().id as string;
    expect((await inspector.send('PUT', `/api/v1/meetings/${draft}`, plan(ids['ALM-KAR-P2-D01'], { startsAt: at(45, 18), endsAt: at(45, 19) }))).statusCode).toBe(200);
    expect((await inspector.get(`/api/v1/meetings/${draft}`)).json().directions).toBe('Екінші қабат');
    expect((await inspector.send('PUT', `/api/v1/meetings/${draft}`, plan(ids['ALM-KAR-P2-D01'], { startsAt: at(45, 18), endsAt: at(45, 19), directions: null }))).statusCode).toBe(200);
    expect((await inspector.get(`/api/v1/meetings/${draft}`)).json().directions).toBeNull();
    // A draft is not public.
    expect((await page(draft)).statusCode).toBe(404);
    expect((await ics(draft)).statusCode).toBe(404);
  });
});

describe('the meeting page /m/:id', () => {
  it('in Kazakh: settlement, district and Almaty date in the title, place, format, link, directions, status, district links', async () => {
    const kk = await page(meetingId, '?lang=kk');
    expect(kk.statusCode).toBe(200);
    const title = /<title>([^<]+)<\/title>/.exec(kk.body)![1]!;
    expect(title).toContain('Шамалған');
    expect(title).toContain('№11 әкімшілік учаске');
    expect(title).toContain(dayMonth(detail.startsAt, 'kk-KZ'));
    expect(title).toContain('18:00');
    expect(kk.body).toContain(`<h1>${title}</h1>`);
    expect(kk.body).toContain(`<meta property="og:title" content="${title}"/>`);
    expect(kk.body).toContain('<meta property="og:description"');
    expect(kk.body).toContain(`content="https://esep.example/m/${meetingId}?lang=kk"`);
    expect(kk.body).toContain('Шамалған ауылдық клубы, Шамалған а., Жібек жолы к-сі, 12');
    expect(kk.body).toContain('Үй-жайда және онлайн');
    expect(kk.body).toContain(`href="${LINK.replace('&', '&amp;')}"`);
    expect(kk.body).toContain(DIRECTIONS);
    expect(kk.body).toContain('Хабарланған');
    expect(kk.body).toContain('href="/d/ALM-KAR-P2-D01?lang=kk"');
    expect(kk.body).toContain(`href="/m/${meetingId}/meeting.ics?lang=kk"`);
    expect(kk.body).not.toContain('<script');
  });

  it('in Russian, by ?lang=ru or Accept-Language', async () => {
    const ru = await page(meetingId, '', { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(ru.body).toContain('<html lang="ru">');
    expect(ru.body).toContain('Административный участок №11');
    expect(ru.body).toContain(dayMonth(detail.startsAt, 'ru-RU'));
    expect(ru.body).toContain('Как добраться');
    expect(ru.body).toContain('Объявлена');
    expect((await page(meetingId, '?lang=ru')).body).toBe(ru.body);
  });

  it('Google and Outlook links carry the title, the times, the place and the details', async () => {
    const body = (await page(meetingId, '?lang=ru')).body.replaceAll('&amp;', '&');
    const google = new URL(/href="(https:\/\/calendar\.google\.com[^"]+)"/.exec(body)![1]!);
    expect(google.searchParams.get('action')).toBe('TEMPLATE');
    const stamp = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
    expect(google.searchParams.get('dates')).toBe(`${stamp(detail.startsAt)}/${stamp(detail.endsAt)}`);
    expect(google.searchParams.get('text')).toContain('Административный участок №11');
    expect(google.searchParams.get('location')).toContain('Жібек жолы к-сі, 12');
    expect(google.searchParams.get('details')).toContain(`https://esep.example/m/${meetingId}?lang=ru`);
    const outlook = new URL(/href="(https:\/\/outlook\.live\.com[^"]+)"/.exec(body)![1]!);
    expect(outlook.pathname).toBe('/calendar/0/deeplink/compose');
    expect(Date.parse(outlook.searchParams.get('startdt')!)).toBe(Date.parse(detail.startsAt));
    expect(Date.parse(outlook.searchParams.get('enddt')!)).toBe(Date.parse(detail.endsAt));
    expect(outlook.searchParams.get('startdt')).toMatch(/T18:00:00\+0[56]:00$/);
    expect(outlook.searchParams.get('subject')).toBe(google.searchParams.get('text'));
    expect(outlook.searchParams.get('location')).toBe(google.searchParams.get('location'));
  });

  it('is shared: Cache-Control public and an ETag answered with 304; the form\'s answer is private', async () => {
    const first = await page(meetingId, '?lang=kk');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers.vary).toContain('Accept-Language');
    const again = await page(meetingId, '?lang=kk', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await page(meetingId, '?lang=ru', { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(200);
    const form = new URLSearchParams({ fullName: 'Ерлан Қасымов', address: 'Абай к-сі, 77', consentVersion: CONSENT_VERSION });
    const answer = await t.app.inject({ method: 'POST', url: `/m/${meetingId}?lang=ru`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    // Registration is not open 40 days ahead: the answer says so, and is not cached.
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.etag).toBeUndefined();
  });

  it('shows no personal data: no participant, no inspector', async () => {
    const body = (await page(meetingId, '?lang=kk')).body + (await ics(meetingId, '?lang=kk')).body;
    expect(detail.inspectors.length).toBeGreaterThan(0);
    for (const i of detail.inspectors) expect(body).not.toContain(i.fullName);
    // A meeting happening now, with a registered resident: the shared page has the form, not her.
    const now = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!);
    const registered = await t.app.inject({
      method: 'POST', url: `/api/v1/public/meetings/${now}/registrations`,
      payload: { fullName: 'Сәуле Нұрланқызы Бекова', address: 'Шамалған а., Абай к-сі, 9', phone: '+77011234567', consent: true, consentVersion: CONSENT_VERSION },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const open = await page(now, '?lang=kk');
    expect(open.body).toContain('data-testid="register-submit"');
    expect(open.headers['cache-control']).toBe('public, max-age=60');
    for (const secret of ['Сәуле', 'Бекова', 'Абай к-сі, 9', '7011234567']) expect(open.body).not.toContain(secret);
  });

  it('an unknown or malformed id is a 404 page in the reader\'s language', async () => {
    const unknown = await page('00000000-0000-4000-8000-000000000000', '?lang=en');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Meeting not found');
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect((await page('not-a-uuid')).statusCode).toBe(404);
    expect((await ics('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('add to calendar: /m/:id/meeting.ics', () => {
  it('an iCalendar attachment that ical.js reads: start, end, summary, location, UID and SEQUENCE', async () => {
    const response = await ics(meetingId, '?lang=ru');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="esep-[A-Z0-9-]+\.ics"$/);
    expect(response.body).toContain('DTSTART;TZID=Asia/Almaty:');
    expect(response.body).toContain('BEGIN:VTIMEZONE');
    const event = parseIcs(response.body);
    expect(event.start).toBe(detail.startsAt);
    expect(event.end).toBe(detail.endsAt);
    expect(event.summary).toContain('Административный участок №11');
    expect(event.location).toContain('Шамалған а., Жібек жолы к-сі, 12');
    expect(event.location).toContain(LINK);
    expect(event.uid).toBe(`${meetingId}@esep`);
    expect(event.sequence).toBe(detail.sequence);
    expect(event.status).toBe('CONFIRMED');
    expect(event.description).toContain(DIRECTIONS);
    const etag = String(response.headers.etag);
    expect((await ics(meetingId, '?lang=ru', { 'if-none-match': etag })).statusCode).toBe(304);
    expect(parseIcs((await ics(meetingId, '?lang=kk')).body).summary).toContain('№11 әкімшілік учаске');
  });
});

describe('a postponed, then cancelled meeting', () => {
  it('says so on the page and in the calendar file (STATUS:CANCELLED, a higher SEQUENCE)', async () => {
    const id = await announcedMeeting({ format: 'hybrid', onlineLink: LINK });
    const before = parseIcs((await ics(id)).body).sequence;
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'postpone', reason: 'Су тасқыны' })).statusCode).toBe(200);
    const postponed = await page(id, '?lang=kk');
    expect(postponed.body).toContain('data-status="postponed"');
    expect(postponed.body).toContain('Кездесу басқа күнге ауыстырылды');
    expect(postponed.body).not.toContain('Су тасқыны');
    expect(postponed.body).not.toContain('<form');
    expect(parseIcs((await ics(id)).body).status).toBe('TENTATIVE');

    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'cancel', reason: 'Су тасқыны' })).statusCode).toBe(200);
    const ru = await page(id, '?lang=ru');
    expect(ru.statusCode).toBe(200);
    expect(ru.body).toContain('data-status="cancelled"');
    expect(ru.body).toContain('Встреча отменена');
    expect(ru.body).not.toContain('<form');
    expect(ru.body).not.toContain('meet.example.kz');
    expect(ru.body).not.toContain('calendar.google.com');
    const event = parseIcs((await ics(id, '?lang=ru')).body);
    expect(event.status).toBe('CANCELLED');
    expect(event.summary).toMatch(/^Встреча отменена: /);
    expect(event.sequence).toBeGreaterThan(before);
    expect(event.sequence).toBe((await inspector.get(`/api/v1/meetings/${id}`)).json().sequence);
  });
});
