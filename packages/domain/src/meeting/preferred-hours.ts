/**
 * meetings are held at the time most convenient for residents. A district may record
 * the hours its residents prefer (by weekday, Asia/Almaty local time); a meeting outside them is
 * flagged in the checklist, not refused.
 */
export interface PreferredHours {
  /** ISO weekdays 1 (Monday) … 7 (Sunday). */
  days: number[];
  from: string; // HH:MM
  to: string; // HH:MM
}

/** Local weekday and HH:MM of an instant in Asia/Almaty. */
export function almatyClock(instant: Date): { weekday: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Almaty', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, time: `${get('hour')}:${get('minute')}` };
}

/** True when the whole meeting lies within one of the preferred windows of its weekday. */
export function withinPreferredHours(windows: readonly PreferredHours[], startsAt: Date, endsAt: Date): boolean {
  if (windows.length === 0) return true;
  const start = almatyClock(startsAt);
  const end = almatyClock(endsAt);
  return windows.some((w) => w.days.includes(start.weekday) && w.from <= start.time && (end.weekday !== start.weekday ? false : end.time <= w.to));
}
