import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { POW_BITS } from '../services/question/question.pow.ts';
import type { AuthorQuestion, QuestionStatus } from '../services/question/question.service.ts';
import { ASK_POW_PATH } from './ask-pow.script.ts';
import { NotFoundPage } from './layout.tsx';
import { renderHtml, sendPage } from './page.render.ts';
import { publicT } from './public.i18n.ts';
import { AuthorQuestionPage, QuestionFormPage, QuestionRefusalPage, QuestionThanksPage } from './questions.page.tsx';

/* every page of the question form renders in every language and every status, text as text. */
const district = { code: 'ALM-KAR-P2-D01', nameKk: 'Шамалған учаскесі', nameRu: 'Участок Шамалган' };
const statuses: QuestionStatus[] = [
  { state: 'received' },
  { state: 'linked', meetingNumber: 'ALM-2026-0001', itemNumber: 2 },
  { state: 'answered', meetingNumber: 'ALM-2026-0001', itemNumber: 2, resolution: 'answered', answer: 'Шам орнатылды' },
  { state: 'answered', meetingNumber: 'ALM-2026-0001', itemNumber: 3, resolution: 'to_check', answer: null },
  { state: 'answered', meetingNumber: 'ALM-2026-0001', itemNumber: 4, resolution: 'to_forward', answer: null },
];

describe('question pages (R-29)', () => {
  for (const locale of ['kk', 'ru', 'en'] as const) {
    it(`render in ${locale}`, () => {
      const form = renderHtml(<QuestionFormPage locale={locale} district={district} meeting={{ id: '11111111-1111-4111-8111-111111111111', startsAt: new Date('2026-03-10T13:00:00Z') }} challenge="1.x"
        values={{ kind: 'complaint', text: '<img src=x onerror=alert(1)>', name: '', contact: '8701', consent: false }} errors={{ contact: 'bad' }} />);
      expect(form).toContain(`lang="${locale}"`);
      expect(form).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(form).toMatch(/id="contact"[^>]*aria-invalid="true"/);
      expect(form).toContain('id="kind-complaint" name="kind" checked="" value="complaint"');
      expect(renderHtml(<QuestionFormPage locale={locale} district={district} meeting={null} challenge="1.x" />)).not.toContain('name="meeting"');
      expect(renderHtml(<QuestionThanksPage locale={locale} code={district.code} link="/q/abc" />)).toContain('href="/q/abc"');
      expect(renderHtml(<QuestionRefusalPage locale={locale} code={district.code} message="no" />)).toContain('role="alert"');
      for (const status of statuses) {
        const question: AuthorQuestion = { kind: 'proposal', text: 'Жарық <b>керек</b>', sentAt: new Date('2026-03-01T05:00:00Z'), meeting: { number: 'ALM-2026-0001', startsAt: new Date('2026-03-10T13:00:00Z') }, status };
        const page = renderHtml(<AuthorQuestionPage locale={locale} token="t" question={question}><section id="verdict" /></AuthorQuestionPage>);
        expect(page).toContain('Жарық &lt;b&gt;керек&lt;/b&gt;');
        expect(page).toContain('<section id="verdict">');
        if (status.state !== 'received') expect(page).toContain(String(status.itemNumber));
      }
    });
  }
});

describe('the form\'s proof-of-work script (R-29)', () => {
  const status: QuestionStatus = { state: 'received' };
  const question: AuthorQuestion = { kind: 'question', text: 'Q', sentAt: new Date('2026-03-01T05:00:00Z'), meeting: null, status };
  const script = `<script src="${ASK_POW_PATH}" defer="">`;

  for (const locale of ['kk', 'ru', 'en'] as const) {
    it(`is on the form alone, with the difficulty and the button's words in ${locale}, and a pow field left empty`, () => {
      const form = renderHtml(<QuestionFormPage locale={locale} district={district} meeting={null} challenge="1.x" />);
      expect(form.split('<script').length - 1).toBe(1);
      expect(form).toContain(script);
      expect(form).toContain(`data-pow-bits="${POW_BITS}" data-pow-checking="${publicT(locale)('questions.checking')}"`);
      expect(form).toContain('<input type="hidden" name="pow" value=""/>');
      for (const page of [
        <QuestionThanksPage locale={locale} code={district.code} link="/q/abc" />,
        <QuestionRefusalPage locale={locale} code={district.code} message="no" reason="pow_invalid" />,
        <AuthorQuestionPage locale={locale} token="t" question={question} />,
        <NotFoundPage locale={locale} path="/d/X" />,
      ]) expect(renderHtml(page)).not.toContain('<script');
    });
  }

  it('the form\'s page policy allows script-src \'self\' and nothing more; every other page none', async () => {
    const app = Fastify();
    app.get('/ask', (req, reply) => sendPage(req, reply, <QuestionFormPage locale="kk" district={district} meeting={null} challenge="1.x" />, { cache: 'private', script: true }));
    app.get('/other', (req, reply) => sendPage(req, reply, <NotFoundPage locale="kk" path="/d/X" />, { cache: 'shared' }));
    const ask = String((await app.inject('/ask')).headers['content-security-policy']);
    expect(ask).toMatch(/^default-src 'none';/);
    expect(ask).toContain('; script-src \'self\'');
    expect(ask).not.toMatch(/unsafe-eval|'unsafe-inline'[^;]*script|script-src[^;]*(https?:|\*|data:)/);
    const other = String((await app.inject('/other')).headers['content-security-policy']);
    expect(other).toMatch(/^default-src 'none';/);
    expect(other).not.toContain('script-src');
    await app.close();
  });
});
