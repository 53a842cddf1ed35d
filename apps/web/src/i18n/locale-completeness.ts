import { expect, it } from 'vitest';

/**
 * The standard every locale namespace is held to: every key in every language, no empty text,
 * the same {{variables}}, and really translated (Kazakh uses Kazakh letters, neither copies
 * English). Each namespace's test calls this inside its `describe`, then checks its own lists.
 */
export type Tree = { [key: string]: string | Tree };
export type Locales = Record<'kk' | 'ru' | 'en', Tree>;

export function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
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

export function localeCompleteness(LOCALES: Locales, options: { sameAsEnglish?: (key: string) => boolean } = {}): void {
  const mayEqualEnglish = options.sameAsEnglish ?? (() => false);
  const flat = Object.fromEntries(Object.entries(LOCALES).map(([lang, tree]) => [lang, flatten(tree)])) as Record<keyof Locales, Map<string, unknown>>;
  const allKeys = [...new Set(Object.values(flat).flatMap((m) => [...m.keys()]))].sort();
  const languages = Object.keys(LOCALES) as Array<keyof Locales>;

  it.each(languages)('%s has every key of the other languages', (lang) => {
    expect(allKeys.filter((key) => !flat[lang].has(key))).toEqual([]);
  });

  it.each(languages)('%s has no empty or non-text value', (lang) => {
    expect([...flat[lang]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same interpolation variables in every language', () => {
    const vars = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = allKeys.filter((key) => {
      const expected = JSON.stringify(vars(flat.en.get(key)));
      return JSON.stringify(vars(flat.kk.get(key))) !== expected || JSON.stringify(vars(flat.ru.get(key))) !== expected;
    });
    expect(mismatched).toEqual([]);
  });

  it('is really translated: Kazakh uses Kazakh letters, Russian Cyrillic, neither copies English', () => {
    expect([...flat.kk.values()].join(' ')).toMatch(/[әғқңөұүһі]/i);
    const sameAsEnglish = (lang: 'kk' | 'ru') => allKeys.filter((key) => !mayEqualEnglish(key) && /[a-z]{3}/i.test(String(flat.en.get(key)))
      && flat[lang].get(key) === flat.en.get(key));
    expect(sameAsEnglish('kk')).toEqual([]);
    expect(sameAsEnglish('ru')).toEqual([]);
    const latinOnly = (lang: 'kk' | 'ru') => [...flat[lang]].filter(([k, v]) => !mayEqualEnglish(k) && /[a-z]{4}/i.test(String(v)) && !/[а-яёәғқңөұүһі]/i.test(String(v))).map(([k]) => k);
    expect(latinOnly('kk')).toEqual([]);
    expect(latinOnly('ru')).toEqual([]);
  });
}
