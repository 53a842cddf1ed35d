import { describe, expect, it } from 'vitest';
import { readCell } from '../org/structure.cells.ts';
import { textProblem } from './text.rules.ts';

describe('textProblem: what typed text may hold', () => {
  it('refuses control characters; tab and line breaks only in text of several lines', () => {
    expect(textProblem('Абай\u0000', true)).toBe('control_character');
    expect(textProblem('\u007F', true)).toBe('control_character');
    expect(textProblem('\u0085', true)).toBe('control_character');
    expect(textProblem('бір\nекі\tүш\r\n', true)).toBeNull();
    expect(textProblem('бір\nекі', false)).toBe('control_character');
    expect(textProblem('бір\tекі', false)).toBe('control_character');
  });

  it('refuses a lone surrogate but not a pair', () => {
    expect(textProblem('\uD800', false)).toBe('broken_unicode');
    expect(textProblem('a\uDC00', false)).toBe('broken_unicode');
    expect(textProblem('😀', false)).toBeNull();
  });
});

describe('structure import cells', () => {
  const column = (type: 'code' | 'text') => ({ name: 'x', required: true, kind: { type }, kk: '', ru: '' }) as Parameters<typeof readCell>[0];
  it('refuses a control character in a code or a name with its own reason', () => {
    expect(readCell(column('code'), 'ALM\u0000')).toEqual({ code: 'control_character', params: {} });
    expect(readCell(column('text'), 'Абай\u0000 к-сі')).toEqual({ code: 'control_character', params: {} });
    expect(readCell(column('code'), 'ALM\nKAR')).toEqual({ code: 'control_character', params: {} });
  });

  it('keeps a line break inside a name (Alt+Enter in a cell)', () => {
    expect(readCell(column('text'), 'Абай к-сі,\n12')).toEqual({ value: 'Абай к-сі,\n12' });
  });
});
