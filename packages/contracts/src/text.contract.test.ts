import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listQuery } from './list.contract.ts';
import { cleanText, OptionalLine, OptionalText, PlainText, richDepth, RICH_MAX_DEPTH, RichText, SearchText, Text, textProblem } from './text.contract.ts';

const reason = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues[0]?.message;

describe('text schema: control characters and broken Unicode are refused', () => {
  it('refuses NUL and the other C0/C1 controls and DEL, in lines and paragraphs alike', () => {
    for (const bad of ['\u0000', 'Абай\u0000', 'a\u0001b', '\u0008', '\u000B', '\u000C', '\u001B[31m', 'x\u007F', '\u0085', '\u009F']) {
      expect(reason(Text(100).safeParse(bad)), JSON.stringify(bad)).toBe('control_character');
      expect(reason(PlainText(100).safeParse(bad)), JSON.stringify(bad)).toBe('control_character');
      expect(reason(OptionalText(100).safeParse(bad))).toBe('control_character');
      expect(reason(SearchText(100).safeParse(bad))).toBe('control_character');
    }
  });

  it('allows tab and line breaks only where the text may have several lines', () => {
    for (const lines of ['бір\nекі', 'бір\r\nекі', 'бір\tекі']) {
      expect(reason(Text(100).safeParse(lines))).toBe('control_character');
      expect(reason(OptionalLine(100).safeParse(lines))).toBe('control_character');
      expect(PlainText(100).parse(lines)).toBe(lines);
    }
  });

  it('refuses a lone surrogate (no UTF-8 form) but keeps emoji and combining marks', () => {
    for (const bad of ['\uD800', 'x\uDFFF', '\uDC00\uD800']) expect(reason(Text(100).safeParse(bad))).toBe('broken_unicode');
    expect(Text(100).parse('Сәлем 😀')).toBe('Сәлем 😀');
    expect(Text(100).parse('e\u0301')).toBe('é');
  });

  it('still removes bidirectional overrides and direction marks, and trims', () => {
    expect(Text(100).parse('  \u202EАбай\u2066 к-сі\u200F ')).toBe('Абай к-сі');
    expect(PlainText(100).safeParse('\u202E').success).toBe(false);
  });

  it('counts the limit after cleaning; empty optional text is null; a search may be empty', () => {
    expect(Text(3).safeParse('abcd').success).toBe(false);
    expect(Text(3).parse('\u202Eabc')).toBe('abc');
    expect(Text(10, { min: 2 }).safeParse('a').success).toBe(false);
    expect(OptionalLine(10).parse('   ')).toBeNull();
    expect(OptionalText(10).parse(null)).toBeNull();
    expect(SearchText(10).parse(' ')).toBe('');
  });

  it('the list convention: q refuses a NUL like any text', () => {
    const query = listQuery(['code']).strict();
    expect(query.safeParse({ q: 'ab\u0000' }).error?.issues[0]).toMatchObject({ path: ['q'], message: 'control_character' });
    expect(query.parse({ q: ' Абай ' }).q).toBe('Абай');
  });

  it('property: whatever a client sends, an accepted text has no control character and is whole Unicode', () => {
    const schemas = { line: Text(100, { min: 0 }), paragraph: Text(100, { multiline: true, min: 0 }) };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 50 }), fc.boolean(), (value, multiline) => {
      const parsed = schemas[multiline ? 'paragraph' : 'line'].safeParse(value);
      if (!parsed.success) return textProblem(value, multiline) !== null || cleanText(value).length > 100;
      return textProblem(parsed.data, multiline) === null && parsed.data === cleanText(value);
    }), { numRuns: 300 });
  }, 30_000);
});

describe('rich text (R-30 report sections): depth limit', () => {
  /** A document nested `n` lists deep, built without recursion. */
  const nested = (n: number) => {
    let node: unknown = { type: 'text', text: 'x' };
    for (let i = 0; i < n; i += 1) node = { type: 'bulletList', content: [node] };
    return { type: 'doc', content: [node] };
  };

  it('refuses a document nested 5,000 deep as too_deep instead of overflowing the stack', () => {
    const result = RichText.safeParse(nested(5000));
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ message: 'too_deep', path: [] })]);
  });

  it('takes documents up to the limit and refuses one level more', () => {
    expect(RichText.safeParse(nested(RICH_MAX_DEPTH - 2)).success).toBe(true);
    expect(RichText.safeParse(nested(RICH_MAX_DEPTH - 1)).success).toBe(false);
  });

  it('measures depth with an explicit stack, so a hundred thousand levels are no problem either', () => {
    expect(richDepth(nested(100_000), RICH_MAX_DEPTH)).toBe(RICH_MAX_DEPTH + 1);
    expect(richDepth(nested(3))).toBe(5);
    expect(richDepth('not a document')).toBe(0);
  });

  it('refuses control characters in its text like any paragraph', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a\u0000b' }] }] };
    expect(RichText.safeParse(doc).error!.issues[0]).toMatchObject({ message: 'control_character', path: ['content', 0, 'content', 0, 'text'] });
    expect(RichText.safeParse({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a\tb' }] }] }).success).toBe(true);
  });
});
