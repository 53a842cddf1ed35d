import { auditLog, openDatabase, participants, rateWindows } from '@esep/db';
import { CONSENT_TEXT, CONSENT_VERSION } from '@esep/domain';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { at, meetingPlan, today } from '../../test/meetings.ts';
import { buildApp } from '../app.ts';

/** Text as React writes it into the page (public/page.render.ts). */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#x27;' })[c]!);

/** residents register themselves by the poster's QR code or the online link. */
let t: TestApp;
let inspector: Client;
let ids: Record<string, string>;
let open: string;

const person = (i: number, over: Record<string, unknown> = {}) => ({
  fullName: `Тұрғын ${i} Сериков`, address: `Шамалған а., Абай к-сі, ${i}`, consent: true, consentVersion: CONSENT_VERSION, ...over,
});
const register = (meetingId: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/meetings/${meetingId}/registrations`, payload: body as object, headers });
const countOf = async (meetingId: string) => (await t.database.db.select().from(participants).where(eq(participants.meetingId, meetingId))).length;

beforeAll(async () => {
  t = await testApp({ selfRegistrationRate: 100_000 });
  inspector = await login(t.app, 'inspector');
  ids = await districtIds(inspector);
  open = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!);
}, 120_000);
afterAll(async () => { await t.close(); });

describe('concurrent self-registration', () => {
  it('500 people at once: 500 entries numbered 1..500, each once', async () => {
    const responses = await Promise.all(Array.from({ length: 500 }, (_, i) => register(open, person(i + 1))));
    expect(responses.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.body}`).slice(0, 3)).toEqual([]);
    const numbers = responses.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const rows = await t.database.db.select({ number: participants.number, channel: participants.channel, category: participants.category })
      .from(participants).where(eq(participants.meetingId, open));
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.number)).size).toBe(500);
    expect(rows.every((r) => r.channel === 'self' && r.category === 'resident')).toBe(true);
    expect(responses[0]!.json().meetingNumber).toMatch(/^ALM-KAR-P2-D01-/);
  }, 240_000);

  it('the same person 40 times at once (case and spaces differ): one entry, 39 × already_registered', async () => {
    const variants = Array.from({ length: 40 }, (_, i) => person(0, {
      fullName: i % 2 ? '  айгүл   ЖАНСЕРІКОВА ' : 'Айгүл Жансерікова',
      address: i % 3 ? 'Шамалған а., Бірлік к-сі, 5' : 'шамалған а.,  бірлік к-сі 5',
    }));
    const responses = await Promise.all(variants.map((body) => register(open, body, { 'accept-language': 'en' })));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    // An anonymous caller learns only that this person is registered: not which entry, not its number.
    for (const refused of responses.filter((r) => r.statusCode === 409).map((r) => r.json().error)) {
      expect(refused).toEqual({ code: 'already_registered', message: 'This person is already registered for the meeting', details: { rule: 'R-32.2' } });
    }
    expect(await countOf(open)).toBe(501);
    // Staff who may read the register are told which entry it is (the live screen points to it).
    const staff = await inspector.send('POST', `/api/v1/meetings/${open}/participants`, { ...person(0, { fullName: 'Айгүл Жансерікова', address: 'Шамалған а., Бірлік к-сі, 5' }), category: 'resident' }, { 'accept-language': 'en' });
    expect(staff.statusCode).toBe(409);
    // The 39 refused drew numbers they never used (drawParticipantNumber: gaps are possible when
    // the same person registers twice at one instant): the one entry has one of 501..540.
    const [entry] = await t.database.db.select().from(participants).where(and(eq(participants.meetingId, open), eq(participants.id, staff.json().error.details.participantId)));
    expect(entry!.number).toBeGreaterThanOrEqual(501);
    expect(entry!.number).toBeLessThanOrEqual(540);
    expect(staff.json().error).toMatchObject({ code: 'already_registered', details: { rule: 'R-32.2', number: entry!.number, participantId: entry!.id } });
    expect(staff.json().error.message).toContain(String(entry!.number));
  }, 120_000);
});

