import { describe, expect, it } from 'vitest';
import type { AuthorQuestion, QuestionStatus } from '../services/question/question.service.ts';
import { renderHtml } from './page.render.ts';
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
