import { importMessage, type ImportReport, type Locale } from '@esep/contracts';
import { districtsByCode, upsertStatistics, type StatisticsValue } from '@esep/db';
import { OFFENCE_CATEGORIES, textProblem, withinScope } from '@esep/domain';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../documents/lazy.ts';
import { CATEGORY_NAMES } from '../../documents/report.labels.ts';
import { AppError } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';

/**
 * Import of district statistics from XLSX: one row per district, quarter and category
 * (columns district_code, year, quarter, category, count; a header row). Every row is checked
 * first — errors name the row and column in the user's language; rows for districts outside
 * the importer's territory are errors. A clean file is written in one transaction with one
 * audit entry; a dry run only counts what would change.
 */

export const STATISTICS_COLUMNS = ['district_code', 'year', 'quarter', 'category', 'count'] as const;
const SHEET = 'statistics';
const MAX_ERRORS = 1000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reasons of this import beyond the structure import's (IMPORT_MESSAGES). */
const OWN_MESSAGES: Record<string, Record<Locale, string>> = {
  unknown_district: {
    kk: '«{value}» коды бар учаске сіздің аумағыңызда табылмады',
    ru: 'Участок с кодом «{value}» не найден на вашей территории',
    en: 'No district with the code “{value}” in your territory',
  },
  not_in_range: {
    kk: 'Мән {min} мен {max} аралығында болуы керек, берілгені: «{value}»',
    ru: 'Значение должно быть от {min} до {max}, указано «{value}»',
    en: 'The value must be from {min} to {max}, got “{value}”',
  },
  no_rows: {
    kk: 'Файлда деректер жолы жоқ',
    ru: 'В файле нет ни одной строки данных',
    en: 'The file has no data rows',
  },
};

type ErrorRow = ImportReport['errors'][number];
type Cell = string | number | null;

function message(code: string, params: Record<string, string | number>, locale: Locale): string {
  const own = OWN_MESSAGES[code]?.[locale];
  return own ? own.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : importMessage(code, params, locale);
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value == null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((p) => p.text).join('').trim() || null;
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  return null;
}

async function readSheet(data: Buffer): Promise<{ name: string; header: Cell[]; rows: Array<{ row: number; cells: Cell[] }> }> {
  const isZip = data.length > 4 && data.readUInt32LE(0) === 0x04034b50;
  const workbook = new (await loadExcel()).Workbook();
  try {
    if (!isZip) throw new Error('not a zip');
    await workbook.xlsx.load(data as never);
  } catch {
    throw new AppError('unsupported_file', [{ field: 'file', reason: 'XLSX' }], 400, {
      kk: 'XLSX файлын жүктеңіз', ru: 'Загрузите файл XLSX', en: 'Upload an XLSX file',
    });
  }
  const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets.find((w) => !['README', 'categories'].includes(w.name));
  if (!sheet) return { name: SHEET, header: [], rows: [] };
  const width = Math.max(sheet.columnCount, STATISTICS_COLUMNS.length);
  const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
  const rows: Array<{ row: number; cells: Cell[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = cellsOf(row);
    if (cells.some((c) => c != null)) rows.push({ row: number, cells });
  });
  return { name: sheet.name, header: cellsOf(sheet.getRow(1)), rows };
}

interface Parsed { errors: Array<Omit<ErrorRow, 'message'>>; values: Array<{ row: number; code: string; year: number; quarter: number; category: string; count: number }> }

