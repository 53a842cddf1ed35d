/**
 * The protocol documents: PDF (pdfmake) and DOCX (docx, converted with LibreOffice),
 * in Kazakh and Russian, public and internal copies. PDFs are read with poppler-utils
 * (pdftotext, pdfinfo, pdfimages); LibreOffice (soffice) must be installed — these tests fail,
 * never skip, without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CITIZEN_AWARDED, HOSTILE, longProtocolFixture, MEETING_NUMBER, OFFICIAL_NAME, protocolFixture, protocolParticipants, RESIDENT_NAME, RLO, VERIFY_URL,
} from '../../test/protocol.fixture.ts';
import { protocolDocx } from './protocol.docx.ts';
import { protocolModel } from './protocol.labels.ts';
import { protocolPdf } from './protocol.pdf.ts';

const run = promisify(execFile);
const KAZAKH_LETTERS = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];
/** One reporter has signed (21:40 Almaty on the meeting day), the other not yet. */
const signatures = [{ signerName: 'Әбдіғалиев Нұрлан Қайратұлы', signedAt: '2026-12-20T16:40:00.000Z', method: 'builtin_ed25519' }];
const publicCopy = { verifyUrl: VERIFY_URL, signatures, internal: false };
const internalCopy = { verifyUrl: VERIFY_URL, signatures, internal: true, participants: protocolParticipants };

const dir = mkdtempSync(join(tmpdir(), 'esep-protocol-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flat = (s: string): string => s.replace(/\s+/g, ' ').replace(/\u2011/g, '-');
async function pdfText(pdf: Buffer, name: string, page?: number): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return flat((await run('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'])).stdout);
}
async function pdfInfo(pdf: Buffer, name: string): Promise<{ pages: number; a4: boolean; imagePages: number[] }> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  const info = (await run('pdfinfo', [file])).stdout;
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const imagePages = (await run('pdfimages', ['-list', file])).stdout.split('\n')
    .map((l) => /^\s*(\d+)\s+\d+\s+image\b/.exec(l)?.[1]).filter((p): p is string => !!p).map(Number);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    a4: !!size && Math.abs(Number(size[1]) - 595.3) < 1 && Math.abs(Number(size[2]) - 841.9) < 1,
    imagePages,
  };
}
function soffice(): string {
  const found = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p));
  if (!found) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui');
  return found;
}

describe('protocol layout', () => {
  it('keeps markup literal, drops direction overrides and names no resident in the public copy', () => {
    const model = protocolModel(protocolFixture, 'kk', publicCopy);
    const all = JSON.stringify(model);
    expect(all).toContain(HOSTILE);
    expect(all).not.toContain(RLO);
    expect(all).not.toContain(RESIDENT_NAME);
    expect(all).not.toContain(CITIZEN_AWARDED);
    expect(all).toContain('Е. Д. Ғ.');
    expect(model.annex).toBeNull();
    const internal = JSON.stringify(protocolModel(protocolFixture, 'kk', internalCopy));
    expect(internal).toContain(RESIDENT_NAME);
    expect(internal).toContain(CITIZEN_AWARDED);
  });

  it('matches signatures to reporters and shows the time in Asia/Almaty', () => {
    const model = protocolModel(protocolFixture, 'ru', publicCopy);
    expect(model.signatures).toEqual([
      { position: 'Участковый инспектор полиции', rank: 'Капитан полиции', name: 'Н.Қ. Әбдіғалиев', signed: 'Подписано электронно: 20 декабря 2026 года в 21:40 (электронная подпись Esep, Ed25519)' },
      { position: 'Участковый инспектор полиции', rank: 'Старший лейтенант полиции', name: 'Г.С. Жұмабекова', signed: null },
    ]);
    expect(model.facts).toContainEqual(['Время', 'с 18:00 до 19:30 (время Алматы)']);
    expect(model.title).toBe(`ПРОТОКОЛ № ${MEETING_NUMBER}`);
  });

  it('names rank and position in the copy\'s language, from codes and from the Kazakh labels of older protocols (issue 14)', () => {
    const reporters = (lang: 'kk' | 'ru') => protocolModel(protocolFixture, lang, publicCopy).facts.find(([label]) => label === (lang === 'kk' ? 'Есеп берген инспекторлар' : 'Отчитывались'))?.[1];
    expect(reporters('ru')).toBe('Әбдіғалиев Нұрлан Қайратұлы, капитан полиции, участковый инспектор полиции\nЖұмабекова Гүлнұр Серікқызы, старший лейтенант полиции, участковый инспектор полиции');
    expect(reporters('kk')).toBe('Әбдіғалиев Нұрлан Қайратұлы, полиция капитаны, учаскелік полиция инспекторы\nЖұмабекова Гүлнұр Серікқызы, полиция аға лейтенанты, учаскелік полиция инспекторы');
    expect(protocolModel(protocolFixture, 'kk', publicCopy).signatures.map((s) => [s.position, s.rank])).toEqual([
      ['Учаскелік полиция инспекторы', 'Полиция капитаны'], ['Учаскелік полиция инспекторы', 'Полиция аға лейтенанты'],
    ]);
    // A title no list knows is printed as it was written, never dropped.
    const odd = { ...protocolFixture, reporters: [{ ...protocolFixture.reporters[0]!, rank: 'подполковник юстиции', position: 'deputy_unit_head' }] };
    expect(protocolModel(odd, 'ru', publicCopy).signatures[0]).toMatchObject({ rank: 'Подполковник юстиции', position: 'Заместитель начальника отдела полиции' });
  });

  it('refuses an unknown language', async () => {
    await expect(protocolPdf(protocolFixture, 'en' as 'kk', publicCopy)).rejects.toThrow(RangeError);
  });
});

