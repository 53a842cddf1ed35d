import { describe, expect, it } from 'vitest';
import * as c from '@esep/contracts';
import en from './locales/protocol.en.json';
import kk from './locales/protocol.kk.json';
import ru from './locales/protocol.ru.json';

/*
 * The `protocol` namespace (the protocol page, signing, addenda, documents, the video panel)
 * is held to the same standard as the main locale files: every key in every language, no empty
 * text, the same {{variables}}, and really translated.
 */
type Tree = { [key: string]: string | Tree };

const LOCALES: Record<'kk' | 'ru' | 'en', Tree> = { kk, ru, en };

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
const languages = Object.keys(LOCALES) as Array<keyof typeof LOCALES>;

describe('protocol locale files', () => {
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
    const sameAsEnglish = (lang: 'kk' | 'ru') => allKeys.filter((key) => /[a-z]{3}/i.test(String(flat.en.get(key)))
      && flat[lang].get(key) === flat.en.get(key));
    expect(sameAsEnglish('kk')).toEqual([]);
    expect(sameAsEnglish('ru')).toEqual([]);
    const latinOnly = (lang: 'kk' | 'ru') => [...flat[lang]].filter(([, v]) => /[a-z]{4}/i.test(String(v)) && !/[а-яёәғқңөұүһі]/i.test(String(v))).map(([k]) => k);
    expect(latinOnly('kk')).toEqual([]);
    expect(latinOnly('ru')).toEqual([]);
  });

  it('names every signature method, protocol status, item route and NCALayer failure the page shows', () => {
    const routes = [...c.ProtocolContent.shape.items.element.shape.route.options].sort();
    for (const tree of Object.values(LOCALES)) {
      const keys = (name: string) => Object.keys(tree[name] as Tree).sort();
      expect(keys('method')).toEqual([...c.SIGNATURE_METHOD_VALUES].sort());
      expect(keys('status')).toEqual([...c.ProtocolView.shape.status.options].sort());
      expect(keys('route')).toEqual(routes);
      expect(Object.keys((tree.sign as Tree).ncalayer as Tree).sort()).toEqual(['cancelled', 'download', 'refused', 'timeout', 'unavailable']);
    }
  });
});
