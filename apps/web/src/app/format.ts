import type { Language } from '../i18n/index.ts';

const TIME_ZONE = 'Asia/Almaty';

/**
 * The locale for numbers and dates. Kazakh writes them as Russian does ("4 363", "09.01.2025"),
 * but Chromium has no Kazakh number or date data: it claims to support kk-KZ and then formats
 * "4,363" and "2025-01-09". So ru-RU formats for kk everywhere (only numeric forms are used:
 * no month names, which would come out in Russian).
 */
const INTL_LOCALE: Record<Language, string> = { kk: 'ru-RU', ru: 'ru-RU', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) as people read it, e.g. 05.03.2025. */
export function formatDate(isoDate: string, language: Language): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric',
  }).format(date);
}

/** An instant, shown in Almaty time; to the minute where seconds would only be noise (reminders). */
export function formatDateTime(iso: string, language: Language, { seconds = true }: { seconds?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}),
  }).format(date);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(INTL_LOCALE[language]).format(value);
}

/** Today's calendar date in Almaty, as YYYY-MM-DD. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(new Date());
}