describe('protocol PDF', () => {
  it('kk public copy: title, Kazakh letters intact, literal markup, officials but no resident names', async () => {
    const pdf = await protocolPdf(protocolFixture, 'kk', publicCopy);
    const text = await pdfText(pdf, 'kk-public.pdf');
    expect(text).toContain(`ХАТТАМА № ${MEETING_NUMBER}`);
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    expect(text).toContain(HOSTILE);
    expect(text).not.toContain(RLO);
    expect(text).toContain('Мәтін бағыты өзгертілмейді.');
    expect(text).toContain('2026 жылғы 20 желтоқсан');
    expect(text).toContain('18:00–19:30 (Алматы уақыты)');
    expect(text).toContain('«Жаһан» мәдениет үйі');
    expect(text).toContain('Тіркелген қатысушылардың жалпы саны 4');
    expect(text).toContain(OFFICIAL_NAME);
    expect(text).toContain('Тексеріс жүргізіледі');
    expect(text).toContain('Белгі 2027 жылғы қаңтарда орнатылады');
    expect(text).toContain('Алғыс хат');
    expect(text).toContain('Электрондық түрде қол қойылды: 2026 жылғы 20 желтоқсан, сағат 21:40');
    expect(text).toContain('Г.С. Жұмабекова');
    expect(text).toContain('полиция капитаны, учаскелік полиция инспекторы');
    expect(text).not.toContain('captain');
    expect(text).not.toContain('inspector');
    expect(text).toContain(VERIFY_URL);
    expect(text).toContain('Жария көшірме');
    expect(text).not.toContain(RESIDENT_NAME);
    expect(text).not.toContain('Сейітқали');
    expect(text).not.toContain(CITIZEN_AWARDED);
    expect(text).not.toContain('Қатысушылардың тізілімі');
    const info = await pdfInfo(pdf, 'kk-public.pdf');
    expect(info.a4).toBe(true);
    expect(info.imagePages).toEqual(Array.from({ length: info.pages }, (_, i) => i + 1));
  });

  it('kk internal copy adds the register of participants', async () => {
    const text = await pdfText(await protocolPdf(protocolFixture, 'kk', internalCopy), 'kk-internal.pdf');
    expect(text).toContain('Қосымша. Қатысушылардың тізілімі');
    expect(text).toContain(RESIDENT_NAME);
    expect(text).toContain('Шамалған ауылы, Абай көшесі, 12');
    expect(text).toContain(`Көтерген: ${RESIDENT_NAME}`);
    expect(text).toContain(CITIZEN_AWARDED);
    expect(text).toContain('Қызметтік көшірме');
  });

  it('ru copy has Russian labels', async () => {
    const text = await pdfText(await protocolPdf(protocolFixture, 'ru', publicCopy), 'ru-public.pdf');
    expect(text).toContain(`ПРОТОКОЛ № ${MEETING_NUMBER}`);
    for (const label of ['Дата проведения', '20 декабря 2026 года', 'Участие руководства полиции и акимата', 'Принятые решения',
      'Поступившие жалобы, предложения и замечания', 'Будет проведена проверка', 'Направляется в компетентный государственный орган',
      'Поощрения', 'Благодарственное письмо', 'Подписи', 'Подписано электронно', 'Проверка подлинности', 'Стр. 1 из', 'Публичная копия']) {
      expect(text).toContain(label);
    }
    expect(text).not.toContain('ХАТТАМА');
    expect(text).not.toContain(RESIDENT_NAME);
    // Issue 14: «капитан полиции» and the position's label in the Russian copy — no codes, no Kazakh rank.
    expect(text).toContain('Әбдіғалиев Нұрлан Қайратұлы, капитан полиции, участковый инспектор полиции');
    expect(text).toContain('Капитан полиции');
    expect(text).toContain('Участковый инспектор полиции');
    expect(text).toContain('старший лейтенант полиции');
    for (const absent of ['captain', 'inspector', 'полиция капитаны', 'аға лейтенанты', 'Учаскелік']) expect(text).not.toContain(absent);
  });

  it('a long protocol runs over several pages, each with page N of M, the QR code and the verify URL', async () => {
    const pdf = await protocolPdf(longProtocolFixture, 'kk', internalCopy);
    const info = await pdfInfo(pdf, 'kk-long.pdf');
    expect(info.pages).toBeGreaterThan(2);
    expect(info.a4).toBe(true);
    expect(info.imagePages).toEqual(Array.from({ length: info.pages }, (_, i) => i + 1));
    for (let page = 1; page <= info.pages; page += 1) {
      const text = await pdfText(pdf, 'kk-long.pdf', page);
      expect(text).toContain(`${page}-бет / ${info.pages}`);
      expect(text).toContain(VERIFY_URL);
    }
    expect(await pdfText(pdf, 'kk-long.pdf', info.pages)).toContain('Қатысушылардың тізілімі');
  });

  it('renders the same content to the same bytes', async () => {
    const a = await protocolPdf(protocolFixture, 'kk', publicCopy);
    const b = await protocolPdf(structuredClone(protocolFixture), 'kk', { ...publicCopy, signatures: [...signatures] });
    expect(a.equals(b)).toBe(true);
    const changed = await protocolPdf({ ...protocolFixture, remarks: 'Басқа ескертпе.' }, 'kk', publicCopy);
    expect(changed.equals(a)).toBe(false);
  });
});