describe('the registration window', () => {
  it('not yet open for a meeting 40 days ahead; closed after the end and for a cancelled meeting', async () => {
    const created = await inspector.send('POST', '/api/v1/meetings', meetingPlan(ids['ALM-KAR-P2-D01'], { startsAt: at(45, 18), endsAt: at(45, 20) }));
    expect(created.statusCode).toBe(201);
    const future = created.json().id as string;
    expect((await inspector.send('POST', `/api/v1/meetings/${future}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
    const early = await register(future, person(9001), { 'accept-language': 'ru' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'registration_closed', details: { window: 'not_yet_open', rule: 'R-32.2' } });
    expect(early.json().error.message).toContain('Регистрация');
    expect(Date.parse(early.json().error.details.opensAt)).toBeGreaterThan(Date.now());

    const past = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!, { daysAgo: 10 });
    const late = await register(past, person(9002));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.window).toBe('closed');

    expect((await inspector.send('POST', `/api/v1/meetings/${future}/transitions`, { action: 'cancel', reason: 'Су тасқыны' })).statusCode).toBe(200);
    const cancelled = await register(future, person(9003));
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().error.details.window).toBe('closed');
    expect(await countOf(future) + await countOf(past)).toBe(0);
  });

  it('a draft meeting is not public', async () => {
    const created = await inspector.send('POST', '/api/v1/meetings', meetingPlan(ids['ALM-KAR-P2-D01'], { startsAt: at(50, 18), endsAt: at(50, 20) }));
    const draft = created.json().id as string;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/meetings/${draft}` })).statusCode).toBe(404);
    expect((await register(draft, person(9004))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/m/${draft}` })).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('no consent, or consent false → 400 consent_required in the request language; nothing stored', async () => {
    const before = await countOf(open);
    const { consent: _c, ...withoutConsent } = person(7001);
    const missing = await register(open, withoutConsent, { 'accept-language': 'ru' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('consent_required');
    expect(missing.json().error.message).toBe('Требуется согласие на обработку персональных данных');
    const refused = await register(open, person(7002, { consent: false }), { 'accept-language': 'kk' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('consent_required');
    expect(refused.json().error.message).toContain('келісім');
    expect((await register(open, person(7003, { consentVersion: 'old' }))).json().error.code).toBe('validation_failed');
    expect(await countOf(open)).toBe(before);
  });

  it('hostile text is stored as text without direction overrides; a very long name → 400', async () => {
    const hostile = '<script>alert(1)</script>\u202Eevil';
    const created = await register(open, person(7004, { fullName: hostile }));
    expect(created.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(participants).where(and(eq(participants.meetingId, open), eq(participants.number, created.json().number)));
    expect(row!.fullName).toBe('<script>alert(1)</script>evil');
    const list = await inspector.get(`/api/v1/meetings/${open}/participants?q=evil`);
    expect(list.json().items[0].fullName).toBe('<script>alert(1)</script>evil');
    const long = await register(open, person(7005, { fullName: 'А'.repeat(201) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('validation_failed');
    // The audit trail keeps numbers and ids, never the name or the address.
    const entries = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'participant.create'), eq(auditLog.entityId, open)));
    expect(entries.length).toBeGreaterThan(500);
    expect(entries.every((e) => e.actorId === null)).toBe(true);
    expect(JSON.stringify(entries.map((e) => e.after))).not.toMatch(/Сериков|Абай|script/);
  });
});

describe('public facts', () => {
  it('the meeting without personal data, the window and the consent text', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/meetings/${open}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ window: 'open', format: 'indoor', consent: { version: CONSENT_VERSION, kk: CONSENT_TEXT.kk, ru: CONSENT_TEXT.ru, en: CONSENT_TEXT.en } });
    expect(Object.keys(body).sort()).toEqual(['closesAt', 'consent', 'endsAt', 'format', 'number', 'onlineLink', 'opensAt', 'startsAt', 'status', 'venueAddress', 'venueName', 'window']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/meetings/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});

describe('the server-rendered page /m/:id', () => {
  it('shows the form with the consent text in Kazakh by default, in Russian with ?lang=ru or Accept-Language', async () => {
    const kk = await t.app.inject({ method: 'GET', url: `/m/${open}` });
    expect(kk.statusCode).toBe(200);
    expect(kk.headers['content-type']).toContain('text/html');
    expect(kk.body).toContain('<html lang="kk">');
    expect(kk.body).toContain('data-testid="register-submit"');
    expect(kk.body).toContain(escapeHtml(CONSENT_TEXT.kk));
    expect(Buffer.byteLength(kk.body)).toBeLessThan(15 * 1024);
    const ru = await t.app.inject({ method: 'GET', url: `/m/${open}?lang=ru` });
    expect(ru.body).toContain('<html lang="ru">');
    expect(ru.body).toContain(escapeHtml(CONSENT_TEXT.ru));
    const negotiated = await t.app.inject({ method: 'GET', url: `/m/${open}`, headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
    expect(negotiated.body).toContain('<html lang="ru">');
    const unknown = await t.app.inject({ method: 'GET', url: '/m/00000000-0000-4000-8000-000000000000?lang=en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Meeting not found');
    expect((await t.app.inject({ method: 'GET', url: '/m/not-a-uuid' })).statusCode).toBe(404);
  });

  it('registers from the urlencoded form and answers with the number; the name is escaped', async () => {
    const form = new URLSearchParams({ fullName: '<script>alert(2)</script> Нұрлан', address: 'Шамалған а., Сәтпаев к-сі, 3', phone: '', consent: 'yes', consentVersion: CONSENT_VERSION });
    const response = await t.app.inject({ method: 'POST', url: `/m/${open}?lang=en`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('data-testid="registration-done"');
    expect(response.body).toMatch(/Your number is \d+/);
    expect(response.body).toContain('&lt;script&gt;alert(2)&lt;/script&gt; Нұрлан');
    expect(response.body).not.toContain('<script>');
    const number = Number(/Your number is (\d+)/.exec(response.body)![1]);
    const [row] = await t.database.db.select().from(participants).where(and(eq(participants.meetingId, open), eq(participants.number, number)));
    expect(row).toMatchObject({ channel: 'self', attendance: 'in_person', phone: null });

    const again = await t.app.inject({ method: 'POST', url: `/m/${open}?lang=en`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('data-testid="registration-error"');
    expect(again.body).toContain('This person is already registered for the meeting');
    expect(again.body).not.toContain(`number ${number}`);
    expect(again.body).toContain('value="Шамалған а., Сәтпаев к-сі, 3"');
  });

  it('without consent the form comes back with the error and the typed values', async () => {
    const form = new URLSearchParams({ fullName: 'Ерлан Қасымов', address: 'Абай к-сі, 77', consentVersion: CONSENT_VERSION });
    const response = await t.app.inject({ method: 'POST', url: `/m/${open}?lang=ru`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('role="alert" data-testid="registration-error"');
    expect(response.body).toContain('согласие');
    expect(response.body).toContain('value="Ерлан Қасымов"');
  });

  it('?online=1 registers attendance online', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/m/${open}?online=1&lang=kk` });
    expect(page.body).toContain('name="online" value="1"');
    const form = new URLSearchParams({ fullName: 'Онлайн Қатысушы', address: 'Талғар қ., 1', consent: 'yes', consentVersion: CONSENT_VERSION, online: '1' });
    const response = await t.app.inject({ method: 'POST', url: `/m/${open}?online=1&lang=kk`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(200);
    const number = Number(/нөміріңіз — (\d+)/.exec(response.body)![1]);
    const [row] = await t.database.db.select().from(participants).where(and(eq(participants.meetingId, open), eq(participants.number, number)));
    expect(row).toMatchObject({ channel: 'online_link', attendance: 'online' });
  });

  it('before the window the page says when it opens and has no form', async () => {
    const created = await inspector.send('POST', '/api/v1/meetings', meetingPlan(ids['ALM-KAR-P2-D01'], { startsAt: at(30, 18), endsAt: at(30, 20) }));
    const id = created.json().id as string;
    await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' });
    const page = await t.app.inject({ method: 'GET', url: `/m/${id}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Registration opens');
    expect(page.body).not.toContain('<form');
    expect(today).toMatch(/^\d{4}-/);
  });
});

describe('rate limit (R-32.2): one limit per address and meeting for the API and the HTML form, kept in the database', () => {
  let limited: TestApp;
  let second: { app: FastifyInstance; close(): Promise<void> };
  let staff: Client;
  let district: string;
  beforeAll(async () => {
    limited = await testApp({ selfRegistrationRate: 3 });
    staff = await login(limited.app, 'inspector');
    district = (await districtIds(staff))['ALM-KAR-P2-D01']!;
    // Another server process on the same database: its own connections on PostgreSQL (PGlite
    // lives inside one process, so there the second app shares the instance).
    const url = limited.database.url;
    const database = url ? await openDatabase({ url, poolSize: 2 }) : limited.database;
    const app = await buildApp({ config: limited.app.config, database, logger: false, clock: limited.clock });
    await app.ready();
    second = { app, async close() { await app.close(); if (url) await database.close(); } };
  }, 120_000);
  afterAll(async () => { await second?.close(); await limited?.close(); });

  /** A meeting happening now, with the clock stopped early in a minute (one counting window). */
  const freshMeeting = async () => {
    limited.clock.release();
    const id = await meetingInProgress(limited, staff, district);
    const now = limited.clock.now().getTime();
    limited.clock.set(new Date(now - (now % 60_000) + 1_000));
    return id;
  };
  let n = 0;
  const viaApi = (app: FastifyInstance, meetingId: string, remoteAddress = '203.0.113.7') => app.inject({
    method: 'POST', url: `/api/v1/public/meetings/${meetingId}/registrations`, payload: person(300 + (n += 1)), headers: { 'accept-language': 'en' }, remoteAddress,
  });
  const viaPage = (app: FastifyInstance, meetingId: string, lang: 'kk' | 'ru' | 'en' = 'en', remoteAddress = '203.0.113.7') => {
    const p = person(300 + (n += 1));
    const form = new URLSearchParams({ fullName: p.fullName, address: p.address, consent: 'yes', consentVersion: CONSENT_VERSION });
    return app.inject({ method: 'POST', url: `/m/${meetingId}?lang=${lang}`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress });
  };

  it('three through the API, then the HTML form answers 429 with a clear page in kk, ru and en; the API too', async () => {
    const meeting = await freshMeeting();
    expect((await Promise.all([1, 2, 3].map(() => viaApi(limited.app, meeting)))).map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const before = await countOf(meeting);
    for (const [lang, words] of [['en', 'Too many registrations'], ['ru', 'Слишком много регистраций'], ['kk', 'Тіркелу тым көп']] as const) {
      const page = await viaPage(limited.app, meeting, lang);
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['retry-after']).toMatch(/^\d+$/);
      expect(page.body).toContain(`<html lang="${lang}">`);
      expect(page.body).toContain(words);
      expect(page.body).toContain('data-testid="registration-error"');
      expect(page.body).toContain(`href="/m/${meeting}?lang=${lang}"`);
    }
    const api = await viaApi(limited.app, meeting);
    expect(api.statusCode).toBe(429);
    expect(api.json().error).toMatchObject({ code: 'rate_limited', details: { rule: 'R-32.2' } });
    expect(api.json().error.message).toContain('Wait a minute');
    expect(await countOf(meeting)).toBe(before);

    // Another address, or the same address at another meeting, is not held back.
    expect((await viaApi(limited.app, meeting, '198.51.100.20')).statusCode).toBe(201);
    // The next minute counts afresh.
    limited.clock.advance(60_000);
    expect((await viaPage(limited.app, meeting)).statusCode).toBe(200);
  });

  it('three through the HTML form, then the API answers 429', async () => {
    const meeting = await freshMeeting();
    for (let i = 0; i < 3; i += 1) {
      const page = await viaPage(limited.app, meeting);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toContain('data-testid="registration-done"');
    }
    const api = await viaApi(limited.app, meeting);
    expect(api.statusCode).toBe(429);
    expect(api.json().error.code).toBe('rate_limited');
  });

  it('two server processes on one database share the limit', async () => {
    const meeting = await freshMeeting();
    const first = await viaApi(limited.app, meeting);
    const other = await viaPage(second.app, meeting);
    const third = await viaApi(second.app, meeting);
    expect([first.statusCode, other.statusCode, third.statusCode]).toEqual([201, 200, 201]);
    expect((await viaPage(limited.app, meeting)).statusCode).toBe(429);
    expect((await viaApi(second.app, meeting)).statusCode).toBe(429);
    // Concurrent hits on both are all counted: none of them gets through.
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => viaApi(i % 2 ? second.app : limited.app, meeting)));
    expect(burst.map((r) => r.statusCode)).toEqual(Array(6).fill(429));
  });

  it('old windows are swept; the table keeps no client address', async () => {
    const meeting = await freshMeeting();
    await viaApi(limited.app, meeting);
    limited.clock.advance(5 * 60_000);
    // A new process sweeps on its first request.
    const app = await buildApp({ config: limited.app.config, database: limited.database, logger: false, clock: limited.clock });
    await app.ready();
    try {
      await viaApi(app, meeting);
    } finally {
      await app.close();
    }
    const rows = await limited.database.db.select().from(rateWindows);
    const oldest = Math.min(...rows.map((r) => r.windowStart.getTime()));
    expect(oldest).toBeGreaterThanOrEqual(limited.clock.now().getTime() - 2 * 60_000);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
    expect(rows.every((r) => /^self-registration:[0-9a-f]{64}$/.test(r.bucket))).toBe(true);
  });
});
