import { residentQuestions } from '@esep/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/harness.ts';
import { CODE, questionsSetup } from '../../test/questions.ts';
import { systemContext } from '../services/context.ts';
import { checkPow, solvePow } from '../services/question/question.pow.ts';
import { submitQuestion } from '../services/question/question.service.ts';

/*
 * the question form's proof of work — a solution checked, spent once, raced; no script, limited.
 */
const { q, freshIp, openForm, send, count } = questionsSetup();
let t: TestApp;
let ids: Record<string, string>;
let meetingId: string;
beforeAll(() => { ({ t, ids, meetingId } = q); });

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

