import { ROLES, STREET_KINDS, STREET_KIND_WORDS } from '@esep/domain';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';
import { flatten, localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

const LOCALES: Locales = { kk, ru, en };
const flat = Object.fromEntries(Object.entries(LOCALES).map(([lang, tree]) => [lang, flatten(tree)])) as Record<keyof Locales, Map<string, unknown>>;

describe('locale files', () => {
  // Names of languages are written in their own language in every locale.
  localeCompleteness(LOCALES, { sameAsEnglish: (key) => key.startsWith('languages.') });

  it('names every role', () => {
    for (const tree of Object.values(LOCALES)) {
      expect(Object.keys(tree.roles as Tree).sort()).toEqual([...ROLES].sort());
    }
  });

  it('uses the street kind words of the domain', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      for (const kind of STREET_KINDS) {
        expect(flat[lang].get(`streetKinds.${kind}`)).toBe(STREET_KIND_WORDS[kind][lang]);
      }
    }
  });
});
