/**
 * The official letter of a police unit, shared by the invitations and the
 * forwarding letters: A4 with 2 cm margins, the unit's letterhead (name, point, gold
 * rule, outgoing number and date), the item reference in the first page's footer, page numbers
 * after it — as DOCX (docx 9) and as PDF (pdfmake, Roboto: Kazakh letters intact). Each letter
 * supplies its body; the parts every letter has (justified paragraphs, facts, the signature)
 * are made here.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, Paragraph, TabStopType, TextRun,
  convertMillimetersToTwip,
} from 'docx';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DocLang } from './meeting-document.ts';
import { COLORS, renderPdf } from './pdf.render.ts';

const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 };
const MARGIN = convertMillimetersToTwip(20);
export const TEXT_WIDTH = A4.width - 2 * MARGIN;
const mm = (x: number): number => (x * 72) / 25.4;

export interface LetterHead { unitName: string; pointName: string; outgoing: string; reference: string; meetingNumber: string }
export interface LetterSignature { title: string; district: string; name: string }

export function checkLang(lang: DocLang): void {
  if (lang !== 'kk' && lang !== 'ru') throw new RangeError(`Unknown letter language: ${String(lang)}`);
}

/** A run of the letter's font; sizes in points. */
export const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun =>
  new TextRun({ text, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold, italics: o.italics, color: o.color });

// ─── DOCX ─────────────────────────────────────────────────────────────────

export const docxParagraphs = (paragraphs: readonly string[]): Paragraph[] =>
  paragraphs.map((p) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 709 }, spacing: { after: 120 }, children: [run(p)] }));

export const docxFacts = (facts: ReadonlyArray<readonly [string, string]>): Paragraph[] =>
  facts.map(([label, value], i) => new Paragraph({
    indent: { left: 709 }, spacing: { before: i === 0 ? 120 : 0, after: 60 }, children: [run(`${label}: `, { bold: true }), run(value)],
  }));

export const docxSignature = (s: LetterSignature, before: number): Paragraph[] => [
  new Paragraph({ keepNext: true, spacing: { before }, children: [run(s.title)] }),
  new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    children: [run(`(${s.district})`), run('\t'), run('________________  '), run(s.name, { bold: true })],
  }),
];

/** The letter as a Word document: the letterhead on the first page, then the body. */
export function letterDocx(head: LetterHead, title: string, body: Paragraph[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Esep',
    title,
    styles: { default: { document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { line: 264 } } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: { size: A4, margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: 567, footer: 567 } },
      },
      headers: {
        first: new Header({
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [run(head.unitName.toUpperCase(), { bold: true, size: 12, color: '0F2F57' })] }),
            new Paragraph({
              alignment: AlignmentType.CENTER,
              border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 12, color: 'C8A24A', space: 4 } },
              children: [run(head.pointName, { size: 11, color: '5B6472' })],
            }),
            new Paragraph({ spacing: { before: 160 }, children: [run(head.outgoing, { size: 12 })] }),
          ],
        }),
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(head.unitName, { size: 9, color: '5B6472' })] })] }),
      },
      footers: {
        first: new Footer({ children: [new Paragraph({ children: [run(`${head.reference} · ${head.meetingNumber}`, { size: 9, color: '5B6472' })] })] }),
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 18 })] })],
        }),
      },
      children: body,
    }],
  });
  return Packer.toBuffer(doc);
}

// ─── PDF ──────────────────────────────────────────────────────────────────

// Non-breaking hyphens: pdfmake would otherwise widen the gap after "26-" in justified lines.
export const pdfParagraphs = (paragraphs: readonly string[]): Content[] =>
  paragraphs.map((p): Content => ({ text: p.replace(/(?<=[\p{L}\d])-(?=[\p{L}\d])/gu, '\u2011'), alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 6] }));

export const pdfFacts = (facts: ReadonlyArray<readonly [string, string]>, labelWidth: number): Content => ({
  table: { widths: [labelWidth, '*'], body: facts.map(([label, value]) => [{ text: label, bold: true, color: COLORS.navy }, { text: value }]) },
  layout: {
    hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => COLORS.gold,
    fillColor: () => COLORS.pale, paddingLeft: () => 8, paddingTop: () => 3, paddingBottom: () => 3,
  },
  fontSize: 11, margin: [0, 6, 0, 0],
});

export const pdfSignature = (s: LetterSignature, top: number): Content => ({
  unbreakable: true,
  margin: [0, top, 0, 0],
  columns: [
    { width: '*', stack: [s.title, { text: `(${s.district})`, fontSize: 10.5, color: COLORS.muted }] },
    { width: 'auto', text: [{ text: '________________  ', color: COLORS.muted }, { text: s.name, bold: true }], margin: [0, 14, 0, 0] },
  ],
});

/** The letter as a PDF: the letterhead, then the body; the reference and page numbers below. */
export function letterPdf(head: LetterHead, title: string, body: Content[]): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [mm(20), mm(20), mm(20), mm(20)],
    info: { title, creator: 'Esep' },
    content: [
      { text: head.unitName.toUpperCase(), alignment: 'center', bold: true, fontSize: 11, color: COLORS.navy },
      { text: head.pointName, alignment: 'center', fontSize: 10, color: COLORS.muted, margin: [0, 2, 0, 4] },
      { canvas: [
        { type: 'line', x1: 0, y1: 0, x2: 481.9, y2: 0, lineWidth: 1.6, lineColor: COLORS.gold },
        { type: 'line', x1: 0, y1: 3, x2: 481.9, y2: 3, lineWidth: 0.5, lineColor: COLORS.gold },
      ] },
      { text: head.outgoing, fontSize: 10.5, margin: [0, 8, 0, 0] },
      ...body,
    ],
    footer: (page, pages) => ({
      margin: [mm(20), 20, mm(20), 0],
      columns: [
        { text: `${head.reference} · ${head.meetingNumber}`, fontSize: 8, color: COLORS.muted },
        { text: pages > 1 ? `${page} / ${pages}` : '', fontSize: 8, color: COLORS.muted, alignment: 'right' },
      ],
    }),
    defaultStyle: { font: 'Roboto', fontSize: 12, lineHeight: 1.2, color: COLORS.ink },
  };
  return renderPdf(doc);
}
