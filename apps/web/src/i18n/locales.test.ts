import { ROLES, STREET_KINDS, STREET_KIND_WORDS } from '@esep/domain';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';

type Tree = { [key: string]: string | Tree };

const LOCALES: Record<'kk' | 'ru' | 'en', Tree> = { kk, ru, en };

/** Every leaf as `a.b.c` → value; a non-string, non-object leaf is reported as an error. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const flat = Object.fromEntries(Object.entries(LOCALES).map(([lang, tree]) => [lang, flatten(tree)])) as Record<keyof typeof LOCALES, Map<string, unknown>>;
const allKeys = [...new Set(Object.values(flat).flatMap((m) => [...m.keys()]))].sort();

describe('locale files', () => {
  it.each(Object.keys(LOCALES) as Array<keyof typeof LOCALES>)('%s has every key of the other languages', (lang) => {
    const missing = allKeys.filter((key) => !flat[lang].has(key));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(LOCALES) as Array<keyof typeof LOCALES>)('%s has no empty or non-text value', (lang) => {
    const bad = [...flat[lang]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('uses the same interpolation variables in every language', () => {
    const vars = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = allKeys.filter((key) => {
      const expected = JSON.stringify(vars(flat.en.get(key)));
      return JSON.stringify(vars(flat.kk.get(key))) !== expected || JSON.stringify(vars(flat.ru.get(key))) !== expected;
    });
    expect(mismatched).toEqual([]);
  });

  it('is really translated: Kazakh uses Kazakh letters, Russian uses Cyrillic', () => {
    const kazakhLetters = /[әғқңөұүһі]/i;
    const kkText = [...flat.kk.values()].join(' ');
    expect(kazakhLetters.test(kkText)).toBe(true);
    // Texts identical to English are allowed only for names of languages and symbols.
    const sameAsEnglish = (lang: 'kk' | 'ru') => allKeys.filter((key) => !key.startsWith('languages.')
      && /[a-z]{3}/i.test(String(flat.en.get(key)))
      && flat[lang].get(key) === flat.en.get(key));
    expect(sameAsEnglish('kk')).toEqual([]);
    expect(sameAsEnglish('ru')).toEqual([]);
  });

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
