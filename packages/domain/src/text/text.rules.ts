/**
 * What text people type may hold, wherever it comes from (a form, the API, a spreadsheet cell):
 * no control characters (NUL and the other C0 and C1 controls, DEL) — no keyboard types them,
 * PostgreSQL cannot store NUL, and they would reach the audit trail, PDFs and letters — and no
 * broken Unicode (a lone surrogate has no UTF-8 form). Tab and line breaks belong to text of
 * several lines only. The contracts' text schemas and the imports' cell readers judge by this.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'control_character' | 'broken_unicode';

/** Why a text cannot be taken as it is, or null. */
export function textProblem(value: string, multiline: boolean): TextProblem | null {
  if ((multiline ? CONTROL : CONTROL_OR_BREAK).test(value)) return 'control_character';
  if (LONE_SURROGATE.test(value)) return 'broken_unicode';
  return null;
}
