/**
 * the outgoing letter forwarding an item raised at a reporting meeting to the state body
 * competent for it (APPK art. 65), as DOCX (docx 9) and PDF (pdfmake), in Kazakh and Russian:
 * A4, 2 cm margins, the police unit's letterhead with outgoing number and date, the addressee
 * body, the item's text and registration number, the meeting, and the inspector's signature.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, Paragraph, TabStopType, TextRun,
  convertMillimetersToTwip,
} from 'docx';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatDate, formatIsoDate, shortName, type DocLang } from './meeting-document.ts';
import { COLORS, renderPdf } from './pdf.render.ts';

export interface ForwardingLetterData {
  letterNumber: string;
  /** YYYY-MM-DD */
  letterDate: string;
  unitNameKk: string; unitNameRu: string; pointNameKk: string; pointNameRu: string;
  body: { nameKk: string; nameRu: string; contact: string | null };
  item: { reference: string; kind: 'complaint' | 'proposal' | 'remark' | 'question'; text: string; initiatorName: string | null; initiatorAddress: string | null };
  meeting: { number: string; startsAt: Date };
  inspector: { fullName: string; rank: string | null; districtNameKk: string; districtNameRu: string } | null;
}

export interface ForwardingLetterContent {
  unitName: string; pointName: string; outgoing: string; addressee: string[]; subject: string;
  paragraphs: string[]; facts: Array<[label: string, value: string]>; closing: string;
  signature: { title: string; district: string; name: string } | null;
  reference: string; meetingNumber: string;
}

const KIND = {
  kk: { complaint: 'шағым', proposal: 'ұсыныс', remark: 'ескерту', question: 'сұрақ' },
  ru: { complaint: 'жалоба', proposal: 'предложение', remark: 'замечание', question: 'вопрос' },
} as const;

function checkLang(lang: DocLang): void {
  if (lang !== 'kk' && lang !== 'ru') throw new RangeError(`Unknown letter language: ${String(lang)}`);
}

/** The wording shared by the DOCX and the PDF. */
export function forwardingLetterContent(d: ForwardingLetterData, lang: DocLang): ForwardingLetterContent {
  checkLang(lang);
  const kk = lang === 'kk';
  const when = formatDate(d.meeting.startsAt, lang);
  const kind = KIND[lang][d.item.kind];
  const unit = kk ? d.unitNameKk : d.unitNameRu;
  const facts: Array<[string, string]> = [
    [kk ? 'Өтініштің мәні' : 'Суть обращения', `«${d.item.text}»`],
    [kk ? 'Өтініш беруші' : 'Заявитель', d.item.initiatorName ?? (kk ? 'көрсетілмеген (анонимді өтініш)' : 'не указан (анонимное обращение)')],
  ];
  if (d.item.initiatorName && d.item.initiatorAddress) facts.push([kk ? 'Мекенжайы' : 'Адрес заявителя', d.item.initiatorAddress]);
  facts.push([kk ? 'Кездесу' : 'Встреча', `№ ${d.meeting.number}, ${when}`]);
  return {
    unitName: unit,
    pointName: kk ? d.pointNameKk : d.pointNameRu,
    outgoing: kk ? `Шығ. № ${d.letterNumber}, ${formatIsoDate(d.letterDate)} ж.` : `Исх. № ${d.letterNumber} от ${formatIsoDate(d.letterDate)}`,
    addressee: [kk ? d.body.nameKk : d.body.nameRu, ...(d.body.contact ? [d.body.contact] : [])],
    subject: kk ? 'Өтінішті құзыреті бойынша қарау үшін жіберу туралы' : 'О направлении обращения для рассмотрения по компетенции',
    paragraphs: kk
      ? [
        `${when} өткен учаскелік полиция инспекторының халық алдындағы есептік кездесуінде (№ ${d.meeting.number}) өтініш (${kind}, тіркеу № ${d.item.reference}) түсті, оны қарау ішкі істер органдарының құзыретіне жатпайды.`,
        'Учаскелік полиция инспекторларының қызметін ұйымдастыру қағидаларының 32-тармағына және Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің 65-бабына сәйкес оны құзыреті бойынша қарау үшін жолдаймыз. Қарау нәтижесі туралы өтініш берушіге және полиция бөліміне хабарлауыңызды сұраймыз.',
      ]
      : [
        `На отчётной встрече участкового инспектора полиции с населением ${when} (№ ${d.meeting.number}) поступило обращение (${kind}, рег. № ${d.item.reference}), рассмотрение которого не относится к компетенции органов внутренних дел.`,
        `В соответствии с пунктом 32 Правил организации деятельности участковых инспекторов полиции и статьёй 65 Административного процедурно-процессуального кодекса Республики Казахстан направляем его для рассмотрения по компетенции. Просим о результатах рассмотрения сообщить заявителю и в ${unit}.`,
      ],
    facts,
    closing: kk ? 'Қосымша: есептік кездесу хаттамасынан үзінді.' : 'Приложение: выписка из протокола отчётной встречи.',
    signature: d.inspector
      ? {
        title: [d.inspector.rank, kk ? 'учаскелік полиция инспекторы' : 'участковый инспектор полиции'].filter(Boolean).join(', ').replace(/^./, (c) => c.toUpperCase()),
        district: kk ? d.inspector.districtNameKk : d.inspector.districtNameRu,
        name: shortName(d.inspector.fullName),
      }
      : null,
    reference: d.item.reference,
    meetingNumber: d.meeting.number,
  };
}

const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 };
const MARGIN = convertMillimetersToTwip(20);
const TEXT_WIDTH = A4.width - 2 * MARGIN;

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun =>
  new TextRun({ text, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold, italics: o.italics, color: o.color });

