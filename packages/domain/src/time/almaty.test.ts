import { describe, expect, it } from 'vitest';
import { addDays, almatyDate, almatyDateTime, almatyDayStart, isIsoDate } from './almaty.ts';

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
  it('gives the local date-time with its offset, across the zone change and across midnight', () => {
    expect(almatyDateTime(new Date('2026-12-24T13:00:00Z'))).toBe('2026-12-24T18:00:00+05:00');
    expect(almatyDateTime(new Date('2026-12-31T19:30:00Z'))).toBe('2027-01-01T00:30:00+05:00');
    expect(almatyDateTime(new Date('2024-01-10T18:30:00.900Z'))).toBe('2024-01-11T00:30:00+06:00');
    for (const iso of ['2026-12-24T18:00:00+05:00', '2024-02-29T23:59:59+06:00', '2028-02-29T00:00:00+05:00']) {
      expect(new Date(almatyDateTime(new Date(iso))).getTime()).toBe(new Date(iso).getTime());
    }
  });
  it('validates ISO dates', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });
});
