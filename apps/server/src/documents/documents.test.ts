/**
 * Generated meeting documents: announcement texts, the poster, invitation letters
 * (R-26 required / R-28 by agreement). PDFs are checked with poppler-utils (pdftotext, pdfinfo,
 * pdfimages); the DOCX is converted with LibreOffice (soffice), which must be installed: these
 * tests fail, never skip, without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { announcementTexts, POST_MAX_LENGTH } from './announcement.texts.ts';
import { invitationContent } from './invitation.content.ts';
import { invitationDocx, invitationPdf } from './invitation.letter.ts';
import { formatDateTime, formatWhen, shortName, type InvitationDocumentData, type MeetingDocumentData } from './meeting-document.ts';
import { posterPdf } from './poster.pdf.ts';

const run = promisify(execFile);
const KAZAKH_LETTERS = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];
const DATE_KK = '2026 жылғы 20 желтоқсан, сағат 18:00';
const DATE_RU = '20 декабря 2026 года в 18:00';

const district = (n: number) => ({ nameKk: `№ ${n} әкімшілік учаске`, nameRu: `Административный участок № ${n}` });
const meeting: MeetingDocumentData = {
  number: 'ALM-KAR-P2-D01-2026-07',
  startsAt: new Date('2026-12-20T13:00:00Z'), // 18:00 in Almaty (UTC+5)
  endsAt: new Date('2026-12-20T14:30:00Z'),
  format: 'indoor',
  setting: 'gathering',
  venueName: '«Жаһан» мәдениет үйі',
  venueAddress: 'Жаңатұрмыс ауылы, Бөгенбай батыр көшесі, 7',
  onlineLink: null,
  districts: [district(1)],
  inspectors: [{ fullName: 'Әбдіғалиев Нұрлан Қайратұлы', districtNameKk: '№ 1 әкімшілік учаске', districtNameRu: 'Административный участок № 1', rank: 'captain', position: 'inspector' }],
  pointNameKk: '№ 2 учаскелік полиция пункті',
  pointNameRu: 'Участковый пункт полиции № 2',
  unitNameKk: 'Алматы облысы Полиция департаментінің Қарасай аудандық полиция бөлімі',
  unitNameRu: 'Карасайский районный отдел полиции Департамента полиции Алматинской области',
  atuNameKk: 'Үшқоңыр ауылдық округі',
  atuNameRu: 'Ушконырский сельский округ',
  publicUrl: 'https://esep.example.kz/m/ALM-KAR-P2-D01-2026-07',
};
/** A joint meeting with a long place, many districts and an online link. */
const crowded: MeetingDocumentData = {
  ...meeting,
  format: 'hybrid',
  setting: 'initiative_meeting',
  onlineLink: 'https://meet.example.kz/j/8412-5531-0097?pwd=ZXNlcC1tZWV0aW5nLWxpbms',
  venueName: 'Қарасай ауданы әкімдігінің мәжіліс залы (бірінші қабат, кіреберіс солтүстік жағынан)',
  districts: Array.from({ length: 8 }, (_, i) => district(i + 1)),
  inspectors: Array.from({ length: 7 }, (_, i) => ({
    fullName: `Жұмабекова Гүлнұр Серікқызы${i}`, districtNameKk: district(i + 1).nameKk, districtNameRu: district(i + 1).nameRu,
  })),
};
const invitation = (category: string): InvitationDocumentData => ({
  meeting, category, organisation: 'Үшқоңыр ауылдық округі әкімінің аппараты', personName: 'Жұмабекова Гүлнұр Серікқызы',
  outgoingNumber: '12-3/456', date: '2026-12-05',
});

const dir = mkdtempSync(join(tmpdir(), 'esep-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Extracted text on one line; non-breaking hyphens (U+2011, used in justified PDF text) read as "-". */
const flat = (s: string): string => s.replace(/\s+/g, ' ').replace(/\u2011/g, '-');
async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
}
async function pdfInfo(pdf: Buffer, name: string): Promise<{ pages: number; a4: boolean; images: number }> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  const info = (await run('pdfinfo', [file])).stdout;
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const images = (await run('pdfimages', ['-list', file])).stdout.split('\n').filter((l) => /^\s*\d+\s+\d+\s+image\b/.test(l)).length;
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    a4: !!size && Math.abs(Number(size[1]) - 595.3) < 1 && Math.abs(Number(size[2]) - 841.9) < 1,
    images,
  };
}
/** LibreOffice is required (apt: libreoffice-writer-nogui); a missing binary fails the test. */
function soffice(): string {
  const found = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p));
  if (!found) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui');
  return found;
}

