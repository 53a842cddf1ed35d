import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, ruleReference, rulesInForce } from './rule.catalog.ts';

describe('rule catalogue', () => {
  it('lists every rule ID of the regulation', () => {
    const text = readFileSync(new URL('../../../../docs/regulation/RULES.md', import.meta.url), 'utf8');
    const ids = new Set(text.match(/R-[0-9O]+(\.[0-9]+)?/g));
    expect([...ids].sort()).toEqual([...RULE_IDS].sort());
  });
  it('judges by the rules in force on a date (R-O.6)', () => {
    expect(rulesInForce('2023-08-30')).toHaveLength(0);
    expect(rulesInForce('2026-01-01')).toHaveLength(RULE_IDS.length);
  });
  it('renders a paragraph reference in each language', () => {
    expect(ruleReference('R-27.1', 'ru')).toBe(`§27 ¶1 — ${RULES['R-27.1'].title.ru}`);
  });
});
