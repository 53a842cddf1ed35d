import { auditLog, rateWindows, residentQuestions } from '@esep/db';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { systemContext } from '../services/context.ts';
import { checkPow, solvePow } from '../services/question/question.pow.ts';
import { submitQuestion } from '../services/question/question.service.ts';

/*
 * questions sent ahead of the meeting — the public form, the author's page, and the
 * inspector's preparation list with links to the meeting's items.
 */
const CODE = 'ALM-KAR-P2-D01';
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let meetingId: string;
let otherMeetingId: string;
let ipSeq = 0;
/** While the meeting (started 30 minutes ago, two hours long) is still ahead of its end. */
let start: Date;
/** A fresh client address on its own /24 network, so limits of one test do not touch another. */
const freshIp = () => `198.51.${100 + (ipSeq += 1)}.7`;

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

async function openForm(ip: string, query = '', lang = 'ru') {
  const page = await t.app.inject({ method: 'GET', url: `/d/${CODE}/ask${query}`, headers: { 'accept-language': lang }, remoteAddress: ip });
  expect(page.statusCode, page.body).toBe(200);
  const challenge = /name="challenge" value="([^"]+)"/.exec(page.body)![1]!;
  const meeting = /name="meeting" value="([^"]+)"/.exec(page.body)?.[1];
  return { page, challenge, meeting };
}

/**
 * Opens the form, waits, sends it back. Like a browser with script, it solves the proof of work
 * for the challenge it sends, unless `pow` names one (`''`: a browser without script).
 */
interface SendOptions { ip?: string; lang?: string; wait?: number; challenge?: string; pow?: string; body?: string }
async function send(fields: Record<string, string>, options: SendOptions = {}) {
  const ip = options.ip ?? freshIp();
  const form = await openForm(ip, '', options.lang);
  t.clock.advance(options.wait ?? 5_000);
  const challenge = options.challenge ?? form.challenge;
  const pow = options.pow ?? (challenge ? solvePow(challenge) : '');
  const payload = options.body ?? new URLSearchParams({ challenge, pow, ...(form.meeting ? { meeting: form.meeting } : {}), ...fields }).toString();
  const response = await t.app.inject({
    method: 'POST', url: `/d/${CODE}/ask`, payload, remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': options.lang ?? 'ru' },
  });
  const link = /href="[^"]*(\/q\/[A-Za-z0-9_-]{43})[^"]*"/.exec(response.body)?.[1];
  const reason = /data-reason="([a-z_]+)"/.exec(response.body)?.[1];
  return { response, link, ip, challenge, pow, reason };
}
const count = async () => (await t.database.db.select().from(residentQuestions)).length;

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'inspector2', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  meetingId = await meetingInProgress(t, c.inspector!, ids[CODE]!);
  otherMeetingId = await meetingInProgress(t, c.inspector2!, ids['ALM-TAL-P1-D01']!);
  start = t.clock.now();
  t.clock.set(start);
}, 120_000);
afterAll(async () => { await t.close(); });

