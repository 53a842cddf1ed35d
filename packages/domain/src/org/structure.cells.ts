import { textProblem } from '../text/text.rules.ts';
import { isValidIin, maskIin } from './iin.ts';
import { parsePoliceRank, parseStaffPosition } from './staff.titles.ts';
import { STRUCTURE_ENUMS, type StructureColumn, type StructureEnum } from './structure.layout.ts';

/**
 * One uploaded cell read by its column's type (structure.layout.ts), and the reasons a cell,
 * row or sheet can be refused. Pure; structure.validation.ts judges rows and sheets with it.
 */
export const IMPORT_REASON_CODES = [
  'required', 'not_a_number', 'not_an_integer', 'out_of_range', 'too_long', 'bad_enum', 'bad_date',
  'duplicate_code', 'duplicate_row', 'unknown_reference', 'self_adjacency', 'duplicate_pair',
  'overlapping_range', 'bad_range', 'bad_period', 'assignment_overlap', 'parent_cycle',
  'point_other_unit', 'staff_other_unit', 'bad_iin', 'duplicate_iin', 'iin_taken', 'bad_rca', 'duplicate_rca', 'rca_not_building',
  'unknown_position', 'unknown_rank', 'control_character', 'unknown_column', 'missing_column', 'duplicate_column', 'unknown_sheet', 'duplicate_sheet', 'no_sheets', 'too_many_errors',
] as const;
export type ImportReason = (typeof IMPORT_REASON_CODES)[number];

export type RawCell = string | number | boolean | Date | null;

export type StructureErrorParams = Record<string, string | number>;

/** Issue 14: enumerations read from a code or a label, each refused with its own reason. */
const TITLE_ENUMS: Partial<Record<StructureEnum, { parse: (text: string) => string | null; refusal: ImportReason }>> = {
  position: { parse: parseStaffPosition, refusal: 'unknown_position' },
  rank: { parse: parsePoliceRank, refusal: 'unknown_rank' },
};

const MAX_TEXT = 1000;
const MAX_CODE = 100;

export const rawCellText = (cell: RawCell | undefined): string => {
  if (cell == null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
};
export const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value);
export const columnLetter = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) { s = String.fromCharCode(65 + ((n - 1) % 26)) + s; n = Math.floor((n - 1) / 26); }
  return s;
};

type Read = { value: unknown } | { code: ImportReason; params: StructureErrorParams };
export type Value = string | number | null;

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2999) return null;
  return date.toISOString().slice(0, 10);
}

/** Reads one cell by its column's type. Empty optional cells read as null. */
export function readCell(spec: StructureColumn, cell: RawCell | undefined): Read {
  const kind = spec.kind;
  const text = rawCellText(cell);
  if (text === '') {
    if (kind.type === 'enum' && kind.fallback) return { value: kind.fallback };
    return spec.required ? { code: 'required', params: {} } : { value: null };
  }
  switch (kind.type) {
    case 'code': case 'ref': case 'text': {
      const max = kind.type === 'text' ? kind.max ?? MAX_TEXT : MAX_CODE;
      // Names and addresses may break lines (Alt+Enter in a cell); codes may not.
      if (textProblem(text, kind.type === 'text')) return { code: 'control_character', params: {} };
      return text.length > max ? { code: 'too_long', params: { max } } : { value: text };
    }
    case 'int': {
      let n: number;
      if (typeof cell === 'number') n = cell;
      else {
        // "12 345" and "2400,0" are how Kazakh and Russian locales write numbers.
        const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
        if (!/^[+-]?\d+(\.\d+)?$/.test(compact)) return { code: 'not_a_number', params: { value: shown(text) } };
        n = Number(compact);
      }
      if (!Number.isFinite(n)) return { code: 'not_a_number', params: { value: shown(text) } };
      if (!Number.isInteger(n)) return { code: 'not_an_integer', params: { value: shown(text) } };
      return n < kind.min ? { code: 'out_of_range', params: { value: n, min: kind.min } } : { value: n };
    }
    case 'enum': {
      const allowed: readonly string[] = STRUCTURE_ENUMS[kind.values];
      const titles = TITLE_ENUMS[kind.values];
      if (titles) {
        // A position or a rank: its code or a Kazakh, Russian or English name; never free text.
        const value = titles.parse(text);
        return value ? { value } : { code: titles.refusal, params: { value: shown(text), allowed: allowed.join(', ') } };
      }
      const value = text.toLowerCase();
      return allowed.includes(value) ? { value } : { code: 'bad_enum', params: { value: shown(text), allowed: allowed.join(', ') } };
    }
    case 'date': {
      if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { code: 'bad_date', params: { value: '' } } : { value: text };
      if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 2958466) {
        // An Excel serial day number (a date cell formatted as General): day 0 = 1899-12-30.
        return { value: new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10) };
      }
      const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
      const value = iso ? isoDate(+iso[1]!, +iso[2]!, +iso[3]!) : dotted ? isoDate(+dotted[3]!, +dotted[2]!, +dotted[1]!) : null;
      return value ? { value } : { code: 'bad_date', params: { value: shown(text) } };
    }
    case 'iin': {
      // A spreadsheet that took the IIN for a number dropped its leading zero (born in 200x).
      const digits = typeof cell === 'number' && Number.isInteger(cell) ? String(cell).padStart(12, '0') : text.replace(/[\s\u00a0]/g, '');
      // The report shows only the last digits: an IIN is personal data.
      return isValidIin(digits) ? { value: digits } : { code: 'bad_iin', params: { value: digits.length >= 4 ? maskIin(digits) : '' } };
    }
    case 'rca': {
      // Issue 13: 16 digits; a spreadsheet may have taken it for a number (no leading zeros then).
      const digits = typeof cell === 'number' && Number.isSafeInteger(cell) ? String(cell).padStart(16, '0') : text.replace(/[\s\u00a0]/g, '');
      return /^[0-9]{16}$/.test(digits) ? { value: digits } : { code: 'bad_rca', params: { value: shown(text) } };
    }
  }
}
