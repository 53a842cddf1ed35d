/**
 * The meeting protocol as a Word document (docx 9): the same content and order as the
 * PDF (protocol.labels.ts lays both out), A4 with 2 cm margins (3 cm on the binding side), the QR
 * code of the verification page on the first page, the verify URL and "page N of M" in the
 * footer of every page. LibreOffice converts it to PDF.
 */
import type { ProtocolContent } from '@esep/contracts';
import {
  AlignmentType, BorderStyle, Document, Footer, ImageRun, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableLayoutType,
  TableRow, TextRun, VerticalAlign, WidthType, convertMillimetersToTwip,
} from 'docx';
import QRCode from 'qrcode';
import { PROTOCOL_LABELS, protocolModel, type Block, type Cell, type ProtocolDocumentOptions, type ProtocolModel } from './protocol.labels.ts';

const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(22), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const NAVY = '0F2F57';
const MUTED = '5B6472';
const RULE = 'C9D1DC';

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun =>
  new TextRun({ text, font: FONT, size: Math.round((o.size ?? 12) * 2), bold: o.bold, italics: o.italics, color: o.color });

const para = (children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; keepNext?: boolean } = {}): Paragraph =>
  new Paragraph({ alignment: o.align, spacing: { before: o.before ?? 0, after: o.after ?? 0 }, keepNext: o.keepNext, children });

const borders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: RULE }, bottom: { style: BorderStyle.SINGLE, size: 4, color: RULE },
  left: { style: BorderStyle.SINGLE, size: 4, color: RULE }, right: { style: BorderStyle.SINGLE, size: 4, color: RULE },
};
const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function columnWidths(weights: number[], width = TEXT_WIDTH): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((width * w) / total));
}

function table(head: string[], weights: number[], rows: Cell[][]): Table {
  const widths = columnWidths(weights);
  const cellOf = (c: Cell, i: number): TableCell => new TableCell({
    width: { size: widths[i]!, type: WidthType.DXA }, borders, margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      para([run(c.text, { size: 10, bold: c.bold })]),
      ...(c.note ? [para([run(c.note, { size: 9.5, italics: true, color: MUTED })], { before: 40 })] : []),
    ],
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true, cantSplit: true,
        children: head.map((h, i) => new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA }, borders, verticalAlign: VerticalAlign.CENTER,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: NAVY }, margins: { top: 40, bottom: 40, left: 80, right: 80 },
          children: [para([run(h, { size: 9.5, bold: true, color: 'FFFFFF' })])],
        })),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map(cellOf) })),
    ],
  });
}

function facts(rows: Array<[string, string]>, labelShare = 0.33): Table {
  const widths = columnWidths([labelShare, 1 - labelShare]);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders: noBorders,
    rows: rows.map(([label, value]) => new TableRow({
      cantSplit: true,
      children: [
        new TableCell({ width: { size: widths[0]!, type: WidthType.DXA }, borders: noBorders, children: [para([run(label, { size: 11, color: MUTED })], { after: 40 })] }),
        new TableCell({ width: { size: widths[1]!, type: WidthType.DXA }, borders: noBorders, children: value.split('\n').map((line) => para([run(line, { size: 11 })], { after: 40 })) }),
      ],
    })),
  });
}

const heading = (text: string, pageBreakBefore = false): Paragraph => new Paragraph({
  keepNext: true, pageBreakBefore, spacing: { before: 240, after: 100 }, children: [run(text, { bold: true, size: 13, color: NAVY })],
});

function block(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading': return [heading(b.text)];
    case 'paragraphs': return b.texts.map((text) => new Paragraph({
      alignment: AlignmentType.JUSTIFIED, indent: b.muted ? undefined : { firstLine: 567 }, spacing: { after: 80 },
      children: [run(text, { size: 12, italics: b.muted, color: b.muted ? MUTED : undefined })],
    }));
    case 'facts': return [facts(b.rows, 0.5)];
    case 'table': return [table(b.head, b.widths, b.rows)];
  }
}

