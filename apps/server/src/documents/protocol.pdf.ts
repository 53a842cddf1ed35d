/**
 * The meeting protocol as an A4 PDF in Kazakh or Russian (pdfmake, Roboto: Kazakh
 * letters intact). Every page carries "page N of M", a small QR code of the public verification
 * page and its URL. The document date is the content's assembly time, so the same content with
 * the same signatures renders byte-identical PDFs (the signed hashes can be re-derived).
 */
import type { ProtocolContent } from '@esep/contracts';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { COLORS, qrDataUrl, renderPdf } from './pdf.render.ts';
import { PROTOCOL_LABELS, protocolModel, type Block, type Cell, type ProtocolDocumentOptions, type ProtocolModel } from './protocol.labels.ts';

export type { ProtocolDocumentOptions } from './protocol.labels.ts';

const MARGIN = { left: 56, top: 48, right: 48, bottom: 86 };
const TEXT_WIDTH = 595.28 - MARGIN.left - MARGIN.right;
const QR_SIZE = 50;

const heading = (text: string): Content => ({ text, fontSize: 12, bold: true, color: COLORS.navy, margin: [0, 12, 0, 5], headlineLevel: 1 });

function cell(c: Cell): TableCell {
  const main = { text: c.text, fontSize: 9, bold: c.bold ?? false };
  return c.note
    ? { stack: [main, { text: c.note, fontSize: 8.5, italics: true, color: COLORS.muted, margin: [0, 2, 0, 0] }] }
    : main;
}

function table(head: string[], widths: number[], rows: Cell[][]): Content {
  const total = widths.reduce((a, b) => a + b, 0);
  // Column widths in points from the weights, leaving room for the cell padding and rules.
  const usable = TEXT_WIDTH - widths.length * 9;
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: widths.map((w) => Math.floor((usable * w) / total)),
      body: [head.map((h) => ({ text: h, bold: true, fontSize: 8.5, color: '#ffffff', fillColor: COLORS.navy })), ...rows.map((r) => r.map(cell))],
    },
    layout: { hLineColor: () => '#c9d1dc', vLineColor: () => '#c9d1dc' },
    margin: [0, 2, 0, 4],
  };
}

function facts(rows: Array<[string, string]>, labelWidth = 170): Content {
  return {
    table: { widths: [labelWidth, '*'], body: rows.map(([label, value]) => [{ text: label, color: COLORS.muted }, { text: value }]) },
    layout: 'noBorders', fontSize: 10, margin: [0, 0, 0, 4],
  };
}

function block(b: Block): Content {
  switch (b.kind) {
    case 'heading': return heading(b.text);
    case 'paragraphs': return { stack: b.texts.map((text) => ({ text, margin: [0, 0, 0, 4], ...(b.muted ? { color: COLORS.muted, italics: true } : {}) })), fontSize: 10, alignment: 'justify' } as Content;
    case 'facts': return facts(b.rows, 250);
    case 'table': return table(b.head, b.widths, b.rows);
  }
}

export function protocolDoc(model: ProtocolModel, qr: string): TDocumentDefinitions {
  const t = PROTOCOL_LABELS[model.lang];
  const content: Content[] = [
    { text: model.unit, fontSize: 9.5, color: COLORS.muted, alignment: 'center' },
    { text: model.point, fontSize: 9.5, color: COLORS.muted, alignment: 'center', margin: [0, 1, 0, 4] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH, y2: 0, lineWidth: 1.2, lineColor: COLORS.gold }], margin: [0, 0, 0, 8] },
    { text: model.title, fontSize: 17, bold: true, color: COLORS.navy, alignment: 'center' },
    { text: model.subtitle, fontSize: 11, alignment: 'center', margin: [0, 3, 0, 1] },
    { text: model.order, fontSize: 8.5, color: COLORS.muted, alignment: 'center', margin: [0, 0, 0, 10] },
    facts(model.facts),
    ...model.blocks.map(block),
    heading(t.signatures),
    { text: t.signaturesNote, fontSize: 8.5, italics: true, color: COLORS.muted },
    ...model.signatures.map((s): Content => ({
      unbreakable: true,
      margin: [0, 8, 0, 0],
      columns: [
        { width: '*', stack: [{ text: s.position }, ...(s.rank ? [{ text: s.rank, color: COLORS.muted, fontSize: 9.5 }] : [])] },
        {
          width: 230,
          stack: s.signed
            ? [{ text: s.name, bold: true }, { text: s.signed, fontSize: 8.5, color: COLORS.navy }]
            : [{ text: [{ text: '________________  ', color: COLORS.muted }, { text: s.name, bold: true }] }],
        },
      ],
    })),
  ];
  if (model.annex) {
    content.push({ text: model.annex.title, fontSize: 13, bold: true, color: COLORS.navy, pageBreak: 'before', margin: [0, 0, 0, 2] });
    content.push({ text: model.annex.note, fontSize: 8.5, italics: true, color: COLORS.muted, margin: [0, 0, 0, 6] });
    content.push(model.annex.rows.length ? table(model.annex.head, model.annex.widths, model.annex.rows) : { text: model.annex.empty, color: COLORS.muted });
  }
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    info: { title: model.title, subject: model.order, creator: 'Esep', producer: 'Esep', creationDate: model.createdAt },
    images: { qr },
    content,
    // A section heading never stays alone at the foot of a page: it moves on when nothing follows
    // it there or when it sits in the last lines (a table that moved on may leave stale positions).
    pageBreakBefore: (node, queries) => node.headlineLevel === 1
      && (queries.getFollowingNodesOnPage().length === 0 || (node.startPosition?.verticalRatio ?? 0) > 0.86),
    footer: (page, pages) => ({
      margin: [MARGIN.left, 20, MARGIN.right, 0],
      columns: [
        { image: 'qr', width: QR_SIZE, height: QR_SIZE },
        {
          width: '*', margin: [8, 4, 8, 0], fontSize: 7.5, color: COLORS.muted,
          stack: [{ text: `${t.verify}: ${model.footer.verifyUrl}` }, { text: `${model.title} · ${model.footer.copy}`, margin: [0, 2, 0, 0] }],
        },
        { width: 70, text: model.footer.page(page, pages), fontSize: 8, color: COLORS.muted, alignment: 'right', margin: [0, 4, 0, 0] },
      ],
    }),
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.15, color: COLORS.ink },
  };
}

/** The protocol as an A4 PDF; `internal` adds the register of participants (personal data). */
export async function protocolPdf(content: ProtocolContent, lang: 'kk' | 'ru', options: ProtocolDocumentOptions): Promise<Buffer> {
  const model = protocolModel(content, lang, options);
  return renderPdf(protocolDoc(model, await qrDataUrl(options.verifyUrl)));
}
