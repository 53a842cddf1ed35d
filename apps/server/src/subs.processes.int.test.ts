import { rowsOf } from '@esep/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailServer } from '../test/fakes/mail-server.ts';
import { TelegramBotApiFake } from '../test/fakes/telegram-bot-api.fake.ts';
import { TestClock } from '../test/clock.ts';
import { districtIds } from '../test/holding.ts';
import { meetingDates } from '../test/meetings.ts';
import { httpLogin, startProcesses, type Processes } from '../test/processes.ts';

/*
 * Issue 13, part 4, acceptance: a district with an e-mail subscriber and a Telegram subscriber,
 * both confirmed through the real paths (the confirmation e-mail's link at the local SMTP server,
 * the bot's /start through the webhook), two Esep processes on one PostgreSQL working jobs.
 * Announcing a meeting sends exactly one e-mail and one Telegram message per subscriber.
 *
 * PostgreSQL only: the embedded PGlite is one process by construction.
 */
const postgres = process.env.ESEP_TEST_ENGINE === 'postgres' && !!process.env.TEST_DATABASE_URL;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DISTRICT = 'ALM-KAR-P2-D01';
const SECRET = 'acceptance-webhook-secret-42';
const EMAIL = 'resident@example.kz';
const CHAT = '880011';

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await wait(200);
  }
}

const postForm = (url: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
};

describe.skipIf(!postgres)('subscribers with two processes (issue 13; PostgreSQL only)', () => {
  let cluster: Processes;
  let mail: MailServer;
  let telegram: TelegramBotApiFake;
  const q = async <T>(text: string) => rowsOf<T>(await cluster.database.db.execute(sql.raw(text)));

  beforeAll(async () => {
    mail = await MailServer.start();
    telegram = await TelegramBotApiFake.start();
    const smtp = new URL(mail.url);
    smtp.username = 'esep';
    smtp.password = 'mail-test-password';
    cluster = await startProcesses(2, {
      env: {
        ESEP_JOBS: 'all',
        ESEP_SMTP_URL: smtp.toString(),
        ESEP_MAIL_FROM: 'Esep <esep@police.kz>',
        ESEP_TELEGRAM_BOT_TOKEN: telegram.token,
        ESEP_TELEGRAM_API_ROOT: telegram.apiRoot,
        ESEP_TELEGRAM_BOT_USERNAME: 'esep_test_bot',
        ESEP_TELEGRAM_WEBHOOK_SECRET: SECRET,
        ESEP_SEND_TIMEOUT_SECONDS: '3',
        ESEP_DELIVERY_LEASE_SECONDS: '6',
      },
    });
  }, 240_000);
  afterAll(async () => {
    await cluster?.stop();
    await mail?.close();
    await telegram?.close();
  });

  it('announcing a meeting sends exactly one e-mail and one Telegram message per subscriber', async () => {
    const [a, b] = cluster.urls as [string, string];
    // E-mail: subscribe on one process, the confirmation arrives by SMTP, its link works on the other.
    const subscribed = await postForm(`${a}/d/${DISTRICT}/subscribe?lang=ru`, { channel: 'email', address: EMAIL, kinds: ['announcements', 'reminder', 'outcomes'], locale: 'ru', consent: '1' });
    expect(subscribed.status, await subscribed.text()).toBe(200);
    await until('the confirmation e-mail', async () => { await mail.settled(); return mail.messages.some((m) => m.to.includes(EMAIL)); }, 60_000);
    const link = new URL(/https?:\/\/\S+\/s\/confirm\/\S+/.exec(mail.messages.find((m) => m.to.includes(EMAIL))!.text!)![0]);
    const confirmed = await fetch(`${b}${link.pathname}${link.search}`, { method: 'POST' });
    expect(confirmed.status).toBe(200);

    // Telegram: the deep link's code, /start through the webhook of the other process.
    const page = await postForm(`${b}/d/${DISTRICT}/subscribe?lang=kk`, { channel: 'telegram', address: '', kinds: ['announcements'], locale: 'kk', consent: '1' });
    const code = /https:\/\/t\.me\/esep_test_bot\?start=([A-Za-z0-9_-]+)/.exec(await page.text())![1]!;
    const update = await fetch(`${a}/api/v1/telegram/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: 1, message: { message_id: 1, chat: { id: Number(CHAT), type: 'private' }, text: `/start ${code}` } }),
    });
    expect(update.status).toBe(200);
    const subs = await q<{ channel: string; status: string }>(`select channel, status from subscriptions order by channel`);
    expect(subs).toEqual([{ channel: 'email', status: 'confirmed' }, { channel: 'telegram', status: 'confirmed' }]);

    // The inspector announces a meeting of the district.
    const inspector = await httpLogin(b, 'inspector');
    const ids = await districtIds(inspector);
    const { plan, today } = meetingDates(new TestClock());
    const created = await inspector.send('POST', '/api/v1/meetings', plan(ids[DISTRICT]!));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
    expect((await inspector.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: 'Қарасай ақшамы', publishedOn: today })).statusCode).toBeLessThan(300);
    const mailsBefore = mail.messages.length;
    const chatBefore = telegram.messages.length;
    const announced = await inspector.on(a).send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' });
    expect(announced.statusCode, announced.body).toBe(200);

    await until('one e-mail and one Telegram message', async () => {
      await mail.settled();
      return mail.messages.length > mailsBefore && telegram.messages.length > chatBefore;
    }, 60_000);
    // Both processes work jobs and sweep; give any second copy time to arrive.
    await wait(8_000);
    await mail.settled();
    const mails = mail.messages.slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual([[EMAIL]]);
    expect(mails[0]!.subject).toContain('отчётная встреча участкового инспектора');
    expect(mails[0]!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    const chats = telegram.messages.slice(chatBefore);
    expect(chats.map((m) => m.chatId)).toEqual([CHAT]);
    expect(chats[0]!.text).toContain('есеп кездесуі');
    const deliveries = await q<{ channel: string; status: string; attempts: number }>(`select channel, status, attempts from deliveries where kind = 'sub_announced' order by channel`);
    expect(deliveries).toEqual([{ channel: 'email', status: 'sent', attempts: 1 }, { channel: 'telegram', status: 'sent', attempts: 1 }]);
    // Esep's delivery to its subscribers is one of the meeting's publications.
    const [row] = await q<{ outlet: string }>(`select outlet from announcements where meeting_id = '${id}' and channel = 'esep_page'`);
    expect(row!.outlet).toBe('Esep: 2 subscribers');
  }, 240_000);
});
