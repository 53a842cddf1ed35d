import { announcements, auditLog, deliveries, meetings, subscriptions } from '@esep/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecordingChannel } from '../../test/channels.ts';
import { TestClock } from '../../test/clock.ts';
import { MailServer } from '../../test/fakes/mail-server.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { QUEUES } from '../jobs/job.queue.ts';
import { emailChannel } from '../notifications/channels/email.channel.ts';
import { confirmationCode, linkKey } from '../services/subs/subscription.tokens.ts';

/*
 * Issue 13, part 4: residents' subscriptions on the delivery engine of issue 12 — subscribe and
 * confirm (e-mail link through a real SMTP server, SMS code with its lockout, Telegram /start),
 * one-click unsubscribe, consent withdrawal, and the fan-out of a meeting's changes.
 */
const DISTRICT = 'ALM-KAR-P2-D01';
const SECRET = 'webhook-secret-0123456789';
// 10:00 Almaty early in the quarter the wall clock is in: the demo data is made at the wall
// clock's date (CI reruns the suite at fixed readings), so a fixed date could precede it.
const START = earlyInQuarter(new TestClock());
const clock = new TestClock().set(START);
const telegram = new RecordingChannel('telegram', false, (a) => /^-?\d+$/.test(a));
const sms = new RecordingChannel('sms', false, (a) => /^\+\d+$/.test(a));
let mail: MailServer;
let t: TestApp;
let inspector: Client;
let districtId: string;

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
};
let ip = 0;
/** Each request from its own address, except where a test means one (the form's per-address limit). */
const post = (url: string, fields: Record<string, string | string[]>, remoteAddress = `10.1.${Math.floor(++ip / 250)}.${ip % 250}`) => t.app.inject({
  method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress,
});
const drain = () => t.app.jobs.drain([QUEUES.deliver]);
const subsOf = () => t.database.db.select().from(subscriptions).where(eq(subscriptions.districtId, districtId));

async function subscribeEmail(address: string, extra: Record<string, string | string[]> = {}) {
  const response = await post(`/d/${DISTRICT}/subscribe?lang=en`, { channel: 'email', address, kinds: ['announcements', 'reminder', 'outcomes'], locale: 'ru', consent: '1', ...extra });
  expect(response.statusCode, response.body).toBe(200);
  await drain();
  await mail.settled();
  const message = mail.messages.findLast((m) => m.to.includes(address))!;
  expect(message, 'confirmation e-mail').toBeTruthy();
  return message;
}

async function confirmedEmail(address: string) {
  const message = await subscribeEmail(address);
  const link = /https?:\/\/\S+\/s\/confirm\/\S+/.exec(message.text!)![0];
  const url = new URL(link);
  const confirmed = await t.app.inject({ method: 'POST', url: `${url.pathname}${url.search}` });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
}

async function telegramSubscriber(chatId: string) {
  const page = await post(`/d/${DISTRICT}/subscribe?lang=kk`, { channel: 'telegram', address: '', kinds: ['announcements', 'reminder', 'outcomes'], locale: 'kk', consent: '1' });
  expect(page.statusCode, page.body).toBe(200);
  const code = /https:\/\/t\.me\/esep_test_bot\?start=([A-Za-z0-9_-]+)/.exec(page.body)![1]!;
  const update = await t.app.inject({ method: 'POST', url: '/api/v1/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': SECRET }, payload: { update_id: 1, message: { message_id: 1, chat: { id: Number(chatId), type: 'private' }, text: `/start ${code}` } } });
  expect(update.statusCode).toBe(200);
  return code;
}

/** A meeting of the district, planned and scheduled (not yet announced), 20 days ahead. */
async function scheduledMeeting(days = 20) {
  const { plan, at, today } = meetingDates(clock);
  const created = await inspector.send('POST', '/api/v1/meetings', plan(districtId, { startsAt: at(days, 18), endsAt: at(days, 20), venueAddress: `Шамалған а., ${Math.random()}` }));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: string }>().id;
  expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
  expect((await inspector.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: 'Қарасай ақшамы', publishedOn: today })).statusCode).toBeLessThan(300);
  return id;
}

