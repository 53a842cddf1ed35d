/**
 * Asia/Almaty is UTC+5 all year since 1 March 2024 (no daylight saving). Before that date it was
 * UTC+6. Dates that people read — "the meeting day", "10 calendar days before" — are calendar
 * dates in this zone, so conversions go through Intl with the IANA zone rather than a fixed
 * offset, which also keeps historic records right.
 */
export const TIME_ZONE = 'Asia/Almaty';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) in Asia/Almaty of an instant. */
export function almatyDate(instant: Date): string {
  return dateFormat.format(instant);
}

/**
 * The instant at which a calendar date begins in Asia/Almaty: 00:00 at UTC+5, or at UTC+6 for
 * dates before the zone moved on 1 March 2024.
 */
export function almatyDayStart(isoDate: string): Date {
  // Midnight at the older, larger offset falls on the previous day once the zone is at UTC+5.
  const before2024 = new Date(`${isoDate}T00:00:00+06:00`);
  return almatyDate(before2024) === isoDate ? before2024 : new Date(`${isoDate}T00:00:00+05:00`);
}

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/**
 * The instant as Asia/Almaty reads it, in ISO 8601 with that moment's offset
 * ("2026-12-24T18:00:00+05:00"; "+06:00" before 1 March 2024): what a client shows as the
 * meeting's local time without computing time zones itself.
 */
export function almatyDateTime(instant: Date): string {
  const part = Object.fromEntries(wallClock.formatToParts(instant).map((p) => [p.type, p.value]));
  const local = `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
  // The offset is the difference between the wall-clock reading taken as UTC and the instant.
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Adds calendar days to an ISO date (YYYY-MM-DD), without time-zone effects. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
