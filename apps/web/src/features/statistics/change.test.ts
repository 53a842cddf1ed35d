import { describe, expect, it } from 'vitest';
import { missingNotes } from '../report/options.ts';
import { changeText, totals } from './change.ts';

describe('statistics change', () => {
  it('writes the change with its sign and percentage', () => {
    expect(changeText({ change: 3, changePercent: 12.5 }, 'ru')).toBe('+3 (+12,5 %)');
    expect(changeText({ change: -4, changePercent: -30.8 }, 'en')).toBe('−4 (−30.8 %)');
    expect(changeText({ change: 0, changePercent: 0 }, 'kk')).toBe('0 (0 %)');
    expect(changeText({ change: 2, changePercent: null }, 'kk')).toBe('+2');
    expect(changeText({ change: null, changePercent: null }, 'kk')).toBe('—');
  });

  it('totals the categories; last year only when something was recorded', () => {
    expect(totals([{ count: 5, lastYear: 4 }, { count: 3, lastYear: 4 }])).toEqual({ count: 8, lastYear: 8, change: 0, changePercent: 0 });
    expect(totals([{ count: 5, lastYear: null }, { count: 3, lastYear: null }])).toEqual({ count: 8, lastYear: null, change: null, changePercent: null });
    expect(totals([{ count: 2, lastYear: 0 }])).toEqual({ count: 2, lastYear: 0, change: 2, changePercent: null });
  });
});

describe('carry-over notes (R-30)', () => {
  it('counts the unsettled items without a note', () => {
    expect(missingNotes([
      { outcome: 'answered', note: null },
      { outcome: 'check_open', note: null },
      { outcome: 'forward_open', note: 'Передано в акимат' },
      { outcome: 'unclassified', note: null },
      { outcome: 'initiator_notified', note: null },
    ])).toBe(2);
  });
});
