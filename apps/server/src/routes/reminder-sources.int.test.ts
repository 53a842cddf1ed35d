import { checks, notifications } from '@esep/db';
import { formatRule } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/clock.ts';
import { signedMeeting } from '../../test/followup.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds } from '../../test/holding.ts';
import { meetingDates } from '../../test/meetings.ts';
import { QUEUES } from '../jobs/job.queue.ts';

/*
 * Issue 12: the reminders about a day's deadline, each at fixed clock readings (never by
 * waiting): before its moment, at it (09:00 Almaty on its day) and after, checking exactly who
 * got which reminder, once, and what the bell says. One timeline through 2027: the notice
 * in April, invitations in May, checks and forwardings in June,
 * the quarter in August — apart, so that each scan's reminders are its part's alone.
 */
const almaty = (date: string, time = '09:00') => new Date(`${date}T${time}:00+05:00`);
const at = (date: string, time: string) => `${date}T${time}:00+05:00`;
const day = (date: string, days: number) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10); };

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
const D01 = 'ALM-KAR-P2-D01';
const TAL = 'ALM-TAL-P1-D01';

beforeAll(async () => {
  // Sessions outlast the months the clock moves through; the quarter board's default threshold.
  t = await testApp({ sessionTtlMs: 400 * 86_400_000, atRiskDays: 30 }, new TestClock().set(almaty('2027-04-01', '10:00')));
  for (const name of ['admin', 'inspector', 'inspector2', 'lead', 'chief', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
}, 180_000);
afterAll(async () => { await t?.close(); });

const nameOf = (userId: string) => Object.entries(c).find(([, client]) => client.user.id === userId)?.[0] ?? userId;

/** Scans at `time` on `date` (Almaty); answers the reminders made then, as "kind user subject", sorted. */
async function scan(date: string, time = '09:00'): Promise<string[]> {
  t.clock.set(almaty(date, time));
  const result = await t.app.jobs.run(QUEUES.remindersScan) as { made: number };
  const rows = await t.database.db.select().from(notifications).where(eq(notifications.createdAt, t.clock.now()));
  expect(result.made).toBe(rows.length);
  return rows.map((n) => `${n.kind} ${nameOf(n.userId)} ${n.subjectId}`).sort();
}

/** The user's bell in a language: kind, title, body and link of each reminder, newest first. */
async function bell(client: Client, locale = 'kk') {
  const response = await client.get('/api/v1/notifications?limit=100', { 'accept-language': locale });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Array<{ kind: string; rule: string; title: string; body: string; link: string | null }>;
}

async function plan(client: Client, district: string, date: string, from: string, to: string, steps: Array<Record<string, unknown>> = []) {
  const created = await client.send('POST', '/api/v1/meetings', meetingDates(t.clock).plan(ids[district], { startsAt: at(date, from), endsAt: at(date, to) }));
  expect(created.statusCode, created.body).toBe(201);
  const meeting = created.json() as { id: string; number: string };
  for (const step of steps) {
    const url = step.action ? `/api/v1/meetings/${meeting.id}/transitions` : `/api/v1/meetings/${meeting.id}/announcements`;
    const done = await client.send('POST', url, step);
    expect(done.statusCode, done.body).toBeLessThan(300);
  }
  return meeting;
}

const schedule = { action: 'schedule' };
const publish = (on: string) => ({ channel: 'mass_media', outlet: 'Қарасай ақшамы', publishedOn: on });

describe('R-27.1: the notice deadline (10 days before the meeting) in 3 days, and today', () => {
  let n1: { id: string; number: string };
  let n2: { id: string; number: string };

  beforeAll(async () => {
    // Four meetings on 30 April 2027 (deadline 20 April), planned on 1 April.
    n1 = await plan(c.inspector!, D01, '2027-04-30', '18:00', '20:00');
    n2 = await plan(c.inspector2!, TAL, '2027-04-30', '18:00', '20:00', [schedule]);
    // Published in time but not yet marked announced: the notice is given, nothing to remind of.
    await plan(c.inspector!, D01, '2027-04-30', '15:00', '17:00', [schedule, publish('2027-04-01')]);
    await plan(c.inspector!, D01, '2027-04-30', '11:00', '13:00', [schedule, { action: 'cancel', reason: 'Клуб жөнделуде' }]);
  });

  it('reminds nobody before the day, nor before 09:00 on it', async () => {
    expect(await scan('2027-04-16')).toEqual([]);
    expect(await scan('2027-04-17', '08:59')).toEqual([]);
  });

  it('3 days before the deadline, at 09:00: the inspector of each meeting not announced, once', async () => {
    expect(await scan('2027-04-17')).toEqual([`notice_due_soon inspector ${n1.id}`, `notice_due_soon inspector2 ${n2.id}`].sort());
    expect(await scan('2027-04-17', '18:00')).toEqual([]);
    expect(await scan('2027-04-18')).toEqual([]);
    const [mine] = await bell(c.inspector!);
    expect(mine).toMatchObject({ kind: 'notice_due_soon', rule: 'R-27.1', title: `${n1.number}: хабарландыру мерзіміне 3 күн қалды`, link: `/meetings/${n1.id}` });
    expect(mine!.body).toBe('30 сәуір 2027 ж. кездесуі туралы тұрғындарға 20 сәуір 2027 ж. дейін хабарлау керек (§27 ¶1).');
    expect((await bell(c.inspector2!))[0]!.title).toBe(`${n2.number}: хабарландыру мерзіміне 3 күн қалды`);
    expect((await bell(c.inspector2!, 'ru'))[0]!.title).toBe(`${n2.number}: до срока оповещения 3 дня`);
  });

  it('on the deadline, at 09:00: again, once', async () => {
    expect(await scan('2027-04-20', '08:59')).toEqual([]);
    expect(await scan('2027-04-20')).toEqual([`notice_due_today inspector ${n1.id}`, `notice_due_today inspector2 ${n2.id}`].sort());
    expect(await scan('2027-04-20', '23:59')).toEqual([]);
    expect(await scan('2027-04-21')).toEqual([]);
    expect((await bell(c.inspector!))[0]).toMatchObject({ kind: 'notice_due_today', title: `${n1.number}: хабарландыру мерзімі — бүгін` });
  });
});

describe('R-26: an invitation sent and not answered, the meeting 3 days away', () => {
  let meeting: { id: string; number: string };
  const invitations: Record<string, string> = {};

  async function invite(meetingId: string, key: string, body: Record<string, unknown>, status?: string) {
    const created = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/invitations`, body);
    expect(created.statusCode, created.body).toBe(201);
    invitations[key] = created.json().id;
    if (status) expect((await c.inspector!.send('PATCH', `/api/v1/invitations/${invitations[key]}`, { status })).statusCode).toBe(200);
  }

  beforeAll(async () => {
    t.clock.set(almaty('2027-04-21', '10:00'));
    // 10 May 2027 at 18:00, announced in time.
    meeting = await plan(c.inspector!, D01, '2027-05-10', '18:00', '20:00', [schedule, publish('2027-04-21'), { action: 'announce' }]);
    await invite(meeting.id, 'police', { category: 'police_leadership', organisation: 'Қарасай аудандық ПБ', personName: 'Әбдіров Марат Нұрмаханұлы' }, 'sent');
    await invite(meeting.id, 'akimat', { category: 'akimat', organisation: 'Шамалған ауылдық округі әкімінің аппараты', personName: 'Байтасов Мұрат Әбенұлы' }, 'sent');
    expect((await c.akimat!.send('POST', `/api/v1/invitations/${invitations.akimat}/answer`, { answer: 'accepted' })).statusCode).toBe(200);
    await invite(meeting.id, 'draft', { category: 'public', organisation: 'Ардагерлер кеңесі', personName: 'Қожахметов Әлібек' });
    // A meeting cancelled after its invitation went out.
    const cancelled = await plan(c.inspector!, D01, '2027-05-10', '15:00', '17:00', [schedule]);
    await invite(cancelled.id, 'cancelled', { category: 'public', organisation: 'Жастар ұйымы', personName: 'Серікова Дана' }, 'sent');
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${cancelled.id}/transitions`, { action: 'cancel', reason: 'Ауа райы' })).statusCode).toBe(200);
  });

  it('from 09:00 three days before: the meeting\'s inspector (not the invitee), for the unanswered one only, once', async () => {
    expect(await scan('2027-05-06')).toEqual([]);
    expect(await scan('2027-05-07', '08:59')).toEqual([]);
    expect(await scan('2027-05-07')).toEqual([`invitation_pending inspector ${invitations.police}`]);
    expect(await scan('2027-05-08')).toEqual([]);
    expect(await bell(c.chief!)).toEqual([]);
    const [mine] = await bell(c.inspector!);
    expect(mine).toMatchObject({ kind: 'invitation_pending', rule: 'R-26', title: `${meeting.number}: шақыруға жауап жоқ`, link: `/meetings/${meeting.id}` });
    expect(mine!.body).toBe('Әбдіров Марат Нұрмаханұлы (Қарасай аудандық ПБ) 10 мамыр 2027 ж. кездесуіне шақыруға әлі жауап бермеді (§26).');
  });

  it('an invitation sent later is reminded at the next scan, until the meeting starts', async () => {
    t.clock.set(almaty('2027-05-09', '10:00'));
    await invite(meeting.id, 'late', { category: 'organisation', organisation: 'Шамалған мектебі', personName: 'Ахметова Сәуле' }, 'sent');
    expect(await scan('2027-05-09', '10:01')).toEqual([`invitation_pending inspector ${invitations.late}`]);
    await invite(meeting.id, 'tooLate', { category: 'mass_media', organisation: '«Қарасай» газеті', personName: 'Оспанов Ерлан' }, 'sent');
    expect(await scan('2027-05-10', '18:00')).toEqual([]);
  });
});

