/**
 * The report handout: what the inspector reports to residents, printed on A4 for those
 * present. For each reporting inspector his four sections in order, the district statistics
 * against the same quarter last year with a bar chart, what became of the items raised at
 * earlier meetings (R-30 ¶4, R-32.4, R-32.5) and the sources the report was prepared from
 * . All labels are in the chosen language.
 */
import type { RichText } from '@esep/contracts';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatWhen, type DocLang } from './meeting-document.ts';
import { COLORS, renderPdf } from './pdf.render.ts';
import { richContent, statisticsBlock, type StatisticsRowData } from './report.content.ts';
import { ITEM_KIND_NAMES, OUTCOME_NAMES, REPORT_LABELS, SECTION_NAMES, SOURCE_NAMES } from './report.labels.ts';

export interface ReportDocumentData {
  number: string;
  startsAt: Date;
  endsAt: Date;
  /** Where the meeting takes place, in each language. */
  place: Record<DocLang, string>;
  /** Unit and point, shown above the title. */
  unit: Record<DocLang, string>;
  reporters: Array<{
    fullName: string;
    districts: Array<Record<DocLang, string>>;
    sections: Array<{ section: keyof typeof SECTION_NAMES; content: RichText | null }>;
  }>;
  statistics: Array<{ district: Record<DocLang, string>; year: number; quarter: number; rows: StatisticsRowData[] }>;
  carryOver: Array<{
    reference: string; kind: keyof typeof ITEM_KIND_NAMES; text: string; outcome: keyof typeof OUTCOME_NAMES; answer: string | null; note: string | null;
    /** Issue 13: residents who say it was not resolved, with their words (no names). */
    residentsNotResolved?: { count: number; words: string[] };
  }>;
  sources: Array<{ kind: keyof typeof SOURCE_NAMES; title: string; sourceDate: string | null }>;
}

const heading = (text: string, extra: Partial<{ pageBreak: 'before' }> = {}): Content =>
  ({ text, fontSize: 14, bold: true, color: COLORS.navy, margin: [0, 14, 0, 6], ...extra });

function reporterContent(r: ReportDocumentData['reporters'][number], lang: DocLang): Content[] {
  const t = REPORT_LABELS[lang];
  const out: Content[] = [
    heading(`${t.reporter}: ${r.fullName}`),
    { text: r.districts.map((d) => d[lang]).join('; '), fontSize: 9.5, color: COLORS.muted, margin: [0, -4, 0, 6] },
  ];
  r.sections.forEach((s, i) => {
    out.push({ text: `${i + 1}. ${SECTION_NAMES[s.section][lang]}`, fontSize: 12, bold: true, color: COLORS.ink, margin: [0, 8, 0, 4] });
    out.push(s.content && s.content.content.length
      ? { stack: richContent(s.content), fontSize: 10.5 }
      : { text: t.notWritten, italics: true, color: COLORS.muted, fontSize: 10 });
  });
  return out;
}

/** Issue 13: the marker "residents say not resolved" and their words, under the outcome. */
function residentsSay(r: { count: number; words: string[] } | undefined, lang: DocLang): Content[] {
  if (!r || r.count === 0) return [];
  return [
    { text: REPORT_LABELS[lang].residentsNotResolved(r.count), bold: true, fontSize: 8, color: '#8a1c1c', margin: [0, 3, 0, 0] as [number, number, number, number] },
    ...r.words.map((w) => ({ text: `«${w}»`, fontSize: 8, italics: true })),
  ];
}

function carryOverContent(items: ReportDocumentData['carryOver'], lang: DocLang): Content[] {
  const t = REPORT_LABELS[lang];
  if (items.length === 0) return [heading(t.carryOver), { text: t.noCarry, color: COLORS.muted, fontSize: 10 }];
  const head = (text: string) => ({ text, bold: true, fontSize: 8.5, color: '#ffffff', fillColor: COLORS.navy });
  const cell = (text: string) => ({ text, fontSize: 8.5 });
  return [
    heading(t.carryOver),
    {
      table: {
        headerRows: 1,
        widths: [100, 46, '*', 70, 96],
        body: [
          [head(t.reference), head(t.kind), head(t.text), head(t.outcome), head(t.note)],
          ...items.map((c) => [
            { text: c.reference, fontSize: 7.5, noWrap: true }, cell(ITEM_KIND_NAMES[c.kind][lang]),
            { stack: [cell(c.text), ...(c.answer ? [{ text: c.answer, fontSize: 8, italics: true, color: COLORS.muted, margin: [0, 2, 0, 0] as [number, number, number, number] }] : [])] },
            { stack: [cell(OUTCOME_NAMES[c.outcome][lang]), ...residentsSay(c.residentsNotResolved, lang)] }, cell(c.note ?? '—'),
          ]),
        ],
      },
      layout: { hLineColor: () => '#c9d1dc', vLineColor: () => '#c9d1dc' },
    },
  ];
}

export function reportDoc(data: ReportDocumentData, lang: DocLang): TDocumentDefinitions {
  const t = REPORT_LABELS[lang];
  const content: Content[] = [
    { text: data.unit[lang], fontSize: 9, color: COLORS.muted, alignment: 'center' },
    { text: t.title, fontSize: 17, bold: true, color: COLORS.navy, alignment: 'center', margin: [0, 6, 0, 4] },
    { text: `${t.meeting} № ${data.number}`, fontSize: 11, alignment: 'center', color: COLORS.ink },
    { text: formatWhen(data, lang), fontSize: 10, alignment: 'center', color: COLORS.ink, margin: [0, 2, 0, 0] },
    { text: `${t.place}: ${data.place[lang]}`, fontSize: 10, alignment: 'center', color: COLORS.ink, margin: [0, 2, 0, 6] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 499, y2: 0, lineWidth: 1.2, lineColor: COLORS.gold }], margin: [0, 0, 0, 4] },
  ];
  for (const r of data.reporters) content.push(...reporterContent(r, lang));
  // The heading travels with the first district's table, never alone at the foot of a page.
  data.statistics.forEach((s, i) => {
    content.push(...statisticsBlock(`${s.district[lang]} — ${t.quarter(s.year, s.quarter)}`, s.rows, lang, i === 0 ? [heading(t.statistics)] : []));
  });
  content.push(...carryOverContent(data.carryOver, lang));
  if (data.sources.length) {
    content.push(heading(t.sources));
    content.push({
      ul: data.sources.map((s) => ({ text: [{ text: `${SOURCE_NAMES[s.kind][lang]}: `, bold: true }, s.title, s.sourceDate ? ` (${s.sourceDate})` : ''] })),
      fontSize: 9.5,
    });
  }
  return {
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    info: { title: `${t.title} — ${data.number}`, subject: t.rule, creator: 'Esep' },
    content,
    footer: (page, pages) => ({
      margin: [48, 18, 48, 0],
      columns: [
        { text: `${t.meeting} № ${data.number}`, fontSize: 8, color: COLORS.muted },
        { text: t.page(page, pages), fontSize: 8, color: COLORS.muted, alignment: 'right' },
      ],
    }),
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
  };
}

/** The handout as an A4 PDF in Kazakh or Russian. */
export async function reportPdf(data: ReportDocumentData, lang: DocLang): Promise<Buffer> {
  if (lang !== 'kk' && lang !== 'ru') throw new RangeError(`Unknown report language: ${String(lang)}`);
  return renderPdf(reportDoc(data, lang));
}
