import { RULES, type RuleId } from '@esep/domain';

export const isRuleId = (value: unknown): value is RuleId => typeof value === 'string' && value in RULES;

/**
 * The paragraph a rule ID stands for, as the UI writes it: "§27 ¶1", "§26", "§22(13)"; the
 * order's own paragraphs as "№652 ¶4".
 */
export function paragraphOf(rule: string): string {
  if (!isRuleId(rule)) return rule;
  const paragraph = RULES[rule].paragraph;
  return paragraph.startsWith('order ') ? `№652 ¶${paragraph.slice(6)}` : `§${paragraph}`;
}

/** The rules page's anchor of a rule. */
export const ruleHref = (rule: string) => `/rules#${rule}`;
