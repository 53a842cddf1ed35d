import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/almaty.ts';
import { addWorkingDays, defaultDaysOff, isWeekend, isWorkingDay, workingCalendar, workingDaysBetween } from './working-days.ts';

const cal = workingCalendar([], [2025, 2026, 2027]);

describe('Kazakhstan working days', () => {
  it('knows the holidays of 2026, with Nauryz on a weekend moved to the next working days', () => {
    const d = defaultDaysOff(2026);
    expect(d.holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-03-08', '2026-03-21', '2026-03-22', '2026-03-23', '2026-05-27', '2026-12-16']));
    // 21 and 22 March 2026 are Saturday and Sunday; 23 is the Monday holiday itself → 24 and 25 off.
    expect(d.transferred).toEqual(expect.arrayContaining(['2026-03-24', '2026-03-25']));
    // 8 March 2026 is a Sunday → Monday 9 March off.
    expect(d.transferred).toContain('2026-03-09');
  });

  it('does not move religious holidays falling on a weekend (7 January 2024 was a Sunday)', () => {
    expect(defaultDaysOff(2024).transferred).not.toContain('2024-01-08');
  });

  it('a check opened on 18 March 2026 is due 15 working days later, skipping Nauryz and weekends', () => {
    // Working days after 18 Mar: 19, 20, 26, 27, 30, 31 Mar, 1, 2, 3, 6, 7, 8, 9, 10, 13 Apr.
    expect(addWorkingDays(cal, '2026-03-18', 15)).toBe('2026-04-13');
    for (const off of ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25']) expect(isWorkingDay(cal, off)).toBe(false);
  });

  it('forwarding within 3 working days from Friday 20 March 2026 ends on Monday 30 March (26, 27, 30)', () => {
    expect(addWorkingDays(cal, '2026-03-20', 3)).toBe('2026-03-30');
  });

  it('honours configured transfers: a working Saturday and an extra day off', () => {
    const custom = workingCalendar([{ date: '2027-01-02', kind: 'day_off' }, { date: '2027-01-09', kind: 'working_day' }], [2027]);
    expect(isWorkingDay(custom, '2027-01-09')).toBe(true);
    // A configured year replaces the defaults entirely.
    expect(isWorkingDay(custom, '2027-03-22')).toBe(true);
  });

  it('property: the due date is a working day, after the start, with exactly n working days between', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
      const from = addDays('2025-01-01', offset);
      const due = addWorkingDays(cal, from, n);
      return due > from && isWorkingDay(cal, due) && workingDaysBetween(cal, from, due) === n;
    }));
  });

  it('weekends are Saturday and Sunday', () => {
    expect(isWeekend('2026-11-28')).toBe(true);
    expect(isWeekend('2026-11-30')).toBe(false);
  });
});
