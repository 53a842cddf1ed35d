import type { StructureSheet } from '@esep/contracts';
import { readStructure } from '@esep/db';
import {
  POLICE_RANK_LABELS, STAFF_POSITION_LABELS, STRUCTURE_ENUMS, STRUCTURE_LAYOUT, type TitleLabels, STRUCTURE_SHEET_NAMES, structureToRows, type StructureData, type StructureSheetName, type StructureSheetValue,
} from '@esep/domain';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../documents/lazy.ts';
import { requireActor, type ServiceContext } from './context.ts';

/**
 * Export of the organisational structure in the layout the import reads (see
 * packages/domain/src/org/structure.layout.ts), so an exported file can be edited and uploaded
 * again: XLSX with one worksheet per sheet, or one sheet as CSV named `<sheet>.csv`. The export
 * holds what the user sees (his territory; national roles everything), read by readStructure.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

export interface ExportFile { filename: string; contentType: string; body: Buffer }

/** Issue 14: each code with its Kazakh and Russian names ("captain — полиция капитаны / капитан полиции"), any of which the import takes. */
const titleList = (labels: Readonly<Record<string, TitleLabels>>): string =>
  Object.entries(labels).map(([code, l]) => `${code} — ${l.kk} / ${l.ru}`).join('; ');

