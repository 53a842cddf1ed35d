import { formatLongDate } from '@esep/domain';
import type { Language } from '../i18n/index.ts';

// Dates, quarters and rules in sentences are written by the domain, the same for the server's messages.
export { formatLongDate, formatQuarter, formatRule } from '@esep/domain';

/**
 * How the app writes dates, times, quarters, numbers, rule references and meetings for people
 * (issue 14, item 11): one module, so every screen says "7 желтоқсан 2026 ж." the same way and
 * no ISO date ("2026-12-07"), quarter key ("2026-Q4"), rule ID ("R-26") or meeting code reaches
 * a sentence. Dates in sentences are written out (`formatLongDate`); tables and compact badges
 * keep the numeric form (`formatDate`, "07.12.2026").
 */

const TIME_ZONE = 'Asia/Almaty';

/**
 * The locale for numbers and numeric dates. Kazakh writes them as Russian does ("4 363",
 * "09.01.2025"), but Chromium has no Kazakh number or date data: it claims to support kk-KZ and
 * then formats "4,363" and "2025-01-09". So ru-RU formats for kk (numeric forms only; the
 * written-out forms below use their own month names, since Intl's Kazakh ones are unreliable too).
 */
const INTL_LOCALE: Record<Language, string> = { kk: 'ru-RU', ru: 'ru-RU', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) as people read it in a table, e.g. 05.03.2025. */
export function formatDate(isoDate: string, language: Language): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric',
  }).format(date);
}

/** The Almaty calendar date (YYYY-MM-DD) and clock time (HH:MM) of an instant. */
export function almatyParts(iso: string): { date: string; time: string } {
  const map = Object.fromEntries(ALMATY_PARTS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${map.year}-${map.month}-${map.day}`, time: `${map.hour}:${map.minute}` };
}

const ALMATY_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** A clock time in Almaty, "18:00" (24 hours in all three languages). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : almatyParts(iso).time;
}

/** An instant in Almaty time, written out for a sentence: "7 желтоқсан 2026 ж., 18:00", «7 декабря 2026 г., 18:00», "7 December 2026, 18:00". */
export function formatLongDateTime(iso: string, language: Language, { year = true }: { year?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = almatyParts(iso);
  return `${formatLongDate(parts.date, language, { year })}, ${parts.time}`;
}

/** "20.12.2026, 18:00–19:30" in Almaty time (lists, tables). */
export function formatMeetingTime(startsAt: string, endsAt: string, language: Language): string {
  const start = new Date(startsAt);
  const date = new Intl.DateTimeFormat(INTL_LOCALE[language], { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(start);
  return `${date}, ${formatClock(startsAt, language)}–${formatClock(endsAt, language)}`;
}

/** "18:00" in Almaty time. */
export function formatClock(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "20.12.2026, 18:00" in Almaty time (lists, tables). */
export function formatAlmatyDateTime(iso: string, language: Language): string {
  return formatMeetingTime(iso, iso, language).replace(/–.*$/, '');
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


/**
 * The parts of a meeting its title is made of (a meeting summary or detail, the live screen's
 * meeting and districts): when it starts, or only its day (YYYY-MM-DD) where a list has no time.
 */
export type TitledMeeting = ({ startsAt: string } | { date: string }) & {
  districts: ReadonlyArray<{ nameKk: string; nameRu: string; atu?: { nameKk: string; nameRu: string } | null }>;
};

/** A district's name without the words every district has: "№11 учаске", «участок №11». */
function shortDistrict(name: string, language: Language): string {
  return language === 'kk'
    ? name.replace(/\s*әкімшілік\s+/iu, ' ').trim()
    : name.replace(/^административный\s+участок/iu, 'участок').trim();
}

/** A settlement's name with its kind abbreviated as addresses write it: "Шамалған а.о.", «Шамалганский с.о.». */
function shortSettlement(name: string, language: Language): string {
  const rules: Array<[RegExp, string]> = language === 'kk'
    ? [[/\s+ауылдық\s+округі$/iu, ' а.о.'], [/\s+ауылы$/iu, ' а.'], [/\s+кенті$/iu, ' к.'], [/\s+қаласы$/iu, ' қ.'], [/\s+ауданы$/iu, ' ауд.']]
    : [[/\s+сельский\s+округ$/iu, ' с.о.'], [/^село\s+/iu, 'с. '], [/^пос[её]лок\s+/iu, 'пос. '], [/^город\s+/iu, 'г. '], [/\s+район$/iu, ' р-н']];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(name)) return name.replace(pattern, replacement);
  }
  return name;
}

/**
 * Where a meeting is, as its title says it: "Шамалған а.о., №11 учаске"; without the settlement
 * where space is short (a month's grid): "№11 учаске".
 */
export function meetingPlace(meeting: Pick<TitledMeeting, 'districts'>, language: Language, { settlement = true }: { settlement?: boolean } = {}): string {
  const local = (named: { nameKk: string; nameRu: string }) => (language === 'kk' ? named.nameKk || named.nameRu : named.nameRu || named.nameKk);
  const settlements = settlement ? [...new Set(meeting.districts.flatMap((d) => (d.atu ? [shortSettlement(local(d.atu), language)] : [])))] : [];
  const districts = meeting.districts.map((d) => shortDistrict(local(d), language));
  const joined = [...settlements, ...districts].join(', ');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/**
 * A meeting as a person names it: where (the settlement and the district) and when, instead of
 * its registration code — "Шамалған а.о., №11 учаске — 17 желтоқсан, 18:00",
 * «Шамалганский с.о., участок №11 — 17 декабря, 18:00». The year is written when it is not the
 * current one (`today`, YYYY-MM-DD in Almaty). Names are Kazakh for kk, Russian for ru and en.
 */
export function meetingTitle(meeting: TitledMeeting, language: Language, { today = todayIso() }: { today?: string } = {}): string {
  const place = meetingPlace(meeting, language);
  const day = 'startsAt' in meeting ? almatyParts(meeting.startsAt).date : meeting.date;
  const year = day.slice(0, 4) !== today.slice(0, 4);
  const when = 'startsAt' in meeting ? formatLongDateTime(meeting.startsAt, language, { year }) : formatLongDate(day, language, { year });
  return place ? `${place} — ${when}` : when;
}

/** Today's calendar date in Almaty, as YYYY-MM-DD. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(new Date());
}
