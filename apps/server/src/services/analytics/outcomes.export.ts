import type { ItemsReport, ParticipationReport } from '@esep/contracts';
import { formatQuarter } from '@esep/domain';
import type { Workbook } from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { z } from 'zod';
import { COLORS } from '../../documents/pdf.render.ts';

/*
 * Issue 15: the participation and items of the current view in the same files as its compliance
 * — a sheet each in the XLSX (a row per quarter and area, the JSON's numbers) and the
 * territory's figures per quarter in the PDF report.
 */
type Participation = z.infer<typeof ParticipationReport>;
type Items = z.infer<typeof ItemsReport>;
type Lang = 'kk' | 'ru';
type Area = { quarter: string; level: string; code: string; nameKk: string; nameRu: string; total: boolean };

/** The rows of a report: per quarter the territory (its own code and names given), then its children. */
function rowsOf<F>(report: { childLevel: string | null; territory: { level: string }; quarters: Array<{ quarter: string; total: F; children: Array<{ code: string; nameKk: string; nameRu: string; figures: F }> }> }, own: { code: string; nameKk: string; nameRu: string }) {
  return report.quarters.flatMap((q) => [
    { quarter: q.quarter, level: report.territory.level, ...own, total: true, figures: q.total },
    ...q.children.map((c) => ({ quarter: q.quarter, level: report.childLevel ?? '', code: c.code, nameKk: c.nameKk, nameRu: c.nameRu, total: false, figures: c.figures })),
  ]);
}

const AREA_COLUMNS = [
  { header: 'quarter', key: 'quarter', width: 10 }, { header: 'level', key: 'level', width: 10 }, { header: 'code', key: 'code', width: 18 },
  { header: 'name_kk', key: 'nameKk', width: 32 }, { header: 'name_ru', key: 'nameRu', width: 32 },
];
const area = (r: Area) => ({ quarter: r.quarter, level: r.level, code: r.code, nameKk: r.nameKk, nameRu: r.nameRu });

export function addOutcomeSheets(workbook: Workbook, participation: Participation, items: Items, own: { code: string; nameKk: string; nameRu: string }) {
  const p = workbook.addWorksheet('participation', { views: [{ state: 'frozen', ySplit: 1 }] });
  const formats = ['indoor', 'open_air', 'online', 'hybrid'] as const;
  p.columns = [
    ...AREA_COLUMNS,
    ...['meetings', 'participants', 'residents', 'per_meeting', 'population', 'per_thousand'].map((key) => ({ header: key, key, width: 12 })),
    ...formats.flatMap((f) => [{ header: `${f} meetings`, key: `${f}_meetings`, width: 12 }, { header: `${f} participants`, key: `${f}_participants`, width: 14 }]),
  ];
  p.getRow(1).font = { bold: true };
  for (const r of rowsOf(participation, own)) {
    const f = r.figures;
    const row = p.addRow({
      ...area(r), meetings: f.meetings, participants: f.participants, residents: f.residents, per_meeting: f.perMeeting, population: f.population,
      per_thousand: f.perThousand, ...Object.fromEntries(f.byFormat.flatMap((b) => [[`${b.format}_meetings`, b.meetings], [`${b.format}_participants`, b.participants]])),
    });
    if (r.total) row.font = { bold: true };
  }

  const s = workbook.addWorksheet('items', { views: [{ state: 'frozen', ySplit: 1 }] });
  const kinds = ['complaint', 'proposal', 'remark', 'question'] as const;
  const outcomes = ['answered', 'to_check', 'to_forward'] as const;
  s.columns = [
    ...AREA_COLUMNS, { header: 'items', key: 'items', width: 10 },
    ...kinds.map((k) => ({ header: k, key: k, width: 11 })), ...outcomes.map((o) => ({ header: o, key: o, width: 11 })),
    ...['checks_on_time', 'checks_overdue', 'checks_open', 'forwardings', 'forwardings_notified', 'verdicts_resolved', 'verdicts_not_resolved']
      .map((key) => ({ header: key, key, width: 14 })),
  ];
  s.getRow(1).font = { bold: true };
  for (const r of rowsOf(items, own)) {
    const f = r.figures;
    const row = s.addRow({
      ...area(r), items: f.items, ...Object.fromEntries(f.byKind.map((k) => [k.kind, k.n])), ...Object.fromEntries(f.byOutcome.map((o) => [o.outcome, o.n])),
      checks_on_time: f.checks.onTime, checks_overdue: f.checks.overdue, checks_open: f.checks.open,
      forwardings: f.forwardings.total, forwardings_notified: f.forwardings.notified,
      verdicts_resolved: f.verdicts.resolved, verdicts_not_resolved: f.verdicts.notResolved,
    });
    if (r.total) row.font = { bold: true };
  }
}

