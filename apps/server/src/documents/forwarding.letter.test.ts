/**
 * the outgoing forwarding letter. The DOCX is converted with LibreOffice (soffice, which
 * must be installed: the test fails, never skips, without it) and read back with pdftotext; the
 * pdfmake PDF is read with pdftotext too.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { forwardingLetterContent, forwardingLetterDocx, forwardingLetterPdf, type ForwardingLetterData } from './forwarding.letter.ts';
import { extensionNotice, forwardingNotice } from './initiator.notice.ts';

const run = promisify(execFile);
const KAZAKH_LETTERS = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];
const dir = mkdtempSync(join(tmpdir(), 'esep-forwarding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data: ForwardingLetterData = {
  letterNumber: '12-3/789',
  letterDate: '2026-12-21',
  unitNameKk: 'Алматы облысы Полиция департаментінің Қарасай аудандық полиция бөлімі',
  unitNameRu: 'Карасайский районный отдел полиции Департамента полиции Алматинской области',
  pointNameKk: 'Шамалған учаскелік полиция пункті', pointNameRu: 'Участковый пункт полиции Шамалган',
  body: { nameKk: 'Қарасай ауданының тұрғын үй-коммуналдық шаруашылығы бөлімі', nameRu: 'Отдел жилищно-коммунального хозяйства Карасайского района', contact: 'Қаскелең қ., Әбілқайыр хан к-сі, 1' },
  item: { reference: 'ALM-KAR-P2-D01-2026-07/3', kind: 'complaint', text: 'Жаһан көшесіндегі су құбыры жарылған, үйлерге су жетпейді', initiatorName: 'Жұмабекова Гүлнұр Серікқызы', initiatorAddress: 'Шамалған а., Абай к-сі, 3' },
  meeting: { number: 'ALM-KAR-P2-D01-2026-07', startsAt: new Date('2026-12-20T13:00:00Z') },
  inspector: { fullName: 'Әбдіғалиев Нұрлан Қайратұлы', rank: 'captain', position: 'inspector', districtNameKk: '№ 1 әкімшілік учаске', districtNameRu: 'Административный участок № 1' },
};

const flat = (s: string): string => s.replace(/\s+/g, ' ').replace(/\u2011/g, '-');
async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return flat((await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout);
}
function soffice(): string {
  const found = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p));
  if (!found) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui');
  return found;
}

describe('forwarding letter (R-32.5)', () => {
  it('words the letter in Kazakh and Russian with number, date, addressee, item and meeting', () => {
    const kk = forwardingLetterContent(data, 'kk');
    expect(kk.outgoing).toBe('Шығ. № 12-3/789, 21.12.2026 ж.');
    expect(kk.addressee[0]).toBe(data.body.nameKk);
    expect(kk.paragraphs[0]).toContain('2026 жылғы 20 желтоқсан өткен');
    expect(kk.paragraphs[0]).toContain('тіркеу № ALM-KAR-P2-D01-2026-07/3');
    expect(kk.paragraphs[1]).toContain('65-бабына');
    expect(kk.signature).toEqual({ title: 'Полиция капитаны, учаскелік полиция инспекторы', district: '№ 1 әкімшілік учаске', name: 'Н.Қ. Әбдіғалиев' });
    const ru = forwardingLetterContent(data, 'ru');
    // Issue 14: the rank and the position in the letter's language, never their codes.
    expect(ru.signature).toEqual({ title: 'Капитан полиции, участковый инспектор полиции', district: 'Административный участок № 1', name: 'Н.Қ. Әбдіғалиев' });
    // A rank stored before the lists (the Kazakh label) is relabelled too.
    expect(forwardingLetterContent({ ...data, inspector: { ...data.inspector!, rank: 'полиция аға лейтенанты', position: 'point_lead' } }, 'ru').signature?.title)
      .toBe('Старший лейтенант полиции, начальник участкового пункта полиции');
    expect(ru.outgoing).toBe('Исх. № 12-3/789 от 21.12.2026');
    expect(ru.paragraphs[0]).toContain('20 декабря 2026 года');
    expect(ru.paragraphs[1]).toContain('статьёй 65 Административного процедурно-процессуального кодекса');
    const anonymous = forwardingLetterContent({ ...data, item: { ...data.item, initiatorName: null, initiatorAddress: null } }, 'ru');
    expect(anonymous.facts).toContainEqual(['Заявитель', 'не указан (анонимное обращение)']);
    expect(() => forwardingLetterContent(data, 'en' as never)).toThrow(RangeError);
  });

  it('PDF text contains the letter number, the Kazakh letters intact and the rank in the letter\'s language', { timeout: 30_000 }, async () => {
    const text = await pdfText(await forwardingLetterPdf(data, 'kk'), 'letter-kk.pdf');
    expect(text).toContain('Шығ. № 12-3/789, 21.12.2026 ж.');
    expect(text).toContain('Жаһан көшесіндегі су құбыры жарылған');
    expect(text).toContain('Н.Қ. Әбдіғалиев');
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    const ru = await pdfText(await forwardingLetterPdf(data, 'ru'), 'letter-ru.pdf');
    expect(ru).toContain('Исх. № 12-3/789 от 21.12.2026');
    expect(ru).toContain('О направлении обращения для рассмотрения по компетенции');
    expect(ru).toContain('Капитан полиции, участковый инспектор полиции');
    expect(text).toContain('Полиция капитаны, учаскелік полиция инспекторы');
    for (const code of ['captain', 'inspector']) {
      expect(ru).not.toContain(code);
      expect(text).not.toContain(code);
    }
    expect(ru).not.toContain('капитаны');
  });

  it('DOCX converts with LibreOffice and pdftotext shows the Kazakh letters intact', { timeout: 120_000 }, async () => {
    const binary = soffice();
    const docx = await forwardingLetterDocx(data, 'kk');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const file = join(dir, 'forwarding-kk.docx');
    writeFileSync(file, docx);
    await run(binary, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
    const text = await pdfText(readFileSync(join(dir, 'forwarding-kk.pdf')), 'forwarding-kk.lo.pdf');
    expect(text).toContain('Шығ. № 12-3/789, 21.12.2026 ж.');
    expect(text).toContain('Өтінішті құзыреті бойынша қарау үшін жіберу туралы');
    expect(text).toContain('Жаһан көшесіндегі су құбыры жарылған');
    expect(text).toContain('Н.Қ. Әбдіғалиев');
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
  });
});

describe('notices to the initiator', () => {
  const item = { reference: 'ALM-KAR-P2-D01-2026-07/3', meetingDate: '2026-12-20', initiatorName: 'Жұмабекова Гүлнұр Серікқызы', inspectorName: 'Әбдіғалиев Нұрлан Қайратұлы' };
  it('names the body and the letter (R-32.5)', () => {
    const kk = forwardingNotice(item, data.body, { number: '12-3/789', date: '2026-12-21' }, 'kk');
    expect(kk).toMatch(/^Құрметті Жұмабекова Гүлнұр Серікқызы! 20\.12\.2026 өткен/);
    expect(kk).toContain(`мына мемлекеттік органға жолданды: ${data.body.nameKk} (шығ. № 12-3/789, 21.12.2026 ж.).`);
    expect(kk).toContain('Учаскелік полиция инспекторы Н.Қ. Әбдіғалиев');
    const ru = forwardingNotice({ ...item, initiatorName: null }, data.body, { number: null, date: null }, 'ru');
    expect(ru).toMatch(/^Ваше обращение № ALM-KAR-P2-D01-2026-07\/3/);
    expect(ru).toContain(`в государственный орган: ${data.body.nameRu}.`);
  });
  it('tells the new term and the reason of an extension (R-32.4)', () => {
    expect(extensionNotice(item, '2027-02-15', 'қосымша сараптама қажет', 'kk')).toContain('15.02.2027 дейін ұзартылды. Себебі: қосымша сараптама қажет.');
    expect(extensionNotice(item, '2027-02-15', 'нужна экспертиза.', 'ru')).toContain('продлён до 15.02.2027. Причина: нужна экспертиза.');
  });
});
