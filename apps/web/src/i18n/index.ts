import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';
import meetingsEn from './locales/meetings.en.json';
import meetingsKk from './locales/meetings.kk.json';
import meetingsRu from './locales/meetings.ru.json';
import liveEn from './locales/live.en.json';
import liveKk from './locales/live.kk.json';
import liveRu from './locales/live.ru.json';
import reportEn from './locales/report.en.json';
import reportKk from './locales/report.kk.json';
import reportRu from './locales/report.ru.json';
import followupEn from './locales/followup.en.json';
import followupKk from './locales/followup.kk.json';
import followupRu from './locales/followup.ru.json';
import protocolEn from './locales/protocol.en.json';
import protocolKk from './locales/protocol.kk.json';
import protocolRu from './locales/protocol.ru.json';
import lateEn from './locales/late.en.json';
import lateKk from './locales/late.kk.json';
import lateRu from './locales/late.ru.json';
import notificationsEn from './locales/notifications.en.json';
import notificationsKk from './locales/notifications.kk.json';
import notificationsRu from './locales/notifications.ru.json';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'esep.locale';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen on this device before login; Kazakh when none was chosen. */
function storedLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : 'kk';
  } catch {
    return 'kk';
  }
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled; the choice then lasts until the page is reloaded.
  }
}

/** The current interface language, narrowed to the three supported ones. */
export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : 'kk';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = isLanguage(language) ? language : 'kk';
});

void i18next.use(initReactI18next).init({
  // `meetings`: the strings of reporting meetings (board, planning, calendar, invitations, rules);
  // `late`: meetings entered after the fact (the form, the mark, the lead's confirmation);
  // `notifications`: reminders (the bell, their settings, the delivery log; issue 12).
  resources: {
    kk: { translation: kk, meetings: meetingsKk, live: liveKk, report: reportKk, followup: followupKk, protocol: protocolKk, late: lateKk, notifications: notificationsKk },
    ru: { translation: ru, meetings: meetingsRu, live: liveRu, report: reportRu, followup: followupRu, protocol: protocolRu, late: lateRu, notifications: notificationsRu },
    en: { translation: en, meetings: meetingsEn, live: liveEn, report: reportEn, followup: followupEn, protocol: protocolEn, late: lateEn, notifications: notificationsEn },
  },
  lng: storedLanguage(),
  fallbackLng: 'ru',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = currentLanguage();

export default i18next;
