/**
 * Pieces of the report handout: the report's rich text (restricted Tiptap JSON, see
 * `RichText` in @esep/contracts) turned into pdfmake content, and the statistics table with its
 * bar chart. Text is always passed to pdfmake as text: what a person typed — `<b>` included —
 * is printed as typed, never interpreted.
 */
import { richTextPlain, type RichNode, type RichText } from '@esep/contracts';
import type { CanvasElement, Content, ContentText } from 'pdfmake/interfaces';
import type { DocLang } from './meeting-document.ts';
import { COLORS } from './pdf.render.ts';
import { CATEGORY_NAMES, REPORT_LABELS } from './report.labels.ts';

/** Deeper nesting than this is printed as plain text (pdfmake recursion stays shallow). */
const MAX_DEPTH = 8;

type Inline = ContentText | string;

function inline(nodes: readonly RichNode[] | undefined): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') { out.push('\n'); continue; }
    if (node.type !== 'text') { out.push(richTextPlain(node)); continue; }
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    const part: ContentText = { text: node.text ?? '' };
    if (marks.has('bold')) part.bold = true;
    if (marks.has('italic')) part.italics = true;
    if (marks.has('underline')) part.decoration = 'underline';
    out.push(part);
  }
  return out;
}

const textOf = (parts: Inline[]): ContentText['text'] => (parts.length ? parts : '');

function block(node: RichNode, depth: number): Content {
  if (depth > MAX_DEPTH) return { text: richTextPlain(node), margin: [0, 0, 0, 4] };
  switch (node.type) {
    case 'paragraph': return { text: textOf(inline(node.content)), margin: [0, 0, 0, 5] };
    case 'heading': {
      const level = node.attrs?.level ?? 3;
      return { text: textOf(inline(node.content)), bold: true, fontSize: level <= 2 ? 13 : level === 3 ? 12 : 11, color: COLORS.navy, margin: [0, 4, 0, 4] };
    }
    case 'bulletList': return { ul: (node.content ?? []).map((c) => block(c, depth + 1)), margin: [0, 0, 0, 5] };
    case 'orderedList': return { ol: (node.content ?? []).map((c) => block(c, depth + 1)), start: node.attrs?.start ?? 1, margin: [0, 0, 0, 5] } as Content;
    case 'listItem': return { stack: (node.content ?? []).map((c) => block(c, depth + 1)) };
    case 'text': case 'hardBreak': return { text: textOf(inline([node])) };
    default: return { stack: (node.content ?? []).map((c) => block(c, depth + 1)) };
  }
}

/** The blocks of a rich-text document, ready to put in a pdfmake `stack`. */
export function richContent(doc: RichText | RichNode): Content[] {
  return (doc.content ?? []).map((node) => block(node, 1));
}

export interface StatisticsRowData { category: keyof typeof CATEGORY_NAMES; count: number; lastYear: number | null; changePercent: number | null }

const number = (n: number | null, lang: DocLang, sign = false): string => {
  if (n == null) return '—';
  const text = Math.abs(n).toLocaleString(lang === 'kk' ? 'kk-KZ' : 'ru-RU', { maximumFractionDigits: 1 });
  if (!sign || n === 0) return text;
  return `${n > 0 ? '+' : '−'}${text}`;
};

/** The table of one district's quarter against the same quarter last year, with a bar chart. */
export function statisticsBlock(title: string, rows: readonly StatisticsRowData[], lang: DocLang, lead: Content[] = []): Content[] {
  const t = REPORT_LABELS[lang];
  const total = rows.reduce((s, r) => s + r.count, 0);
  const hasLastYear = rows.some((r) => r.lastYear != null);
  const lastTotal = hasLastYear ? rows.reduce((s, r) => s + (r.lastYear ?? 0), 0) : null;
  const head = (text: string, alignment: 'left' | 'right' = 'left') => ({ text, bold: true, fontSize: 8.5, color: '#ffffff', fillColor: COLORS.navy, alignment });
  const body = [
    [head('№'), head(t.category), head(t.thisQuarter, 'right'), head(t.lastYear, 'right'), head(t.change, 'right')],
    ...rows.map((r, i) => [
      { text: String(i + 1), fontSize: 9 }, { text: CATEGORY_NAMES[r.category][lang], fontSize: 9 },
      { text: number(r.count, lang), fontSize: 9, alignment: 'right' as const }, { text: number(r.lastYear, lang), fontSize: 9, alignment: 'right' as const },
      { text: number(r.changePercent, lang, true), fontSize: 9, alignment: 'right' as const },
    ]),
    [
      { text: '', fontSize: 9 }, { text: t.total, bold: true, fontSize: 9 }, { text: number(total, lang), bold: true, fontSize: 9, alignment: 'right' as const },
      { text: number(lastTotal, lang), bold: true, fontSize: 9, alignment: 'right' as const },
      { text: number(lastTotal ? Math.round(((total - lastTotal) / lastTotal) * 1000) / 10 : null, lang, true), bold: true, fontSize: 9, alignment: 'right' as const },
    ],
  ];
  // Title, table and chart stay on one page together.
  return [{
    unbreakable: true,
    stack: [
      ...lead,
      { text: title, bold: true, fontSize: 11, color: COLORS.ink, margin: [0, 8, 0, 4] },
      {
        table: { headerRows: 1, widths: [18, '*', 62, 82, 58], body, dontBreakRows: true },
        layout: { hLineColor: () => '#c9d1dc', vLineColor: () => '#c9d1dc', fillColor: (row: number) => (row > 0 && row % 2 === 0 ? COLORS.pale : null) },
      },
      barChart(rows, lang),
    ],
  }];
}

/** Two bars per category (this quarter navy, last year gold), numbered as the table rows. */
function barChart(rows: readonly StatisticsRowData[], lang: DocLang): Content {
  const t = REPORT_LABELS[lang];
  const width = 499;
  const height = 70;
  const top = 4;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.count, r.lastYear ?? 0)));
  const group = width / Math.max(1, rows.length);
  const bar = Math.min(14, (group - 8) / 2);
  const shapes: CanvasElement[] = [{ type: 'line', x1: 0, y1: top + height, x2: width, y2: top + height, lineWidth: 0.6, lineColor: COLORS.muted }];
  rows.forEach((r, i) => {
    const x = i * group + (group - 2 * bar) / 2;
    const h = (r.count / max) * height;
    shapes.push({ type: 'rect', x, y: top + height - h, w: bar, h, color: COLORS.navy });
    if (r.lastYear != null) {
      const hl = (r.lastYear / max) * height;
      shapes.push({ type: 'rect', x: x + bar, y: top + height - hl, w: bar, h: hl, color: COLORS.gold });
    }
  });
  return {
    stack: [
      { canvas: shapes, margin: [0, 6, 0, 0] },
      { columns: rows.map((_, i) => ({ text: String(i + 1), fontSize: 7, alignment: 'center' as const, color: COLORS.muted })), columnGap: 0 },
      {
        text: [
          { text: '■ ', color: COLORS.navy }, { text: `${t.chartThis}   `, color: COLORS.muted },
          { text: '■ ', color: COLORS.gold }, { text: t.chartLast, color: COLORS.muted },
        ],
        fontSize: 7.5, margin: [0, 2, 0, 8],
      },
    ],
  };
}
