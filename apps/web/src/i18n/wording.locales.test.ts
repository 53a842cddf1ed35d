import { describe, expect, it } from 'vitest';
import { flatten, type Tree } from './locale-completeness.ts';

/**
 * Issue 14, item 11: what people read says one thing one way. Rules are cited by paragraph
 * ("§26", a RuleLink beside the text), never by their code's IDs ("R-26"); and each concept has
 * one Kazakh term, the one of the Rules' glossary (/work/shared/regulation/RULES.md): an award is
 * "марапаттау" (not "көтермелеу"), the person who raised an item is its "бастамашы" (not "өтініш
 * беруші"), and an item raised at a meeting is a "мәселе" — "өтініш" is an appeal, which the
 * report counts separately.
 */
const files = import.meta.glob<Tree>('./locales/*.json', { eager: true, import: 'default' });
const strings = (language: string) => Object.entries(files)
  .filter(([path]) => path.endsWith(`${language}.json`))
  .flatMap(([path, tree]) => [...flatten(tree)].map(([key, value]) => [`${path.slice(10)}:${key}`, String(value)] as const));

describe('wording of the locale files', () => {
  it.each(['kk', 'ru', 'en'])('%s cites no rule by its ID', (language) => {
    expect(strings(language).filter(([, text]) => /\bR-\d/.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('Kazakh uses the glossary\'s terms for awards and initiators', () => {
    expect(strings('kk').filter(([, text]) => /көтермел|өтініш беруші/i.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('the live screen, the protocol and the report call an item the same: "мәселе"', () => {
    const items = strings('kk').filter(([key]) => /^(live|protocol|report)\.kk\.json:(tabs\.items|item\.listTitle|content\.items|.*\.items)$/.test(key));
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const [key, text] of items) expect({ key, text }).toEqual({ key, text: expect.stringMatching(/мәселе/i) });
  });
});
