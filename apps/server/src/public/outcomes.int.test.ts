import { auditLog, checks, forwardings, insertResidentQuestion, markVerdictsCarried, meetingItems, meetings, participants, residentQuestions, stateBodies } from '@esep/db';
import { almatyDate, quarterOf } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { meetingDates } from '../../test/meetings.ts';
import { tokenHashOf } from '../services/resident/verdict.service.ts';
import { calendarDate } from './outcomes.page.tsx';

/*
 * Issue 13, part 5: "you said — we did" for a district, the
 * resident's verdict behind her private link, and "not resolved" on the next meeting's report.
 */
let t: TestApp;
let inspector: Client;
let ids: Record<string, string>;
const CODE = 'ALM-KAR-P2-D01';
const NAMES = ['Сәрсенбаева Әлия Қуанышқызы', 'Жұмабеков Ерлан Серікұлы', 'Тоқтарова Айгүл'] as const;
const PHONE = '+77017654321';
const AUTHOR_PHONE = '+77019998877';
let older: { id: string; itemIds: string[]; decisionIds: string[] };
let previous: string;
let next: string;
let unsignedItem: string;
let bodyKk: string;
let bodyRu: string;
let olderStart: Date;
const TOKEN = 'tok_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';
const EARLY = 'tok_EarlyEarlyEarlyEarlyEarly0001';

