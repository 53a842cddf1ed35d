/**
 * A printable A4 poster announcing a reporting meeting, for notice boards of village halls,
 * akimats and enterprises (R-27.1: residents are informed of place and time no later than
 * 10 calendar days before the meeting). Police leadership and akimat take part.
 */
import type { Column, Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  almatyParts, districtNames, formatTimeRange, headline, onlineLinkOf, orderParagraph, settingTitle, venueText, weekday,
  staffTitle, type DocLang, type MeetingDocumentData,
} from './meeting-document.ts';
import { COLORS, qrDataUrl, renderPdf } from './pdf.render.ts';

export type PosterLang = DocLang | 'both';

const MONTH_ONLY = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
} as const;

const L = {
  kk: {
    place: 'ӨТЕТІН ОРНЫ', online: 'ОНЛАЙН ҚОСЫЛУ', reports: 'ЕСЕП БЕРЕДІ', districts: 'ӘКІМШІЛІК УЧАСКЕЛЕР',
    point: 'УЧАСКЕЛІК ПОЛИЦИЯ ПУНКТІ', agenda: 'ЕСЕПТЕ', page: 'Кездесу беті', year: (y: number) => `${y} жыл`,
    topics: ['криминогендік жағдай және оны тұрақтандыру шаралары', 'құқық бұзушылықтар профилактикасы',
      'заңнамадағы өзгерістер', 'шағымдар мен өтініштер бойынша қабылданған шаралар'],
    leaders: 'Кездесуге полиция басшылығы мен әкімдік өкілдері қатысады.',
    call: 'Сұрақтарыңыз бен ұсыныстарыңызды күтеміз!',
    meeting: 'Кездесу',
  },
  ru: {
    place: 'МЕСТО ПРОВЕДЕНИЯ', online: 'ПОДКЛЮЧЕНИЕ ОНЛАЙН', reports: 'ОТЧИТЫВАЕТСЯ', districts: 'АДМИНИСТРАТИВНЫЕ УЧАСТКИ',
    point: 'УЧАСТКОВЫЙ ПУНКТ ПОЛИЦИИ', agenda: 'В ОТЧЁТЕ', page: 'Страница встречи', year: (y: number) => `${y} года`,
    topics: ['криминогенная обстановка и меры по её стабилизации', 'профилактика правонарушений',
      'изменения в законодательстве', 'меры по жалобам и обращениям граждан'],
    leaders: 'Во встрече участвуют руководство полиции и представители акимата.',
    call: 'Ждём ваших вопросов и предложений!',
    meeting: 'Встреча',
  },
} as const;

const label = (text: string, s: number): Content => ({ text, fontSize: 9 * s, bold: true, color: COLORS.gold, characterSpacing: 0.8, margin: [0, 0, 0, 2] });

/** A first guess of the type scale: meetings with many districts or inspectors start smaller. */
function scaleFor(m: MeetingDocumentData): number {
  const load = m.inspectors.length * 2 + m.districts.length + (onlineLinkOf(m) ? 2 : 0) + ((m.venueName ?? '').length + (m.venueAddress ?? '').length > 90 ? 2 : 0);
  return load <= 9 ? 1 : load <= 15 ? 0.9 : load <= 22 ? 0.8 : 0.7;
}

/** Number of pages in a PDF produced by pdfkit (page objects are not compressed). */
export const pdfPageCount = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