describe('dates in Asia/Almaty', () => {
  it('formats date and time in each language', () => {
    expect(formatDateTime(meeting.startsAt, 'kk')).toBe(DATE_KK);
    expect(formatDateTime(meeting.startsAt, 'ru')).toBe(DATE_RU);
    expect(formatWhen(meeting, 'kk')).toBe('жексенбі, 2026 жылғы 20 желтоқсан, сағат 18:00–19:30');
    expect(formatWhen(meeting, 'ru')).toBe('воскресенье, 20 декабря 2026 года в 18:00 (окончание — 19:30)');
  });

  it('uses the Almaty calendar day, not the UTC one', () => {
    const newYear = new Date('2026-12-31T20:30:00Z');
    expect(formatDateTime(newYear, 'kk')).toBe('2027 жылғы 1 қаңтар, сағат 01:30');
    expect(formatDateTime(newYear, 'ru')).toBe('1 января 2027 года в 01:30');
  });

  it('shortens names to initials and surname', () => {
    expect(shortName('Әбдіғалиев Нұрлан Қайратұлы')).toBe('Н.Қ. Әбдіғалиев');
    expect(shortName('Иванов')).toBe('Иванов');
  });
});

describe('announcement texts (R-27.1)', () => {
  const texts = announcementTexts(meeting);

  it('keeps Kazakh letters intact and carries the date in both languages', () => {
    const all = Object.values(texts.kk).join('\n');
    for (const letter of KAZAKH_LETTERS) expect(all).toContain(letter);
    for (const t of Object.values(texts.kk)) {
      expect(t).toContain(DATE_KK);
      expect(t).toContain('Жаһан');
      expect(t).toContain(meeting.publicUrl);
    }
    for (const t of Object.values(texts.ru)) {
      expect(t).toContain(DATE_RU);
      expect(t).toContain(meeting.publicUrl);
    }
    expect(texts.kk.notice).toContain('Құрметті тұрғындар!');
    expect(texts.ru.notice).toContain('Уважаемые жители!');
  });

  it('makes a short post with place, districts, inspector and hashtags', () => {
    for (const lang of ['kk', 'ru'] as const) {
      const post = texts[lang].post;
      expect(post.length).toBeLessThanOrEqual(POST_MAX_LENGTH);
      expect(post).toContain('Бөгенбай батыр көшесі');
      expect(post).toContain('Әбдіғалиев Нұрлан Қайратұлы');
      expect(post).toContain(lang === 'kk' ? '№ 1 әкімшілік учаске' : 'Административный участок № 1');
      expect(post).toMatch(/#есеп .*#учаскелік|#учаскелік/);
    }
  });

  it('keeps a crowded joint meeting post within the limit, with date, link and URL', () => {
    const t = announcementTexts(crowded);
    for (const [lang, date] of [['kk', DATE_KK], ['ru', DATE_RU]] as const) {
      expect(t[lang].post.length).toBeLessThanOrEqual(POST_MAX_LENGTH);
      expect(t[lang].post).toContain(date);
      expect(t[lang].post).toContain(crowded.onlineLink);
      expect(t[lang].post).toContain(crowded.publicUrl);
    }
    expect(t.ru.notice).toContain('участковые инспекторы полиции');
    expect(t.ru.notice).toContain('отчитаются');
    expect(t.kk.notice).toContain('учаскелік полиция инспекторлары');
  });

  it('says what the report covers (R-30) and asks organisations to inform staff (R-27.1)', () => {
    expect(texts.kk.notice).toContain('криминогендік жағдай');
    expect(texts.kk.notice).toContain('алдыңғы есепте түскен шағымдар');
    expect(texts.ru.notice).toContain('криминогенная обстановка');
    expect(texts.ru.notice).toContain('поступившим на предыдущем отчёте');
    expect(texts.kk.letter).toContain('27-тармағына');
    expect(texts.ru.letter).toContain('пунктом 27 Правил');
    expect(texts.ru.letter).toContain('довести информацию о месте и времени встречи до сведения работников');
    expect(texts.kk.letter).toContain('Н.Қ. Әбдіғалиев');
    // Issue 14: the signature's rank and position in the letter's language.
    expect(texts.ru.letter).toContain('Капитан полиции, участковый инспектор полиции (Административный участок № 1)');
    expect(texts.kk.letter).toContain('Полиция капитаны, учаскелік полиция инспекторы (№ 1 әкімшілік учаске)');
  });
});

describe('invitation content (R-26, R-28)', () => {
  it('cites §26 for required categories and §28 for the rest', () => {
    for (const category of ['police_leadership', 'akimat']) {
      expect(invitationContent(invitation(category), 'kk').paragraph).toBe(26);
      expect(invitationContent(invitation(category), 'ru').paragraphs.join(' ')).toContain('пунктом 26 Правил');
    }
    for (const category of ['maslikhat_deputy', 'public', 'health_care', 'labour_social', 'education_science', 'agriculture', 'housing_communal', 'organisation', 'mass_media']) {
      const kk = invitationContent(invitation(category), 'kk');
      expect(kk.paragraph).toBe(28);
      expect(kk.paragraphs.join(' ')).toContain('келісім бойынша');
    }
    expect(invitationContent(invitation('maslikhat_deputy'), 'ru').paragraphs.join(' ')).toContain('депутаты маслихата');
    expect(invitationContent(invitation('mass_media'), 'ru').paragraphs.join(' ')).toContain('через средства массовой информации');
  });

  it('addresses the person by name and patronymic', () => {
    expect(invitationContent(invitation('akimat'), 'kk').salutation).toBe('Құрметті Гүлнұр Серікқызы!');
    expect(invitationContent(invitation('akimat'), 'ru').salutation).toBe('Уважаемая Гүлнұр Серікқызы!');
    expect(invitationContent({ ...invitation('akimat'), personName: 'Петров Иван Сергеевич' }, 'ru').salutation).toBe('Уважаемый Иван Сергеевич!');
    expect(invitationContent({ ...invitation('akimat'), outgoingNumber: undefined }, 'ru').outgoing).toBe('Исх. № ________ от 05.12.2026');
  });
});

describe('poster PDF', () => {
  it('is one A4 page with the Kazakh headline, date, letters intact and a QR image', async () => {
    const pdf = await posterPdf(meeting, 'kk');
    const text = flat(await pdfText(pdf, 'poster-kk.pdf'));
    expect(text).toContain('Учаскелік полиция инспекторының халық алдындағы есебі');
    expect(text).toContain('20 желтоқсан');
    expect(text).toContain('сағат 18:00–19:30');
    expect(text).toContain('Әбдіғалиев Нұрлан Қайратұлы');
    expect(text).toContain('«Жаһан» мәдениет үйі');
    expect(text).toContain(meeting.publicUrl.slice(0, 30));
    expect(text).toContain('№ 652 бұйрығы, 27-тармақ');
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    expect(await pdfInfo(pdf, 'poster-kk.pdf')).toEqual({ pages: 1, a4: true, images: 1 });
  });

  it("'both' puts Kazakh then Russian on two A4 pages, each naming the rank and position in its language (issue 14)", async () => {
    const pdf = await posterPdf(meeting, 'both');
    const text = flat(await pdfText(pdf, 'poster-both.pdf'));
    expect(text).toContain('полиция капитаны, учаскелік полиция инспекторы, № 1 әкімшілік учаске');
    expect(text).toContain('капитан полиции, участковый инспектор полиции, Административный участок № 1');
    expect(text).not.toContain('captain');
    expect(text.indexOf('Учаскелік полиция инспекторының халық алдындағы есебі')).toBeLessThan(text.indexOf('Отчёт участкового инспектора полиции перед населением'));
    expect(text).toContain('20 декабря');
    expect(text).toContain('Приказ МВД РК № 652, п. 27');
    expect(await pdfInfo(pdf, 'poster-both.pdf')).toEqual({ pages: 2, a4: true, images: 2 });
  });

  it('shrinks a crowded joint meeting onto one page per language', async () => {
    const pdf = await posterPdf(crowded, 'both');
    const text = flat(await pdfText(pdf, 'poster-crowded.pdf'));
    expect(text).toContain('Серікқызы6');
    expect(text).toContain('https://meet.example.kz/j/8412-5531-0097');
    expect((await pdfInfo(pdf, 'poster-crowded.pdf')).pages).toBe(2);
  });

  it('refuses an unknown language', async () => {
    await expect(posterPdf(meeting, 'en' as 'kk')).rejects.toThrow(RangeError);
  });
});

describe('invitation letter', () => {
  it('DOCX converts with LibreOffice to an A4 letter with the Kazakh text intact', { timeout: 120_000 }, async () => {
    const binary = soffice();
    const docx = await invitationDocx(invitation('akimat'), 'kk');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const file = join(dir, 'invitation-kk.docx');
    writeFileSync(file, docx);
    const profile = `file://${join(dir, 'lo-profile')}`;
    await run(binary, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
    const pdf = readFileSync(join(dir, 'invitation-kk.pdf'));
    const text = flat(await pdfText(pdf, 'invitation-kk.lo.pdf'));
    expect(text).toContain('АЛМАТЫ ОБЛЫСЫ ПОЛИЦИЯ ДЕПАРТАМЕНТІНІҢ');
    expect(text).toContain('Шығ. № 12-3/456, 05.12.2026 ж.');
    expect(text).toContain('Халықпен есептік кездесуге шақыру туралы');
    expect(text).toContain('Құрметті Гүлнұр Серікқызы!');
    expect(text).toContain('халық алдындағы есебіне қатысуға шақырады');
    expect(text).toContain('26-тармағына');
    expect(text).toContain('2026 жылғы 20 желтоқсан, сағат 18:00');
    expect(text).toContain('Н.Қ. Әбдіғалиев');
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    const info = await pdfInfo(pdf, 'invitation-kk.lo.pdf');
    expect(info.a4).toBe(true);
    expect(info.pages).toBe(1);
  });

  it('PDF carries the same content', async () => {
    const kk = await invitationPdf(invitation('maslikhat_deputy'), 'kk');
    const text = flat(await pdfText(kk, 'invitation-kk.pdf'));
    expect(text).toContain('Халықпен есептік кездесуге шақыру туралы');
    expect(text).toContain('28-тармағына');
    expect(text).toContain('келісім бойынша');
    expect(text).toContain('2026 жылғы 20 желтоқсан, сағат 18:00');
    expect(text).toContain('Н.Қ. Әбдіғалиев');
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    expect(await pdfInfo(kk, 'invitation-kk.pdf')).toMatchObject({ pages: 1, a4: true });
    const ru = flat(await pdfText(await invitationPdf(invitation('police_leadership'), 'ru'), 'invitation-ru.pdf'));
    expect(ru).toContain('О приглашении на отчётную встречу с населением');
    expect(ru).toContain('пунктом 26 Правил');
    expect(ru).toContain('20 декабря 2026 года в 18:00');
    // Issue 14: the signature names rank and position in the letter's language, never a code.
    expect(ru).toContain('Капитан полиции, участковый инспектор полиции');
    expect(text).toContain('Полиция капитаны, учаскелік полиция инспекторы');
    for (const code of ['captain', 'inspector']) expect(`${ru} ${text}`).not.toContain(code);
  });

  it('names the signer\'s rank and position from the lists, the inspector\'s position when unknown', () => {
    expect(invitationContent(invitation('akimat'), 'ru').signatures[0]!.title).toBe('Капитан полиции, участковый инспектор полиции');
    const lead = { ...invitation('akimat'), meeting: { ...meeting, inspectors: [{ ...meeting.inspectors[0]!, rank: 'major', position: 'point_lead' }] } };
    expect(invitationContent(lead, 'kk').signatures[0]!.title).toBe('Полиция майоры, учаскелік полиция пунктінің бастығы');
    const bare = { ...invitation('akimat'), meeting: crowded };
    expect(invitationContent(bare, 'kk').signatures[0]!.title).toBe('Учаскелік полиция инспекторы');
  });
});
