import { textProblem } from '@esep/domain';
import { z } from 'zod';

/**
 * Text typed by people (names, items, answers) is stored and shown as text, never as markup.
 * One rule for every text a client sends, in bodies and query strings alike:
 * - control characters and broken Unicode are refused with 400 naming the field, by the domain's
 *   `textProblem` (text.rules.ts): tab and line breaks only in text of several lines;
 * - bidirectional override and isolate controls (U+202A–U+202E, U+2066–U+2069) and the
 *   direction marks have no use in Kazakh or Russian text and can disguise what a record says,
 *   so they are removed; the rest is kept as typed (NFC-normalised, trimmed).
 */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export { textProblem };

/** Normalises text for storing and showing: NFC, hidden formatting and controls removed, trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(HIDDEN, '').trim();
}

/** The check of `textProblem` for any string schema (`.superRefine(refuseControl(false))`): 400 with the reason. */
export const refuseControl = (multiline: boolean) => (value: string, ctx: z.RefinementCtx<string>) => {
  const problem = textProblem(value, multiline);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
};

/** The raw string a text schema starts from: at most `max` characters, no control characters, whole Unicode. */
export const TextInput = (max: number, multiline: boolean) => z.string().max(max).superRefine(refuseControl(multiline));

export interface TextOptions {
  /** Tab and line breaks allowed (paragraphs: items, answers, notes); otherwise one line. */
  multiline?: boolean;
  /** Fewest characters after cleaning (default 1: required). */
  min?: number;
}

/**
 * The text schema: a line (or with `multiline` a paragraph) of at most `max` characters after
 * cleaning. Every text field of every request uses it (or PlainText/OptionalText/SearchText).
 */
export const Text = (max: number, { multiline = false, min = 1 }: TextOptions = {}) =>
  TextInput(max * 2, multiline).transform(cleanText).pipe(z.string().min(min).max(max));
/** The same, optional: empty becomes null. */
export const OptionalLine = (max: number, { multiline = false }: Omit<TextOptions, 'min'> = {}) =>
  TextInput(max * 2, multiline).transform(cleanText).pipe(z.string().max(max)).transform((s) => (s === '' ? null : s)).nullable().optional();

/** A required paragraph of plain text, at most `max` characters after cleaning. */
export const PlainText = (max: number) => Text(max, { multiline: true });
/** The same, optional: empty becomes null. */
export const OptionalText = (max: number) => OptionalLine(max, { multiline: true });
/** A search or filter term from a query string: one line, may be empty. */
export const SearchText = (max: number) => Text(max, { min: 0 });

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
/**
 * How many nodes deep a report's document may nest (doc › list › item › paragraph › text is 5;
 * each nested list adds 2). Deeper documents are refused before the recursive schema sees them:
 * a document nested thousands deep would overflow the stack of a recursive validation.
 */
export const RICH_MAX_DEPTH = 32;

/** The node depth of a would-be document, walked with an explicit stack and stopping past `limit`. */
export function richDepth(value: unknown, limit = RICH_MAX_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    const content = (node as { content?: unknown }).content;
    if (Array.isArray(content)) for (const child of content) stack.push([child, depth + 1]);
  }
  return deepest;
}

const RichNodeSchema: z.ZodType<RichNode> = z.object({
  type: z.enum(['doc', 'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'hardBreak', 'text']),
  attrs: z.object({ level: z.number().int().min(1).max(4).optional(), start: z.number().int().min(1).max(100_000).optional() }).catchall(z.unknown())
    .transform((a) => ({ ...(a.level !== undefined ? { level: a.level } : {}), ...(a.start !== undefined ? { start: a.start } : {}) })).optional(),
  content: z.array(z.lazy(() => RichNodeSchema)).max(2000).optional(),
  text: TextInput(20000, true).transform((s) => s.normalize('NFC').replace(HIDDEN, '')).optional(),
  marks: z.array(z.object({ type: z.enum(RICH_MARKS) }).catchall(z.unknown()).transform((m) => ({ type: m.type }))).max(3).optional(),
}).meta({ id: 'RichNode' });
const RichDocument = z.object({ type: z.literal('doc'), content: z.array(RichNodeSchema).max(2000) })
  .refine((doc) => JSON.stringify(doc).length <= 200_000, 'too_long');
export const RichText = z.preprocess((value, ctx) => {
  if (richDepth(value) > RICH_MAX_DEPTH) ctx.addIssue({ code: 'too_big', origin: 'array', maximum: RICH_MAX_DEPTH, inclusive: true, message: 'too_deep', input: null });
  return value;
}, RichDocument)
  .meta({ id: 'RichText', description: `Tiptap/ProseMirror JSON: paragraph, heading, bulletList, orderedList, listItem, hardBreak, text (bold, italic, underline); at most ${RICH_MAX_DEPTH} nodes deep` });
export type RichText = z.infer<typeof RichText>;

/** The plain text of a rich document (search, PDFs, summaries). */
export function richTextPlain(node: RichNode | RichText): string {
  if (node.type === 'text') return (node as RichNode).text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map((c) => richTextPlain(c));
  return node.type === 'doc' || node.type === 'bulletList' || node.type === 'orderedList' ? inner.join('\n') : inner.join('');
}