function posterContent(m: MeetingDocumentData, lang: DocLang, qr: string, s: number, pageBreak: boolean): Content[] {
  const t = L[lang];
  const p = almatyParts(m.startsAt);
  const month = MONTH_ONLY[lang][p.month - 1] ?? '';
  const day = `${p.day} ${month}`;
  const link = onlineLinkOf(m);
  const many = m.inspectors.length > 1;
  const reports = lang === 'ru' && many ? 'ОТЧИТЫВАЮТСЯ' : t.reports;
  const districts = districtNames(m, lang);

  const dateBox: Content = {
    table: {
      widths: ['*'],
      body: [[{
        fillColor: COLORS.navy, margin: [12, 16 * s, 12, 16 * s], alignment: 'center', color: '#ffffff',
        stack: [
          { text: day, fontSize: 50 * s, bold: true, lineHeight: 1 },
          { text: `${t.year(p.year)}, ${weekday(m.startsAt, lang)}`, fontSize: 15 * s, color: '#d6deea', margin: [0, 2, 0, 6 * s] },
          { text: formatTimeRange(m, lang), fontSize: 30 * s, bold: true, color: COLORS.gold },
        ],
      }]],
    },
    layout: 'noBorders',
    margin: [0, 10 * s, 0, 12 * s],
  };

  const place: Content[] = [];
  if (m.format !== 'online') {
    place.push(label(t.place, s), { text: venueText(m, lang), fontSize: 17 * s, bold: true, color: COLORS.ink, margin: [0, 0, 0, 8 * s] });
  }
  if (link) place.push(label(t.online, s), { text: link, fontSize: 12 * s, color: COLORS.navy, margin: [0, 0, 0, 8 * s] });

  const inspectors: Content[] = m.inspectors.map((i) => ({
    stack: [
      { text: i.fullName, fontSize: 16 * s, bold: true, color: COLORS.ink },
      { text: `${staffTitle(i, lang)}, ${lang === 'kk' ? i.districtNameKk : i.districtNameRu}`, fontSize: 10 * s, color: COLORS.muted },
    ],
    margin: [0, 0, 0, 5 * s],
  }));
  const districtList: Content = districts.length > 4
    ? { text: districts.join('; '), fontSize: 11 * s, color: COLORS.ink, margin: [0, 0, 0, 8 * s] }
    : { ul: districts, fontSize: 12 * s, color: COLORS.ink, margin: [0, 0, 0, 8 * s], markerColor: COLORS.gold };

  const left: Content[] = [
    label(reports, s), ...inspectors, { text: '', margin: [0, 0, 0, 4 * s] },
    label(t.districts, s), districtList,
    label(t.point, s), { text: lang === 'kk' ? m.pointNameKk : m.pointNameRu, fontSize: 11 * s, color: COLORS.ink, margin: [0, 0, 0, 8 * s] },
  ];
  if (s >= 0.86) left.push(label(t.agenda, s), { ul: [...t.topics], fontSize: 10.5 * s, color: COLORS.muted, markerColor: COLORS.gold });

  const qrSize = 168 * Math.max(s, 0.8);
  const right: Column = {
    width: qrSize + 16,
    stack: [
      { image: qr, width: qrSize, alignment: 'center' },
      { text: t.page, fontSize: 9, bold: true, color: COLORS.navy, alignment: 'center', margin: [0, 4, 0, 1] },
      { text: m.publicUrl, fontSize: 7.5, color: COLORS.muted, alignment: 'center' },
    ],
  };

  return [
    { text: headline(lang), fontSize: 30 * s, bold: true, color: COLORS.navy, alignment: 'center', lineHeight: 1.05, ...(pageBreak ? { pageBreak: 'before' as const } : {}) },
    { text: settingTitle(m, lang), fontSize: 13 * s, color: COLORS.muted, alignment: 'center', margin: [0, 6, 0, 0] },
    dateBox,
    ...place,
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 499, y2: 0, lineWidth: 0.6, lineColor: '#c9d1dc' }], margin: [0, 2 * s, 0, 10 * s] },
    { columns: [{ width: '*', stack: left }, right], columnGap: 18 },
    { text: t.leaders, fontSize: 11.5 * s, color: COLORS.ink, alignment: 'center', margin: [0, 20 * s, 0, 6] },
    { text: t.call, fontSize: 20 * s, bold: true, color: COLORS.navy, alignment: 'center' },
  ];
}

