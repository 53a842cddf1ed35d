import { describe, expect, it } from 'vitest';
import { addDays, almatyDate, almatyDayStart, isIsoDate } from './almaty.ts';

describe('Asia/Almaty calendar dates', () => {
  it('is UTC+5 since 1 March 2024', () => {
    expect(almatyDate(new Date('2026-03-10T19:00:00Z'))).toBe('2026-03-11');
    expect(almatyDate(new Date('2026-03-10T18:59:59Z'))).toBe('2026-03-10');
  });
  it('was UTC+6 before', () => {
    expect(almatyDate(new Date('2024-01-10T18:30:00Z'))).toBe('2024-01-11');
  });
  it('finds where a day begins, at +05:00 now and +06:00 before March 2024', () => {
    expect(almatyDayStart('2026-11-26').toISOString()).toBe('2026-11-25T19:00:00.000Z');
    expect(almatyDayStart('2024-01-11').toISOString()).toBe('2024-01-10T18:00:00.000Z');
  });
  it('adds calendar days across months and leap days', () => {
    expect(addDays('2026-03-11', -10)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
  it('validates ISO dates', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });
});
