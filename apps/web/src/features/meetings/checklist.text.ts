import { checklistMessage, lateEntryMessage } from '@esep/domain';
import { formatLongDate, formatQuarter } from '../../app/format.ts';
import type { Language } from '../../i18n/index.ts';
import type { Check } from './types.ts';

/** Parameters of checklist sentences that are dates (YYYY-MM-DD) or a quarter key (YYYY-Qn). */
const DATE_PARAMS = new Set(['deadline', 'earliest', 'enteredOn', 'decidedOn']);

/** The lines about a meeting entered after the fact come from the late-entry sentences. */
const LATE_KEYS: Record<string, readonly string[]> = {
  late_entry: ['check.pending', 'check.confirmed', 'check.returned', 'check.withdrawn'],
  quarter: ['quarter.pending', 'quarter.returned', 'quarter.withdrawn'],
};

type Params = Check['params'];

function readable(params: Params, language: Language): Params {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [
    name,
    typeof value !== 'string' ? value : DATE_PARAMS.has(name) ? formatLongDate(value, language) : name === 'quarter' ? formatQuarter(value, language) : value,
  ]));
}

/**
 * A checklist line in the user's language with its dates and quarter written for people
 * ("…7 желтоқсан 2026 ж. дейін…", "2026 ж. 4-тоқсан") instead of the server's ISO forms. The
 * server sends the sentence (`message`) and its parameters; the same sentence of the domain is
 * written again with readable values — only when it is what the server sent, so a line this
 * client does not know stays as the server wrote it.
 */
export function checkText(check: Pick<Check, 'key' | 'status' | 'message' | 'params'>, language: Language): string {
  const templates = [
    (p: Params) => checklistMessage(`${check.key}.${check.status}`, p),
    ...(LATE_KEYS[check.key] ?? []).map((key) => (p: Params) => lateEntryMessage(key, p)),
  ];
  for (const template of templates) {
    const sent = template(check.params);
    if (sent.kk === check.message || sent.ru === check.message || sent.en === check.message) return template(readable(check.params, language))[language];
  }
  return check.message;
}
