import { iinCheckDigit } from '@esep/domain';
import { describe, expect, it } from 'vitest';
import { iinDigits, iinInputState } from './iin.ts';

const first11 = '88010130012';
const check = iinCheckDigit(first11)!;
const valid = `${first11}${check}`;
const wrong = `${first11}${(check + 1) % 10}`;

describe('IIN field', () => {
  it('keeps only digits, at most 12', () => {
    expect(iinDigits('8801 0130-0125')).toBe('880101300125');
    expect(iinDigits('ИИН 8801013001259')).toBe('880101300125');
    expect(iinDigits('abc')).toBe('');
  });

  it('tells an empty, a short, a wrong and a valid number apart (R-32.1)', () => {
    expect(iinInputState('')).toBe('empty');
    expect(iinInputState('88010130')).toBe('incomplete');
    expect(iinInputState(wrong)).toBe('invalid');
    expect(iinInputState(valid)).toBe('valid');
  });
});
