import type { ReactNode } from 'react';
import type { RichNode, RichText } from '@esep/contracts';

/**
 * The report's rich text (contracts `RichText`): paragraphs, level-3 headings, bullet and
 * ordered lists, hard breaks, bold/italic/underline. The editor is configured with exactly
 * these, and `toRichText` strips anything else (a pasted quote, a stray attribute) before a
 * save, so what is sent always passes the server's schema.
 */
const BLOCKS = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem']);
const MARKS = new Set(['bold', 'italic', 'underline']);
/** Control characters a paste can carry (a form feed, a vertical tab from a word processor): the server refuses them. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** What the editor produces (Tiptap's JSONContent, loosely). */
export interface EditorNode {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: EditorNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

function cleanInline(node: EditorNode): RichNode[] {
  if (node.type === 'hardBreak') return [{ type: 'hardBreak' }];
  if (node.type === 'text') {
    const text = node.text?.replace(CONTROL, '');
    if (!text) return [];
    const marks = (node.marks ?? []).filter((m) => MARKS.has(m.type)).map((m) => ({ type: m.type as 'bold' | 'italic' | 'underline' }));
    return [{ type: 'text', text, ...(marks.length > 0 ? { marks } : {}) }];
  }
  // An inline node the report does not know (an image, a mention): keep only its text.
  return (node.content ?? []).flatMap(cleanInline);
}

function cleanBlock(node: EditorNode): RichNode[] {
  const type = node.type ?? '';
  if (type === 'text' || type === 'hardBreak') return [{ type: 'paragraph', content: cleanInline(node) }];
  if (!BLOCKS.has(type)) {
    // A block the report does not allow (quote, code block, rule): its content, unwrapped.
    const inner = node.content ?? [];
    if (inner.length === 0) return [];
    return inner.some((c) => c.type === 'text' || c.type === 'hardBreak')
      ? [{ type: 'paragraph', content: inner.flatMap(cleanInline) }]
      : inner.flatMap(cleanBlock);
  }
  if (type === 'paragraph') {
    const content = (node.content ?? []).flatMap(cleanInline);
    return [content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }];
  }
  if (type === 'heading') {
    const content = (node.content ?? []).flatMap(cleanInline);
    return [{ type: 'heading', attrs: { level: 3 }, ...(content.length > 0 ? { content } : {}) }];
  }
  if (type === 'listItem') {
    const content = (node.content ?? []).flatMap(cleanBlock);
    return [{ type: 'listItem', content: content.length > 0 ? content : [{ type: 'paragraph' }] }];
  }
  // bulletList / orderedList: only list items inside.
  const items = (node.content ?? []).flatMap((c) => (c.type === 'listItem' ? cleanBlock(c) : cleanBlock({ type: 'listItem', content: [c] })));
  if (items.length === 0) return [];
  const start = type === 'orderedList' && typeof node.attrs?.start === 'number' && node.attrs.start > 1 ? Math.floor(node.attrs.start) : undefined;
  return [{ type: type as 'bulletList' | 'orderedList', ...(start ? { attrs: { start } } : {}), content: items }];
}

/** The editor's document reduced to what `RichText` allows. */
export function toRichText(doc: EditorNode): RichText {
  return { type: 'doc', content: (doc.content ?? []).flatMap(cleanBlock) } as RichText;
}

/** True when the document has no text at all. */
export function isEmptyRichText(doc: RichText | null | undefined): boolean {
  if (!doc) return true;
  const walk = (n: RichNode): boolean => (n.type === 'text' ? !(n.text ?? '').trim() : (n.content ?? []).every(walk));
  return doc.content.every(walk);
}

function renderInline(node: RichNode, key: number): ReactNode {
  if (node.type === 'hardBreak') return <br key={key} />;
  if (node.type !== 'text') return null;
  let out: ReactNode = node.text ?? '';
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'underline') out = <u>{out}</u>;
  }
  return <span key={key}>{out}</span>;
}

function renderBlock(node: RichNode, key: number): ReactNode {
  const inline = () => (node.content ?? []).map(renderInline);
  switch (node.type) {
    case 'paragraph': return <p key={key}>{inline()}</p>;
    // Headings inside a section sit below the section's own heading (h3).
    case 'heading': return <h4 key={key}>{inline()}</h4>;
    case 'bulletList': return <ul key={key}>{(node.content ?? []).map(renderBlock)}</ul>;
    case 'orderedList': return <ol key={key} start={node.attrs?.start}>{(node.content ?? []).map(renderBlock)}</ol>;
    case 'listItem': return <li key={key}>{(node.content ?? []).map(renderBlock)}</li>;
    default: return null;
  }
}

/**
 * A saved text, read-only: React elements built from the structure — the text is never
 * interpreted as markup.
 */
export function RichTextView({ doc, testId }: { doc: RichText; testId?: string }) {
  return <div className="rich-text" data-testid={testId}>{doc.content.map(renderBlock)}</div>;
}
