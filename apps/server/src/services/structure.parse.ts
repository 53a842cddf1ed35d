import type { RawCell, RawStructureSheet } from '@esep/domain';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../documents/lazy.ts';
import { AppError } from '../http/app-error.ts';

/**
 * Turns uploaded files into raw sheets for the structure validator (layout and rules:
 * packages/domain/src/org/structure.layout.ts). An XLSX holds one worksheet per sheet; a CSV
 * file is one sheet, named by the file name without extension (`districts.csv`). Nothing is
 * interpreted here beyond cell values: columns and rows are judged by the validator.
 */

export interface UploadedFile { filename: string; mimetype?: string | undefined; data: Buffer }

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const baseName = (filename: string) => filename.split(/[\\/]/).pop() ?? '';
const extension = (filename: string) => /\.([^.]+)$/.exec(baseName(filename))?.[1]?.toLowerCase() ?? '';

/** Decided on the file name (or, without one, its MIME type) and confirmed on the content. */
export function fileKind(file: UploadedFile): 'xlsx' | 'csv' | null {
  const ext = extension(file.filename) || (file.mimetype === XLSX_MIME ? 'xlsx' : file.mimetype?.startsWith('text/csv') ? 'csv' : '');
  const zip = ZIP_MAGIC.every((byte, i) => file.data[i] === byte);
  if (ext === 'xlsx') return zip ? 'xlsx' : null;
  // A CSV is text: a zip or anything with NUL bytes (XLS, ODS, images…) is not one.
  if (ext === 'csv') return !zip && !file.data.subarray(0, 64 * 1024).includes(0) ? 'csv' : null;
  return null;
}

export async function parseUploads(files: readonly UploadedFile[]): Promise<RawStructureSheet[]> {
  const sheets: RawStructureSheet[] = [];
  for (const file of files) {
    const kind = fileKind(file);
    if (kind === 'csv') sheets.push(readCsv(file));
    else if (kind === 'xlsx') sheets.push(...(await readXlsx(file)));
    else throw new AppError('unsupported_file', { file: baseName(file.filename) });
  }
  return sheets;
}

// ---- XLSX ----------------------------------------------------------------------------------

/** A cell's value as written: formulas by their result, rich text and links by their text. */
function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value == null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}

async function readXlsx(file: UploadedFile): Promise<RawStructureSheet[]> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(file.data as never);
  } catch {
    // A damaged or encrypted workbook is not a workbook we can read.
    throw new AppError('unsupported_file', { file: baseName(file.filename) });
  }
  return workbook.worksheets.map((sheet) => {
    const width = sheet.columnCount;
    const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
    const rows: Array<{ row: number; cells: RawCell[] }> = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => { if (number > 1) rows.push({ row: number, cells: cellsOf(row) }); });
    return { name: sheet.name, header: cellsOf(sheet.getRow(1)), rows };
  });
}

// ---- CSV -----------------------------------------------------------------------------------

/** UTF-8 with or without BOM; files Excel saved in the Cyrillic ANSI code page are read too. */
export function decodeText(data: Buffer): string {
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1251').decode(body);
  }
}

/** Comma by standard; Excel in Kazakh and Russian locales writes semicolons. Read from the header line. */
function delimiterOf(text: string): string {
  const counts = new Map([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/**
 * RFC 4180 records: quoted fields may hold delimiters, line breaks and doubled quotes. Each
 * record's number is its spreadsheet row (a quoted line break does not start a new row).
 */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) { record.push(field); field = ''; }
    else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

function readCsv(file: UploadedFile): RawStructureSheet {
  const [header = [], ...rest] = parseCsv(decodeText(file.data));
  return {
    name: baseName(file.filename).replace(/\.[^.]+$/, ''),
    header,
    rows: rest.map((cells, i) => ({ row: i + 2, cells })),
  };
}