function posterDoc(data: MeetingDocumentData, pages: Array<{ lang: DocLang; scale: number }>, qr: string): TDocumentDefinitions {
  const langOf = (page: number): DocLang => pages[Math.min(page, pages.length) - 1]?.lang ?? 'kk';
  const first = pages[0]?.lang ?? 'kk';
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [48, 104, 48, 64],
    info: { title: `${headline(first)} — ${data.number}`, subject: orderParagraph(first, 27), creator: 'Esep' },
    background: (_page, size) => ({
      canvas: [
        { type: 'rect', x: 0, y: 0, w: size.width, h: 84, color: COLORS.navy },
        { type: 'rect', x: 0, y: 84, w: size.width, h: 4, color: COLORS.gold },
        { type: 'rect', x: 0, y: size.height - 44, w: size.width, h: 44, color: COLORS.navy },
      ],
    }),
    header: (page) => {
      const l = langOf(page);
      const unit = l === 'kk' ? data.unitNameKk : data.unitNameRu;
      return {
        margin: [48, unit.length > 60 ? 20 : 26, 48, 0],
        stack: [
          { text: unit.toUpperCase(), fontSize: unit.length > 90 ? 9.5 : 11.5, bold: true, color: '#ffffff', alignment: 'center', characterSpacing: 0.5 },
          { text: l === 'kk' ? data.pointNameKk : data.pointNameRu, fontSize: 10, color: '#cfd8e6', alignment: 'center', margin: [0, 3, 0, 0] },
        ],
      };
    },
    // is paragraph 27 of the Rules as amended by Order No. 652.
    footer: (page) => {
      const l = langOf(page);
      return {
        margin: [48, 36, 48, 0],
        columns: [
          { text: orderParagraph(l, 27), fontSize: 8.5, color: '#ffffff' },
          { text: `${L[l].meeting} № ${data.number}`, fontSize: 8.5, color: '#cfd8e6', alignment: 'right' },
        ],
      };
    },
    content: pages.flatMap((p, i) => posterContent(data, p.lang, qr, p.scale, i > 0)),
    defaultStyle: { font: 'Roboto', lineHeight: 1.15 },
  };
}

const SCALES = [1, 0.92, 0.84, 0.76, 0.68, 0.6, 0.52, 0.45];

/**
 * The largest type scale at which one language of the poster fits on one page, with the PDF
 * rendered at that scale (a one-language poster is that PDF: it is not rendered again).
 */
async function fitScale(data: MeetingDocumentData, lang: DocLang, qr: string): Promise<{ scale: number; pdf: Buffer }> {
  const start = scaleFor(data);
  const tries = SCALES.filter((x) => x <= start);
  const render = async (scale: number) => ({ scale, pdf: await renderPdf(posterDoc(data, [{ lang, scale }], qr)) });
  const fits = (r: { pdf: Buffer }) => pdfPageCount(r.pdf) === 1;
  if (!tries.length) return render(0.45);
  // Most posters fit at the first guess; otherwise the largest scale that fits is found by halving
  // (a smaller type never takes more pages): at most 4 renders of 8 scales instead of 8.
  const first = await render(tries[0]!);
  if (fits(first)) return first;
  let lo = 1;
  let hi = tries.length - 1;
  let found: { scale: number; pdf: Buffer } | null = null;
  let smallest = first;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const tried = await render(tries[mid]!);
    if (tried.scale < smallest.scale) smallest = tried;
    if (fits(tried)) {
      found = tried;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  // Nothing fits: the smallest type, overflowing, as before.
  return found ?? smallest;
}

/** The poster as an A4 portrait PDF: one page per language ('both': Kazakh first, then Russian). */
export async function posterPdf(data: MeetingDocumentData, lang: PosterLang): Promise<Buffer> {
  if (!['kk', 'ru', 'both'].includes(lang)) throw new RangeError(`Unknown poster language: ${String(lang)}`);
  const qr = await qrDataUrl(data.publicUrl);
  if (lang !== 'both') return (await fitScale(data, lang, qr)).pdf;
  // Both languages: most posters fit at the first guess, one page each, in a single render;
  // only when one overflows is each language fitted on its own and the two put together.
  const start = scaleFor(data);
  const first = await renderPdf(posterDoc(data, [{ lang: 'kk', scale: start }, { lang: 'ru', scale: start }], qr));
  if (pdfPageCount(first) === 2) return first;
  const pages = await Promise.all((['kk', 'ru'] as const).map(async (l) => ({ lang: l, scale: (await fitScale(data, l, qr)).scale })));
  return renderPdf(posterDoc(data, pages, qr));
}
