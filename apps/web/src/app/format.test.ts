import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format.ts';

describe('formats for the reader', () => {
  it('groups thousands with a (no-break) space in Kazakh and Russian, a comma in English', () => {
    expect(formatNumber(4363, 'kk')).toBe('4\u00a0363');
    expect(formatNumber(1_234_567, 'ru')).toBe('1\u00a0234\u00a0567');
    expect(formatNumber(4363, 'en')).toBe('4,363');
  });

  it('writes dates as day.month.year in Kazakh and Russian', () => {
    expect(formatDate('2025-01-09', 'kk')).toBe('09.01.2025');
    expect(formatDate('2025-01-09', 'ru')).toBe('09.01.2025');
    expect(formatDate('2025-01-09', 'en')).toBe('09/01/2025');
  });
});
