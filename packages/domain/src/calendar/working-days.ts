import { addDays } from '../time/almaty.ts';

/**
 * Kazakhstan's working-day calendar. Terms in working days (APPK art. 65: forwarding within 3
 * working days; art. 76: an answer within 15 working days) skip weekends, public holidays and
 * the days off moved from holidays that fall on a weekend; a Saturday declared a working day
 * by a government decree counts as working.
 */
export interface WorkingCalendar {
  /** Days off besides Saturdays and Sundays: holidays and transferred days off (YYYY-MM-DD). */
  daysOff: ReadonlySet<string>;
  /** Weekend days declared working days (a transfer by decree). */
  workingWeekends: ReadonlySet<string>;
}

/** Public holidays fixed by date (Law "On holidays in the Republic of Kazakhstan", art. 1–2; Labour Code art. 84). */
const FIXED: ReadonlyArray<{ md: string; transferable: boolean }> = [
  { md: '01-01', transferable: true }, { md: '01-02', transferable: true },
  // Orthodox Christmas and Kurban Ait are religious holidays: not moved when on a weekend.
  { md: '01-07', transferable: false },
  { md: '03-08', transferable: true },
  { md: '03-21', transferable: true }, { md: '03-22', transferable: true }, { md: '03-23', transferable: true },
  { md: '05-01', transferable: true }, { md: '05-07', transferable: true }, { md: '05-09', transferable: true },
  { md: '07-06', transferable: true }, { md: '08-30', transferable: true }, { md: '10-25', transferable: true },
  { md: '12-16', transferable: true },
];

/** The first day of Kurban Ait, set each year by the Spiritual Administration of Muslims. */
export const KURBAN_AIT: Readonly<Record<number, string>> = {
  2024: '2024-06-16', 2025: '2025-06-06', 2026: '2026-05-27', 2027: '2027-05-16', 2028: '2028-05-05',
};

export function isWeekend(isoDate: string): boolean {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export interface YearDaysOff { holidays: string[]; transferred: string[] }

/**
 * The holidays of a year and the days off they move to: a transferable holiday on a weekend
 * gives the next working day off (Labour Code art. 85 ¶2). Transfers by decree that swap a
 * working Saturday are not derivable and are configured per year.
 */
export function defaultDaysOff(year: number): YearDaysOff {
  const holidays = FIXED.map((h) => ({ date: `${year}-${h.md}`, transferable: h.transferable }));
  const kurban = KURBAN_AIT[year];
  if (kurban) holidays.push({ date: kurban, transferable: false });
  const taken = new Set(holidays.map((h) => h.date));
  const transferred: string[] = [];
  for (const h of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!h.transferable || !isWeekend(h.date)) continue;
    let next = addDays(h.date, 1);
    while (isWeekend(next) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    transferred.push(next);
  }
  return { holidays: holidays.map((h) => h.date).sort(), transferred: transferred.sort() };
}

/** A calendar from configured years; years not configured fall back to the defaults. */
export function workingCalendar(configured: ReadonlyArray<{ date: string; kind: 'day_off' | 'working_day' }>, years: readonly number[]): WorkingCalendar {
  const daysOff = new Set<string>();
  const workingWeekends = new Set<string>();
  const configuredYears = new Set(configured.map((c) => Number(c.date.slice(0, 4))));
  for (const year of years) {
    if (configuredYears.has(year)) continue;
    const d = defaultDaysOff(year);
    for (const day of [...d.holidays, ...d.transferred]) daysOff.add(day);
  }
  for (const c of configured) (c.kind === 'day_off' ? daysOff : workingWeekends).add(c.date);
  return { daysOff, workingWeekends };
}

export function isWorkingDay(cal: WorkingCalendar, isoDate: string): boolean {
  if (cal.workingWeekends.has(isoDate)) return true;
  return !isWeekend(isoDate) && !cal.daysOff.has(isoDate);
}

/**
 * The date `n` working days after `from` (the day of the event itself does not count), the
 * way a term "within n working days" ends (APPK art. 65, 76).
 */
export function addWorkingDays(cal: WorkingCalendar, from: string, n: number): string {
  let day = from;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(cal, day)) left -= 1;
  }
  return day;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  if (to < from) return -workingDaysBetween(cal, to, from);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(cal, day)) count += 1;
  return count;
}
