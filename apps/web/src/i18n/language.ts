/**
 * Which interface language to show (issue 14, item 3). Pure: the caller passes what it knows, so
 * the rule is tested without a browser.
 *
 * The rule, in order:
 * 1. **An explicit choice made in this browser** (the language switch on the login page, in the
 *    header or in the account settings) wins, before and after login, until the user chooses
 *    again. Only a choice is stored as one: the account's language is never copied into it.
 * 2. **The account's saved language**, once somebody is logged in (or the last user known on this
 *    device, while the session is being checked or offline): so a new device speaks his language
 *    from the first screen after login.
 * 3. **The browser's languages** (`navigator.languages`, in the user's order): the first of
 *    Kazakh, Russian or English, by primary subtag ("ru-RU" is Russian, "kk-KZ" Kazakh).
 * 4. Kazakh.
 *
 * A choice on the login page is also saved to the account at login (LoginPage), as is every
 * choice made while logged in (LanguageSwitch): the account then follows his latest choice to
 * other devices that have none of their own.
 */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'kk';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The supported language a BCP 47 tag names ("ru-RU" → ru, "KK" → kk), or null ("de-DE"). */
export function languageOfTag(tag: string): Language | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : null;
}

export interface LanguageSources {
  /** The explicit choice stored in this browser, if any (anything stored that is not a language counts as none). */
  chosen?: string | null;
  /** The logged-in (or last known) user's saved language. */
  account?: string | null;
  /** `navigator.languages`, most preferred first. */
  browser?: readonly string[];
}

export function resolveLanguage({ chosen, account, browser = [] }: LanguageSources): Language {
  if (isLanguage(chosen)) return chosen;
  if (isLanguage(account)) return account;
  for (const tag of browser) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}
