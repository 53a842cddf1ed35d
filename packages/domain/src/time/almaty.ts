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
