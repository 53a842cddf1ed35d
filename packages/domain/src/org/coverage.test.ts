import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { houseInRange, overlappingCoverage, rangeIsValid, rangesOverlap, type CoverageLine, type HouseRange } from './coverage.ts';

const line = (from: number | null, to: number | null, parity: HouseRange['parity'], street = 'Абая'): CoverageLine =>
  ({ from, to, parity, streetKind: 'street', streetNameRu: street, streetNameKk: street });

describe('house ranges', () => {
  it('odd and even sides of one street do not overlap', () => {
    expect(rangesOverlap(line(1, 99, 'odd'), line(2, 100, 'even'))).toBe(false);
  });
  it('a range of all houses overlaps an odd range that shares an odd number', () => {
    expect(rangesOverlap(line(10, 10, 'all'), line(1, 21, 'odd'))).toBe(false);
    expect(rangesOverlap(line(10, 11, 'all'), line(1, 21, 'odd'))).toBe(true);
  });
  it('open ends extend to the whole street', () => {
    expect(rangesOverlap(line(null, null, 'all'), line(500, 600, 'even'))).toBe(true);
  });
  it('rejects inverted and non-positive ranges', () => {
    expect(rangeIsValid(line(10, 5, 'all'))).toBe(false);
    expect(rangeIsValid(line(0, 5, 'all'))).toBe(false);
    expect(rangeIsValid(line(null, 5, 'odd'))).toBe(true);
  });
  it('finds overlaps only on the same street', () => {
    expect(overlappingCoverage([line(1, 50, 'all'), line(40, 60, 'all', 'Сейфуллина'), line(45, 70, 'all')])).toEqual([[0, 2]]);
  });
  it('overlap agrees with brute force over house numbers (property)', () => {
    const range = fc.record({
      from: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
      to: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
      parity: fc.constantFrom('all', 'odd', 'even') as fc.Arbitrary<HouseRange['parity']>,
    }).filter(rangeIsValid);
    fc.assert(fc.property(range, range, (a, b) => {
      let brute = false;
      for (let n = 1; n <= 70 && !brute; n++) brute = houseInRange(String(n), a) && houseInRange(String(n), b);
      // Open-ended ranges reach past 70: only compare when both are bounded within it.
      if (a.to == null || b.to == null) return true;
      return rangesOverlap(a, b) === brute;
    }));
  });
  it('reads house numbers with letters', () => {
    expect(houseInRange('12А', line(1, 20, 'even'))).toBe(true);
    expect(houseInRange('13/1', line(1, 20, 'even'))).toBe(false);
  });
});
