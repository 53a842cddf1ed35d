import { IMPORT_MESSAGES, importMessage } from '@esep/contracts';
import { IMPORT_REASON_CODES, noKnownStructure, STRUCTURE_SHEET_NAMES, validateStructure } from '@esep/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoStructure } from '../demo/demo.data.ts';
import { structureCsv, structureWorkbook } from './structure.export.ts';
import { decodeText, fileKind, parseCsv, parseUploads } from './structure.parse.ts';

describe('CSV reading', () => {
  it('reads quoted fields with delimiters, quotes and line breaks, and every line ending', () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3\r4,5,6')).toEqual([
      ['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\nlines'], ['1', '', '3'], ['4', '5', '6'],
    ]);
  });

  it('takes the delimiter from the header line: semicolons as Excel writes them in ru/kk locales', () => {
    expect(parseCsv('code;name_ru\r\nR1;"Область; центр"\r\n')).toEqual([['code', 'name_ru'], ['R1', 'Область; центр']]);
    expect(parseCsv('code\tname_ru\nR1\tОбласть\n')).toEqual([['code', 'name_ru'], ['R1', 'Область']]);
  });

  it('decodes UTF-8 with or without BOM, and falls back to Windows-1251', () => {
    expect(decodeText(Buffer.from('\uFEFFҚазақ', 'utf8'))).toBe('Қазақ');
    expect(decodeText(Buffer.from('Қазақ', 'utf8'))).toBe('Қазақ');
    expect(decodeText(Buffer.from([0xc0, 0xeb, 0xec, 0xe0, 0xf2, 0xfb]))).toBe('Алматы');
  });

  it('numbers CSV rows as spreadsheet rows and names the sheet after the file', async () => {
    const [sheet] = await parseUploads([{ filename: 'C:\\Users\\admin\\districts.CSV', data: Buffer.from('code,name_ru\n"D1","a\nb"\nD2,c\n') }]);
    expect(sheet).toEqual({ name: 'districts', header: ['code', 'name_ru'], rows: [{ row: 2, cells: ['D1', 'a\nb'] }, { row: 3, cells: ['D2', 'c'] }] });
  });
});

describe('file kinds', () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);
  it('accepts XLSX only when it is a zip, CSV only when it is text', () => {
    expect(fileKind({ filename: 'a.xlsx', data: zip })).toBe('xlsx');
    expect(fileKind({ filename: 'a.xlsx', data: Buffer.from('code,kind') })).toBeNull();
    expect(fileKind({ filename: 'a.csv', data: Buffer.from('code,kind') })).toBe('csv');
    expect(fileKind({ filename: 'a.csv', data: zip })).toBeNull();
    expect(fileKind({ filename: 'a.xls', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) })).toBeNull();
    expect(fileKind({ filename: '', mimetype: 'text/csv', data: Buffer.from('x') })).toBe('csv');
  });
  it('refuses a damaged workbook as an unsupported file', async () => {
    await expect(parseUploads([{ filename: 'a.xlsx', data: Buffer.concat([zip, Buffer.alloc(100)]) }])).rejects.toMatchObject({ code: 'unsupported_file' });
  });
});

describe('export → parse → validate', () => {
  const data = demoStructure('2025-06-01');

  it('an exported workbook reads back into the same structure', async () => {
    const sheets = await parseUploads([{ filename: 's.xlsx', data: await structureWorkbook(data, STRUCTURE_SHEET_NAMES, new Date('2026-01-15T10:00:00Z')) }]);
    const result = validateStructure(sheets, noKnownStructure());
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual(data);
  });

  it('exported CSV files read back into the same structure', async () => {
    const files = STRUCTURE_SHEET_NAMES.map((name) => ({ filename: `${name}.csv`, data: structureCsv(data, name) }));
    const result = validateStructure(await parseUploads(files), noKnownStructure());
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual(data);
  });

  it('reads formulas by their result, rich text by its text, and date cells as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('assignments');
    sheet.addRow(['district_code', 'staff_code', 'role', 'from', 'to']);
    sheet.addRow([{ richText: [{ text: 'ALM-' }, { text: 'D1' }] }, { formula: '"S"&"1"', result: 'S1' }, 'inspector', new Date(Date.UTC(2024, 0, 9)), null]);
    const [parsed] = await parseUploads([{ filename: 'x.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()) }]);
    expect(parsed!.rows[0]!.cells.slice(0, 4)).toEqual(['ALM-D1', 'S1', 'inspector', new Date(Date.UTC(2024, 0, 9))]);
  });
});

describe('reason catalogue', () => {
  it('has a message in Kazakh, Russian and English for every reason the validator gives', () => {
    // The contract's lists are the domain's own (not copies), so only the messages need checking.
    for (const code of IMPORT_REASON_CODES) {
      for (const locale of ['kk', 'ru', 'en'] as const) expect(IMPORT_MESSAGES[code][locale].length, `${code}.${locale}`).toBeGreaterThan(5);
    }
    expect(importMessage('duplicate_code', { value: 'D1', firstRow: 2 }, 'kk')).toBe('«D1» коды қайталанады (2-жолда бар)');
    expect(importMessage('required', {}, 'ru')).toBe('Не заполнен обязательный столбец');
  });
});