function body(model: ProtocolModel, qr: Buffer): Array<Paragraph | Table> {
  const t = PROTOCOL_LABELS[model.lang];
  const out: Array<Paragraph | Table> = [
    para([run(model.unit, { size: 10, color: MUTED })], { align: AlignmentType.CENTER }),
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { after: 160 },
      border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 12, color: 'C8A24A', space: 4 } },
      children: [run(model.point, { size: 10, color: MUTED })],
    }),
    // The QR code of the verification page, on the first page (R-32.1: anyone can check the copy).
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new ImageRun({ type: 'png', data: qr, transformation: { width: 84, height: 84 }, altText: { name: 'QR', title: t.verify, description: model.footer.verifyUrl } })],
    }),
    para([run(model.title, { bold: true, size: 16, color: NAVY })], { align: AlignmentType.CENTER }),
    para([run(model.subtitle, { size: 12 })], { align: AlignmentType.CENTER, before: 60 }),
    para([run(model.order, { size: 9.5, color: MUTED })], { align: AlignmentType.CENTER, after: 200 }),
    facts(model.facts),
    ...model.blocks.flatMap(block),
    heading(t.signatures),
    para([run(t.signaturesNote, { size: 9.5, italics: true, color: MUTED })], { keepNext: true }),
  ];
  const widths = columnWidths([1, 1]);
  out.push(new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders: noBorders,
    rows: model.signatures.map((s) => new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: widths[0]!, type: WidthType.DXA }, borders: noBorders,
          children: [para([run(s.position, { size: 12 })], { before: 160 }), ...(s.rank ? [para([run(s.rank, { size: 11, color: MUTED })])] : [])],
        }),
        new TableCell({
          width: { size: widths[1]!, type: WidthType.DXA }, borders: noBorders,
          children: s.signed
            ? [para([run(s.name, { bold: true, size: 12 })], { before: 160 }), para([run(s.signed, { size: 9.5, color: NAVY })])]
            : [para([run('________________  ', { color: MUTED }), run(s.name, { bold: true, size: 12 })], { before: 320 })],
        }),
      ],
    })),
  }));
  if (model.annex) {
    out.push(heading(model.annex.title, true));
    out.push(para([run(model.annex.note, { size: 9.5, italics: true, color: MUTED })], { after: 120 }));
    out.push(model.annex.rows.length ? table(model.annex.head, model.annex.widths, model.annex.rows) : para([run(model.annex.empty, { color: MUTED })]));
  }
  return out;
}

function footer(model: ProtocolModel): Footer {
  const t = PROTOCOL_LABELS[model.lang];
  const pageRuns = model.lang === 'kk'
    ? [new TextRun({ children: [PageNumber.CURRENT, '-бет / ', PageNumber.TOTAL_PAGES], font: FONT, size: 18, color: MUTED })]
    : [new TextRun({ children: ['Стр. ', PageNumber.CURRENT, ' из ', PageNumber.TOTAL_PAGES], font: FONT, size: 18, color: MUTED })];
  return new Footer({
    children: [
      new Paragraph({ border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } }, children: [run(`${t.verify}: ${model.footer.verifyUrl}`, { size: 8, color: MUTED })] }),
      para([run(`${model.title} · ${model.footer.copy}`, { size: 8, color: MUTED })]),
      para(pageRuns, { align: AlignmentType.RIGHT }),
    ],
  });
}

/** The protocol as a DOCX; `internal` adds the register of participants (personal data). */
export async function protocolDocx(content: ProtocolContent, lang: 'kk' | 'ru', options: ProtocolDocumentOptions): Promise<Buffer> {
  const model = protocolModel(content, lang, options);
  const qr = await QRCode.toBuffer(options.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new Document({
    creator: 'Esep',
    title: model.title,
    subject: model.order,
    styles: { default: { document: { run: { font: FONT, size: 24 }, paragraph: { spacing: { line: 264 } } } } },
    sections: [{
      properties: { page: { size: A4, margin: { ...MARGIN, header: 567, footer: 454 } } },
      footers: { default: footer(model) },
      children: body(model, qr),
    }],
  });
  return Packer.toBuffer(doc);
}
