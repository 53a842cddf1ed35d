/**
 * The document libraries are loaded on first use, not at start. pdfmake and exceljs together
 * hold about 35 MB of a process that otherwise idles near 120 MB; most server processes (and
 * every upload, R-32.1's "memory stays flat") never need them.
 */
import type PdfMake from 'pdfmake';
import type ExcelJS from 'exceljs';

let pdfmake: Promise<typeof PdfMake> | undefined;
let excel: Promise<typeof ExcelJS> | undefined;

export function loadPdfmake(): Promise<typeof PdfMake> {
  pdfmake ??= import('pdfmake').then((m) => m.default);
  return pdfmake;
}

export function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}
