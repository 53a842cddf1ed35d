import { RULES, type RuleId } from '@esep/domain';

export const isRuleId = (value: unknown): value is RuleId => typeof value === 'string' && value in RULES;

/** The paragraph a rule ID stands for, as the UI writes it ("§27 ¶1"): see app/format.ts. */
export { formatRule as paragraphOf } from '../../app/format.ts';

/** The rules page's anchor of a rule. */
export const ruleHref = (rule: string) => `/rules#${rule}`;