function parse(sheet: Awaited<ReturnType<typeof readSheet>>): Parsed {
  const errors: Parsed['errors'] = [];
  const at = new Map<string, number>();
  sheet.header.forEach((h, i) => {
    if (h == null) return;
    const name = String(h).trim().toLowerCase();
    if (!(STATISTICS_COLUMNS as readonly string[]).includes(name)) errors.push({ sheet: sheet.name, row: 1, column: String(h), code: 'unknown_column', params: { column: String(h) } });
    else if (at.has(name)) errors.push({ sheet: sheet.name, row: 1, column: name, code: 'duplicate_column', params: { column: name } });
    else at.set(name, i);
  });
  for (const c of STATISTICS_COLUMNS) if (!at.has(c)) errors.push({ sheet: sheet.name, row: 1, column: c, code: 'missing_column', params: { column: c } });
  if (errors.length) return { errors, values: [] };
  if (sheet.rows.length === 0) return { errors: [{ sheet: sheet.name, row: 0, column: null, code: 'no_rows', params: {} }], values: [] };

  const values: Parsed['values'] = [];
  const firstRow = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const fail = (column: string, code: string, params: Record<string, string | number> = {}) => { errors.push({ sheet: sheet.name, row, column, code, params }); return null; };
    const get = (c: (typeof STATISTICS_COLUMNS)[number]) => cells[at.get(c)!] ?? null;
    const integer = (c: 'year' | 'quarter' | 'count', min: number, max: number): number | null => {
      const raw = get(c);
      if (raw == null) return fail(c, 'required');
      const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/\s/g, ''));
      if (!Number.isFinite(n)) return fail(c, 'not_a_number', { value: String(raw) });
      if (!Number.isInteger(n)) return fail(c, 'not_an_integer', { value: String(raw) });
      if (n < min || n > max) return fail(c, 'not_in_range', { value: String(raw), min, max });
      return n;
    };
    const code = get('district_code') == null ? fail('district_code', 'required')
      : textProblem(String(get('district_code')), false) ? fail('district_code', 'control_character') : String(get('district_code'));
    const year = integer('year', 2000, 2100);
    const quarter = integer('quarter', 1, 4);
    const rawCategory = get('category');
    const category = rawCategory == null ? fail('category', 'required')
      : (OFFENCE_CATEGORIES as readonly string[]).includes(String(rawCategory).trim()) ? String(rawCategory).trim()
      : fail('category', 'bad_enum', { value: String(rawCategory), allowed: OFFENCE_CATEGORIES.join(', ') });
    const count = integer('count', 0, 1_000_000);
    if (code == null || year == null || quarter == null || category == null || count == null) continue;
    const key = `${code}|${year}|${quarter}|${category}`;
    const first = firstRow.get(key);
    if (first !== undefined) { fail('category', 'duplicate_row', { firstRow: first }); continue; }
    firstRow.set(key, row);
    values.push({ row, code, year, quarter, category, count });
  }
  return { errors, values };
}

class DryRun { constructor(readonly report: ImportReport) {} }

