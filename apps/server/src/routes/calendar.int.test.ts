import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { at, meetingPlan, today } from '../../test/meetings.ts';

let t: TestApp;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const keys: Record<string, string> = {};
const urls: Record<string, Record<string, string>> = {};
const plan = (over: Record<string, unknown> = {}) => meetingPlan(ids['ALM-KAR-P2-D01'], over);

/** Feed URLs are absolute (publicUrl); inject wants the path. */
const path = (url: string) => { const u = new URL(url); return u.pathname + u.search; };
const feed = (url: string) => t.app.inject({ method: 'GET', url });

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((e) => ({
      uid: e.getFirstPropertyValue('uid') as string,
      sequence: Number(e.getFirstPropertyValue('sequence')),
      start: (e.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      end: (e.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
      status: e.getFirstPropertyValue('status') as string,
      summary: e.getFirstPropertyValue('summary') as string,
      location: e.getFirstPropertyValue('location') as string,
      url: e.getFirstPropertyValue('url') as string,
      description: e.getFirstPropertyValue('description') as string,
    })),
  };
}

async function issue(name: string) {
  const response = await c[name]!.send('POST', '/api/v1/calendar/feed-token');
  expect(response.statusCode).toBe(201);
  keys[name] = response.json().token;
  urls[name] = response.json().urls;
  return response.json() as { token: string; urls: Record<string, string> };
}

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'lead', 'chief', 'inspector2']) c[name] = await login(t.app, name);
  const all = (await c.admin!.get('/api/v1/districts?pageSize=200')).json().items as Array<{ id: string; code: string }>;
  for (const d of all) ids[d.code] = d.id;
  for (const name of ['inspector', 'lead', 'chief', 'inspector2']) await issue(name);
}, 120_000);
afterAll(async () => { await t.close(); });

describe('feed keys', () => {
  it('returns absolute feed URLs for the user\'s own district, point and reports', () => {
    const { publicUrl } = t.app.config;
    expect(keys.inspector).toMatch(/^esep_/);
    expect(urls.inspector!.mine).toBe(`${publicUrl}/api/v1/calendar/mine.ics?key=${encodeURIComponent(keys.inspector!)}`);
    expect(urls.inspector!.district).toContain(`/api/v1/calendar/districts/${ids['ALM-KAR-P2-D01']}/feed.ics?key=`);
    expect(urls.inspector!.point).toContain('/api/v1/calendar/points/');
    expect(urls.inspector!.inspector).toContain(`/api/v1/calendar/inspectors/${c.inspector!.user.staffId}/feed.ics?key=`);
    expect(urls.lead!.point).toContain(`/api/v1/calendar/points/${c.lead!.user.territoryId}/feed.ics?key=`);
    expect(urls.chief!.district).toBeUndefined();
  });

  it('needs a login to issue one', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/calendar/feed-token' })).statusCode).toBe(401);
  });

  it('is audited without the key', async () => {
    const audit = (await c.admin!.get(`/api/v1/audit?action=calendar.feed_token&entityId=${c.inspector!.user.id}&pageSize=10`)).json();
    expect(audit.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.items)).not.toContain(keys.inspector);
  });
});

