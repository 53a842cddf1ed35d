import { addDays } from '@esep/domain';

/** A month as "YYYY-MM". */
export const isMonthKey = (value: string | null): value is string => value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The weeks (Monday to Sunday) that show the month, each a list of seven dates. */
export function monthWeeks(month: string): string[][] {
  const { from, to } = monthRange(month);
  let day = addDays(from, 1 - weekday(from));
  const last = addDays(to, 7 - weekday(to));
  const weeks: string[][] = [];
  while (day <= last) {
    const week: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}
