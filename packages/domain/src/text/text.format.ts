import { parseQuarterKey } from '../meeting/quarter.ts';
import { RULES, type RuleId } from '../rules/rule.catalog.ts';

/**
 * How a date, a quarter and a rule are written inside a sentence a person reads (issue 14, item
 * 11), in one place for the staff app, the server's messages and the reminders: "7 желтоқсан
 * 2026 ж.", «7 декабря 2026 г.», "7 December 2026"; "2026 ж. 4-тоқсан", «4-й квартал 2026 г.»,
 * "Q4 2026"; "§27 ¶1". Never an ISO date, a quarter key ("2026-Q4") or a rule ID ("R-27.1").
 */
export type TextLanguage = 'kk' | 'ru' | 'en';

/** Kazakh months (nominative, as a date is written: "7 желтоқсан"), Russian (genitive: «7 декабря»), English. */
const MONTHS: Record<TextLanguage, readonly string[]> = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A calendar date (YYYY-MM-DD, or the date part of a local timestamp) written out for a sentence;
 * without the year: "7 желтоқсан", «7 декабря», "7 December". Anything else comes back as it is.
 */
export function formatLongDate(isoDate: string, language: TextLanguage, { year = true }: { year?: boolean } = {}): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, y, m, d] = match;
  const month = MONTHS[language][Number(m) - 1];
  if (!month) return isoDate;
  const dayMonth = `${Number(d)} ${month}`;
  if (!year) return dayMonth;
  return language === 'kk' ? `${dayMonth} ${y} ж.` : language === 'ru' ? `${dayMonth} ${y} г.` : `${dayMonth} ${y}`;
}

/** A quarter from its key ("2026-Q4") or its parts; a key that is not a quarter comes back as it is. */
export function formatQuarter(quarter: string | { year: number; quarter: number }, language: TextLanguage): string {
  const parts = typeof quarter === 'string' ? parseQuarterKey(quarter) : quarter;
  if (!parts) return String(quarter);
  if (language === 'kk') return `${parts.year} ж. ${parts.quarter}-тоқсан`;
  if (language === 'ru') return `${parts.quarter}-й квартал ${parts.year} г.`;
  return `Q${parts.quarter} ${parts.year}`;
}

const isRuleId = (value: unknown): value is RuleId => typeof value === 'string' && value in RULES;

/**
 * A rule as people cite it: the paragraph of the Rules ("§26", "§27 ¶1", "§22(13)"), or of the
 * order itself ("№652 ¶4"); never the rule ID, which is the code's. Not a rule: as it is.
 */
export function formatRule(rule: string): string {
  if (!isRuleId(rule)) return rule;
  const paragraph = RULES[rule].paragraph;
  return paragraph.startsWith('order ') ? `№652 ¶${paragraph.slice(6)}` : `§${paragraph}`;
}

/** Parameters that hold a calendar date or a quarter key, as the domain's sentences name them. */
const DATE_PARAMS = new Set(['deadline', 'earliest', 'date', 'due', 'dueDate', 'meetingDate', 'until', 'from']);
const QUARTER_PARAMS = new Set(['quarter']);

/**
 * A sentence's parameters in a language: dates written out, quarters named; the rest as they are.
 * The stored or computed values stay ISO — only what a person reads is formatted.
 */
export function readableParams<P extends Record<string, unknown>>(params: P, language: TextLanguage): P {
  const out: Record<string, unknown> = { ...params };
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    if (DATE_PARAMS.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(value)) out[key] = formatLongDate(value, language);
    else if (QUARTER_PARAMS.has(key)) out[key] = formatQuarter(value, language);
  }
  return out as P;
}

/**
 * A sentence with the rule IDs it names cited as people cite them: "(R-32.6)" → "(§32 ¶6)". For
 * messages written around a rule ID (errors, reminders) at the one place they leave for a person.
 */
export function citeRules(text: string): string {
  return text.replace(/\bR-(?:O\.)?\d+(?:\.\d+)?\b/g, (id) => formatRule(id));
}