describe('meeting feeds', () => {
  let id: string;
  let firstSequence: number;

  it('the district feed shows a planned meeting with a stable UID, its SEQUENCE and start', async () => {
    const planned = await c.inspector!.send('POST', '/api/v1/meetings', plan());
    expect(planned.statusCode).toBe(201);
    id = planned.json().id;
    const response = await feed(path(urls.inspector!.district!));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events: list } = events(response.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Esep//Reporting meetings//KK');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toContain('№11 әкімшілік учаске');
    const event = list.find((e) => e.uid === `${id}@esep`)!;
    expect(event).toBeDefined();
    expect(event.start).toBe(new Date(at(20, 18)).toISOString());
    expect(event.end).toBe(new Date(at(20, 20)).toISOString());
    expect(event.sequence).toBe(planned.json().sequence);
    expect(event.status).toBe('TENTATIVE');
    expect(event.summary).toBe('Есеп беру кездесуі / Отчётная встреча — №11 әкімшілік учаске');
    expect(event.location).toBe('Шамалған ауылдық клубы, Шамалған а., Жібек жолы к-сі, 12');
    expect(event.url).toBe(`${t.app.config.publicUrl}/m/${id}`);
    expect(event.description).toContain(planned.json().inspectors[0].fullName);
    expect(event.description).toContain('Административный участок №11');
    firstSequence = event.sequence;
  });

  it('after postponing, the same UID carries the new start and a higher SEQUENCE', async () => {
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).json().status).toBe('scheduled');
    const postponed = await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'postpone', reason: 'Су тасқыны', startsAt: at(30, 17), endsAt: at(30, 19) });
    expect(postponed.statusCode).toBe(200);
    const list = events((await feed(path(urls.inspector!.district!))).body).events.filter((e) => e.uid === `${id}@esep`);
    expect(list).toHaveLength(1);
    expect(list[0]!.start).toBe(new Date(at(30, 17)).toISOString());
    expect(list[0]!.sequence).toBeGreaterThan(firstSequence);
    expect(list[0]!.status).toBe('TENTATIVE');
    expect(list[0]!.description).toContain('Су тасқыны');
  });

  it('a cancelled meeting stays in the feed with STATUS:CANCELLED', async () => {
    const other = (await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(40, 18), endsAt: at(40, 19) }))).json();
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'cancel', reason: 'Қайталанған жоспар' })).json().status).toBe('cancelled');
    const response = await feed(path(urls.inspector!.district!));
    expect(response.body).toContain('STATUS:CANCELLED');
    const event = events(response.body).events.find((e) => e.uid === `${other.id}@esep`)!;
    expect(event.status).toBe('CANCELLED');
  });

  it('the point and inspector feeds show the meeting too', async () => {
    for (const url of [urls.lead!.point!, urls.inspector!.inspector!, urls.inspector!.point!]) {
      const response = await feed(path(url));
      expect(response.statusCode).toBe(200);
      expect(events(response.body).events.map((e) => e.uid)).toContain(`${id}@esep`);
    }
  });

  it('the unit head\'s mine feed contains the meeting; another inspector\'s does not', async () => {
    expect(events((await feed(path(urls.chief!.mine!))).body).events.map((e) => e.uid)).toContain(`${id}@esep`);
    expect(events((await feed(path(urls.inspector2!.mine!))).body).events.map((e) => e.uid)).not.toContain(`${id}@esep`);
  });

  it('a key of another territory cannot read the district or point feed (404)', async () => {
    const key = encodeURIComponent(keys.inspector2!);
    const district = await feed(`/api/v1/calendar/districts/${ids['ALM-KAR-P2-D01']}/feed.ics?key=${key}`);
    expect(district.statusCode).toBe(404);
    expect(district.json().error.code).toBe('not_found');
    expect((await feed(`${new URL(urls.lead!.point!).pathname}?key=${key}`)).statusCode).toBe(404);
    expect((await feed(`/api/v1/calendar/inspectors/${c.inspector!.user.staffId}/feed.ics?key=${key}`)).statusCode).toBe(404);
    expect((await feed(`/api/v1/calendar/districts/00000000-0000-4000-8000-000000000000/feed.ics?key=${encodeURIComponent(keys.inspector!)}`)).statusCode).toBe(404);
  });

  it('a wrong or missing key is refused with 401 and the error shape', async () => {
    const wrong = await feed(`/api/v1/calendar/districts/${ids['ALM-KAR-P2-D01']}/feed.ics?key=esep_wrong`);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'unauthenticated' });
    expect((await feed('/api/v1/calendar/mine.ics?key=nope')).statusCode).toBe(401);
    expect((await feed('/api/v1/calendar/mine.ics')).statusCode).toBe(400);
  });

  it('a new key revokes the old one', async () => {
    const old = urls.inspector!;
    const fresh = await issue('inspector');
    expect(fresh.token).not.toBe(new URL(old.mine!).searchParams.get('key'));
    expect((await feed(path(old.district!))).statusCode).toBe(401);
    expect((await feed(path(fresh.urls.district!))).statusCode).toBe(200);
  });
});
