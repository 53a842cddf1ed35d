import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { lastKnownUser } from '../features/auth/last-user.ts';
import { isLanguage, LANGUAGES, resolveLanguage, type Language } from './language.ts';

export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './language.ts';

/**
 * The interface strings, loaded per language and only when needed (issue 14, item 13). The
 * login page downloads one language's login strings (`./locales/login.<language>.ts`: the
 * `app`, `languages` and `login` keys of the `translation` namespace, about 1 KB); the
 * signed-in frame brings that language's full `translation` and its other namespaces in one
 * more chunk (`./locales/signed-in.<language>.ts`) before its first page renders. Switching the
 * language downloads the same for the new one. There is no fallback language: the locale tests
 * keep kk, ru and en complete, and a fallback would download a second language on every visit.
 */
const LOGIN: Record<Language, () => Promise<Record<string, ResourceKey>>> = {
  kk: () => import('./locales/login.kk.ts'),
  ru: () => import('./locales/login.ru.ts'),
  en: () => import('./locales/login.en.ts'),
};
const SIGNED_IN: Record<Language, () => Promise<Record<string, ResourceKey>>> = {
  kk: () => import('./locales/signed-in.kk.ts'),
  ru: () => import('./locales/signed-in.ru.ts'),
  en: () => import('./locales/signed-in.en.ts'),
};

/**
 * `meetings`: reporting meetings (board, planning, calendar, invitations, rules); `live`: the
 * live screen; `report`, `followup`, `protocol`; `late`: meetings entered after the fact;
 * `notifications`: reminders (the bell, their settings, the delivery log); `analytics`: the leadership analytics (issue 15).
 */
export const SIGNED_IN_NAMESPACES = ['meetings', 'live', 'report', 'followup', 'protocol', 'late', 'notifications', 'analytics'] as const;

/** Once the signed-in frame has asked for its strings, `translation` is read in full. */
let signedIn = false;

const lazyStrings: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    if (!isLanguage(language)) {
      callback(new Error(`no strings for language ${language}`), false);
      return;
    }
    const strings = namespace === 'translation' && !signedIn
      ? LOGIN[language]().then(({ app, languages, login }) => ({ app, languages, login }))
      : SIGNED_IN[language]().then((module) => module[namespace]);
    strings.then(
      (data) => (data ? callback(null, data) : callback(new Error(`no namespace ${namespace}`), false)),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), true),
    );
  },
};

/** The explicit choice made in this browser (see ./language.ts). */
const CHOICE_KEY = 'esep.language';
/** Before issue 14 the account's language was copied here too, so it is no evidence of a choice. */
const OLD_KEY = 'esep.locale';

export function chosenLanguage(): Language | null {
  try {
    const saved = window.localStorage.getItem(CHOICE_KEY);
    return isLanguage(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** Records an explicit choice of this browser's user (the language switch, before or after login). */
export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(CHOICE_KEY, language);
  } catch {
    // Storage may be disabled; the choice then lasts until the page is reloaded.
  }
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
}

/** The language for a user whose saved language is `account` (none: before login). */
export function languageFor(account: string | null | undefined): Language {
  return resolveLanguage({ chosen: chosenLanguage(), account, browser: browserLanguages() });
}

/** Switches to the language the rule gives for this account (if it is not already shown). */
export function applyLanguage(account: string | null | undefined): void {
  const language = languageFor(account);
  if (language !== currentLanguage()) void i18next.changeLanguage(language);
}

/** The current interface language, narrowed to the three supported ones. */
export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : 'kk';
}

/** The strings of the signed-in pages, in the current language (and in any chosen later). */
export async function loadSignedInStrings(): Promise<void> {
  // The namespaces join `ns` at once (a language chosen meanwhile loads them too), and from now on
  // `translation` is read in full: the login strings of the current language are replaced by it.
  const first = !signedIn;
  signedIn = true;
  await Promise.all([
    i18next.loadNamespaces([...SIGNED_IN_NAMESPACES]),
    first ? i18next.reloadResources([i18next.language], ['translation']) : undefined,
  ]);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = isLanguage(language) ? language : 'kk';
});

try {
  window.localStorage.removeItem(OLD_KEY);
} catch {
  // Nothing to tidy.
}

/** Resolves once the first language's core strings have arrived: render after it. */
export const i18nReady: Promise<unknown> = i18next.use(lazyStrings).use(initReactI18next).init({
  // While the session is checked, the last user of this device is the likely one.
  lng: languageFor(lastKnownUser()?.locale),
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  ns: ['translation'],
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = currentLanguage();

export default i18next;
