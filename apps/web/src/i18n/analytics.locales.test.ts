import { describe, expect, it } from 'vitest';
import en from './locales/analytics.en.json';
import kk from './locales/analytics.kk.json';
import ru from './locales/analytics.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `analytics` namespace (issue 15: compliance, participation and items of a territory) is held
 * to the same standard as the main locale files, and names every checklist line, level and format.
 */
const LOCALES: Locales = { kk, ru, en };

describe('analytics locale files', () => {
  // The range "{{from}} – {{to}}" has no words to translate.
  localeCompleteness(LOCALES, { sameAsEnglish: (key) => key === 'list.filter' });

  it('names every checklist line the API reports, every level and every format', async () => {
    const { COMPLIANCE_LINES } = await import('@esep/domain');
    const { FORMATS } = await import('../features/analytics/analytics.types.ts');
    for (const tree of Object.values(LOCALES)) {
      const keys = (path: string) => Object.keys(path.split('.').reduce<Tree>((node, key) => node[key] as Tree, tree)).sort();
      expect(keys('lines')).toEqual(['obligation', ...COMPLIANCE_LINES.map((l) => l.key)].sort());
      expect(keys('levels')).toEqual(['district', 'point', 'region', 'unit']);
      expect(keys('formats')).toEqual([...FORMATS].sort());
    }
  });
});