export async function importStatistics(ctx: ServiceContext, data: Buffer, options: { dryRun: boolean; locale: Locale }): Promise<ImportReport> {
  const { dryRun, locale } = options;
  const actor = requireActor(ctx);
  const sheet = await readSheet(data);
  const parsed = parse(sheet);
  const known = await districtsByCode(ctx.db, [...new Set(parsed.values.map((v) => v.code))]);
  const inTerritory = new Map(known
    .filter((d) => withinScope(actor.scope, { regionId: d.regionId, unitId: d.unitId, pointId: d.pointId, districtId: d.id, atuIds: [d.atuId] }))
    .map((d) => [d.code, d.id]));
  const rows: StatisticsValue[] = [];
  for (const v of parsed.values) {
    const districtId = inTerritory.get(v.code);
    // Unknown and out-of-territory codes answer alike: the import does not disclose other territories.
    if (!districtId) parsed.errors.push({ sheet: sheet.name, row: v.row, column: 'district_code', code: 'unknown_district', params: { value: v.code } });
    else rows.push({ districtId, year: v.year, quarter: v.quarter, category: v.category, count: v.count });
  }
  const zero = { [SHEET]: { created: 0, updated: 0, unchanged: 0 } };
  if (parsed.errors.length) {
    parsed.errors.sort((a, b) => a.row - b.row);
    const errors: ErrorRow[] = parsed.errors.slice(0, MAX_ERRORS).map((e) => ({ ...e, message: message(e.code, e.params ?? {}, locale) }));
    if (parsed.errors.length > MAX_ERRORS) {
      const params = { shown: MAX_ERRORS, total: parsed.errors.length };
      errors.push({ sheet: '', row: 0, column: null, code: 'too_many_errors', params, message: importMessage('too_many_errors', params, locale) });
    }
    const report: ImportReport = { dryRun, applied: false, counts: zero, errors };
    if (dryRun) return report;
    throw new AppError('import_invalid', report);
  }
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const counts = await upsertStatistics(tx, rows, actor.id, ctx.now());
      // A dry run counts inside the transaction and rolls it back.
      if (dryRun) throw new DryRun({ dryRun, applied: false, counts: { [SHEET]: counts }, errors: [] });
      await audit({
        action: 'statistics.import', entityType: 'statistics', entityId: null,
        after: { rows: rows.length, districts: new Set(rows.map((r) => r.districtId)).size, quarters: [...new Set(rows.map((r) => `${r.year}-Q${r.quarter}`))], counts },
      });
      return { dryRun, applied: true, counts: { [SHEET]: counts }, errors: [] };
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

/** An empty statistics workbook: the sheet to fill, the category codes and a README (kk/ru). */
export async function statisticsTemplate(created: Date): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Esep';
  workbook.created = created;
  const readme = workbook.addWorksheet('README');
  readme.columns = [{ header: 'қазақша', key: 'kk', width: 70 }, { header: 'по-русски', key: 'ru', width: 70 }];
  readme.getRow(1).font = { bold: true };
  const lines: Array<[string, string]> = [
    ['Учаскелердің статистикасын жүктеу үлгісі. «statistics» парағын толтырыңыз: бір жол — бір учаске, тоқсан және санат.', 'Шаблон загрузки статистики участков. Заполните лист «statistics»: одна строка — один участок, квартал и категория.'],
    ['district_code — учаске коды (мысалы, ALM-KAR-P2-D01); year — жыл (2000–2100); quarter — тоқсан (1–4); category — санат коды («categories» парағын қараңыз); count — тіркелген құқық бұзушылықтар саны (0 немесе одан көп).', 'district_code — код участка (например, ALM-KAR-P2-D01); year — год (2000–2100); quarter — квартал (1–4); category — код категории (см. лист «categories»); count — число зарегистрированных правонарушений (0 и больше).'],
    ['Тек өз аумағыңыздың учаскелерін жүктеуге болады. Қатесі бар файл толығымен қабылданбайды; алдымен тексеру режимінде (dryRun) жүктеп көріңіз.', 'Загружать можно только участки своей территории. Файл с ошибками не принимается целиком; сначала загрузите его в режиме проверки (dryRun).'],
    ['Файлда көрсетілген мәндер бұрынғы мәндерді ауыстырады; көрсетілмеген санаттар өзгермейді.', 'Указанные в файле значения заменяют прежние; не указанные категории не меняются.'],
  ];
  for (const [kk, ru] of lines) readme.addRow({ kk, ru });
  readme.getColumn('kk').alignment = { wrapText: true, vertical: 'top' };
  readme.getColumn('ru').alignment = { wrapText: true, vertical: 'top' };

  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = STATISTICS_COLUMNS.map((key) => ({ header: key, key, width: key === 'district_code' ? 22 : key === 'category' ? 26 : 10, style: key === 'district_code' || key === 'category' ? { numFmt: '@' } : {} }));
  sheet.getRow(1).font = { bold: true };

  const categories = workbook.addWorksheet('categories');
  categories.columns = [{ header: 'code', key: 'code', width: 26 }, { header: 'қазақша', key: 'kk', width: 45 }, { header: 'по-русски', key: 'ru', width: 45 }];
  categories.getRow(1).font = { bold: true };
  for (const code of OFFENCE_CATEGORIES) categories.addRow({ code, kk: CATEGORY_NAMES[code].kk, ru: CATEGORY_NAMES[code].ru });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