beforeAll(async () => {
  mail = await MailServer.start();
  const smtp = new URL(mail.url);
  smtp.username = 'esep';
  smtp.password = 'mail-test-password';
  const email = emailChannel({ url: smtp.toString(), from: 'Esep <esep@police.kz>' });
  t = await testApp({ subscriptions: { telegramBot: 'esep_test_bot', telegramWebhookSecret: SECRET }, publicUrl: 'https://esep.example.kz' }, clock, { channels: { email, telegram, sms } });
  inspector = await login(t.app, 'inspector');
  districtId = (await districtIds(inspector))[DISTRICT]!;
}, 180_000);
afterAll(async () => {
  await t?.close();
  await mail?.close();
});
beforeEach(async () => {
  telegram.sent.length = 0;
  sms.sent.length = 0;
  await t.database.db.delete(subscriptions);
  clock.set(START);
  inspector = await login(t.app, 'inspector');
});

describe('subscribing', () => {
  it('shows only the configured channels, and 404 for an unknown district (page and API)', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/d/${DISTRICT}/subscribe?lang=ru` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="email"');
    expect(page.body).toContain('value="telegram"');
    expect(page.body).toContain('value="sms"');
    expect(page.body).not.toContain('value="whatsapp"');
    expect((await t.app.inject({ method: 'GET', url: '/d/NO-SUCH/subscribe' })).statusCode).toBe(404);
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/public/districts/NO-SUCH/subscriptions', payload: { channel: 'email', address: 'a@b.kz', consent: true }, headers: { 'accept-language': 'ru' } });
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: { code: string; message: string } }>().error).toEqual({ code: 'not_found', message: 'Участка с таким кодом нет', details: { field: 'code' } });
  });

  it('limits the form per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await post(`/d/${DISTRICT}/subscribe?lang=en`, { channel: 'email', address: 'x', kinds: 'announcements' }, '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('needs consent and a valid address; stores the consent version and time', async () => {
    const noConsent = await post(`/d/${DISTRICT}/subscribe?lang=en`, { channel: 'email', address: 'a@b.kz', kinds: 'announcements' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('Tick the consent box');
    const badPhone = await post(`/d/${DISTRICT}/subscribe?lang=en`, { channel: 'sms', address: '8701', kinds: 'announcements', consent: '1' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('+77011234567');
    expect(await subsOf()).toHaveLength(0);
  });

  it('e-mail double opt-in: the confirmation e-mail reaches the SMTP server with a working one-time link', async () => {
    const message = await subscribeEmail('resident@example.kz');
    expect(message.subject).toBe('Esep: подтвердите подписку');
    const [pending] = await subsOf();
    expect(pending).toMatchObject({ status: 'pending', channel: 'email', locale: 'ru', consentVersion: 'subs-2026-1' });
    expect(pending!.consentAt.toISOString()).toBe(clock.now().toISOString());
    const link = new URL(/https:\/\/esep\.example\.kz\/s\/confirm\/\S+/.exec(message.text!)![0]);
    const tampered = await t.app.inject({ method: 'GET', url: `${link.pathname.slice(0, -3)}AAA` });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toContain('Ештеңе өзгертілмеді');
    expect((await subsOf())[0]!.status).toBe('pending');
    // A mail scanner opening the link (GET) confirms nothing: the page asks for the button.
    const opened = await t.app.inject({ method: 'GET', url: `${link.pathname}?lang=en` });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Confirm your subscription');
    expect(opened.body).toContain('r***@');
    expect(opened.body).not.toContain('resident@example.kz');
    expect(opened.body).toContain(`<form action="${link.pathname}?lang=en" method="post">`);
    expect((await subsOf())[0]!.status).toBe('pending');
    const tamperedPost = await t.app.inject({ method: 'POST', url: `${link.pathname.slice(0, -3)}AAA` });
    expect(tamperedPost.statusCode).toBe(400);
    expect((await subsOf())[0]!.status).toBe('pending');
    const ok = await t.app.inject({ method: 'POST', url: `${link.pathname}?lang=en` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Subscription confirmed');
    expect((await subsOf())[0]!.status).toBe('confirmed');
    const again = await t.app.inject({ method: 'GET', url: `${link.pathname}?lang=en` });
    expect(again.body).toContain('Already confirmed');
  });

  it('SMS: a 6-digit code confirms; five wrong codes lock it', async () => {
    const first = await post(`/d/${DISTRICT}/subscribe?lang=en`, { channel: 'sms', address: '+77011234567', kinds: 'announcements', consent: '1' });
    expect(first.statusCode).toBe(303);
    await drain();
    expect(sms.sent).toHaveLength(1);
    const code = /\b(\d{6})\b/.exec(sms.sent[0]!.text)![1]!;
    const codeUrl = first.headers.location as string;
    const ok = await post(codeUrl, { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Subscription confirmed');

    const second = await post(`/d/${DISTRICT}/subscribe?lang=en`, { channel: 'sms', address: '+77011234568', kinds: 'announcements', consent: '1' });
    const url = second.headers.location as string;
    const [sub] = (await subsOf()).filter((s) => s.status === 'pending');
    const right = confirmationCode(await linkKey(t.database.db), sub!.id, sub!.codeSentAt!);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i += 1) {
      const r = await post(url, { code: wrong });
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain(`Tries left: ${5 - i}`);
    }
    const fifth = await post(url, { code: wrong });
    expect(fifth.statusCode).toBe(409);
    expect(fifth.body).toContain('locked');
    const late = await post(url, { code: right });
    expect(late.statusCode).toBe(409);
    expect((await subsOf()).find((s) => s.id === sub!.id)!.status).toBe('pending');
  });

  it('SMS: a code after 15 minutes has expired', async () => {
    const first = await post(`/d/${DISTRICT}/subscribe?lang=en`, { channel: 'sms', address: '+77011234569', kinds: 'announcements', consent: '1' });
    const [sub] = await subsOf();
    const right = confirmationCode(await linkKey(t.database.db), sub!.id, sub!.codeSentAt!);
    clock.set(new Date(clock.now().getTime() + 16 * 60_000));
    const r = await post(first.headers.location as string, { code: right });
    expect(r.statusCode).toBe(410);
    expect(r.body).toContain('expired');
  });

  it('Telegram: /start with the deep link\'s code confirms; a bad code answers in the chat and stores nothing', async () => {
    await telegramSubscriber('555001');
    const [sub] = await subsOf();
    expect(sub).toMatchObject({ status: 'confirmed', address: '555001', startCodeHash: null });
    expect(telegram.sent.at(-1)!.text).toContain('Жазылым расталды');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': SECRET }, payload: { update_id: 2, message: { message_id: 2, chat: { id: 555002 }, text: '/start not-a-code' } } });
    expect(bad.statusCode).toBe(200);
    expect(telegram.sent.at(-1)!.address).toBe('555002');
    expect(telegram.sent.at(-1)!.text).toContain('недействительна');
    expect(await subsOf()).toHaveLength(1);
    const wrongSecret = await t.app.inject({ method: 'POST', url: '/api/v1/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': 'wrong-secret-0123456789' }, payload: {} });
    expect(wrongSecret.statusCode).toBe(404);
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/v1/telegram/webhook', payload: { message: { chat: { id: 555003 }, text: '/start x' } } });
    expect(noHeader.statusCode).toBe(404);
    expect(telegram.sent.at(-1)!.address).toBe('555002');
  });
});

describe('fan-out', () => {
  it('announcing sends one message per confirmed subscriber, in her language, with List-Unsubscribe; records R-27.1 once', async () => {
    await confirmedEmail('reader@example.kz');
    await telegramSubscriber('555010');
    await subscribeEmail('unconfirmed@example.kz');
    const before = mail.messages.length;
    telegram.sent.length = 0;
    const id = await scheduledMeeting();
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(200);
    await drain();
    await mail.settled();
    const mails = mail.messages.slice(before);
    expect(mails.map((m) => m.to)).toEqual([['reader@example.kz']]);
    expect(mails[0]!.subject).toContain('отчётная встреча участкового инспектора');
    // RFC 8058 one-click: both headers, the link the same as the one in the text.
    const raw = mails[0]!.raw.replace(/\r?\n[ \t]+/g, ' ');
    const header = /^List-Unsubscribe: <(https:\/\/esep\.example\.kz\/s\/unsubscribe\/[^>]+)>/m.exec(raw);
    expect(header, raw.slice(0, 2000)).toBeTruthy();
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(mails[0]!.text).toContain(header![1]!);
    expect(telegram.sent.map((m) => m.address)).toEqual(['555010']);
    expect(telegram.sent[0]!.text).toContain('Жазылымнан бас тарту');
    const rows = await t.database.db.select().from(announcements).where(and(eq(announcements.meetingId, id), eq(announcements.channel, 'esep_page')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outlet: 'Esep: 2 subscribers', publishedOn: START.slice(0, 10) });
    // A second run of the same change queues nothing more (idempotency keys).
    const keys = await t.database.db.select().from(deliveries).where(isNotNull(deliveries.subscriptionId));
    expect(keys.filter((d) => d.kind === 'sub_announced')).toHaveLength(2);
  });

  it('cancel tells the subscribers; the day before reminds them once; no subscriber, no R-27.1 row', async () => {
    const quiet = await scheduledMeeting(19);
    expect((await inspector.send('POST', `/api/v1/meetings/${quiet}/transitions`, { action: 'announce' })).statusCode).toBe(200);
    expect(await t.database.db.select().from(announcements).where(and(eq(announcements.meetingId, quiet), eq(announcements.channel, 'esep_page')))).toHaveLength(0);

    await telegramSubscriber('555020');
    telegram.sent.length = 0;
    const id = await scheduledMeeting(18);
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(200);
    await drain();
    expect(telegram.sent).toHaveLength(1);
    // The day before, at 10:00 and again at 10:10 (two scans, or two processes): one reminder.
    const [m] = await t.database.db.select().from(meetings).where(eq(meetings.id, id));
    const dayBefore = new Date(new Date(`${m!.startDate}T10:05:00+05:00`).getTime() - 86_400_000);
    clock.set(dayBefore);
    inspector = await login(t.app, 'inspector');
    await t.app.jobs.run(QUEUES.subscribersDayBefore);
    await t.app.jobs.run(QUEUES.subscribersDayBefore);
    await drain();
    expect(telegram.sent).toHaveLength(2);
    expect(telegram.sent[1]!.subject).toContain('ертең');
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'cancel', reason: 'Ауа райы' })).statusCode).toBe(200);
    await drain();
    expect(telegram.sent).toHaveLength(3);
    expect(telegram.sent[2]!.subject).toContain('болмайды');
  });
});

describe('postponing', () => {
  it('tells the subscribers that an announced meeting is postponed', async () => {
    await telegramSubscriber('555070');
    const id = await scheduledMeeting(16);
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(200);
    await drain();
    telegram.sent.length = 0;
    const postponed = await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'postpone', reason: 'Ауа райы' });
    expect(postponed.statusCode, postponed.body).toBe(200);
    await drain();
    expect(telegram.sent.map((m) => m.subject)).toEqual([`${DISTRICT}: есеп кездесуі кейінге қалдырылды`]);
  });
});

describe('the JSON API', () => {
  it('subscribes with consent, refuses without', async () => {
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/public/districts/${DISTRICT}/subscriptions`, payload: { channel: 'email', address: 'api@example.kz', consent: false }, headers: { 'accept-language': 'en' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('consent_required');
    const made = await t.app.inject({ method: 'POST', url: `/api/v1/public/districts/${DISTRICT}/subscriptions`, payload: { channel: 'telegram', consent: true, locale: 'en' } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json<{ next: string; deepLink: string }>().deepLink).toMatch(/^https:\/\/t\.me\/esep_test_bot\?start=[A-Za-z0-9_-]+$/);
    expect((await subsOf())[0]).toMatchObject({ status: 'pending', channel: 'telegram', address: null, locale: 'en' });
  });
});

describe('outcomes', () => {
  it('a signed protocol sends the outcomes link to subscribers who want outcomes, and only to them', async () => {
    await telegramSubscriber('555060');
    const page = await post(`/d/${DISTRICT}/subscribe?lang=kk`, { channel: 'telegram', address: '', kinds: 'announcements', locale: 'ru', consent: '1' });
    const code = /start=([A-Za-z0-9_-]+)/.exec(page.body)![1]!;
    await t.app.inject({ method: 'POST', url: '/api/v1/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': SECRET }, payload: { message: { chat: { id: 555061 }, text: `/start ${code}` } } });
    const id = await meetingInProgress(t, inspector, districtId, { held: true });
    await drain();
    telegram.sent.length = 0;
    const signed = await inspector.send('POST', `/api/v1/meetings/${id}/protocol/signatures`, { method: 'builtin', password: 'demo', lateReason: 'test' });
    expect(signed.statusCode, signed.body).toBeLessThan(300);
    await drain();
    expect(telegram.sent.map((m) => m.address)).toEqual(['555060']);
    expect(telegram.sent[0]!.text).toContain(`https://esep.example.kz/d/${DISTRICT}/outcomes?lang=kk`);
  });
});

