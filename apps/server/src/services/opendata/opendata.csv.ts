/*
 * RFC 4180 for the open data sets (issue 13, part 6): CRLF line ends, every field that holds a
 * comma, a quote, a CR or an LF quoted with its quotes doubled. The file starts with a UTF-8 BOM
 * so that Excel reads Cyrillic and Kazakh letters right on opening it.
 */

export const CSV_BOM = '\uFEFF';

export type CsvCell = string | number | boolean | null | undefined;

export function csvField(value: CsvCell): string {
  if (value == null) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvCell[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
