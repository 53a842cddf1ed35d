import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Instant, IsoDate, YEAR_MAX, YEAR_MIN } from './list.contract.ts';
import { MeetingListQuery, QuarterKey } from './meeting.contract.ts';

/** Whether y-m-d names a day of the proleptic Gregorian calendar (the test's own oracle). */
const exists = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('calendar date schema', () => {
  it('refuses dates in the right shape that do not exist', () => {
    for (const bad of ['2025-02-30', '2026-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-01-00', '1900-02-29', '2100-02-29', '2999-02-29']) {
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('takes leap days of leap years and the ends of months', () => {
    for (const good of ['2024-02-29', '2000-02-29', '2028-02-29', '2025-12-31', '2025-04-30', `${YEAR_MIN}-01-01`, `${YEAR_MAX}-12-31`]) {
      expect(IsoDate.parse(good)).toBe(good);
    }
  });

  it('refuses other shapes and years outside the records\' range', () => {
    for (const bad of ['2025-1-1', '20250101', '2025-02-28T00:00:00', ' 2025-02-28', '0000-01-01', `${YEAR_MIN - 1}-12-31`, `${YEAR_MAX + 1}-01-01`, '9999-12-31']) {
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('property: accepted exactly when the day exists and its year is in range', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const expected = y >= YEAR_MIN && y <= YEAR_MAX && m >= 1 && m <= 12 && d >= 1 && exists(y, m, d);
      return IsoDate.safeParse(iso(y, m, d)).success === expected;
    }), { numRuns: 5000 });
  });

  it('names the field in a query (GET /meetings?from=)', () => {
    const result = MeetingListQuery.safeParse({ from: '2025-02-30' });
    expect(result.error!.issues[0]!.path).toEqual(['from']);
  });
});

describe('instant schema', () => {
  it('takes a real instant with its offset or Z', () => {
    for (const good of ['2026-12-20T18:00:00+05:00', '2026-12-20T13:00:00Z', '2024-02-29T23:59:59.999+06:00']) expect(Instant.parse(good)).toBe(good);
  });

  it('refuses impossible days and hours, a missing offset and years outside the range', () => {
    for (const bad of ['2025-02-30T10:00:00+05:00', '2026-02-29T18:00:00Z', '2025-13-01T10:00:00Z', '2025-06-01T24:00:00+05:00', '2025-06-01T10:00:00',
      '2025-06-01T10:00:00+05', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-12:00', '2025-06-01']) {
      expect(Instant.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('quarter key', () => {
  it('takes quarters of the years dates may fall in', () => {
    expect(QuarterKey.safeParse('2026-Q4').success).toBe(true);
    for (const bad of ['0000-Q1', '1899-Q4', '3000-Q1', '9999-Q1', '2026-Q5', '2026-Q0']) expect(QuarterKey.safeParse(bad).success, bad).toBe(false);
  });
});
