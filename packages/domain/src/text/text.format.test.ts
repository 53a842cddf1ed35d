import { describe, expect, it } from 'vitest';
import { citeRules, formatLongDate, formatQuarter, formatRule, readableParams } from './text.format.ts';

describe('dates, quarters and rules in sentences (issue 14, item 11)', () => {
  it('writes a date out in each language, with or without the year', () => {
    expect(formatLongDate('2026-12-07', 'kk')).toBe('7 желтоқсан 2026 ж.');
    expect(formatLongDate('2026-12-07', 'ru')).toBe('7 декабря 2026 г.');
    expect(formatLongDate('2026-12-07T18:00:00+05:00', 'en', { year: false })).toBe('7 December');
    expect(formatLongDate('not a date', 'kk')).toBe('not a date');
  });
  it('names a quarter', () => {
    expect(formatQuarter('2027-Q3', 'kk')).toBe('2027 ж. 3-тоқсан');
    expect(formatQuarter({ year: 2027, quarter: 3 }, 'ru')).toBe('3-й квартал 2027 г.');
    expect(formatQuarter('2027-Q5', 'en')).toBe('2027-Q5');
  });
  it('cites a rule by its paragraph, never its ID', () => {
    expect(formatRule('R-27.1')).toBe('§27 ¶1');
    expect(formatRule('R-22.13')).toBe('§22(13)');
    expect(formatRule('R-O.4')).toBe('№652 ¶4');
    expect(citeRules('Файл жойылды (R-32.6); мерзім (R-32.4, R-32.5), R-99 емес')).toBe('Файл жойылды (§32 ¶6); мерзім (§32 ¶4, §32 ¶5), R-99 емес');
  });
  it('formats only the parameters that hold a date or a quarter', () => {
    expect(readableParams({ deadline: '2026-12-07', quarter: '2026-Q4', meeting: 'ALM-KAR-P2-D01-2026-04', daysLeft: 3, due: 'soon' }, 'ru'))
      .toEqual({ deadline: '7 декабря 2026 г.', quarter: '4-й квартал 2026 г.', meeting: 'ALM-KAR-P2-D01-2026-04', daysLeft: 3, due: 'soon' });
  });
});