/** The letter as a Word document (A4, margins 2 cm). */
export async function forwardingLetterDocx(data: ForwardingLetterData, lang: DocLang): Promise<Buffer> {
  const c = forwardingLetterContent(data, lang);
  const body: Paragraph[] = [
    ...c.addressee.map((line, i) => new Paragraph({
      indent: { left: Math.round(TEXT_WIDTH * 0.5) }, spacing: { before: i === 0 ? 240 : 0 }, children: [run(line, { bold: i === 0, size: i === 0 ? 14 : 12 })],
    })),
    new Paragraph({ spacing: { before: 360, after: 240 }, children: [run(c.subject, { italics: true, size: 13 })] }),
    ...c.paragraphs.map((p) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 709 }, spacing: { after: 120 }, children: [run(p)] })),
    ...c.facts.map(([label, value], i) => new Paragraph({
      indent: { left: 709 }, spacing: { before: i === 0 ? 120 : 0, after: 60 }, children: [run(`${label}: `, { bold: true }), run(value)],
    })),
    new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(c.closing, { size: 12 })] }),
    ...(c.signature ? [
      new Paragraph({ keepNext: true, spacing: { before: 360 }, children: [run(c.signature.title)] }),
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [run(`(${c.signature.district})`), run('\t'), run('________________  '), run(c.signature.name, { bold: true })],
      }),
    ] : []),
  ];
  const doc = new Document({
    creator: 'Esep',
    title: `${c.subject} — ${c.reference}`,
    styles: { default: { document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { line: 264 } } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: { size: A4, margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: 567, footer: 567 } },
      },
      headers: {
        first: new Header({
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [run(c.unitName.toUpperCase(), { bold: true, size: 12, color: '0F2F57' })] }),
            new Paragraph({
              alignment: AlignmentType.CENTER,
              border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 12, color: 'C8A24A', space: 4 } },
              children: [run(c.pointName, { size: 11, color: '5B6472' })],
            }),
            new Paragraph({ spacing: { before: 160 }, children: [run(c.outgoing, { size: 12 })] }),
          ],
        }),
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(c.unitName, { size: 9, color: '5B6472' })] })] }),
      },
      footers: {
        first: new Footer({ children: [new Paragraph({ children: [run(`${c.reference} · ${c.meetingNumber}`, { size: 9, color: '5B6472' })] })] }),
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 18 })] })],
        }),
      },
      children: body,
    }],
  });
  return Packer.toBuffer(doc);
}

/** The same letter as a PDF (pdfmake, Roboto: Kazakh letters intact). */
export async function forwardingLetterPdf(data: ForwardingLetterData, lang: DocLang): Promise<Buffer> {
  const c = forwardingLetterContent(data, lang);
  const mm = (x: number): number => (x * 72) / 25.4;
  const content: Content[] = [
    { text: c.unitName.toUpperCase(), alignment: 'center', bold: true, fontSize: 11, color: COLORS.navy },
    { text: c.pointName, alignment: 'center', fontSize: 10, color: COLORS.muted, margin: [0, 2, 0, 4] },
    { canvas: [
      { type: 'line', x1: 0, y1: 0, x2: 481.9, y2: 0, lineWidth: 1.6, lineColor: COLORS.gold },
      { type: 'line', x1: 0, y1: 3, x2: 481.9, y2: 3, lineWidth: 0.5, lineColor: COLORS.gold },
    ] },
    { text: c.outgoing, fontSize: 10.5, margin: [0, 8, 0, 0] },
    { stack: c.addressee.map((a, i) => ({ text: a, bold: i === 0, fontSize: i === 0 ? 12 : 10.5 })), margin: [240, 14, 0, 0] },
    { text: c.subject, italics: true, fontSize: 11.5, margin: [0, 22, 0, 14] },
    ...c.paragraphs.map((p): Content => ({ text: p.replace(/(?<=[\p{L}\d])-(?=[\p{L}\d])/gu, '\u2011'), alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 6] })),
    {
      table: { widths: [120, '*'], body: c.facts.map(([label, value]) => [{ text: label, bold: true, color: COLORS.navy }, { text: value }]) },
      layout: {
        hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => COLORS.gold,
        fillColor: () => COLORS.pale, paddingLeft: () => 8, paddingTop: () => 3, paddingBottom: () => 3,
      },
      fontSize: 11, margin: [0, 6, 0, 0],
    },
    { text: c.closing, fontSize: 10.5, margin: [0, 16, 0, 4] },
    ...(c.signature ? [{
      unbreakable: true,
      margin: [0, 18, 0, 0],
      columns: [
        { width: '*', stack: [c.signature.title, { text: `(${c.signature.district})`, fontSize: 10.5, color: COLORS.muted }] },
        { width: 'auto', text: [{ text: '________________  ', color: COLORS.muted }, { text: c.signature.name, bold: true }], margin: [0, 14, 0, 0] },
      ],
    } as Content] : []),
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [mm(20), mm(20), mm(20), mm(20)],
    info: { title: `${c.subject} — ${c.reference}`, creator: 'Esep' },
    content,
    footer: (page, pages) => ({
      margin: [mm(20), 20, mm(20), 0],
      columns: [
        { text: `${c.reference} · ${c.meetingNumber}`, fontSize: 8, color: COLORS.muted },
        { text: pages > 1 ? `${page} / ${pages}` : '', fontSize: 8, color: COLORS.muted, alignment: 'right' },
      ],
    }),
    defaultStyle: { font: 'Roboto', fontSize: 12, lineHeight: 1.2, color: COLORS.ink },
  };
  return renderPdf(doc);
}
