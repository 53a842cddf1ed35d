/**
 * The report handout read back with poppler's pdftotext: Kazakh letters survive in
 * headings and typed text, typed markup is printed literally, labels follow the language.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfPageCount } from './poster.pdf.ts';
import { reportPdf, type ReportDocumentData } from './report.pdf.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'esep-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function text(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', [file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

const rows = (['grave_crimes', 'theft', 'fraud', 'robbery', 'domestic_violence', 'hooliganism', 'drugs', 'road_traffic', 'administrative_offences', 'other'] as const)
  .map((category, i) => ({ category, count: i * 3 + 1, lastYear: i === 9 ? 0 : i * 2 + 2, changePercent: i === 9 ? null : Math.round((((i * 3 + 1) - (i * 2 + 2)) / (i * 2 + 2)) * 1000) / 10 }));

const data: ReportDocumentData = {
  number: 'ALM-KAR-P2-D01-2026-03',
  startsAt: new Date('2026-05-20T13:00:00Z'), endsAt: new Date('2026-05-20T14:30:00Z'),
  place: { kk: 'Шамалған ауылдық клубы, Жібек жолы к-сі, 12', ru: 'Сельский клуб Шамалган, ул. Жибек жолы, 12' },
  unit: { kk: 'Қарасай аудандық полиция бөлімі', ru: 'Карасайский районный отдел полиции' },
  reporters: [{
    fullName: 'Нұрланов Дәурен Ерланұлы',
    districts: [{ kk: '№ 11 әкімшілік учаске', ru: 'Административный участок № 11' }],
    sections: [
      {
        section: 'situation',
        content: {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Жағдай өңірде' }] },
            { type: 'paragraph', content: [{ type: 'text', text: 'Әғқңөұүһі — ' }, { type: 'text', text: 'қалың', marks: [{ type: 'bold' }] }, { type: 'text', text: ' <b>не жирный</b>' }] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'бірінші тармақ', marks: [{ type: 'italic' }, { type: 'underline' }] }] }] }] },
            { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'реттелген' }, { type: 'hardBreak' }, { type: 'text', text: 'жол' }] }] }] },
          ],
        },
      },
      { section: 'prevention', content: null },
      { section: 'legislation', content: { type: 'doc', content: [] } },
      { section: 'complaints', content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>' }] }] } },
    ],
  }],
  statistics: [{ district: { kk: '№ 11 әкімшілік учаске', ru: 'Административный участок № 11' }, year: 2026, quarter: 2, rows }],
  carryOver: [
    { reference: 'ALM-KAR-P2-D01-2026-01/1', kind: 'complaint', text: 'Көше жарығы жоқ', outcome: 'check_open', answer: null, note: 'Әкімдікке хат жіберілді' },
    { reference: 'ALM-KAR-P2-D01-2026-01/2', kind: 'question', text: 'Вопрос', outcome: 'answered', answer: 'Ответ дан', note: null, residentsNotResolved: { count: 2, words: ['Свет так и не появился'] } },
  ],
  sources: [{ kind: 'state_statistics', title: 'ҚСАЖБК деректері', sourceDate: '2026-04-01' }],
};

describe('report handout', () => {
  it('Kazakh: letters intact in headings and typed text, markup printed literally, page numbers', async () => {
    const pdf = await reportPdf(data, 'kk');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const out = await text(pdf, 'kk.pdf');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і']) expect(out).toContain(letter);
    expect(out).toContain('Әғқңөұүһі');
    expect(out).toContain('Учаскедегі криминогендік жағдай');
    expect(out).toContain('Шағымдар мен өтініштер бойынша қабылданған шаралар');
    expect(out).toContain('<b>не жирный</b>');
    expect(out).toContain('<script>alert(1)</script>');
    expect(out).toContain('Жағдай өңірде');
    expect(out).toContain('Бөлім әлі толтырылмаған.');
    expect(out).toContain('Тіркелген құқық бұзушылықтар');
    expect(out).toContain('Ұрлық');
    expect(out).toContain('Тексеріс жүргізілуде');
    expect(out).toContain('ALM-KAR-P2-D01-2026-01/1');
    expect(out).toContain('Әкімдікке хат жіберілді');
    expect(out).toContain('Тұрғындар «шешілмеді» дейді: 2');
    expect(out).toMatch(/1-бет \/ \d+/);
    expect(out).toContain('реттелген');
  });

  it('Russian: headings, categories and outcomes in Russian', async () => {
    const pdf = await reportPdf(data, 'ru');
    const out = await text(pdf, 'ru.pdf');
    expect(out).toContain('Отчёт участкового инспектора полиции перед населением');
    expect(out).toContain('Криминогенная обстановка на участке');
    expect(out).toContain('Профилактика правонарушений');
    expect(out).toContain('Зарегистрированные правонарушения');
    expect(out).toContain('Кражи');
    expect(out).toContain('Проводится проверка');
    expect(out).toContain('Вопросы, поднятые на прежних встречах');
    // Issue 13: a resident's "not resolved" with her words, no name.
    expect(out).toContain('Жители говорят «не решено»: 2');
    expect(out).toContain('«Свет так и не появился»');
    expect(out).toMatch(/Стр\. 1 из \d+/);
    expect(out).not.toContain('Тіркелген');
  });

  it('a long report runs over several pages with every page numbered', async () => {
    const long = { type: 'doc' as const, content: Array.from({ length: 120 }, (_, i) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: `Абзац ${i} — ұзақ мәтін ${'сөз '.repeat(20)}` }] })) };
    const pdf = await reportPdf({ ...data, reporters: [{ ...data.reporters[0]!, sections: [{ section: 'situation', content: long }] }] }, 'ru');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    expect(await text(pdf, 'long.pdf')).toContain(`Стр. ${pages} из ${pages}`);
  });

  it('refuses an unknown language', async () => {
    await expect(reportPdf(data, 'en' as never)).rejects.toThrow(RangeError);
  });
});
