import { addDays, noticeDeadline, noticeDaysLeft, quarterKey, quarterOf } from '@esep/domain';
import type { Language } from '../../i18n/index.ts';

const TIME_ZONE = 'Asia/Almaty';
/** Asia/Almaty has been UTC+5 all year since 1 March 2024 (no daylight saving). */
const OFFSET = '+05:00';
const INTL_LOCALE: Record<Language, string> = { kk: 'ru-RU', ru: 'ru-RU', en: 'en-GB' };

/** A date and a time read on an Almaty clock as an instant with its offset (the API's form). */
export function almatyInstant(date: string, time: string): string {
  return `${date}T${time}:00${OFFSET}`;
}

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The Almaty calendar date (YYYY-MM-DD) and clock time (HH:MM) of an instant. */
export function almatyParts(iso: string): { date: string; time: string } {
  const map = Object.fromEntries(parts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${map.year}-${map.month}-${map.day}`, time: `${map.hour}:${map.minute}` };
}

/** "20.12.2026, 18:00–19:30" in Almaty time. */
export function formatMeetingTime(startsAt: string, endsAt: string, language: Language): string {
  const start = new Date(startsAt);
  const date = new Intl.DateTimeFormat(INTL_LOCALE[language], { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(start);
  const time = new Intl.DateTimeFormat(INTL_LOCALE[language], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${date}, ${time.format(start)}–${time.format(new Date(endsAt))}`;
}

/** "18:00" in Almaty time. */
export function formatClock(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** for a meeting day: the last day to publish the notice and how many days are left. */
export function noticeFor(meetingDate: string, today: string): { deadline: string; daysLeft: number; earliest: string; quarter: string } {
  return {
    deadline: noticeDeadline(meetingDate),
    daysLeft: noticeDaysLeft(today, meetingDate),
    earliest: addDays(today, 10),
    quarter: quarterKey(quarterOf(meetingDate)),
  };
}

/** "20.12.2026, 18:00" in Almaty time. */
export function formatAlmatyDateTime(iso: string, language: Language): string {
  return formatMeetingTime(iso, iso, language).replace(/–.*$/, '');
}
