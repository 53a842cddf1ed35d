/**
 * Invitation letters to a reporting meeting, as DOCX (docx 9) and PDF (pdfmake): A4, 2 cm margins,
 * the police unit's letterhead with outgoing number and date, addressee, subject, body and the
 * reporting inspectors' signatures. R-26: police leadership and akimat (required); R-28: the
 * others, by agreement. The wording is in invitation.content.ts.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, Paragraph, TabStopType, TextRun,
  convertMillimetersToTwip,
} from 'docx';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { invitationContent, type InvitationContent } from './invitation.content.ts';
import type { DocLang, InvitationDocumentData } from './meeting-document.ts';
import { COLORS, renderPdf } from './pdf.render.ts';

const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 };
const MARGIN = convertMillimetersToTwip(20);
const TEXT_WIDTH = A4.width - 2 * MARGIN;

function checkLang(lang: DocLang): void {
  if (lang !== 'kk' && lang !== 'ru') throw new RangeError(`Unknown letter language: ${String(lang)}`);
}

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun =>
  new TextRun({ text, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold, italics: o.italics, color: o.color });

function letterhead(c: InvitationContent): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(c.unitName.toUpperCase(), { bold: true, size: 12, color: '0F2F57' })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 12, color: 'C8A24A', space: 4 } },
      children: [run(c.pointName, { size: 11, color: '5B6472' })],
    }),
    new Paragraph({ spacing: { before: 160 }, children: [run(c.outgoing, { size: 12 })] }),
  ];
}

/** The invitation as a Word document (A4, margins 2 cm). */
export async function invitationDocx(data: InvitationDocumentData, lang: DocLang): Promise<Buffer> {
  checkLang(lang);
  const c = invitationContent(data, lang);
  const body: Paragraph[] = [
    ...c.addressee.map((line, i) => new Paragraph({
      indent: { left: Math.round(TEXT_WIDTH * 0.5) }, spacing: { before: i === 0 ? 240 : 0 }, children: [run(line, { bold: true })],
    })),
    new Paragraph({ spacing: { before: 360, after: 240 }, children: [run(c.subject, { italics: true, size: 13 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(c.salutation, { bold: true })] }),
    ...c.paragraphs.map((p) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 709 }, spacing: { after: 120 }, children: [run(p)] })),
    ...c.facts.map(([label, value], i) => new Paragraph({
      indent: { left: 709 }, spacing: { before: i === 0 ? 120 : 0, after: 60 }, children: [run(`${label}: `, { bold: true }), run(value)],
    })),
    new Paragraph({ spacing: { before: 360, after: 120 }, children: [run(c.closing)] }),
    ...c.signatures.flatMap((s) => [
      new Paragraph({ keepNext: true, spacing: { before: 200 }, children: [run(s.title)] }),
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [run(`(${s.district})`), run('\t'), run('________________  '), run(s.name, { bold: true })],
      }),
    ]),
  ];
  const doc = new Document({
    creator: 'Esep',
    title: `${c.subject} — ${c.meetingNumber}`,
    styles: { default: { document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { line: 264 } } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: { size: A4, margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: 567, footer: 567 } },
      },
      headers: {
        first: new Header({ children: letterhead(c) }),
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

/** The same invitation as a PDF (pdfmake, Roboto: Kazakh letters intact). */
export async function invitationPdf(data: InvitationDocumentData, lang: DocLang): Promise<Buffer> {
  checkLang(lang);
  const c = invitationContent(data, lang);
  const mm = (x: number): number => (x * 72) / 25.4;
  const content: Content[] = [
    { text: c.unitName.toUpperCase(), alignment: 'center', bold: true, fontSize: 11, color: COLORS.navy },
    { text: c.pointName, alignment: 'center', fontSize: 10, color: COLORS.muted, margin: [0, 2, 0, 4] },
    { canvas: [
      { type: 'line', x1: 0, y1: 0, x2: 481.9, y2: 0, lineWidth: 1.6, lineColor: COLORS.gold },
      { type: 'line', x1: 0, y1: 3, x2: 481.9, y2: 3, lineWidth: 0.5, lineColor: COLORS.gold },
    ] },
    { text: c.outgoing, fontSize: 10.5, margin: [0, 8, 0, 0] },
    { stack: c.addressee.map((a) => ({ text: a, bold: true })), margin: [240, 14, 0, 0], fontSize: 12 },
    { text: c.subject, italics: true, fontSize: 11.5, margin: [0, 22, 0, 14] },
    { text: c.salutation, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
    // Non-breaking hyphens: pdfmake would otherwise widen the gap after "26-" in justified lines.
    ...c.paragraphs.map((p): Content => ({ text: p.replace(/(?<=[\p{L}\d])-(?=[\p{L}\d])/gu, '\u2011'), alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 6] })),
    {
      table: { widths: [140, '*'], body: c.facts.map(([label, value]) => [{ text: label, bold: true, color: COLORS.navy }, { text: value }]) },
      layout: {
        hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => COLORS.gold,
        fillColor: () => COLORS.pale, paddingLeft: () => 8, paddingTop: () => 3, paddingBottom: () => 3,
      },
      fontSize: 11, margin: [0, 6, 0, 0],
    },
    { text: c.closing, margin: [0, 22, 0, 4] },
    ...c.signatures.map((s): Content => ({
      unbreakable: true,
      margin: [0, 10, 0, 0],
      columns: [
        { width: '*', stack: [s.title, { text: `(${s.district})`, fontSize: 10.5, color: COLORS.muted }] },
        { width: 'auto', text: [{ text: '________________  ', color: COLORS.muted }, { text: s.name, bold: true }], margin: [0, 14, 0, 0] },
      ],
    })),
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [mm(20), mm(20), mm(20), mm(20)],
    info: { title: `${c.subject} — ${c.meetingNumber}`, creator: 'Esep' },
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
