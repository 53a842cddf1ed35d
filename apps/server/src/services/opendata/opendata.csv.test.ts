import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/csv.ts';
import { CSV_BOM, csvField, csvLine } from './opendata.csv.ts';

describe('open data CSV writer (RFC 4180)', () => {
  it('quotes only what needs it', () => {
    expect(csvField('Абай')).toBe('Абай');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('any strings round-trip through a CSV parser', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (table) => {
      // A row of one empty field is written as an empty line: the reader can't tell it from nothing.
      fc.pre(table.every((r) => !(r.length === 1 && r[0] === '')));
      const text = CSV_BOM + table.map((r) => csvLine(r)).join('');
      expect(parseCsv(text)).toEqual(table);
    }), { numRuns: 500 });
  });
});
