import type { Locale } from '@esep/contracts';
import commonEn from './locales/common.en.json' with { type: 'json' };
import commonKk from './locales/common.kk.json' with { type: 'json' };
import commonRu from './locales/common.ru.json' with { type: 'json' };
import addressEn from './locales/address.en.json' with { type: 'json' };
import addressKk from './locales/address.kk.json' with { type: 'json' };
import addressRu from './locales/address.ru.json' with { type: 'json' };

/*
 * Issue 13: every string a resident reads on a public page lives in the translation files
 * beside this module (`locales/<part>.<kk|ru|en>.json`), one bundle per part of the public side,
 * keys prefixed with the part's name. `public.i18n.test.ts` holds them to the same completeness
 * rule as the staff app: the same keys in all three languages, nothing empty, the same {params}.
 * A new part adds one line to BUNDLES.
 */
type Bundle = Readonly<Record<string, string>>;
export const BUNDLES: ReadonlyArray<{ part: string } & Record<Locale, Bundle>> = [
  { part: 'common', kk: commonKk, ru: commonRu, en: commonEn },
  { part: 'address', kk: addressKk, ru: addressRu, en: addressEn },
];

const MERGED: Record<Locale, Record<string, string>> = { kk: {}, ru: {}, en: {} };
for (const b of BUNDLES) for (const l of ['kk', 'ru', 'en'] as const) Object.assign(MERGED[l], b[l]);

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The translator of one language. An unknown key throws: a page must never show a key to a
 * resident, and the tests that render every page find a missing one before anyone else does.
 */
export function publicT(locale: Locale): Translate {
  const table = MERGED[locale];
  return (key, params) => {
    const text = table[key];
    if (text === undefined) throw new Error(`public string missing: ${key} (${locale})`);
    return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k]))) : text;
  };
}

export const INTL_LOCALE: Record<Locale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
export const LANGUAGE_NAMES: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
