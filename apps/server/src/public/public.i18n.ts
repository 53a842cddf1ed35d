import type { Locale } from '@esep/contracts';
import commonEn from './locales/common.en.json' with { type: 'json' };
import commonKk from './locales/common.kk.json' with { type: 'json' };
import commonRu from './locales/common.ru.json' with { type: 'json' };
import opendataEn from './locales/opendata.en.json' with { type: 'json' };
import opendataKk from './locales/opendata.kk.json' with { type: 'json' };
import opendataRu from './locales/opendata.ru.json' with { type: 'json' };
import outcomesEn from './locales/outcomes.en.json' with { type: 'json' };
import outcomesKk from './locales/outcomes.kk.json' with { type: 'json' };
import outcomesRu from './locales/outcomes.ru.json' with { type: 'json' };
import questionsEn from './locales/questions.en.json' with { type: 'json' };
import questionsKk from './locales/questions.kk.json' with { type: 'json' };
import questionsRu from './locales/questions.ru.json' with { type: 'json' };
import pagesEn from './locales/pages.en.json' with { type: 'json' };
import pagesKk from './locales/pages.kk.json' with { type: 'json' };
import pagesRu from './locales/pages.ru.json' with { type: 'json' };
import subsEn from './locales/subs.en.json' with { type: 'json' };
import subsKk from './locales/subs.kk.json' with { type: 'json' };
import subsRu from './locales/subs.ru.json' with { type: 'json' };
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
  { part: 'opendata', kk: opendataKk, ru: opendataRu, en: opendataEn },
  { part: 'outcomes', kk: outcomesKk, ru: outcomesRu, en: outcomesEn },
  { part: 'questions', kk: questionsKk, ru: questionsRu, en: questionsEn },
  { part: 'pages', kk: pagesKk, ru: pagesRu, en: pagesEn },
  { part: 'subs', kk: subsKk, ru: subsRu, en: subsEn },
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
