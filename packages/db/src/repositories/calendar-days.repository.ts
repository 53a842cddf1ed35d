import { and, asc, gte, lte } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { workingCalendarDays } from '../schema/protocol.schema.ts';

/*
 * The working-day calendar (APPK terms in working days): holidays, transferred days off and
 * working weekends, configured per year. A year without rows falls back to the defaults.
 */
export type CalendarDayRow = { date: string; kind: 'day_off' | 'working_day'; note: string | null };

const asRow = (r: typeof workingCalendarDays.$inferSelect): CalendarDayRow => ({ date: r.date, kind: r.kind === 'working_day' ? 'working_day' : 'day_off', note: r.note });

/** Every configured day (the table is a few dozen rows a year). */
export async function allCalendarDays(db: Executor): Promise<CalendarDayRow[]> {
  return (await db.select().from(workingCalendarDays).orderBy(asc(workingCalendarDays.date))).map(asRow);
}

export async function calendarDaysOfYear(db: Executor, year: number): Promise<CalendarDayRow[]> {
  return (await db.select().from(workingCalendarDays)
    .where(and(gte(workingCalendarDays.date, `${year}-01-01`), lte(workingCalendarDays.date, `${year}-12-31`)))
    .orderBy(asc(workingCalendarDays.date))).map(asRow);
}

/** Replaces the configured days of one year. */
export async function replaceCalendarYear(db: Executor, year: number, days: readonly CalendarDayRow[]): Promise<void> {
  await db.delete(workingCalendarDays).where(and(gte(workingCalendarDays.date, `${year}-01-01`), lte(workingCalendarDays.date, `${year}-12-31`)));
  if (days.length) await db.insert(workingCalendarDays).values(days.map((d) => ({ date: d.date, kind: d.kind, note: d.note })));
}