const LABELS = {
  kk: {
    participation: 'Қатысу', quarter: 'Тоқсан', meetings: 'Кездесулер', participants: 'Қатысушылар', residents: 'Тұрғындар',
    perMeeting: 'Бір кездесуге', perThousand: '1 000 тұрғынға', items: 'Ұсыныстар мен ескертулер', total: 'Барлығы',
    complaints: 'Шағымдар', answered: 'Жауап берілді', checks: 'Тексерулер: уақытында / кешіккен / ашық', forwardings: 'Жолданды / хабардар етілді',
    verdicts: 'Тұрғындардың бағасы: шешілді / шешілмеді',
  },
  ru: {
    participation: 'Участие', quarter: 'Квартал', meetings: 'Встречи', participants: 'Участники', residents: 'Жители',
    perMeeting: 'На встречу', perThousand: 'На 1 000 жителей', items: 'Предложения и замечания', total: 'Всего',
    complaints: 'Жалобы', answered: 'Даны ответы', checks: 'Проверки: в срок / просрочены / открыты', forwardings: 'Направлено / уведомлены',
    verdicts: 'Оценка жителей: решено / не решено',
  },
} as const satisfies Record<Lang, Record<string, string>>;

const number = (n: number | null, lang: Lang) => (n == null ? '—' : n.toLocaleString(lang === 'kk' ? 'kk-KZ' : 'ru-RU'));

/** The territory's participation and items per quarter, for the PDF report. */
export function outcomeTables(participation: Participation, items: Items, lang: Lang): Content[] {
  const t = LABELS[lang];
  const head = (cells: string[]): TableCell[] => cells.map((text) => ({ text, bold: true, fillColor: COLORS.pale }));
  const byQuarter = new Map(items.quarters.map((q) => [q.quarter, q.total]));
  return [
    { text: t.participation, fontSize: 12, bold: true, color: COLORS.navy, margin: [0, 12, 0, 4] },
    {
      table: {
        headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'],
        body: [head([t.quarter, t.meetings, t.participants, t.residents, t.perMeeting, t.perThousand]),
          ...participation.quarters.map((q) => [formatQuarter(q.quarter, lang), ...[q.total.meetings, q.total.participants, q.total.residents, q.total.perMeeting, q.total.perThousand].map((n) => number(n, lang))])],
      },
      layout: 'lightHorizontalLines', fontSize: 8,
    },
    { text: t.items, fontSize: 12, bold: true, color: COLORS.navy, margin: [0, 12, 0, 4] },
    {
      table: {
        headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
        body: [head([t.quarter, t.total, t.complaints, t.answered, t.checks, t.forwardings, t.verdicts]),
          ...participation.quarters.map((q) => {
            const f = byQuarter.get(q.quarter);
            if (!f) return [formatQuarter(q.quarter, lang), '—', '—', '—', '—', '—', '—'];
            return [formatQuarter(q.quarter, lang), number(f.items, lang), number(f.byKind.find((k) => k.kind === 'complaint')?.n ?? 0, lang),
              number(f.byOutcome.find((o) => o.outcome === 'answered')?.n ?? 0, lang), `${f.checks.onTime} / ${f.checks.overdue} / ${f.checks.open}`,
              `${f.forwardings.total} / ${f.forwardings.notified}`, `${f.verdicts.resolved} / ${f.verdicts.notResolved}`];
          })],
      },
      layout: 'lightHorizontalLines', fontSize: 8,
    },
  ];
}
