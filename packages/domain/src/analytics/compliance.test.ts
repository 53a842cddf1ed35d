import { describe, expect, it } from 'vitest';
import { COMPLIANCE_LINES, complianceFigures, isComplianceRule, quarterSpan, quartersBetween, share } from './compliance.ts';

describe('compliance figures (issue 15)', () => {
  it('turns counts into shares rounded to 0.1 %, null when nothing was judged', () => {
    expect(share(1, 3)).toBe(0.333);
    expect(share(2, 3)).toBe(0.667);
    expect(share(0, 0)).toBeNull();
    expect(share(5, 5)).toBe(1);
  });

  it('names every line by its rule ID, in the checklist order, with the counts behind each share', () => {
    const f = complianceFigures({ districts: 4, obligationMet: 3, lines: { notice: { met: 2, judged: 4 }, control: { met: 0, judged: 1 } } });
    expect(f.districts).toBe(4);
    expect(f.obligation).toEqual({ rule: 'R-22.13', met: 3, share: 0.75 });
    expect(f.lines.map((l) => l.rule)).toEqual(['R-27.1', 'R-26', 'R-32.2', 'R-32.1', 'R-32.3', 'R-32.4', 'R-32.5', 'R-33']);
    expect(f.lines[0]).toEqual({ key: 'notice', rule: 'R-27.1', met: 2, judged: 4, share: 0.5 });
    // A line with no counts is 0 of 0, not a made-up 0 %.
    expect(f.lines[1]).toEqual({ key: 'presence', rule: 'R-26', met: 0, judged: 0, share: null });
    expect(f.lines[7]).toEqual({ key: 'control', rule: 'R-33', met: 0, judged: 1, share: 0 });
  });

  it('keeps only the lines the rule filter names (R-22.13 alone keeps none)', () => {
    const counts = { districts: 0, obligationMet: 0, lines: {} };
    expect(complianceFigures(counts, new Set(['R-32.1', 'R-33'] as const)).lines.map((l) => l.key)).toEqual(['video', 'control']);
    expect(complianceFigures(counts, new Set(['R-22.13'] as const)).lines).toEqual([]);
    expect(complianceFigures(counts, new Set()).lines).toHaveLength(COMPLIANCE_LINES.length);
    expect(complianceFigures(counts).obligation.share).toBeNull();
  });

  it('knows the rules it reports on', () => {
    expect(isComplianceRule('R-22.13')).toBe(true);
    expect(isComplianceRule('R-32.4')).toBe(true);
    expect(isComplianceRule('R-31')).toBe(false);
    expect(isComplianceRule('R-99')).toBe(false);
  });

  it('lists the quarters of a range across years, and counts its span', () => {
    expect(quartersBetween({ year: 2026, quarter: 3 }, { year: 2027, quarter: 2 })).toEqual([
      { year: 2026, quarter: 3 }, { year: 2026, quarter: 4 }, { year: 2027, quarter: 1 }, { year: 2027, quarter: 2 },
    ]);
    expect(quartersBetween({ year: 2027, quarter: 1 }, { year: 2026, quarter: 4 })).toEqual([]);
    expect(quarterSpan({ year: 2027, quarter: 1 }, { year: 2026, quarter: 4 })).toBe(0);
    expect(quarterSpan({ year: 2017, quarter: 1 }, { year: 2026, quarter: 4 })).toBe(40);
  });
});
