import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, almatyDate } from '../time/almaty.ts';
import { noticeDaysLeft, noticeDeadline, noticeGiven, publicationCounts } from './notice.rule.ts';
import { containsDate, daysBetween, parseQuarterKey, quarterEnd, quarterKey, quarterOf, quarterStart } from './quarter.ts';

const isoDate = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('the 10-day notice rule (R-27.1)', () => {
  it('a meeting on 11 March needs a publication on or before 1 March', () => {
    expect(noticeDeadline('2026-03-11')).toBe('2026-03-01');
    expect(publicationCounts('2026-03-01', '2026-03-11')).toBe(true);
    expect(publicationCounts('2026-03-02', '2026-03-11')).toBe(false);
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(noticeDeadline('2024-03-09')).toBe('2024-02-28');
    expect(noticeDeadline('2024-03-10')).toBe('2024-02-29');
    expect(noticeDeadline('2025-03-10')).toBe('2025-02-28');
    expect(noticeDeadline('2027-01-05')).toBe('2026-12-26');
  });

  it('the deadline is always exactly 10 calendar days before (property)', () => {
    fc.assert(fc.property(isoDate, (date) => {
      const deadline = noticeDeadline(date);
      return daysBetween(deadline, date) === 10 && publicationCounts(deadline, date) && !publicationCounts(addDays(deadline, 1), date);
    }));
  });

  it('days left count down to zero on the deadline (property)', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: 0, max: 60 }), (date, before) => {
      const today = addDays(noticeDeadline(date), -before);
      return noticeDaysLeft(today, date) === before;
    }));
  });

  it('voided publications (an earlier date before postponement) do not count', () => {
    expect(noticeGiven([{ publishedOn: '2026-02-01', voided: true }], '2026-03-11')).toBe(false);
    expect(noticeGiven([{ publishedOn: '2026-02-01', voided: true }, { publishedOn: '2026-03-01', voided: false }], '2026-03-11')).toBe(true);
  });

  it('judges calendar dates in Asia/Almaty, including the 1 March 2024 change to UTC+5', () => {
    // Before the change Almaty was UTC+6: 18:30 UTC on 10 January 2024 was already 11 January.
    expect(almatyDate(new Date('2024-01-10T18:30:00Z'))).toBe('2024-01-11');
    // At 00:00 on 1 March 2024 (+06) the clocks went back to 23:00 on 29 February (+05):
    // 18:30 UTC that evening is 29 February 23:30, not 1 March.
    expect(almatyDate(new Date('2024-02-29T17:30:00Z'))).toBe('2024-02-29');
    expect(almatyDate(new Date('2024-02-29T18:30:00Z'))).toBe('2024-02-29');
    expect(almatyDate(new Date('2024-02-29T19:00:00Z'))).toBe('2024-03-01');
    // From then on UTC+5: 18:30 UTC on 1 March is 23:30 the same day.
    expect(almatyDate(new Date('2024-03-01T18:30:00Z'))).toBe('2024-03-01');
    // A meeting at 10:00 Almaty time on 11 March: the instant's Almaty date is what counts.
    const start = new Date('2024-03-11T05:00:00Z');
    expect(noticeDeadline(almatyDate(start))).toBe('2024-03-01');
  });

  it('an instant and its Almaty date never differ by more than a day from UTC (property)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2023-01-01'), max: new Date('2032-12-31'), noInvalidDate: true }), (instant) => {
      const local = almatyDate(instant);
      const utc = instant.toISOString().slice(0, 10);
      return local === utc || local === addDays(utc, 1);
    }));
  });
});

describe('calendar quarters (R-22.13)', () => {
  it('boundaries', () => {
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf('2026-04-01')).toEqual({ year: 2026, quarter: 2 });
    expect(quarterEnd({ year: 2026, quarter: 4 })).toBe('2026-12-31');
    expect(quarterEnd({ year: 2028, quarter: 1 })).toBe('2028-03-31');
    expect(quarterStart({ year: 2027, quarter: 3 })).toBe('2027-07-01');
    expect(parseQuarterKey('2026-Q4')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarterKey('2026-Q5')).toBeNull();
  });

  it('every date lies in exactly its own quarter, and quarters tile the year (property)', () => {
    fc.assert(fc.property(isoDate, (date) => {
      const q = quarterOf(date);
      const next = addDays(quarterEnd(q), 1);
      return containsDate(q, date) && quarterOf(next).quarter === (q.quarter % 4) + 1
        && quarterKey(q) === `${q.year}-Q${q.quarter}` && quarterStart(quarterOf(next)) === next;
    }));
  });
});
