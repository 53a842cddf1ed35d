import { RichText } from '@esep/contracts';
import { describe, expect, it } from 'vitest';
import { isEmptyRichText, toRichText } from './richText.tsx';

describe('toRichText', () => {
  it('keeps what the report allows', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3, textAlign: 'left' }, content: [{ type: 'text', text: 'Жағдай' }] },
        { type: 'paragraph', content: [
          { type: 'text', text: 'Учаскедегі ', marks: [{ type: 'bold' }] },
          { type: 'hardBreak' },
          { type: 'text', text: 'жағдай тұрақты', marks: [{ type: 'italic' }, { type: 'underline' }] },
        ] },
        { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'бір' }] }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'paragraph' },
      ],
    };
    const clean = toRichText(doc);
    expect(RichText.safeParse(clean).success).toBe(true);
    expect(clean.content[0]).toEqual({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Жағдай' }] });
    expect(clean.content[2]).toMatchObject({ type: 'orderedList', attrs: { start: 3 } });
    expect(clean.content[1]!.content![2]!.marks).toEqual([{ type: 'italic' }, { type: 'underline' }]);
  });

  it('strips marks and nodes the report does not allow, keeping their text', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'дәйексөз' }] }] },
        { type: 'codeBlock', content: [{ type: 'text', text: 'код' }] },
        { type: 'horizontalRule' },
        { type: 'paragraph', content: [
          { type: 'text', text: 'сілтеме', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'bold' }] },
          { type: 'text', text: 'сызылған', marks: [{ type: 'strike' }, { type: 'code' }] },
          { type: 'image', attrs: { src: 'x' } },
        ] },
      ],
    };
    const clean = toRichText(doc);
    expect(RichText.safeParse(clean).success).toBe(true);
    const json = JSON.stringify(clean);
    for (const word of ['blockquote', 'codeBlock', 'horizontalRule', 'link', 'strike', 'javascript', 'image']) expect(json).not.toContain(word);
    expect(json).toContain('дәйексөз');
    expect(json).toContain('код');
    expect(clean.content.at(-1)!.content).toEqual([
      { type: 'text', text: 'сілтеме', marks: [{ type: 'bold' }] },
      { type: 'text', text: 'сызылған' },
    ]);
  });

  it('drops control characters a paste carries, which the server refuses', () => {
    const clean = toRichText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'бір\u000Bекі\u0000\tүш' }, { type: 'text', text: '\u000C' }] }] });
    expect(clean.content[0]!.content).toEqual([{ type: 'text', text: 'бірекі\tүш' }]);
    expect(RichText.safeParse(clean).success).toBe(true);
  });

  it('knows an empty document', () => {
    expect(isEmptyRichText(toRichText({ type: 'doc', content: [{ type: 'paragraph' }] }))).toBe(true);
    expect(isEmptyRichText(null)).toBe(true);
    expect(isEmptyRichText(toRichText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'а' }] }] }))).toBe(false);
  });
});