describe('leaving', () => {
  async function unsubscribeUrl(chatId: string) {
    await telegramSubscriber(chatId);
    telegram.sent.length = 0;
    const id = await scheduledMeeting(17);
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(200);
    await drain();
    return new URL(/https:\/\/esep\.example\.kz\/s\/unsubscribe\/\S+/.exec(telegram.sent[0]!.text)![0]);
  }

  it('one click: GET asks, POST (List-Unsubscribe=One-Click) unsubscribes; a tampered token changes nothing', async () => {
    const url = await unsubscribeUrl('555030');
    const tampered = url.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const bad = await post(tampered, { 'List-Unsubscribe': 'One-Click' });
    expect(bad.statusCode).toBe(400);
    expect((await subsOf())[0]!.status).toBe('confirmed');
    const ask = await t.app.inject({ method: 'GET', url: `${url.pathname}?lang=en` });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toMatch(/<form action="\/s\/unsubscribe\/[^"]+" method="post">/);
    expect((await subsOf())[0]!.status).toBe('confirmed');
    const done = await post(`${url.pathname}?lang=en`, { 'List-Unsubscribe': 'One-Click' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    expect((await subsOf())[0]!.status).toBe('unsubscribed');
  });

  it('withdrawing consent erases the contact and keeps a trace without it', async () => {
    const url = await unsubscribeUrl('555040');
    const done = await post(`${url.pathname.replace('/s/unsubscribe/', '/s/withdraw/')}?lang=en`, {});
    expect(done.statusCode).toBe(200);
    const [sub] = await subsOf();
    expect(sub).toMatchObject({ status: 'erased', address: null, addressMask: null });
    const trace = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, sub!.id), eq(auditLog.action, 'subscription.withdraw_consent')));
    expect(trace).toHaveLength(1);
    expect(JSON.stringify(trace[0])).not.toContain('555040');
    const log = await t.database.db.select().from(deliveries).where(eq(deliveries.subscriptionId, sub!.id));
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((d) => d.addressMask === null)).toBe(true);
  });
});