describe('the public form (R-29)', () => {
  it('is served in Kazakh and Russian with a challenge, the next meeting and a hidden honeypot', async () => {
    const kk = await openForm(freshIp(), '', 'kk');
    expect(kk.page.body).toContain('Кездесуге дейін сұрақ қою');
    expect(kk.meeting).toBe(meetingId);
    expect(kk.page.body).toMatch(/<div class="hp" aria-hidden="true">.*tabindex="-1" autocomplete="off"/is);
    expect(kk.page.headers['cache-control']).toBe('no-store');
    const ru = await openForm(freshIp(), `?meeting=${meetingId}&lang=ru`);
    expect(ru.page.body).toContain('Задать вопрос до встречи');
    expect((await t.app.inject({ method: 'GET', url: '/d/NO-SUCH/ask' })).statusCode).toBe(404);
  });

  it('stores a question and shows the private link; only its hash is kept', async () => {
    const before = await count();
    const { response, link } = await send({ kind: 'complaint', text: '  Көше шамдары жанбайды  ', name: 'Айгүл', contact: '+7 701 234-56-78', consent: '1' }, { lang: 'kk' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('Рақмет, сұрағыңыз қабылданды');
    expect(link).toBeDefined();
    expect(await count()).toBe(before + 1);
    const [row] = await t.database.db.select().from(residentQuestions).where(eq(residentQuestions.text, 'Көше шамдары жанбайды'));
    expect(row).toMatchObject({ kind: 'complaint', meetingId, contact: '+77012345678', contactKind: 'phone', authorName: 'Айгүл', consentVersion: 'q-2026-1' });
    expect(row!.consentAt).not.toBeNull();
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.toContain(link!.slice(3));
  });

  it('a filled honeypot is thanked and nothing is stored', async () => {
    const before = await count();
    const { response, link } = await send({ kind: 'question', text: 'Buy cheap pills', website: 'http://spam.example' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Спасибо, ваш вопрос получен');
    expect(link).toBeUndefined();
    // Even a bot that posts at once learns nothing from the answer.
    const instant = await send({ kind: 'question', text: 'Spam', website: 'x' }, { wait: 0 });
    expect(instant.response.statusCode).toBe(200);
    expect(instant.response.body).toContain('Спасибо, ваш вопрос получен');
    expect(await count()).toBe(before);
  });

  it('refuses a form sent back too fast, expired or tampered', async () => {
    const before = await count();
    const fast = await send({ kind: 'question', text: 'Сразу' }, { wait: 1_000 });
    expect(fast.response.statusCode).toBe(400);
    expect(fast.response.body).toContain('слишком быстро');
    const late = await send({ kind: 'question', text: 'Поздно' }, { wait: 3_600_000 });
    expect(late.response.statusCode).toBe(400);
    expect(late.response.body).toContain('Срок формы истёк');
    const forged = await send({ kind: 'question', text: 'Подделка' }, { challenge: `${t.clock.now().getTime() - 10_000}.${'A'.repeat(43)}` });
    expect(forged.response.statusCode).toBe(400);
    const none = await send({ kind: 'question', text: 'Без' }, { challenge: '' });
    expect(none.response.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('refuses empty text, bad contact, missing consent; stores markup as text', async () => {
    const before = await count();
    const empty = await send({ kind: 'question', text: '   ' });
    expect(empty.response.statusCode).toBe(400);
    expect(empty.response.body).toContain('Напишите ваш вопрос');
    const long = await send({ kind: 'question', text: 'я'.repeat(2001) });
    expect(long.response.statusCode).toBe(400);
    const badContact = await send({ kind: 'question', text: 'Вопрос', contact: '8 701 123', consent: '1' });
    expect(badContact.response.statusCode).toBe(400);
    expect(badContact.response.body).toContain('+7 и десяти цифр');
    const noConsent = await send({ kind: 'question', text: 'Вопрос', contact: 'a@example.kz' });
    expect(noConsent.response.statusCode).toBe(400);
    expect(noConsent.response.body).toContain('Отметьте согласие');
    expect(noConsent.response.body).toContain('a@example.kz');
    const badKind = await send({ kind: 'spam', text: 'Вопрос' });
    expect(badKind.response.statusCode).toBe(400);
    expect(await count()).toBe(before);

    const markup = await send({ kind: 'proposal', text: '<script>alert(1)</script><b>Жарық</b>' });
    expect(markup.response.statusCode).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: markup.link! });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(decode(page.body)).toContain('<script>alert(1)</script><b>Жарық</b>');
  });

  it('refuses a megabyte body with 413 and a page in the reader\'s language', async () => {
    const before = await count();
    const huge = await send({}, { lang: 'kk', body: `kind=question&text=${'a'.repeat(1024 * 1024)}` });
    expect(huge.response.statusCode).toBe(413);
    expect(huge.response.body).toContain('Мәтін тым ұзын');
    expect(await count()).toBe(before);
  });

  it('limits 5 an hour per address and 30 per network (429 page), counted in the database', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await send({ kind: 'question', text: `Сұрақ ${i}` }, { ip, lang: 'kk' })).response.statusCode);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    const limited = await send({ kind: 'question', text: 'Тағы' }, { ip, lang: 'en' });
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.body).toContain('Too many questions');
    expect(limited.response.headers['retry-after']).toBeDefined();
    // Another address of the same /24 still gets through…
    const neighbour = ip.replace(/\.7$/, '.8');
    expect((await send({ kind: 'question', text: 'Көрші' }, { ip: neighbour })).response.statusCode).toBe(200);
    // …and an hour later the address may send again.
    t.clock.advance(3_600_000);
    expect((await send({ kind: 'question', text: 'Сағаттан кейін' }, { ip })).response.statusCode).toBe(200);
    const rows = await t.database.db.select().from(rateWindows).where(like(rateWindows.bucket, 'long:%'));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(ip);

    // The network: 30 an hour from all its addresses together.
    const net = freshIp().replace(/\.7$/, '');
    const codes: number[] = [];
    for (let i = 0; i < 31; i += 1) codes.push((await send({ kind: 'question', text: `Желі ${i}` }, { ip: `${net}.${10 + (i % 10)}` })).response.statusCode);
    expect(codes.filter((s) => s === 200)).toHaveLength(30);
    expect(codes[30]).toBe(429);
  }, 60_000);
});

describe('the proof of work (R-29)', () => {
  /** A nonce that solves `solves` and not `not` (a solution of another form, never one of this by chance). */
  const solutionOfOnly = (solves: string, not: string) => {
    for (let n = 0; ; n += 1) if (checkPow(solves, String(n)) && !checkPow(not, String(n))) return String(n);
  };
  const rowOf = async (text: string) => (await t.database.db.select().from(residentQuestions).where(eq(residentQuestions.text, text)))[0];

  it('the form alone loads the same-origin script, which its policy allows; the district page runs none', async () => {
    const { page } = await openForm(freshIp());
    const src = /<script src="(\/assets\/ask-pow-[0-9a-f]{12}\.js)" defer="">/.exec(page.body)?.[1];
    expect(src).toBeDefined();
    expect(page.body).toMatch(/<form [^>]*data-pow-bits="15" data-pow-checking="Проверка…"/);
    expect(page.body).toContain('<input type="hidden" name="pow" value=""/>');
    expect(page.headers['content-security-policy']).toContain('default-src \'none\'');
    expect(page.headers['content-security-policy']).toMatch(/; script-src 'self'$/);
    const script = await t.app.inject({ method: 'GET', url: src! });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toContain('function powSearch(');
    const district = await t.app.inject({ method: 'GET', url: `/d/${CODE}?lang=ru` });
    expect(district.statusCode).toBe(200);
    expect(district.body).not.toContain('<script');
    expect(district.headers['content-security-policy']).not.toContain('script-src');
    // The form sent back with an error is the form again, with its script.
    const invalid = await send({ kind: 'question', text: '' });
    expect(invalid.response.statusCode).toBe(400);
    expect(invalid.response.headers['content-security-policy']).toContain('script-src \'self\'');
    expect(invalid.response.body).toContain(`<script src="${src}" defer="">`);
    // The answers to a sent form run nothing.
    const sent = await send({ kind: 'question', text: 'Сценарий жоқ' });
    expect(sent.response.statusCode).toBe(200);
    expect(sent.response.body).not.toContain('<script');
    expect(sent.response.headers['content-security-policy']).not.toContain('script-src');
  });

  it('a form with a valid solution is stored, with its challenge\'s hash and not the challenge', async () => {
    const before = await count();
    const sent = await send({ kind: 'question', text: 'Дұрыс шешім' });
    expect(sent.response.statusCode, sent.response.body).toBe(200);
    expect(sent.pow).toMatch(/^\d+$/);
    expect(await count()).toBe(before + 1);
    const row = await rowOf('Дұрыс шешім');
    expect(row!.challengeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(sent.challenge);
  });

  it('refuses a wrong or foreign solution with a 400 page in the reader\'s language; nothing is stored', async () => {
    const before = await count();
    const cases: Array<[string, string, (challenge: string) => string, string]> = [
      ['kk', 'Жалған', () => '12345', 'Форманың автоматты тексеруі өтпеді'],
      ['ru', 'Подделка', () => 'abc', 'Автоматическая проверка формы не пройдена'],
      ['en', 'Forged', () => '9'.repeat(5000), 'automatic check failed'],
      ['ru', 'Чужое решение', (challenge) => solutionOfOnly(`${challenge}x`, challenge), 'Автоматическая проверка формы не пройдена'],
    ];
    for (const [lang, text, pow, message] of cases) {
      const form = await openForm(freshIp(), '', lang);
      const forged = await send({ kind: 'question', text }, { lang, challenge: form.challenge, pow: pow(form.challenge) });
      expect(forged.response.statusCode, text).toBe(400);
      expect(forged.reason).toBe('pow_invalid');
      expect(forged.response.body).toContain(message);
      expect(forged.response.body).toContain(`lang="${lang}"`);
    }
    // A solution of one form does not open another.
    const ip = freshIp();
    const [first, second] = [await openForm(ip), await openForm(ip)];
    const other = await send({ kind: 'question', text: 'Басқа форма' }, { ip, challenge: second.challenge, pow: solutionOfOnly(first.challenge, second.challenge) });
    expect(other.response.statusCode).toBe(400);
    expect(other.reason).toBe('pow_invalid');
    expect(await count()).toBe(before);
  });

  it('a solution is spent once: the same form sent again is refused, from anywhere, and stores nothing', async () => {
    const first = await send({ kind: 'question', text: 'Бір рет' });
    expect(first.response.statusCode).toBe(200);
    const before = await count();
    for (const ip of [first.ip, freshIp()]) {
      const replay = await send({ kind: 'question', text: 'Қайта жіберу' }, { ip, challenge: first.challenge, pow: first.pow, lang: 'en' });
      expect(replay.response.statusCode).toBe(400);
      expect(replay.reason).toBe('challenge_used');
      expect(replay.response.body).toContain('This form has already been sent');
    }
    // The same without the solution: the form itself is spent.
    const plain = await send({ kind: 'question', text: 'Қайта жіберу' }, { challenge: first.challenge, pow: '' });
    expect(plain.reason).toBe('challenge_used');
    expect(await count()).toBe(before);
    expect(await rowOf('Қайта жіберу')).toBeUndefined();
  });

  it('two sends of one form racing: one question stored, the other refused', async () => {
    const ip = freshIp();
    const form = await openForm(ip);
    t.clock.advance(5_000);
    const pow = solvePow(form.challenge);
    const post = (text: string) => t.app.inject({
      method: 'POST', url: `/d/${CODE}/ask`, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ challenge: form.challenge, pow, meeting: form.meeting ?? '', kind: 'question', text }).toString(),
    });
    const before = await count();
    const answers = await Promise.all([post('Жарыс 1'), post('Жарыс 2')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    expect(answers.find((a) => a.statusCode === 400)!.body).toContain('data-reason="challenge_used"');
    expect(await count()).toBe(before + 1);
    // Past the service's own check, the unique index decides.
    const [row] = await t.database.db.select().from(residentQuestions).where(eq(residentQuestions.text, answers[0]!.statusCode === 200 ? 'Жарыс 1' : 'Жарыс 2'));
    const again = await submitQuestion(systemContext(t.database.db, t.clock), { districtId: ids[CODE]!, meetingId: null, challengeHash: row!.challengeHash! }, { kind: 'question', text: 'Индекс', contact: null, consent: false });
    expect(again).toBe('challenge_used');
    expect(await count()).toBe(before + 1);
  });

  it('without a solution (no script) a form is taken, but 3 an hour per network; mistakes do not count', async () => {
    const net = freshIp().replace(/\.7$/, '');
    // A form sent back for a mistake costs nothing of the allowance.
    const mistake = await send({ kind: 'question', text: 'Қате', contact: '8 701 123', consent: '1' }, { ip: `${net}.20`, pow: '' });
    expect(mistake.response.statusCode).toBe(400);
    const codes: number[] = [];
    for (let i = 0; i < 3; i += 1) codes.push((await send({ kind: 'question', text: `Скриптсіз ${i}` }, { ip: `${net}.${21 + i}`, pow: '' })).response.statusCode);
    expect(codes).toEqual([200, 200, 200]);
    const fourth = await send({ kind: 'question', text: 'Скриптсіз 3' }, { ip: `${net}.30`, pow: '', lang: 'en' });
    expect(fourth.response.statusCode).toBe(429);
    expect(fourth.reason).toBe('rate_limited_without_pow');
    expect(fourth.response.body).toContain('Turn JavaScript on');
    expect(fourth.response.headers['retry-after']).toBeDefined();
    expect(await rowOf('Скриптсіз 3')).toBeUndefined();
    // With the work done the same network still sends (its ordinary limit, 30 an hour)…
    expect((await send({ kind: 'question', text: 'Скриптпен' }, { ip: `${net}.30` })).response.statusCode).toBe(200);
    // …another network is not touched, and an hour later this one may send without it again.
    expect((await send({ kind: 'question', text: 'Басқа желі' }, { pow: '' })).response.statusCode).toBe(200);
    t.clock.advance(3_600_000);
    expect((await send({ kind: 'question', text: 'Сағаттан кейін, скриптсіз' }, { ip: `${net}.31`, pow: '' })).response.statusCode).toBe(200);
  });
});

describe('the author\'s page (R-29)', () => {
  it('shows her question and status; an unknown or altered token is a 404 revealing nothing', async () => {
    const { link } = await send({ kind: 'question', text: 'Мектеп маңында бағдаршам керек', name: 'Ерлан', contact: 'erlan@example.kz', consent: '1' });
    const page = await t.app.inject({ method: 'GET', url: `${link}?lang=kk` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Мектеп маңында бағдаршам керек');
    expect(page.body).toContain('Қабылданды');
    expect(page.body).not.toContain('Ерлан');
    expect(page.body).not.toContain('erlan@example.kz');
    expect(page.body).not.toContain('Көше шамдары');
    for (const url of ['/q/abc', `/q/${'A'.repeat(43)}`, `${link!.slice(0, -1)}${link!.endsWith('A') ? 'B' : 'A'}`]) {
      const missing = await t.app.inject({ method: 'GET', url });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).not.toContain('бағдаршам');
    }
  });
});

describe('preparation: the inspector\'s list and links (R-29)', () => {
  let questionId: string;
  let link: string;
  let itemId: string;

  beforeAll(async () => {
    // The limit tests moved the clock past the meeting's end: back to while it is on.
    t.clock.set(start);
    const sent = await send({ kind: 'question', text: 'Аулада жарық жоқ', name: 'Сәуле', contact: '+77011112233', consent: '1' });
    link = sent.link!;
    const [row] = await t.database.db.select().from(residentQuestions).where(eq(residentQuestions.text, 'Аулада жарық жоқ'));
    questionId = row!.id;
    const item = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, { kind: 'question', text: 'Аулада жарық жоқ', topic: 'public_order', resolution: 'answered', answer: 'Шам аптаның соңына дейін орнатылады' });
    expect(item.statusCode, item.body).toBe(201);
    itemId = item.json().id;
  });

  it('lists the meeting\'s questions; the contact only for those who answer', async () => {
    const list = await c.inspector!.get(`/api/v1/meetings/${meetingId}/resident-questions`);
    expect(list.statusCode, list.body).toBe(200);
    const mine = list.json().find((q: { id: string }) => q.id === questionId);
    expect(mine).toMatchObject({ kind: 'question', text: 'Аулада жарық жоқ', attached: true, hasContact: true, contact: '+77011112233', authorName: 'Сәуле', itemId: null });
    const akimat = await c.akimat!.get(`/api/v1/meetings/${meetingId}/resident-questions`);
    expect(akimat.statusCode).toBe(200);
    expect(akimat.json().find((q: { id: string }) => q.id === questionId)).toMatchObject({ hasContact: true, contact: null, authorName: null });
    expect((await c.inspector2!.get(`/api/v1/meetings/${meetingId}/resident-questions`)).statusCode).toBe(404);
    // Questions of another district do not appear in the other meeting's preparation.
    const other = await c.inspector2!.get(`/api/v1/meetings/${otherMeetingId}/resident-questions`);
    expect(other.json().map((q: { id: string }) => q.id)).not.toContain(questionId);
  });

  it('links and unlinks; the author sees the item and its answer; the audit names no person', async () => {
    const url = `/api/v1/meetings/${meetingId}/resident-questions/${questionId}/item`;
    const linked = await c.inspector!.send('PUT', url, { itemId });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ itemId, itemNumber: 1 });
    const page = await t.app.inject({ method: 'GET', url: `${link}?lang=ru` });
    expect(page.body).toContain('Дан ответ на встрече');
    expect(page.body).toContain('Шам аптаның соңына дейін орнатылады');

    const entries = await t.database.db.select().from(auditLog).where(like(auditLog.action, 'resident_question.%'));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['resident_question.create', 'resident_question.link']));
    const text = JSON.stringify(entries);
    for (const personal of ['Сәуле', '+77011112233', 'Аулада', 'erlan@example.kz']) expect(text).not.toContain(personal);
    // The resident's address is not recorded with her question.
    expect(entries.filter((e) => e.action === 'resident_question.create').every((e) => e.clientAddress === null)).toBe(true);

    const unlinked = await c.inspector!.send('PUT', url, { itemId: null });
    expect(unlinked.json()).toMatchObject({ itemId: null, itemNumber: null });
    expect((await t.app.inject({ method: 'GET', url: `${link}?lang=ru` })).body).toContain('Получен');
  });

  it('refuses an item of another meeting (409), other territories (404) and readers (403)', async () => {
    const foreign = await c.inspector2!.send('POST', `/api/v1/meetings/${otherMeetingId}/items`, { kind: 'question', text: 'Басқа', topic: 'public_order' });
    expect(foreign.statusCode, foreign.body).toBe(201);
    const url = `/api/v1/meetings/${meetingId}/resident-questions/${questionId}/item`;
    const refused = await c.inspector!.send('PUT', url, { itemId: foreign.json().id }, { 'accept-language': 'kk' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('басқа кездесуге');
    expect((await c.inspector2!.send('PUT', url, { itemId: null })).statusCode).toBe(404);
    expect((await c.akimat!.send('PUT', url, { itemId })).statusCode).toBe(403);
    // A question not in this meeting's preparation cannot be linked through it.
    const through = await c.inspector2!.send('PUT', `/api/v1/meetings/${otherMeetingId}/resident-questions/${questionId}/item`, { itemId: foreign.json().id });
    expect(through.statusCode).toBe(409);
    expect((await c.admin!.send('PUT', url, { itemId })).statusCode).toBe(200);
  });
});