export async function exportStructure(ctx: ServiceContext, options: { format: 'xlsx' | 'csv'; sheet?: StructureSheet | undefined }): Promise<ExportFile> {
  const scope = requireActor(ctx).scope;
  // One snapshot: an import committing meanwhile cannot leave the file half old, half new.
  const data = await ctx.db.transaction((tx) => readStructure(tx, scope), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  if (options.format === 'csv') {
    const sheet = options.sheet ?? 'districts';
    return { filename: `${sheet}.csv`, contentType: CSV_TYPE, body: structureCsv(data, sheet) };
  }
  const sheets = options.sheet ? [options.sheet] : STRUCTURE_SHEET_NAMES;
  return { filename: `esep-structure-${ctx.today}.xlsx`, contentType: XLSX_TYPE, body: await structureWorkbook(data, sheets, ctx.now()) };
}

export async function exportTemplate(created: Date): Promise<ExportFile> {
  return { filename: 'esep-structure-template.xlsx', contentType: XLSX_TYPE, body: await structureWorkbook(null, STRUCTURE_SHEET_NAMES, created) };
}

const isText = (sheet: StructureSheetName, column: number) => STRUCTURE_LAYOUT[sheet][column]?.kind.type !== 'int';

/** XLSX of the given sheets; `null` data writes the template (headers and a README sheet). */
export async function structureWorkbook(data: StructureData | null, sheets: readonly StructureSheetName[], created: Date): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Esep';
  workbook.created = created;
  if (!data) readmeSheet(workbook);
  const rows = data ? structureToRows(data) : null;
  for (const name of sheets) {
    const header = STRUCTURE_LAYOUT[name].map((c) => c.name);
    const body = rows?.[name].rows ?? [];
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = header.map((key, i) => ({
      header: key, key,
      width: Math.min(60, Math.max(key.length + 2, ...body.slice(0, 500).map((r) => String(r[i] ?? '').length + 2))),
      // Text columns stay text when edited in Excel: codes like "001" and dates are not converted.
      style: isText(name, i) ? { numFmt: '@' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    if (body.length) sheet.addRows(body as StructureSheetValue[][]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet as CSV: UTF-8 with a BOM (so Excel shows Cyrillic and Kazakh letters), CRLF. */
export function structureCsv(data: StructureData, sheet: StructureSheetName): Buffer {
  const { header, rows } = structureToRows(data)[sheet];
  const field = (value: StructureSheetValue) => {
    const text = value == null ? '' : String(value);
    return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header, ...rows].map((row) => row.map(field).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function readmeSheet(workbook: ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet('README');
  sheet.columns = [
    { header: 'sheet', key: 'sheet', width: 14 }, { header: 'column', key: 'column', width: 20 },
    { header: 'міндетті / обязательно', key: 'required', width: 12 },
    { header: 'қазақша', key: 'kk', width: 60 }, { header: 'по-русски', key: 'ru', width: 60 },
    { header: 'мәндер / значения', key: 'values', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  const intro: Array<[string, string]> = [
    [
      'Esep құрылымын жүктеу үлгісі. Әр парақ — бір кесте; бірінші жолда баған атаулары, деректер екінші жолдан басталады. Парақтарды осы ретпен толтырыңыз: regions, units, points, atus, districts, adjacency, coverage, staff, assignments. Қажет емес парақтарды өшіруге болады.',
      'Шаблон загрузки структуры Esep. Каждый лист — одна таблица; в первой строке названия столбцов, данные начинаются со второй строки. Листы читаются в порядке: regions, units, points, atus, districts, adjacency, coverage, staff, assignments. Ненужные листы можно удалить.',
    ],
    [
      'Кодтар — сыртқы кілттер: сол кодпен қайта жүктеу жазбаны жаңартады, жаңа код жаңа жазба қосады. Сілтемелер (*_code) осы файлдағы немесе дерекқордағы кодты көрсетеді. Күндер ЖЖЖЖ-АА-КК пішімінде. Тізімде жоқ бағандарға рұқсат жоқ; міндетті емес бағанды алып тастауға болады, бірақ сонда оның мәні өшіріледі.',
      'Коды — внешние ключи: повторная загрузка с тем же кодом обновляет запись, новый код добавляет запись. Ссылки (*_code) указывают на код из этого файла или из базы. Даты в формате ГГГГ-ММ-ДД. Столбцы не из списка не допускаются; необязательный столбец можно удалить, но тогда его значение будет очищено.',
    ],
    [
      'Шектестік (adjacency) бір жұп үшін бір рет жазылады. adjacency парағында аталған учаскенің шектестігі және coverage парағында аталған учаскенің мекенжайлары парақтағыдай болады (қалғандары жойылады). Бір учаскеге бір мезгілде бір ғана инспектор бекітіледі.',
      'Смежность (adjacency) указывается один раз для пары. Смежность участка, названного на листе adjacency, и адреса участка, названного на листе coverage, становятся такими, как на листе (остальные удаляются). За участком в один период закрепляется только один инспектор.',
    ],
    [
      'CSV: әр параққа бір файл, файл атауы — парақ атауы (мысалы, districts.csv), UTF-8 кодтауы, бөлгіш — үтір немесе нүктелі үтір.',
      'CSV: один файл на лист, имя файла — имя листа (например, districts.csv), кодировка UTF-8, разделитель — запятая или точка с запятой.',
    ],
  ];
  for (const [kk, ru] of intro) sheet.addRow({ kk, ru });
  sheet.addRow({});
  for (const name of STRUCTURE_SHEET_NAMES) {
    for (const column of STRUCTURE_LAYOUT[name]) {
      const values = column.kind.type === 'enum' && column.kind.values === 'rank' ? titleList(POLICE_RANK_LABELS)
        : column.kind.type === 'enum' && column.kind.values === 'position' ? titleList(STAFF_POSITION_LABELS)
        : column.kind.type === 'enum' ? STRUCTURE_ENUMS[column.kind.values].join(', ')
        : column.kind.type === 'int' ? `≥ ${column.kind.min}`
        : column.kind.type === 'date' ? 'YYYY-MM-DD'
        : column.kind.type === 'ref' ? `→ ${column.kind.sheet}.code` : '';
      sheet.addRow({ sheet: name, column: column.name, required: column.required ? '*' : '', kk: column.kk, ru: column.ru, values });
    }
  }
  sheet.getColumn('kk').alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn('ru').alignment = { wrapText: true, vertical: 'top' };
}
