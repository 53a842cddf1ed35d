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
 * Issue 12, acceptance: reminders with two Esep processes on one PostgreSQL, real SMTP (the local
 * smtp-server) and a local Telegram Bot API. Both processes work jobs; both run the reminder scan
 * when they start, at once. The clock is fixed by ESEP_CLOCK_AT (then runs on): 20:00:30 Almaty on
 * the meeting day, nothing waits for a wall-clock evening.
 *
 * PostgreSQL only: the embedded PGlite is one process by construction (data-dir.lock.ts).
 */
const postgres = process.env.ESEP_TEST_ENGINE === 'postgres' && !!process.env.TEST_DATABASE_URL;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The meeting day: tomorrow in Almaty, so no real midnight falls inside the test. */
const D = (() => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();
const CHAT = '700100200';
const EMAIL = 'inspector@police.kz';

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await wait(200);
  }
}

describe.skipIf(!postgres)('reminders with two processes (issue 12; PostgreSQL only)', () => {
  let cluster: Processes;
  let mail: MailServer;
  let telegram: TelegramBotApiFake;
  const q = async <T>(text: string) => rowsOf<T>(await cluster.database.db.execute(sql.raw(text)));

  /**
   * `count` held meetings of the demo inspector on D, ended at 17:00, protocols unsigned: one planned
   * through the API (the template has the demo structure, no meetings), the rest copies of it (new
   * id and number), each with him as its reporting inspector.
   */
  async function heldMeetings(count: number) {
    const inspector = await httpLogin(cluster.urls[1]!, 'inspector');
    const ids = await districtIds(inspector);
    const plan = meetingDates(new TestClock().set(`${D}T20:00:30+05:00`)).plan(ids['ALM-KAR-P2-D01']!, { venueAddress: `Шамалған а., ${Math.random()}` });
    const created = await inspector.send('POST', '/api/v1/meetings', plan);
    expect(created.statusCode, created.body).toBe(201);
    const template = created.json<{ id: string }>().id;
    const [me] = await q<{ id: string; staff_id: string }>(`select id, staff_id from users where username = 'inspector'`);
    // Drafts until both processes are stopped (restartBoth): a running process's scan must not see them first.
    const held = `'status', 'draft', 'starts_at', '${D}T15:00:00+05:00', 'ends_at', '${D}T17:00:00+05:00', 'start_date', '${D}'`;
    await q(`update meetings set starts_at = '${D}T15:00:00+05:00', ends_at = '${D}T17:00:00+05:00', start_date = '${D}' where id = '${template}'`);
    if (count > 1) {
      await q(`insert into meetings select (jsonb_populate_record(null::meetings, to_jsonb(m) || jsonb_build_object(
          'id', gen_random_uuid(), 'number', m.number || '-N' || g, ${held}))).*
        from meetings m, generate_series(1, ${count - 1}) g where m.id = '${template}'`);
      await q(`insert into meeting_districts (meeting_id, district_id) select m.id, d.district_id
        from meetings m, meeting_districts d where d.meeting_id = '${template}' and m.number like (select number from meetings where id = '${template}') || '-N%'`);
      await q(`insert into meeting_inspectors (meeting_id, district_id, staff_id, acting) select m.id, i.district_id, i.staff_id, i.acting
        from meetings m, meeting_inspectors i where i.meeting_id = '${template}' and m.number like (select number from meetings where id = '${template}') || '-N%'`);
    }
    const [mine] = await q<{ n: number }>(`select count(*)::int as n from meeting_inspectors i join meetings m on m.id = i.meeting_id
      where i.staff_id = '${me!.staff_id}' and m.status = 'draft' and m.start_date = '${D}'`);
    expect(mine!.n).toBeGreaterThanOrEqual(count);
    return me!.id;
  }

  /** Both processes stopped, the situation made, both started again at once. */
  async function restartBoth(prepare: () => Promise<void>) {
    await prepare();
    await Promise.all([cluster.kill(0), cluster.kill(1)]);
    await q('delete from notifications');
    await q('delete from deliveries');
    // The previous case's meetings are signed now; this case's are held.
    await q(`update meetings set status = 'protocol_signed' where start_date = '${D}' and status = 'held'`);
    await q(`update meetings set status = 'held' where start_date = '${D}' and status = 'draft'`);
    await Promise.all([cluster.restart(0), cluster.restart(1)]);
  }

  async function chooseChannels(userId: string, channels: string[]) {
    await q(`insert into notification_settings (user_id, channels, email, telegram_chat_id, consent_at, updated_at)
      values ('${userId}', '{${channels.join(',')}}', '${EMAIL}', '${CHAT}', now(), now())
      on conflict (user_id) do update set channels = excluded.channels`);
  }

  beforeAll(async () => {
    mail = await MailServer.start();
    telegram = await TelegramBotApiFake.start();
    const smtp = new URL(mail.url);
    smtp.username = 'esep';
    smtp.password = 'mail-test-password';
    cluster = await startProcesses(2, {
      env: {
        ESEP_JOBS: 'all',
        ESEP_CLOCK_AT: `${D}T20:00:30+05:00`,
        // One clock for both processes and their restarts.
        ESEP_CLOCK_SINCE: new Date().toISOString(),
        ESEP_SMTP_URL: smtp.toString(),
        ESEP_MAIL_FROM: 'Esep <esep@police.kz>',
        ESEP_TELEGRAM_BOT_TOKEN: telegram.token,
        ESEP_TELEGRAM_API_ROOT: telegram.apiRoot,
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

  it('a protocol unsigned at 20:00 gives its inspector exactly one e-mail and one Telegram message (R-32.3)', async () => {
    await restartBoth(async () => {
      const inspectorId = await heldMeetings(1);
      await chooseChannels(inspectorId, ['email', 'telegram']);
    });
    await until('one e-mail and one Telegram message', async () => { await mail.settled(); return mail.messages.length >= 1 && telegram.messages.length >= 1; }, 60_000);
    // Both processes scanned at start; give any second copy time to arrive.
    await wait(5_000);
    await mail.settled();
    expect(mail.messages.map((m) => m.to)).toEqual([[EMAIL]]);
    expect(mail.messages[0]!.subject).toContain('хаттамаға әлі қол қойылмады');
    expect(telegram.messages.map((m) => m.chatId)).toEqual([CHAT]);
    const deliveries = await q<{ channel: string; status: string; attempts: number }>(`select channel, status, attempts from deliveries order by channel`);
    expect(deliveries).toEqual([{ channel: 'email', status: 'sent', attempts: 1 }, { channel: 'telegram', status: 'sent', attempts: 1 }]);
  }, 180_000);

  it('killing a process while 100 messages are queued, then starting it again, delivers each remaining one exactly once', async () => {
    // Counted before the restart: both processes scan and send the moment they start, so a message can
    // arrive before restartBoth returns (CI, stop 22: 99 received of 100 sent).
    await mail.settled();
    const before = mail.messages.length;
    await restartBoth(async () => {
      const inspectorId = await heldMeetings(100);
      await chooseChannels(inspectorId, ['email']);
    });
    await until('the first e-mails of 100', async () => { await mail.settled(); return mail.messages.length - before >= 10; }, 60_000);
    await cluster.kill(0);
    const atKill = mail.messages.length - before;
    await cluster.restart(0);
    await until('every delivery settled', async () => {
      const [open] = await q<{ n: number }>(`select count(*)::int as n from deliveries where status in ('queued', 'held', 'sending', 'retrying')`);
      return open!.n === 0;
    }, 120_000);
    await mail.settled();
    const received = mail.messages.slice(before);
    const byId = new Map<string, number>();
    for (const m of received) byId.set(m.messageId!, (byId.get(m.messageId!) ?? 0) + 1);
    expect([...byId.values()].every((n) => n === 1), `copies: ${JSON.stringify([...byId].filter(([, n]) => n > 1))}`).toBe(true);
    const states = await q<{ status: string; n: number }>(`select status, count(*)::int as n from deliveries group by status order by status`);
    const sent = states.find((s) => s.status === 'sent')?.n ?? 0;
    const unknown = states.find((s) => s.status === 'unknown')?.n ?? 0;
    // Every message either arrived once, or was being sent by the killed process and says so.
    expect(sent + unknown, JSON.stringify(states)).toBe(100);
    expect(received.length).toBeGreaterThanOrEqual(sent);
    expect(received.length).toBeLessThanOrEqual(100);
    expect(unknown).toBeLessThanOrEqual(2);
    expect(atKill).toBeLessThan(100);
  }, 300_000);

  it('a scheduled job runs once a minute across both processes', async () => {
    // pg-boss's clock is the database's: wait for two schedule slots of real time.
    await until('two reminder scans by the schedule', async () => {
      const [row] = await q<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'reminders-scan'`);
      return row!.n >= 2;
    }, 150_000);
    const perMinute = await q<{ minute: string; n: number }>(`select date_trunc('minute', created_on)::text as minute, count(*)::int as n
      from pgboss.job where name = 'reminders-scan' group by 1`);
    expect(perMinute.every((m) => m.n === 1), JSON.stringify(perMinute)).toBe(true);
  }, 200_000);
});
