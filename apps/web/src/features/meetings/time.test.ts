import { describe, expect, it } from 'vitest';
import { paragraphOf } from './rules.ts';
import { almatyInstant, almatyParts, formatMeetingTime, noticeFor } from './time.ts';

describe('Almaty time', () => {
  it('writes a local date and time with the +05:00 offset and reads it back', () => {
    const instant = almatyInstant('2026-12-20', '18:00');
    expect(instant).toBe('2026-12-20T18:00:00+05:00');
    expect(new Date(instant).toISOString()).toBe('2026-12-20T13:00:00.000Z');
    expect(almatyParts('2026-12-20T13:00:00.000Z')).toEqual({ date: '2026-12-20', time: '18:00' });
    expect(almatyParts('2026-12-20T19:30:00.000Z')).toEqual({ date: '2026-12-21', time: '00:30' });
  });

  it('shows a meeting time in Almaty whatever the browser zone', () => {
    expect(formatMeetingTime('2026-12-20T13:00:00.000Z', '2026-12-20T14:30:00.000Z', 'ru')).toBe('20.12.2026, 18:00–19:30');
  });

  it('computes the R-27.1 deadline: 10 calendar days before the meeting day', () => {
    expect(noticeFor('2026-12-20', '2026-11-25')).toEqual({ deadline: '2026-12-10', daysLeft: 15, earliest: '2026-12-05', quarter: '2026-Q4' });
    expect(noticeFor('2026-12-01', '2026-11-25').daysLeft).toBe(-4);
  });

  it('names paragraphs the way the UI cites them', () => {
    expect(paragraphOf('R-27.1')).toBe('§27 ¶1');
    expect(paragraphOf('R-26')).toBe('§26');
    expect(paragraphOf('R-22.13')).toBe('§22(13)');
    expect(paragraphOf('R-O.4')).toBe('№652 ¶4');
  });
});
