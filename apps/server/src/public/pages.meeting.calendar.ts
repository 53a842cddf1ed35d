import type { Locale } from '@esep/contracts';
import { almatyDateTime, TIME_ZONE } from '@esep/domain';
import ical, { ICalCalendarMethod, type ICalLuxonDateTimeStub } from 'ical-generator';
import { EVENT_STATUS } from '../services/calendar.service.ts';
import type { MeetingPageFacts } from '../services/pages/meeting-page.service.ts';
import { INTL_LOCALE, publicT } from './public.i18n.ts';

/*
 * Issue 13: "add to calendar" on the public meeting page — an iCalendar file (RFC 5545) and
 * Google and Outlook links, in the reader's language. The event's UID and SEQUENCE are those of
 * the staff feeds (`<meeting id>@esep`, `meetings.sequence`), so a calendar that has both keeps
 * one event, and a postponed or cancelled meeting updates the copy a resident imported.
 */

/** Asia/Almaty as clients should read it: UTC+6 from the end of summer time in 2004, UTC+5 from 1 March 2024. */
export const ALMATY_VTIMEZONE = [
  'BEGIN:VTIMEZONE', `TZID:${TIME_ZONE}`, `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0600', 'TZNAME:+06', 'DTSTART:20041031T030000', 'END:STANDARD',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0600', 'TZOFFSETTO:+0500', 'TZNAME:+05', 'DTSTART:20240301T000000', 'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * An instant as Almaty's wall clock, in the shape ical-generator formats with a TZID (its
 * luxon interface): a native Date would be written with the server's own clock digits.
 */
function almatyTime(instant: Date): ICalLuxonDateTimeStub {
  const local = almatyDateTime(instant); // 2026-12-17T18:00:00+05:00
  const digits = { yyyyLLdd: local.slice(0, 10).replaceAll('-', ''), HHmmss: local.slice(11, 19).replaceAll(':', '') };
  const stub: ICalLuxonDateTimeStub = {
    isValid: true, zone: { type: 'iana' },
    setZone: () => stub,
    toFormat: (format) => digits[format as keyof typeof digits] ?? local,
    toJSDate: () => instant,
    toJSON: () => instant.toISOString(),
  };
  return stub;
}

export interface EventText { summary: string; location: string | null; description: string; url: string | null }

/** Settlements and districts: "Шамалған ауылдық округі, №11 әкімшілік учаске" (several settlements joined by "; "). */
export function placesLine(facts: Pick<MeetingPageFacts, 'places' | 'number'>, locale: Locale): string {
  const bySettlement = new Map<string, string[]>();
  for (const p of facts.places) {
    const settlement = locale === 'ru' ? p.atuNameRu : p.atuNameKk;
    const district = locale === 'ru' ? p.nameRu : p.nameKk;
    bySettlement.set(settlement, [...(bySettlement.get(settlement) ?? []), district]);
  }
  const line = [...bySettlement].map(([settlement, names]) => `${settlement}, ${names.join(', ')}`).join('; ');
  return line || facts.number;
}

export const dayMonth = (iso: string | Date, locale: Locale) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, day: 'numeric', month: 'long' }).format(new Date(iso));
export const clockTime = (iso: string | Date, locale: Locale) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
export const fullDate = (iso: string | Date, locale: Locale) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

export function venueLine(facts: Pick<MeetingPageFacts, 'venueName' | 'venueAddress'>): string {
  return [facts.venueName, facts.venueAddress].filter((v): v is string => !!v?.trim()).join(', ');
}

/** The page's absolute address when the server knows its public URL. */
export function meetingPageUrl(publicUrl: string | undefined, meetingId: string, locale: Locale): string | null {
  return publicUrl ? new URL(`/m/${encodeURIComponent(meetingId)}?lang=${locale}`, publicUrl).toString() : null;
}

/** What every calendar shows of the meeting, in one language. */
export function eventText(facts: MeetingPageFacts, locale: Locale, publicUrl: string | undefined): EventText {
  const t = publicT(locale);
  const places = placesLine(facts, locale);
  const plain = t('pages.meeting.calendarSummary', { places });
  // Some clients keep showing a cancelled event: its title says so too (as the staff feeds do).
  const summary = facts.status === 'cancelled' ? t('pages.meeting.calendarCancelled', { summary: plain }) : plain;
  const venue = venueLine(facts);
  const online = facts.joinLink ?? (facts.format === 'online' || facts.format === 'hybrid' ? t('pages.meeting.online') : null);
  const location = facts.format === 'online' ? online : facts.format === 'hybrid' ? [venue, online].filter(Boolean).join(' / ') || null : venue || null;
  const url = meetingPageUrl(publicUrl, facts.id, locale);
  const lines = [
    `${t('pages.meeting.kicker')} — ${t('pages.meeting.number')} ${facts.number}`,
    `${t('pages.meeting.status')}: ${t(`pages.status.${statusKey(facts.status)}`)}`,
    `${t('pages.meeting.format')}: ${t(`pages.format.${facts.format}`)}`,
    ...(facts.directions ? [`${t('pages.meeting.directions')}: ${facts.directions}`] : []),
    ...(facts.joinLink ? [`${t('pages.meeting.join')}: ${facts.joinLink}`] : []),
    ...(url ? [url] : []),
  ];
  return { summary, location, description: lines.join('\n'), url };
}

/** The status a resident reads: the protocol's steps after the meeting are all "held". */
export function statusKey(status: MeetingPageFacts['status']): 'scheduled' | 'announced' | 'postponed' | 'cancelled' | 'held' {
  if (status === 'held' || status === 'protocol_signed' || status === 'closed') return 'held';
  if (status === 'draft') return 'scheduled';
  return status;
}

/** The .ics file of one meeting: Almaty wall-clock times with their VTIMEZONE, STATUS:CANCELLED when cancelled. */
export function meetingIcs(facts: MeetingPageFacts, text: EventText, locale: Locale): string {
  const calendar = ical({
    prodId: { company: 'Esep', product: 'Reporting meeting', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // Only the generator: DTSTAMP and the other stamps stay in UTC.
    timezone: { name: null, generator: (tz) => (tz === TIME_ZONE ? ALMATY_VTIMEZONE : null) },
  });
  calendar.createEvent({
    id: `${facts.id}@esep`,
    sequence: facts.sequence,
    // The last change, not the request's time: the same meeting gives the same file (ETag).
    stamp: facts.updatedAt,
    created: facts.createdAt,
    lastModified: facts.updatedAt,
    timezone: TIME_ZONE,
    start: almatyTime(new Date(facts.startsAt)),
    end: almatyTime(new Date(facts.endsAt)),
    summary: text.summary,
    location: text.location,
    description: text.description,
    url: text.url,
    status: EVENT_STATUS[facts.status],
  });
  return calendar.toString();
}

const utcStamp = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

/** Google Calendar's "create event" template link. */
export function googleCalendarLink(facts: MeetingPageFacts, text: EventText): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE', text: text.summary, dates: `${utcStamp(facts.startsAt)}/${utcStamp(facts.endsAt)}`, ctz: TIME_ZONE,
    details: text.description, ...(text.location ? { location: text.location } : {}),
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

/** Outlook.com's compose deep link; times with Almaty's offset. */
export function outlookCalendarLink(facts: MeetingPageFacts, text: EventText): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose', rru: 'addevent', subject: text.summary,
    startdt: almatyDateTime(new Date(facts.startsAt)), enddt: almatyDateTime(new Date(facts.endsAt)),
    body: text.description, ...(text.location ? { location: text.location } : {}),
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`;
}