describe('R-32.4 checks and R-32.5 forwardings of a protocol signed on 1 June 2027', () => {
  const C: Array<{ id: string; itemReference: string; dueDate: string }> = [];
  const F: Array<{ id: string; itemReference: string; dueDate: string }> = [];
  const stateBody = async (code: string) => ((await c.inspector!.get('/api/v1/state-bodies')).json() as Array<{ id: string; code: string; nameKk: string }>).find((b) => b.code === code)!;

  beforeAll(async () => {
    t.clock.set(almaty('2027-06-01', '10:00'));
    const meeting = await signedMeeting(t, c.inspector!, ids[D01]!, [
      { resolution: 'to_check', person: 'Серікбаев Ерлан Маратұлы', topic: 'public_order' },
      { resolution: 'to_check', topic: 'housing' },
      { resolution: 'to_check', topic: 'youth' },
      { resolution: 'to_forward', person: 'Жұмабекова Гүлнұр Серікқызы', topic: 'housing' },
      { resolution: 'to_forward', topic: 'housing' },
    ]);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/follow-ups`)).json()).toEqual({ checks: 3, forwardings: 2 });
    C.push(...(await c.inspector!.get(`/api/v1/meetings/${meeting.id}/checks`)).json());
    F.push(...(await c.inspector!.get(`/api/v1/meetings/${meeting.id}/forwardings`)).json());
    // The first check goes to the point lead; the second is left with no one; the third is closed.
    expect((await c.lead!.send('PATCH', `/api/v1/checks/${C[0]!.id}`, { assigneeStaffId: c.lead!.user.staffId })).statusCode).toBe(200);
    await t.database.db.update(checks).set({ assigneeStaffId: null }).where(eq(checks.id, C[1]!.id));
    expect((await c.inspector!.send('PATCH', `/api/v1/checks/${C[2]!.id}`, { result: 'Тексерілді: жастар үйірмесі ашылды' })).statusCode).toBe(200);
    // Forwardings are due 3 working days after the meeting (APPK art. 65), checks 15.
    expect(F.map((f) => f.dueDate)).toEqual(['2027-06-04', '2027-06-04']);
    expect(C.map((x) => x.dueDate)).toEqual(['2027-06-22', '2027-06-22', '2027-06-22']);
  });

  it('a forwarding not sent: its inspector the day before it is due, and once the day after', async () => {
    expect(await scan('2027-06-03', '08:59')).toEqual([]);
    expect(await scan('2027-06-03')).toEqual([`forwarding_due inspector ${F[0]!.id}`, `forwarding_due inspector ${F[1]!.id}`].sort());
    const due = (await bell(c.inspector!)).find((n) => n.kind === 'forwarding_due')!;
    expect(due.title).toMatch(/^Жолдау ALM-KAR-P2-D01-2027-\d+\/[45]: мерзімі ертең$/);
    expect(due.body).toBe('«Тұрғын үй» мәселесі құзыретті мемлекеттік органға 4 маусым 2027 ж. дейін жолдануы тиіс (§32 ¶5).');
    // The anonymous item's letter goes out: it is done.
    t.clock.set(almaty('2027-06-03', '10:00'));
    const sent = await c.inspector!.send('PATCH', `/api/v1/forwardings/${F[1]!.id}`, { bodyId: (await stateBody('KAR-SHA-AKIM')).id, letterNumber: '12-3/901', letterDate: '2027-06-03', sentOn: '2027-06-03' });
    expect(sent.json()).toMatchObject({ status: 'done' });
    expect(await scan('2027-06-04')).toEqual([]);
    expect(await scan('2027-06-05')).toEqual([`forwarding_overdue inspector ${F[0]!.id}`]);
    expect(await scan('2027-06-06')).toEqual([]);
    expect((await bell(c.inspector!))[0]).toMatchObject({ kind: 'forwarding_overdue', title: `Жолдау ${F[0]!.itemReference}: мерзімі өтіп кетті`, link: expect.stringMatching(/^\/meetings\//) });
  });

  it('sent, the initiator not told: its inspector the next day, once', async () => {
    t.clock.set(almaty('2027-06-07', '10:00'));
    const housing = await stateBody('KAR-HOUSING');
    const sent = await c.inspector!.send('PATCH', `/api/v1/forwardings/${F[0]!.id}`, { bodyId: housing.id, letterNumber: '12-3/902', letterDate: '2027-06-07', sentOn: '2027-06-07' });
    expect(sent.json()).toMatchObject({ status: 'open', missing: ['initiator_notice'] });
    expect(await scan('2027-06-07', '11:00')).toEqual([]);
    expect(await scan('2027-06-08', '08:59')).toEqual([]);
    expect(await scan('2027-06-08')).toEqual([`initiator_not_notified inspector ${F[0]!.id}`]);
    expect(await scan('2027-06-09')).toEqual([]);
    const [mine] = await bell(c.inspector!);
    expect(mine).toMatchObject({ kind: 'initiator_not_notified', title: `Жолдау ${F[0]!.itemReference}: өтініш берушіге хабарланбады` });
    expect(mine!.body).toBe(`«Тұрғын үй» мәселесі ${housing.nameKk} жолданды, бірақ оны көтерген адамға әлі хабарланбады (§32 ¶5).`);
  });

  it('an open check: its assignee — or, with none, the meeting\'s inspector — the day before and the day after it is due', async () => {
    expect(await scan('2027-06-21', '08:59')).toEqual([]);
    expect(await scan('2027-06-21')).toEqual([`check_due inspector ${C[1]!.id}`, `check_due lead ${C[0]!.id}`]);
    expect(await scan('2027-06-22')).toEqual([]);
    expect(await scan('2027-06-23')).toEqual([`check_overdue inspector ${C[1]!.id}`, `check_overdue lead ${C[0]!.id}`]);
    expect(await scan('2027-06-24')).toEqual([]);
    const lead = await bell(c.lead!);
    expect(lead.map((n) => n.title)).toEqual([`Тексеріс ${C[0]!.itemReference}: мерзімі өтіп кетті`, `Тексеріс ${C[0]!.itemReference}: мерзімі ертең`]);
    expect(lead[1]!.body).toBe('«Қоғамдық тәртіп» бойынша тексеріс 22 маусым 2027 ж. аяқталуы тиіс (§32 ¶4).');
    expect((await bell(c.inspector!))[0]).toMatchObject({ kind: 'check_overdue', title: `Тексеріс ${C[1]!.itemReference}: мерзімі өтіп кетті` });
  });

  it('a term extended is reminded again, before its new due date', async () => {
    t.clock.set(almaty('2027-06-24', '10:00'));
    const extended = await c.inspector!.send('PATCH', `/api/v1/checks/${C[1]!.id}`, { extendTo: '2027-07-02', reason: 'Қосымша сараптама қажет' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(await scan('2027-07-01')).toEqual([`check_due inspector ${C[1]!.id}`]);
    expect(await scan('2027-07-03')).toEqual([`check_overdue inspector ${C[1]!.id}`]);
  });
});

describe('R-22.13: the district with no meeting held or planned, when the quarter board turns it at risk', () => {
  beforeAll(async () => {
    // Q3 2027: the last announcing day is 20 September; with 30 days, at risk from 22 August.
    t.clock.set(almaty('2027-07-05', '10:00'));
    await plan(c.inspector2!, TAL, '2027-09-10', '18:00', '20:00', [schedule]);
  });

  const boardStatus = async (client: Client, code: string) => ((await client.get('/api/v1/obligations?quarter=2027-Q3')).json().districts as Array<{ district: { code: string }; status: string }>)
    .find((d) => d.district.code === code)?.status;

  it('on that day at 09:00, the inspector serving it; not the one with a meeting planned; once in the quarter', async () => {
    expect(await scan('2027-08-21')).toEqual([]);
    expect(await boardStatus(c.inspector!, D01)).toBe('open');
    expect(await scan('2027-08-22', '08:59')).toEqual([]);
    expect(await scan('2027-08-22')).toEqual([`quarter_at_risk inspector ${ids[D01]}`]);
    expect(await boardStatus(c.inspector!, D01)).toBe('at_risk');
    expect(await boardStatus(c.inspector2!, TAL)).toBe('scheduled');
    expect(await scan('2027-08-22', '20:00')).toEqual([]);
    expect(await scan('2027-08-23')).toEqual([]);
    const [mine] = await bell(c.inspector!);
    expect(mine).toMatchObject({
      kind: 'quarter_at_risk', rule: 'R-22.13', title: `${D01}: тоқсандық есеп кездесуі әлі өткізілмеді`, link: `/meetings/new?district=${ids[D01]}`,
      body: `2027 ж. 3-тоқсан: тоқсанның аяқталуына 39 күн қалды, ал ${D01} учаскесінде есеп кездесуі әлі өткізілмеді (§22(13)).`,
    });
  });
});

describe('every reminder made reads in kk, ru and en', () => {
  it('no title falls back to its kind, no placeholder is left', async () => {
    const kinds = new Set<string>();
    for (const name of ['inspector', 'inspector2', 'lead']) {
      for (const locale of ['kk', 'ru', 'en']) {
        for (const n of await bell(c[name]!, locale)) {
          kinds.add(n.kind);
          expect(n.title).not.toBe(n.kind);
          expect(`${n.title} ${n.body}`).not.toMatch(/[{}]/);
          expect(n.body).toContain(`(${formatRule(n.rule)})`);
        }
      }
    }
    expect(kinds.size).toBe(9);
  });
});
