import type { ComplianceExportQuery, ComplianceReport } from '@esep/contracts';
import { formatLongDate, formatQuarter } from '@esep/domain';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { z } from 'zod';
import { loadExcel } from '../../documents/lazy.ts';
import { COLORS, renderPdf } from '../../documents/pdf.render.ts';
import type { ServiceContext } from '../context.ts';
import { XLSX_TYPE, type ExportFile } from '../structure.export.ts';
import { complianceReport } from './compliance.service.ts';
import { itemsReport } from './items.service.ts';
import { addOutcomeSheets, outcomeTables } from './outcomes.export.ts';
import { participationReport } from './participation.service.ts';

/*
 * Issue 15: the analytics view as a file — XLSX (the sheet `compliance`, a row per quarter and
 * area, then `participation` and `items` alike: the same numbers as the JSON) and a PDF report in
 * Kazakh or Russian. Both are built from the reports the page shows (complianceReport,
 * participationReport, itemsReport), so the figures cannot differ.
 */
type Report = z.infer<typeof ComplianceReport>;
type Query = z.infer<typeof ComplianceExportQuery>;
type Lang = 'kk' | 'ru';
type Figures = Report['quarters'][number]['total'];

export const PDF_TYPE = 'application/pdf';

const LABELS = {
  kk: {
    title: 'Талдау: кездесулер тәртібінің сақталуы', period: 'Кезең', territory: 'Аумақ', country: 'Қазақстан Республикасы',
    quarter: 'Тоқсан', code: 'Коды', name: 'Атауы', districts: 'Учаскелер', meetings: 'Кездесулер', total: 'Барлығы',
    obligation: 'R-22.13: тоқсанда кездесу өткен учаскелер', made: 'Жасалған күні', noData: 'Деректер жоқ',
    legend: 'Бағандар: үлес (орындалғаны / бағаланғаны).',
  },
  ru: {
    title: 'Аналитика: соблюдение порядка встреч', period: 'Период', territory: 'Территория', country: 'Республика Казахстан',
    quarter: 'Квартал', code: 'Код', name: 'Наименование', districts: 'Участки', meetings: 'Встречи', total: 'Итого',
    obligation: 'R-22.13: участки со встречей в квартале', made: 'Дата формирования', noData: 'Нет данных',
    legend: 'Столбцы: доля (выполнено / оценено).',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** The checklist lines by rule, in each language (the regulation's wording, shortened). */
export const LINE_NAMES: Record<string, Record<Lang, string>> = {
  'R-27.1': { kk: 'Хабарлама ≥ 10 күн бұрын', ru: 'Объявление ≥ 10 дней' },
  'R-26': { kk: 'Полиция басшылығы мен әкімдік қатысты', ru: 'Присутствие руководства полиции и акимата' },
  'R-32.2': { kk: 'Қатысушылар тізілімі', ru: 'Регистрация участников' },
  'R-32.1': { kk: 'Бейнежазба', ru: 'Видеозапись' },
  'R-32.3': { kk: 'Хаттама сол күні', ru: 'Протокол в тот же день' },
  'R-32.4': { kk: 'Тексерулер уақытында', ru: 'Проверки в срок' },
  'R-32.5': { kk: 'Жолдамалар мен бастамашыларды хабардар ету', ru: 'Направления и уведомление инициаторов' },
  'R-33': { kk: 'Бақылау аяқталды', ru: 'Контроль завершён' },
};

const percent = (share: number | null) => (share == null ? '—' : `${Math.round(share * 1000) / 10} %`);

/** The territory's own name: the last step of its path, or the country. */
function territoryName(report: Report, lang: Lang) {
  const last = report.path.at(-1);
  return last ? { code: last.code, name: lang === 'kk' ? last.nameKk : last.nameRu } : { code: '', name: LABELS[lang].country };
}

/** One row per quarter and area (the territory first, then its children), as the sheet and the test read it. */
export function complianceRows(report: Report) {
  const own = territoryName(report, 'ru');
  const ownKk = territoryName(report, 'kk');
  return report.quarters.flatMap((q) => [
    { quarter: q.quarter, level: report.territory.level, code: own.code, nameKk: ownKk.name, nameRu: own.name, figures: q.total, total: true },
    ...q.children.map((c) => ({ quarter: q.quarter, level: report.childLevel ?? '', code: c.code, nameKk: c.nameKk, nameRu: c.nameRu, figures: c.figures, total: false })),
  ]);
}

/** The three reports of one view: `rule` narrows compliance, `topic` the items, the rest all three. */
async function reportsOf(ctx: ServiceContext, query: Query) {
  const { lang: _lang, rule, topic, ...common } = query;
  const compliance = await complianceReport(ctx, { ...common, ...(rule !== undefined ? { rule } : {}) });
  const [participation, items] = await Promise.all([participationReport(ctx, common), itemsReport(ctx, { ...common, ...(topic !== undefined ? { topic } : {}) })]);
  return { compliance, participation, items };
}

const filename = (report: Report, ext: string) => `esep-compliance-${report.from}-${report.to}${report.path.at(-1) ? `-${report.path.at(-1)!.code}` : ''}.${ext}`;

export async function complianceXlsx(ctx: ServiceContext, query: Query): Promise<ExportFile> {
  const { compliance: report, participation, items } = await reportsOf(ctx, query);
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Esep';
  workbook.created = ctx.now();
  const sheet = workbook.addWorksheet('compliance', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lines = report.quarters[0]?.total.lines ?? [];
  const columns = [
    { header: 'quarter', key: 'quarter', width: 10 }, { header: 'level', key: 'level', width: 10 }, { header: 'code', key: 'code', width: 18 },
    { header: 'name_kk', key: 'nameKk', width: 32 }, { header: 'name_ru', key: 'nameRu', width: 32 },
    { header: 'districts', key: 'districts', width: 10 }, { header: 'meetings', key: 'meetings', width: 10 },
    { header: 'R-22.13 met', key: 'obligation_met', width: 12 }, { header: 'R-22.13 share', key: 'obligation_share', width: 13 },
    ...lines.flatMap((l) => [
      { header: `${l.rule} met`, key: `${l.key}_met`, width: 11 }, { header: `${l.rule} judged`, key: `${l.key}_judged`, width: 13 },
      { header: `${l.rule} share`, key: `${l.key}_share`, width: 12 },
    ]),
  ];
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  for (const row of complianceRows(report)) {
    const f: Figures = row.figures;
    const added = sheet.addRow({
      quarter: row.quarter, level: row.level, code: row.code, nameKk: row.nameKk, nameRu: row.nameRu,
      districts: f.districts, meetings: f.meetings, obligation_met: f.obligation.met, obligation_share: f.obligation.share,
      ...Object.fromEntries(f.lines.flatMap((l) => [[`${l.key}_met`, l.met], [`${l.key}_judged`, l.judged], [`${l.key}_share`, l.share]])),
    });
    if (row.total) added.font = { bold: true };
  }
  for (const column of columns) if (column.key.endsWith('_share')) sheet.getColumn(column.key).numFmt = '0.0%';
  const own = territoryName(report, 'ru');
  addOutcomeSheets(workbook, participation, items, { code: own.code, nameKk: territoryName(report, 'kk').name, nameRu: own.name });
  return { filename: filename(report, 'xlsx'), contentType: XLSX_TYPE, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

function quarterTable(report: Report, q: Report['quarters'][number], lang: Lang): Content {
  const t = LABELS[lang];
  const own = territoryName(report, lang);
  const lines = q.total.lines;
  const head: TableCell[] = [t.code, t.name, t.districts, t.meetings, 'R-22.13', ...lines.map((l) => l.rule)]
    .map((text) => ({ text, bold: true, fillColor: COLORS.pale }));
  const row = (code: string, name: string, f: Figures, bold = false): TableCell[] => [
    code, name, String(f.districts), String(f.meetings), `${percent(f.obligation.share)}\n${f.obligation.met}/${f.districts}`,
    ...f.lines.map((l) => `${percent(l.share)}\n${l.met}/${l.judged}`),
  ].map((text) => ({ text, bold }));
  return {
    table: {
      headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto', ...lines.map(() => 'auto' as const)],
      body: [head, row(own.code, `${t.total}: ${own.name}`, q.total, true), ...q.children.map((c) => row(c.code, lang === 'kk' ? c.nameKk : c.nameRu, c.figures))],
    },
    layout: 'lightHorizontalLines', fontSize: 7.5,
  };
}

export async function compliancePdf(ctx: ServiceContext, query: Query): Promise<ExportFile> {
  const lang = query.lang ?? 'kk';
  const { compliance: report, participation, items } = await reportsOf(ctx, query);
  const t = LABELS[lang];
  const own = territoryName(report, lang);
  const lines = report.quarters[0]?.total.lines ?? [];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [28, 32, 28, 32],
    info: { title: t.title, creator: 'Esep' },
    content: [
      { text: t.title, fontSize: 16, bold: true, color: COLORS.navy },
      { text: `${t.territory}: ${report.path.map((p) => (lang === 'kk' ? p.nameKk : p.nameRu)).join(' / ') || own.name}`, margin: [0, 6, 0, 0] },
      { text: `${t.period}: ${formatQuarter(report.from, lang)} — ${formatQuarter(report.to, lang)}. ${t.made}: ${formatLongDate(report.today, lang)}`, color: COLORS.muted, fontSize: 9, margin: [0, 2, 0, 6] },
      { text: [t.legend, ' R-22.13 — ', t.obligation, '. ', ...lines.map((l) => `${l.rule} — ${LINE_NAMES[l.rule]?.[lang] ?? l.key}. `)], fontSize: 8, color: COLORS.muted, margin: [0, 0, 0, 8] },
      ...report.quarters.flatMap((q): Content[] => [
        { text: formatQuarter(q.quarter, lang), fontSize: 12, bold: true, color: COLORS.navy, margin: [0, 10, 0, 4] },
        quarterTable(report, q, lang),
      ]),
      ...(report.quarters.length === 0 ? [{ text: t.noData }] : outcomeTables(participation, items, lang)),
    ],
  };
  return { filename: filename(report, 'pdf'), contentType: PDF_TYPE, body: await renderPdf(doc) };
}
