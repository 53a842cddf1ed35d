import { describe, expect, it } from 'vitest';
import { noKnownStructure, validateStructure, type RawCell, type RawStructureSheet } from './structure.validation.ts';

// Issue 13: the coverage sheet's address register code (RCA) and the points' public phone and hours.
const sheet = (name: string, header: string[], ...rows: RawCell[][]): RawStructureSheet =>
  ({ name, header, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });

const base = [
  sheet('regions', ['code', 'kind', 'name_kk', 'name_ru'], ['R', 'oblast', 'Облыс', 'Область']),
  sheet('units', ['code', 'region_code', 'kind', 'name_kk', 'name_ru'], ['U', 'R', 'district_department', 'Бөлім', 'Отдел']),
  sheet('points', ['code', 'unit_code', 'name_kk', 'name_ru', 'phone', 'reception_hours_kk', 'reception_hours_ru'],
    ['P', 'U', 'УПП', 'УПП', '+7 727 271-00-00', 'Дс–Жм 09:00–18:00', 'Пн–Пт 09:00–18:00']),
  sheet('atus', ['code', 'region_code', 'kind', 'name_kk', 'name_ru'], ['A', 'R', 'village', 'Ауыл', 'Село']),
  sheet('districts', ['code', 'point_code', 'atu_code', 'name_kk', 'name_ru'], ['D', 'P', 'A', '№1', '№1']),
];
const coverage = (...rows: RawCell[][]) => sheet('coverage', ['district_code', 'street_kind', 'street_name_kk', 'street_name_ru', 'house_from', 'house_to', 'rca'], ...rows);
const codes = (sheets: RawStructureSheet[]) => validateStructure(sheets, noKnownStructure()).errors.map((e) => `${e.sheet}:${e.row}:${e.column}:${e.code}`);

describe('coverage RCA and point contacts (issue 13)', () => {
  it('accepts a 16-digit RCA on a one-building line, also as a spreadsheet number, and the point\'s phone and hours', () => {
    const { data, errors } = validateStructure([...base, coverage(
      ['D', 'street', 'Абай', 'Абая', 12, 12, '0123 4567 8901 2345'],
      ['D', 'street', 'Абай', 'Абая', 14, 14, 1234567890123456],
      ['D', 'street', 'Абай', 'Абая', 20, 40, null],
    )], noKnownStructure());
    expect(errors).toEqual([]);
    expect(data.coverage.map((c) => c.rca ?? null)).toEqual(['0123456789012345', '1234567890123456', null]);
    expect(data.points[0]).toMatchObject({ phone: '+7 727 271-00-00', receptionHoursKk: 'Дс–Жм 09:00–18:00', receptionHoursRu: 'Пн–Пт 09:00–18:00' });
  });

  it('refuses a malformed RCA, one on a range of houses, and one given twice', () => {
    expect(codes([...base, coverage(
      ['D', 'street', 'Абай', 'Абая', 1, 1, '12345'],
      ['D', 'street', 'Абай', 'Абая', 2, 9, '1111222233334444'],
      ['D', 'street', 'Абай', 'Абая', 10, 10, '5555666677778888'],
      ['D', 'street', 'Абай', 'Абая', 11, 11, '5555666677778888'],
    )])).toEqual(['coverage:2:rca:bad_rca', 'coverage:3:rca:rca_not_building', 'coverage:5:rca:duplicate_rca']);
  });
});
