import { describe, expect, it } from 'vitest';
import { BUNDLES, publicT } from './public.i18n.ts';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('public pages: translation files (issue 13)', () => {
  for (const b of BUNDLES) {
    it(`${b.part}: the same keys in kk, ru and en, none empty, the same {params}`, () => {
      const keys = Object.keys(b.kk).sort();
      expect(Object.keys(b.ru).sort()).toEqual(keys);
      expect(Object.keys(b.en).sort()).toEqual(keys);
      for (const k of keys) {
        expect(k.startsWith(`${b.part}.`), k).toBe(true);
        for (const l of ['kk', 'ru', 'en'] as const) expect(b[l][k]?.trim(), `${k} ${l}`).toBeTruthy();
        expect(params(b.ru[k]!), k).toEqual(params(b.kk[k]!));
        expect(params(b.en[k]!), k).toEqual(params(b.kk[k]!));
      }
    });
  }

  it('no key is defined by two parts', () => {
    const seen = new Map<string, string>();
    for (const b of BUNDLES) for (const k of Object.keys(b.kk)) {
      expect(seen.get(k), k).toBeUndefined();
      seen.set(k, b.part);
    }
  });

  it('fills parameters and refuses an unknown key', () => {
    const t = publicT('ru');
    expect(t('common.language')).toBe('Язык');
    expect(() => t('common.nope')).toThrow(/missing/);
  });
});
