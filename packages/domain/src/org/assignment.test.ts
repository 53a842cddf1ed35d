import { describe, expect, it } from 'vitest';
import { activeOn, conflictingPeriod, periodIsValid, periodsOverlap } from './assignment.ts';

describe('assignments (R-2.2)', () => {
  it('dates are inclusive and an open end is still in force', () => {
    expect(activeOn({ from: '2026-01-01', to: '2026-03-31' }, '2026-03-31')).toBe(true);
    expect(activeOn({ from: '2026-01-01', to: '2026-03-31' }, '2026-04-01')).toBe(false);
    expect(activeOn({ from: '2026-01-01', to: null }, '2030-01-01')).toBe(true);
  });
  it('a period ending the day before another starts does not overlap it', () => {
    expect(periodsOverlap({ from: '2025-01-01', to: '2025-12-31' }, { from: '2026-01-01', to: null })).toBe(false);
    expect(periodsOverlap({ from: '2025-01-01', to: '2026-01-01' }, { from: '2026-01-01', to: null })).toBe(true);
  });
  it('finds the conflicting period and validates order', () => {
    const existing = [{ id: 'x', from: '2024-01-01', to: null }];
    expect(conflictingPeriod(existing, { from: '2026-05-01', to: null })?.id).toBe('x');
    expect(periodIsValid({ from: '2026-02-01', to: '2026-01-01' })).toBe(false);
  });
});
