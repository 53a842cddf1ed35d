import { z } from 'zod';

/**
 * Text typed by people (names, items, answers) is stored and shown as text, never as markup.
 * Bidirectional override and isolate controls (U+202A–U+202E, U+2066–U+2069) and control
 * characters other than tab and newline have no use in Kazakh or Russian text and can disguise
 * what a record says, so they are removed; the rest is kept as typed (NFC-normalised, trimmed).
 */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(value: string): string {
  return value.normalize('NFC').replace(HIDDEN, '').trim();
}

/** A required line or paragraph of plain text, at most `max` characters after cleaning. */
export const PlainText = (max: number) => z.string().max(max * 2).transform(cleanText).pipe(z.string().min(1).max(max));
/** The same, optional: empty becomes null. */
export const OptionalText = (max: number) => z.string().max(max * 2).transform(cleanText)
  .pipe(z.string().max(max)).transform((s) => (s === '' ? null : s)).nullable().optional();

/**
 * Rich text of the report: a ProseMirror/Tiptap document limited to paragraphs, headings,
 * lists, hard breaks and bold/italic/underline. Only these nodes are accepted, so what is
 * stored is structure and text — never HTML — and renders safely in the page and the PDF.
 */
export const RICH_MARKS = ['bold', 'italic', 'underline'] as const;
export interface RichNode {
  type: 'doc' | 'paragraph' | 'heading' | 'bulletList' | 'orderedList' | 'listItem' | 'hardBreak' | 'text';
  attrs?: { level?: number; start?: number } | undefined;
  content?: RichNode[] | undefined;
  text?: string | undefined;
  marks?: Array<{ type: (typeof RICH_MARKS)[number] }> | undefined;
}
const RichNodeSchema: z.ZodType<RichNode> = z.object({
  type: z.enum(['doc', 'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'hardBreak', 'text']),
  attrs: z.object({ level: z.number().int().min(1).max(4).optional(), start: z.number().int().min(1).optional() }).catchall(z.unknown())
    .transform((a) => ({ ...(a.level !== undefined ? { level: a.level } : {}), ...(a.start !== undefined ? { start: a.start } : {}) })).optional(),
  content: z.array(z.lazy(() => RichNodeSchema)).max(2000).optional(),
  text: z.string().max(20000).transform((s) => s.normalize('NFC').replace(HIDDEN, '')).optional(),
  marks: z.array(z.object({ type: z.enum(RICH_MARKS) }).catchall(z.unknown()).transform((m) => ({ type: m.type }))).max(3).optional(),
}).meta({ id: 'RichNode' });
export const RichText = z.object({ type: z.literal('doc'), content: z.array(RichNodeSchema).max(2000) })
  .refine((doc) => JSON.stringify(doc).length <= 200_000, 'too_long')
  .meta({ id: 'RichText', description: 'Tiptap/ProseMirror JSON: paragraph, heading, bulletList, orderedList, listItem, hardBreak, text (bold, italic, underline)' });
export type RichText = z.infer<typeof RichText>;

/** The plain text of a rich document (search, PDFs, summaries). */
export function richTextPlain(node: RichNode | RichText): string {
  if (node.type === 'text') return (node as RichNode).text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map((c) => richTextPlain(c));
  return node.type === 'doc' || node.type === 'bulletList' || node.type === 'orderedList' ? inner.join('\n') : inner.join('');
}
