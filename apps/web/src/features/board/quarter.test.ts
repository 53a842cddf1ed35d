import { describe, expect, it } from 'vitest';
import { isQuarterKey, shiftQuarter } from './quarter.ts';

describe('quarters', () => {
  it('steps across years', () => {
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q2', 1)).toBe('2026-Q3');
  });
  it('accepts only YYYY-Qn', () => {
    expect(isQuarterKey('2026-Q4')).toBe(true);
    expect(isQuarterKey('2026-Q5')).toBe(false);
    expect(isQuarterKey(null)).toBe(false);
  });
});
