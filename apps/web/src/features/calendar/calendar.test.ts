import { describe, expect, it } from 'vitest';
import { isMonthKey, monthRange, monthWeeks, shiftMonth, weekday } from './calendar.ts';

describe('the month grid', () => {
  it('steps months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(isMonthKey('2026-13')).toBe(false);
  });

  it('covers the month in whole weeks from Monday', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(weekday('2026-12-01')).toBe(2);
    const weeks = monthWeeks('2026-12');
    expect(weeks[0]![0]).toBe('2026-11-30');
    expect(weeks.at(-1)!.at(-1)).toBe('2027-01-03');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
});