describe('protocol DOCX', () => {
  it('converts with LibreOffice to A4 with the Kazakh letters intact, QR on the first page and URL in the footer', { timeout: 180_000 }, async () => {
    const binary = soffice();
    const files = {
      'protocol-kk-public': await protocolDocx(protocolFixture, 'kk', publicCopy),
      'protocol-ru-internal': await protocolDocx(protocolFixture, 'ru', internalCopy),
      'protocol-kk-long': await protocolDocx(longProtocolFixture, 'kk', publicCopy),
    };
    for (const [name, docx] of Object.entries(files)) {
      expect(docx.subarray(0, 2).toString()).toBe('PK');
      writeFileSync(join(dir, `${name}.docx`), docx);
    }
    const profile = `file://${join(dir, 'lo-profile')}`;
    await run(binary, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...Object.keys(files).map((n) => join(dir, `${n}.docx`))], { timeout: 170_000 });

    const kk = readFileSync(join(dir, 'protocol-kk-public.pdf'));
    const text = await pdfText(kk, 'protocol-kk-public.lo.pdf');
    expect(text).toContain(`ХАТТАМА № ${MEETING_NUMBER}`);
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    expect(text).toContain(HOSTILE);
    expect(text).not.toContain(RLO);
    expect(text).toContain('Тексеріс жүргізіледі');
    expect(text).toContain('Электрондық түрде қол қойылды');
    expect(text).toContain(OFFICIAL_NAME);
    expect(text).not.toContain(RESIDENT_NAME);
    expect(text).toContain(VERIFY_URL);
    const info = await pdfInfo(kk, 'protocol-kk-public.lo.pdf');
    expect(info.a4).toBe(true);
    expect(info.imagePages[0]).toBe(1);
    expect(await pdfText(kk, 'protocol-kk-public.lo.pdf', 1)).toContain(`1-бет / ${info.pages}`);

    const ru = await pdfText(readFileSync(join(dir, 'protocol-ru-internal.pdf')), 'protocol-ru-internal.lo.pdf');
    expect(ru).toContain(`ПРОТОКОЛ № ${MEETING_NUMBER}`);
    expect(ru).toContain('Приложение. Реестр участников');
    expect(ru).toContain(RESIDENT_NAME);
    expect(ru).toContain('Стр. 1 из');
    // Issue 14: the DOCX says the same as the PDF.
    expect(ru).toContain('капитан полиции, участковый инспектор полиции');
    expect(ru).toContain('Капитан полиции');
    for (const absent of ['captain', 'inspector', 'полиция капитаны']) expect(ru).not.toContain(absent);

    const long = readFileSync(join(dir, 'protocol-kk-long.pdf'));
    const longInfo = await pdfInfo(long, 'protocol-kk-long.lo.pdf');
    expect(longInfo.pages).toBeGreaterThan(1);
    for (let page = 1; page <= longInfo.pages; page += 1) {
      const pageText = await pdfText(long, 'protocol-kk-long.lo.pdf', page);
      expect(pageText).toContain(`${page}-бет / ${longInfo.pages}`);
      expect(pageText).toContain(VERIFY_URL);
    }
  });
});