const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const postVerdict = (token: string, form: Record<string, string>, lang = 'ru') => t.app.inject({
  method: 'POST', url: `/q/${token}/verdict?lang=${lang}`, payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

beforeAll(async () => {
  t = await testApp();
  inspector = await login(t.app, 'inspector');
  const admin = await login(t.app, 'admin');
  ids = await districtIds(admin);
  const district = ids[CODE]!;
  const db = t.database.db;
  // The older meeting: answered, to check, to forward (raised by registered people), a decision.
  older = await signedMeeting(t, inspector, district, [
    { resolution: 'answered', person: NAMES[0], text: 'Абай көшесінде түнде жарық жоқ' },
    { resolution: 'to_check', person: NAMES[1], text: 'Аулада жасөспірімдер түнде шулайды' },
    { resolution: 'to_forward', text: 'Жаһан көшесіндегі су құбыры жарылған' },
  ], 1);
  // A participant with a phone number registered at the same meeting.
  await db.insert(participants).values({
    meetingId: older.id, number: 99, fullName: NAMES[2], address: 'Шамалған а.', category: 'resident', consentVersion: 'v1', phone: PHONE,
    consentAt: t.clock.now(), arrivedAt: t.clock.now(), attendance: 'in_person', channel: 'staff', personKey: 'toktarova|shamalgan',
  });
  expect((await admin.send('POST', `/api/v1/meetings/${older.id}/follow-ups`)).statusCode).toBe(200);
  const [body] = await db.select().from(stateBodies).limit(1);
  bodyKk = body!.nameKk;
  bodyRu = body!.nameRu;
  await db.update(forwardings).set({ bodyId: body!.id, sentOn: almatyDate(t.clock.now()) }).where(eq(forwardings.meetingId, older.id));
  // Move it 100 days back; a later meeting is held (protocol not signed) 50 days ago.
  olderStart = new Date(t.clock.now().getTime() - 100 * 86_400_000);
  previous = await meetingInProgress(t, inspector, district, { held: true, daysAgo: 50 });
  await db.update(meetings).set({ startsAt: olderStart, endsAt: new Date(olderStart.getTime() + 7200_000), startDate: almatyDate(olderStart) }).where(eq(meetings.id, older.id));
  const [item] = await db.insert(meetingItems).values({ meetingId: previous, number: 1, kind: 'question', text: 'Бейнекамера қашан?', topic: 'road_safety', resolution: 'answered', answer: 'Жазда' }).returning();
  unsignedItem = item!.id;
  // The next meeting, planned 20 days ahead.
  const { at, plan } = meetingDates(t.clock);
  const created = await inspector.send('POST', '/api/v1/meetings', plan(district, { startsAt: at(20, 18), endsAt: at(20, 20) }));
  expect(created.statusCode, created.body).toBe(201);
  next = created.json().id;
  // Questions sent ahead, linked by the inspector (rows written directly: the form is another part's).
  await insertResidentQuestion(db, {
    districtId: district, kind: 'question', text: 'Жарық қашан болады?', authorName: 'Тоқтарова Айгүл', contact: AUTHOR_PHONE, contactKind: 'phone',
    tokenHash: tokenHashOf(TOKEN), itemId: older.itemIds[0]!, linkedAt: t.clock.now(),
  });
  await insertResidentQuestion(db, { districtId: district, kind: 'question', text: 'Камера?', tokenHash: tokenHashOf(EARLY), itemId: unsignedItem });
}, 180_000);
afterAll(async () => { await t.close(); });

describe('the outcomes page (R-25)', () => {
  it('shows every item of the signed meeting with its outcome, in Kazakh', async () => {
    const response = await page(`/d/${CODE}/outcomes?lang=kk`);
    expect(response.statusCode, response.body).toBe(200);
    const html = response.body;
    expect(html).toContain('сіз айттыңыз — біз істедік');
    expect(html).toContain('Абай көшесінде түнде жарық жоқ');
    expect(html).toContain('Жиналыста жауап берілді');
    expect(html).toContain('Жауабы: Жауап берілді');
    const [check] = await t.database.db.select().from(checks).where(eq(checks.meetingId, older.id));
    expect(html).toContain(`Тексерілуде, мерзімі — ${calendarDate('kk', check!.dueDate)}`);
    expect(html).toContain(`Орган: ${bodyKk}`);
    expect(html).toContain('Мемлекеттік органға жіберілді');
    expect(html).toContain('Бастамашыға әлі хабарланған жоқ');
    expect(html).toContain('Жиналыс шешімдері');
    // The unsigned meeting's item is not reported back.
    expect(html).not.toContain('Бейнекамера қашан?');
    expect(response.headers['cache-control']).toContain('public');
  });

  it('in Russian, with the body\'s Russian name and the meeting date in Almaty time', async () => {
    const response = await page(`/d/${CODE}/outcomes`, { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('вы сказали — мы сделали');
    expect(response.body).toContain('Ответ дан на собрании');
    expect(response.body).toContain(`Орган: ${bodyRu}`);
    expect(response.body).toContain('Проверяется, срок');
  });

  it('never shows a participant\'s or an author\'s name or phone', async () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const html = (await page(`/d/${CODE}/outcomes?lang=${lang}`)).body;
      for (const name of NAMES) expect(html).not.toContain(name.split(' ')[0]);
      expect(html).not.toContain(PHONE);
      expect(html).not.toContain(AUTHOR_PHONE);
      expect(html).not.toContain('Жарық қашан болады?');
    }
  });

  it('answers a repeat visit with 304 by its ETag', async () => {
    const first = await page(`/d/${CODE}/outcomes?lang=ru`);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await page(`/d/${CODE}/outcomes?lang=ru`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('filters by quarter', async () => {
    const q = quarterOf(almatyDate(olderStart));
    expect((await page(`/d/${CODE}/outcomes?lang=kk&quarter=${q.year}-${q.quarter}`)).body).toContain('Абай көшесінде түнде жарық жоқ');
    expect((await page(`/d/${CODE}/outcomes?lang=kk&quarter=${q.year - 3}-${q.quarter}`)).body).not.toContain('Абай көшесінде түнде жарық жоқ');
  });

  it('answers 404 for an unknown district', async () => {
    const response = await page('/d/NO-SUCH-DISTRICT/outcomes?lang=ru');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Страница не найдена');
  });
});

describe('the resident\'s verdict (R-30)', () => {
  it('a tampered or unknown token is a plain 404', async () => {
    for (const token of [`${TOKEN.slice(0, -1)}x`, 'short', '../../etc']) {
      const shown = await page(`/q/${encodeURIComponent(token)}/verdict?lang=ru`);
      expect(shown.statusCode).toBe(404);
      const posted = await postVerdict(encodeURIComponent(token), { verdict: 'resolved' });
      expect(posted.statusCode).toBe(404);
      expect(posted.body).not.toContain('Абай');
    }
  });

  it('before the protocol is signed: 409 "not answered yet", nothing stored', async () => {
    const response = await postVerdict(EARLY, { verdict: 'not_resolved', words: 'Ешкім келмеді' }, 'kk');
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('хаттамаға әлі қол қойылған жоқ');
    const [row] = await t.database.db.select().from(residentQuestions).where(eq(residentQuestions.tokenHash, tokenHashOf(EARLY)));
    expect(row!.verdict).toBeNull();
  });

  it('shows the item and its outcome with the two buttons', async () => {
    const response = await page(`/q/${TOKEN}/verdict?lang=ru`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('Абай көшесінде түнде жарық жоқ');
    expect(response.body).toMatch(/Вопрос ALM-KAR-P2-D01-[0-9-]+\/1 · Жалоба/);
    expect(response.body).toContain('Да, решён');
    expect(response.body).toContain('Нет, не решён');
  });

  it('stores the verdict and lets her change it; words over 1,000 characters are refused', async () => {
    const first = await postVerdict(TOKEN, { verdict: 'resolved' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.body).toContain('Спасибо, ваш ответ сохранён.');
    const long = await postVerdict(TOKEN, { verdict: 'not_resolved', words: 'ә'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('1000 символов');
    const second = await postVerdict(TOKEN, { verdict: 'not_resolved', words: 'Жарық әлі жоқ, <b>кеш</b> қараңғы' });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('&lt;b&gt;кеш&lt;/b&gt;');
    const [row] = await t.database.db.select().from(residentQuestions).where(eq(residentQuestions.tokenHash, tokenHashOf(TOKEN)));
    expect(row).toMatchObject({ verdict: 'not_resolved', verdictWords: 'Жарық әлі жоқ, <b>кеш</b> қараңғы', carriedToMeetingId: null });
    expect(row!.verdictAt).toBeInstanceOf(Date);
  });

  it('writes an audit entry without the words or the author', async () => {
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'resident.verdict'));
    expect(entries).toHaveLength(2);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('Жарық әлі жоқ');
    expect(text).not.toContain('Тоқтарова');
    expect(text).not.toContain(AUTHOR_PHONE);
    // Row order is not guaranteed without ORDER BY (PostgreSQL differs from PGlite here).
    expect(entries.map((e) => e.after)).toEqual(expect.arrayContaining([
      expect.objectContaining({ itemId: older.itemIds[0], verdict: 'resolved' }), expect.objectContaining({ itemId: older.itemIds[0], verdict: 'not_resolved', characters: 33 }),
    ]));
  });

  it('the outcomes page counts the verdicts', async () => {
    expect((await page(`/d/${CODE}/outcomes?lang=en`)).body).toContain('verdict: 0 say resolved, 1 say not resolved');
  });
});

describe('"not resolved" on the next meeting\'s report (R-30)', () => {
  type Carried = { itemId: string; outcome: string; residentsNotResolved: { count: number; words: string[] } };
  const carryOf = async (meetingId: string) => ((await inspector.get(`/api/v1/meetings/${meetingId}/report`)).json().carryOver as Carried[]);

  it('carries the answered item of the older meeting with her words and no name, whatever its outcome', async () => {
    for (const meetingId of [previous, next]) {
      const carried = await carryOf(meetingId);
      const item = carried.find((c) => c.itemId === older.itemIds[0]);
      expect(item).toMatchObject({ outcome: 'answered', residentsNotResolved: { count: 1, words: ['Жарық әлі жоқ, <b>кеш</b> қараңғы'] } });
      expect(JSON.stringify(item)).not.toContain('Тоқтарова');
    }
    // For the meeting after next, the older meeting's answered item would not be carried on its
    // own (it is not the latest earlier meeting); the open check still is.
    const carried = await carryOf(next);
    expect(carried.some((c) => c.itemId === older.itemIds[1])).toBe(true);
    expect(carried.find((c) => c.itemId === unsignedItem)?.residentsNotResolved).toEqual({ count: 0, words: [] });
  });

  it('signing the next meeting\'s protocol makes its report final: the verdict is carried by it, no longer changes, and leaves later reports', async () => {
    const signed = await inspector.send('POST', `/api/v1/meetings/${previous}/protocol/signatures`, { method: 'builtin', password: 'demo', lateReason: 'Хаттама кешігіп толтырылды' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().status).toBe('signed');
    const [row] = await t.database.db.select().from(residentQuestions).where(eq(residentQuestions.tokenHash, tokenHashOf(TOKEN)));
    expect(row!.carriedToMeetingId).toBe(previous);
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'resident.verdict.carry'));
    expect(entries.map((e) => e.after)).toEqual([{ verdicts: 1 }]);
    const response = await postVerdict(TOKEN, { verdict: 'resolved' }, 'en');
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('already on the next meeting');
    expect((await carryOf(previous)).find((c) => c.itemId === older.itemIds[0])?.residentsNotResolved.count).toBe(1);
    expect((await carryOf(next)).some((c) => c.itemId === older.itemIds[0])).toBe(false);
    // Nothing more to carry; the repository says so too.
    expect(await markVerdictsCarried(t.database.db, next)).toBe(0);
  });
});
