import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iinCheckDigit, isValidIin, maskIin } from './iin.ts';

describe('IIN check digit', () => {
  it('accepts a number whose 12th digit is the check digit, and refuses every other 12th digit', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{11}$/), (first11) => {
      const check = iinCheckDigit(first11);
      for (let d = 0; d <= 9; d += 1) expect(isValidIin(`${first11}${d}`)).toBe(check === d);
    }));
  });

  it('uses the second weights when the first sum is 10', () => {
    // 1·0+2·0+…+10·1+11·0 = 10 → second pass: weights 3…11,1,2 → 1·1 = 1.
    expect(iinCheckDigit('00000000010')).toBe(1);
    expect(isValidIin('000000000101')).toBe(true);
  });

  it('refuses what is not 12 digits', () => {
    for (const value of ['', '12345678901', '1234567890123', '12345678901a', ' 880101300125']) expect(isValidIin(value)).toBe(false);
  });

  it('masks all but the last four digits', () => {
    expect(maskIin('880101300125')).toBe('••••••••0125');
  });
});
