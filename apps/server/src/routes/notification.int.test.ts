import { deliveries, meetings, notifications, notificationSettings, reminders } from '@esep/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecordingChannel } from '../../test/channels.ts';
import { TestClock } from '../../test/clock.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { ChannelError } from '../notifications/channel.ts';
import { QUEUES } from '../jobs/job.queue.ts';
import { deliver } from '../services/notification/delivery.service.ts';
import { systemContext } from '../services/context.ts';

/*
 * Issue 12: reminders made once and delivered once, at fixed clock readings (never by waiting).
 * is the worked case: a held meeting whose protocol is unsigned at 20:00 Almaty on the
 * meeting day reminds its inspector in the bell and through each channel he chose.
 */
const almatyToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
/** Tomorrow in Almaty: far enough from the wall clock's today that no test meets midnight. */
const D = (() => { const d = new Date(`${almatyToday}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1); return d.toISOString().slice(0, 10); })();
const almaty = (time: string, date = D) => new Date(`${date}T${time}:00+05:00`);

const email = new RecordingChannel('email', false, (a) => a.includes('@'));
const telegram = new RecordingChannel('telegram', false, (a) => /^-?\d+$/.test(a));
let t: TestApp;
const c: Record<string, Client> = {};
let meetingId: string;
let inspectorId: string;

async function scanAndDrain() {
  await t.app.jobs.run(QUEUES.remindersScan);
  return t.app.jobs.drain([QUEUES.deliver]);
}

async function settings(client: Client, body: Record<string, unknown>) {
  return client.send('PUT', '/api/v1/notifications/settings', {
    channels: [], email: null, telegramChatId: null, phone: null, whatsapp: null, quietFrom: null, quietTo: null, digest: false, digestAt: '18:00', locale: null, ...body,
  });
}

beforeAll(async () => {
  t = await testApp({}, new TestClock().set(almaty('15:00')), { channels: { email, telegram } });
  for (const name of ['admin', 'inspector', 'inspector2']) c[name] = await login(t.app, name);
  inspectorId = c.inspector!.user.id;
  const ids = await districtIds(c.admin!);
  meetingId = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, startedMinutesAgo: 30 });
}, 180_000);
afterAll(async () => { await t?.close(); });
beforeEach(() => { email.sent.length = 0; telegram.sent.length = 0; });

describe('settings (personal data with consent)', () => {
  it('refuses addresses without consent, and a chosen channel without its address', async () => {
    const noConsent = await settings(c.inspector!, { channels: ['email'], email: 'inspector@police.kz' });
    expect(noConsent.statusCode, noConsent.body).toBe(400);
    expect(noConsent.json().error.code).toBe('consent_required');
    const noAddress = await settings(c.inspector!, { channels: ['telegram'], consent: true });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().error.details).toEqual([{ field: 'channels', reason: 'telegram_address_missing' }]);
    const badPhone = await settings(c.inspector!, { channels: ['sms'], phone: '87011234567', consent: true });
    expect(badPhone.statusCode).toBe(400);
  });

  it('keeps them with consent; the audit names what changed, never the address', async () => {
    const saved = await settings(c.inspector!, { channels: ['email', 'telegram'], email: 'inspector@police.kz', telegramChatId: '123456789', consent: true });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ channels: ['email', 'telegram'], email: 'inspector@police.kz', telegramChatId: '123456789' });
    const audit = await c.admin!.get('/api/v1/audit?entityType=user&pageSize=5');
    const entry = (audit.json().items as Array<{ action: string; after: unknown }>).find((e) => e.action === 'notification_settings.update');
    expect(JSON.stringify(entry)).toContain('addressesChanged');
    expect(JSON.stringify(entry)).not.toContain('inspector@police.kz');
    expect(JSON.stringify(entry)).not.toContain('123456789');
  });
});

describe('R-32.3: the protocol unsigned at 20:00 on the meeting day', () => {
  it('reminds nobody before 20:00', async () => {
    t.clock.set(almaty('19:59'));
    expect(await scanAndDrain()).toBe(0);
    expect(email.sent).toHaveLength(0);
  });

  it('at 20:00 reminds the inspector once: in the bell, by e-mail and by Telegram', async () => {
    t.clock.set(almaty('20:00'));
    expect(await scanAndDrain()).toBe(2);
    expect(email.sent).toHaveLength(1);
    expect(telegram.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({ address: 'inspector@police.kz', locale: 'kk' });
    expect(email.sent[0]!.subject).toContain('хаттамаға әлі қол қойылмады');
    expect(email.sent[0]!.link).toMatch(new RegExp(`/meetings/${meetingId}/protocol$`));
    expect(telegram.sent[0]!.address).toBe('123456789');
    // The protocol's reminder is recorded as sent (it was stored and never sent before issue 12).
    const [evening] = await t.database.db.select().from(reminders).where(and(eq(reminders.meetingId, meetingId), eq(reminders.kind, 'evening')));
    expect(evening?.sentAt?.toISOString()).toBe(almaty('20:00').toISOString());
  });

  it('a second scan, a later one and a job run twice add nothing', async () => {
    t.clock.set(almaty('20:01'));
    expect(await scanAndDrain()).toBe(0);
    t.clock.set(almaty('23:30'));
    expect(await scanAndDrain()).toBe(0);
    const [sent] = await t.database.db.select().from(deliveries).where(eq(deliveries.channel, 'email'));
    expect(await deliver(systemContext(t.database.db, t.clock), depsOf(), sent!.id)).toBe('not_claimed');
    expect(email.sent).toHaveLength(0);
    const rows = await t.database.db.select().from(notifications).where(eq(notifications.userId, inspectorId));
    expect(rows.filter((n) => n.kind === 'protocol_unsigned')).toHaveLength(1);
  });

  it('shows in the bell in the reader\'s language, with its rule; reading it clears the count', async () => {
    const ru = await c.inspector!.get('/api/v1/notifications', { 'accept-language': 'ru' });
    expect(ru.statusCode, ru.body).toBe(200);
    expect(ru.json()).toMatchObject({ unread: 1, nextCursor: null });
    expect(ru.json().items[0]).toMatchObject({ kind: 'protocol_unsigned', rule: 'R-32.3', link: `/meetings/${meetingId}/protocol`, readAt: null });
    expect(ru.json().items[0].title).toContain('протокол ещё не подписан');
    const en = await c.inspector!.get('/api/v1/notifications', { 'accept-language': 'en' });
    expect(en.json().items[0].body).toContain('signed the same day (§32 ¶3)');
    // Another user's bell is his own.
    expect((await c.inspector2!.get('/api/v1/notifications')).json()).toMatchObject({ items: [], unread: 0 });
    const read = await c.inspector!.send('POST', '/api/v1/notifications/read', {});
    expect(read.json()).toEqual({ marked: 1, unread: 0 });
  });

  it('the delivery log is the administrator\'s, addresses masked', async () => {
    expect((await c.inspector!.get('/api/v1/deliveries')).statusCode).toBe(403);
    const log = await c.admin!.get('/api/v1/deliveries?status=sent');
    expect(log.statusCode, log.body).toBe(200);
    const items = log.json().items as Array<{ channel: string; address: string; recipient: { id: string }; attempts: number; providerId: string }>;
    expect(items.map((d) => d.channel).sort()).toEqual(['email', 'telegram']);
    expect(items.find((d) => d.channel === 'email')).toMatchObject({ address: 'i***@police.kz', recipient: { id: inspectorId }, attempts: 1 });
    expect(JSON.stringify(log.json())).not.toContain('123456789');
  });

  it('a signed protocol reminds nobody', async () => {
    await t.database.db.update(meetings).set({ status: 'protocol_signed' }).where(eq(meetings.id, meetingId));
    await t.database.db.delete(notifications);
    t.clock.set(almaty('20:10'));
    expect(await scanAndDrain()).toBe(0);
    await t.database.db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, meetingId));
  });
});

function depsOf() {
  return { jobs: t.app.jobs, channels: t.app.channels, leaseMs: t.app.config.deliveryLeaseMs, sendTimeoutMs: 200 };
}

/** A fresh reminder for the inspector at `time` on D (the previous ones forgotten). */
async function remindAgain(time: string) {
  await t.database.db.delete(deliveries);
  await t.database.db.delete(notifications);
  t.clock.set(almaty(time));
  await t.app.jobs.run(QUEUES.remindersScan);
  return t.database.db.select().from(deliveries);
}

describe('delivery: failures, retries, crashes', () => {
  it('a temporary failure is retried with backoff; a permanent one stops with the provider\'s reason', async () => {
    email.failNext(new ChannelError('temporary', 'smtp_451', 'try again later'));
    telegram.failNext(new ChannelError('permanent', 'telegram_403', 'Forbidden: bot was blocked by the user'));
    const rows = await remindAgain('20:00');
    expect(rows.map((d) => d.status).sort()).toEqual(['queued', 'queued']);
    await t.app.jobs.drain([QUEUES.deliver]);
    const after = await t.database.db.select().from(deliveries);
    const mail = after.find((d) => d.channel === 'email')!;
    expect(mail).toMatchObject({ status: 'retrying', attempts: 1, error: 'smtp_451: try again later' });
    expect(mail.nextAttemptAt!.getTime()).toBe(almaty('20:00').getTime() + 30_000);
    expect(after.find((d) => d.channel === 'telegram')).toMatchObject({ status: 'failed', error: 'telegram_403: Forbidden: bot was blocked by the user' });
    // Its time comes: the sweep wakes it (whatever the queue's own clock), and it goes once.
    t.clock.set(new Date(almaty('20:00').getTime() + t.app.config.deliveryLeaseMs + 30_000));
    await t.app.jobs.run(QUEUES.deliveriesSweep);
    await t.app.jobs.drain([QUEUES.deliver]);
    expect(email.sent).toHaveLength(1);
    expect((await t.database.db.select().from(deliveries).where(eq(deliveries.id, mail.id)))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(telegram.sent).toHaveLength(0);
  });

  it('a provider that does not answer in time is a temporary failure', async () => {
    email.failNext('hang');
    const rows = await remindAgain('20:00');
    const mail = rows.find((d) => d.channel === 'email')!;
    expect(await deliver(systemContext(t.database.db, t.clock), depsOf(), mail.id)).toBe('retrying');
    expect((await t.database.db.select().from(deliveries).where(eq(deliveries.id, mail.id)))[0]!.error).toMatch(/^timeout/);
  });

  it('a worker that stopped mid-send leaves "outcome unknown", never a second copy', async () => {
    const rows = await remindAgain('20:00');
    const mail = rows.find((d) => d.channel === 'email')!;
    // The claim is made, then the process dies before the provider's answer is recorded.
    await t.database.db.update(deliveries).set({ status: 'sending', attempts: 1, claimedAt: t.clock.now() }).where(eq(deliveries.id, mail.id));
    t.clock.set(new Date(almaty('20:00').getTime() + t.app.config.deliveryLeaseMs - 1000));
    await t.app.jobs.run(QUEUES.deliveriesSweep);
    expect((await t.database.db.select().from(deliveries).where(eq(deliveries.id, mail.id)))[0]!.status).toBe('sending');
    t.clock.set(new Date(almaty('20:00').getTime() + t.app.config.deliveryLeaseMs + 1000));
    expect(await t.app.jobs.run(QUEUES.deliveriesSweep)).toMatchObject({ unknown: 1 });
    await t.app.jobs.drain([QUEUES.deliver]);
    const [row] = await t.database.db.select().from(deliveries).where(eq(deliveries.id, mail.id));
    expect(row).toMatchObject({ status: 'unknown' });
    expect(row!.error).toMatch(/^outcome_unknown/);
    expect(email.sent).toHaveLength(0);
  });

  it('two workers with one job: one sends, the other finds nothing to claim', async () => {
    const rows = await remindAgain('20:00');
    const mail = rows.find((d) => d.channel === 'email')!;
    const ctx = systemContext(t.database.db, t.clock);
    const outcomes = await Promise.all([deliver(ctx, depsOf(), mail.id), deliver(ctx, depsOf(), mail.id)]);
    expect(outcomes.sort()).toEqual(['not_claimed', 'sent']);
    expect(email.sent).toHaveLength(1);
  });
});

describe('what each user chose', () => {
  it('quiet hours hold a message until they end', async () => {
    await settings(c.inspector!, { channels: ['email'], email: 'inspector@police.kz', quietFrom: '19:00', quietTo: '08:00' });
    const rows = await remindAgain('20:00');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'held' });
    expect(rows[0]!.nextAttemptAt!.toISOString()).toBe(almaty('08:00', addDay(D)).toISOString());
    await t.app.jobs.drain([QUEUES.deliver]);
    expect(email.sent).toHaveLength(0);
    t.clock.set(almaty('08:00', addDay(D)));
    await t.app.jobs.run(QUEUES.deliveriesSweep);
    await t.app.jobs.drain([QUEUES.deliver]);
    expect(email.sent).toHaveLength(1);
  });

  it('a daily digest instead of single messages, at the chosen hour', async () => {
    await settings(c.inspector!, { channels: ['email'], email: 'inspector@police.kz', digest: true, digestAt: '21:00' });
    const rows = await remindAgain('20:00');
    expect(rows).toHaveLength(0);
    expect(await t.app.jobs.run(QUEUES.deliveriesSweep)).toMatchObject({ digests: 0 });
    await t.app.jobs.drain([QUEUES.deliver]);
    expect(email.sent).toHaveLength(0);
    t.clock.set(almaty('21:00'));
    expect(await t.app.jobs.run(QUEUES.deliveriesSweep)).toMatchObject({ digests: 1 });
    await t.app.jobs.drain([QUEUES.deliver]);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]!.subject).toBe('Esep: бүгінгі еске салулар (1)');
    expect(email.sent[0]!.text).toContain('хаттамаға әлі қол қойылмады');
    // Made once: the next sweep finds nothing new to digest.
    expect(await t.app.jobs.run(QUEUES.deliveriesSweep)).toMatchObject({ digests: 0 });
  });

  it('no channel chosen: the bell alone, and the log says so', async () => {
    await settings(c.inspector!, { channels: [] });
    const rows = await remindAgain('20:00');
    expect(rows).toMatchObject([{ channel: 'none', status: 'skipped', error: 'no_channel' }]);
  });

  it('an address the channel refuses, and a channel this server lacks, are skipped with the reason', async () => {
    // Consent was withdrawn with the addresses above: it is asked again.
    expect((await settings(c.inspector!, { channels: ['telegram', 'sms'], telegramChatId: '123456789', phone: '+77011234567' })).json().error.code).toBe('consent_required');
    await settings(c.inspector!, { channels: ['telegram', 'sms'], telegramChatId: '123456789', phone: '+77011234567', consent: true });
    const rows = await remindAgain('20:00');
    expect(rows.find((d) => d.channel === 'sms')).toMatchObject({ status: 'skipped', error: 'channel_not_configured' });
    // The stored chat id is changed behind the schema's back (an import, an old row): refused at send.
    await t.database.db.update(notificationSettings).set({ telegramChatId: 'not-a-chat' }).where(eq(notificationSettings.userId, inspectorId));
    await t.app.jobs.drain([QUEUES.deliver]);
    const [tg] = await t.database.db.select().from(deliveries).where(eq(deliveries.channel, 'telegram'));
    expect(tg).toMatchObject({ status: 'skipped', error: 'address_invalid' });
    expect(telegram.sent).toHaveLength(0);
  });
});

describe('the delivery log: residents\' subscriptions (issue 13)', () => {
  const RESIDENT = 'aigerim.s@mail.kz';

  it('lists a subscriber\'s message beside the staff\'s, the subscriber by district and a masked address only', async () => {
    await settings(c.inspector!, { channels: ['email'], email: 'inspector@police.kz', consent: true });
    await remindAgain('20:00');
    await t.app.jobs.drain([QUEUES.deliver]);
    // A resident subscribes to her district at 20:30; her address is refused by the mail server,
    // whose answer quotes it (SMTP 550).
    t.clock.set(almaty('20:30'));
    email.failNext(new ChannelError('permanent', 'smtp_550', `5.1.1 <${RESIDENT.toUpperCase()}>: Recipient address rejected`));
    const subscribed = await t.app.inject({
      method: 'POST', url: '/api/v1/public/districts/ALM-KAR-P2-D01/subscriptions',
      payload: { channel: 'email', address: RESIDENT, kinds: ['announcements'], locale: 'ru', consent: true }, remoteAddress: '10.9.0.1',
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    await t.app.jobs.drain([QUEUES.deliver]);

    const log = await c.admin!.get('/api/v1/deliveries');
    expect(log.statusCode, log.body).toBe(200);
    const items = log.json().items as Array<{ kind: string; address: string | null; status: string; error: string | null; createdAt: string; recipient: Record<string, unknown> }>;
    expect(items.map((d) => d.recipient.kind)).toEqual(['subscriber', 'staff']);
    expect(items[0]).toEqual(expect.objectContaining({
      kind: 'sub_confirm', address: 'a***@m***.kz', status: 'failed', error: 'smtp_550: 5.1.1 <a***@m***.kz>: Recipient address rejected',
      createdAt: almaty('20:30').toISOString(),
      recipient: { kind: 'subscriber', district: expect.objectContaining({ code: 'ALM-KAR-P2-D01', nameKk: expect.any(String), nameRu: expect.any(String) }) },
    }));
    expect(items[1]).toMatchObject({ kind: 'protocol_unsigned', address: 'i***@police.kz', recipient: { kind: 'staff', id: inspectorId } });
    // Her contact is nowhere in the answer, in any case.
    expect(log.body.toLowerCase()).not.toContain(RESIDENT);
    const [row] = await t.database.db.select().from(deliveries).where(eq(deliveries.kind, 'sub_confirm'));
    expect(log.body).not.toContain(row!.subscriptionId!);
  });

  it('filters by the kind of recipient', async () => {
    const only = async (recipient: string) => {
      const log = await c.admin!.get(`/api/v1/deliveries?recipient=${recipient}`);
      expect(log.statusCode, log.body).toBe(200);
      return (log.json().items as Array<{ kind: string; recipient: { kind: string } }>).map((d) => `${d.recipient.kind}:${d.kind}`);
    };
    expect(await only('subscriber')).toEqual(['subscriber:sub_confirm']);
    expect(await only('staff')).toEqual(['staff:protocol_unsigned']);
    expect((await c.admin!.get('/api/v1/deliveries?recipient=resident')).statusCode).toBe(400);
    expect((await c.admin!.get('/api/v1/deliveries?recipient=subscriber&status=failed&channel=email')).json().items).toHaveLength(1);
    expect((await c.inspector!.get('/api/v1/deliveries?recipient=subscriber')).statusCode).toBe(403);
  });
});

describe('the development outbox', () => {
  it('exists only on a development server, for the operators', async () => {
    // This suite's server runs as NODE_ENV=test: the route is not there at all.
    expect((await c.admin!.get('/api/v1/dev/outbox')).statusCode).toBe(404);
    const dev = await testApp({ env: 'development' }, new TestClock().set(almaty('15:00')));
    try {
      const admin = await login(dev.app, 'admin');
      const inspector = await login(dev.app, 'inspector');
      await settings(inspector, { channels: ['email'], email: 'outbox-check@police.kz', consent: true });
      await meetingInProgress(dev, inspector, (await districtIds(admin))['ALM-KAR-P2-D01']!, { held: true, startedMinutesAgo: 30 });
      dev.clock.set(almaty('20:00'));
      await dev.app.jobs.run(QUEUES.remindersScan);
      await dev.app.jobs.drain([QUEUES.deliver]);
      const outbox = await admin.get('/api/v1/dev/outbox');
      expect(outbox.statusCode, outbox.body).toBe(200);
      // No e-mail server is configured: the message that would have gone out is in the outbox.
      expect(outbox.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'email', address: 'outbox-check@police.kz' })]));
      expect((await inspector.get('/api/v1/dev/outbox')).statusCode).toBe(403);
    } finally {
      await dev.close();
    }
  });
});

function addDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
