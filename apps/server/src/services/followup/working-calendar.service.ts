import {
  allCalendarDays, calendarDaysOfYear, openUnextendedChecks, replaceCalendarYear, unsentForwardings, updateCheckRow, updateForwardingRow,
  type CalendarDayRow, type Executor,
} from '@esep/db';
import { checkDueDate, defaultDaysOff, forwardingDueDate, isWeekend, workingCalendar, type WorkingCalendar } from '@esep/domain';
import { ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/*
 * Kazakhstan's working-day calendar, on which the APPK terms are counted (art. 65: forwarding
 * within 3 working days; art. 76: a check within 15). Each year is configured by the
 * administrator (seeded for the current and next year); a year without rows uses the defaults.
 */

/** The calendar for terms starting in the given years (and the year after each, where terms may end). */
export async function loadCalendar(db: Executor, years: readonly number[]): Promise<WorkingCalendar> {
  const span = [...new Set(years.flatMap((y) => [y - 1, y, y + 1]))];
  return workingCalendar(await allCalendarDays(db), span);
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

export async function calendarYear(ctx: ServiceContext, year?: number) {
  const y = year ?? yearOf(ctx.today);
  const rows = await calendarDaysOfYear(ctx.db, y);
  if (rows.length) return { year: y, configured: true, days: rows };
  const d = defaultDaysOff(y);
  const days: CalendarDayRow[] = [
    ...d.holidays.map((date) => ({ date, kind: 'day_off' as const, note: 'holiday' })),
    ...d.transferred.map((date) => ({ date, kind: 'day_off' as const, note: 'transferred' })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return { year: y, configured: false, days };
}

const OUTSIDE_YEAR = { kk: 'Күн көрсетілген жылға жатпайды', ru: 'Дата не относится к указанному году', en: 'The date is not in the given year' };
const DUPLICATE_DAY = { kk: 'Бір күн екі рет көрсетілген', ru: 'Один и тот же день указан дважды', en: 'The same day is listed twice' };
const NOT_WEEKEND = {
  kk: 'Жұмыс күні ретінде тек сенбі немесе жексенбі белгіленеді',
  ru: 'Рабочим днём можно объявить только субботу или воскресенье',
  en: 'Only a Saturday or Sunday can be declared a working day',
};

/**
 * Replaces the configured days of a year. Open checks whose term was not extended and
 * forwardings not yet sent get their due dates recomputed on the new calendar, in the same
 * transaction: a term always counts the days off in force.
 */
export async function replaceYear(ctx: ServiceContext, year: number, days: ReadonlyArray<{ date: string; kind: 'day_off' | 'working_day'; note?: string | null | undefined }>) {
  const seen = new Set<string>();
  for (const [i, d] of days.entries()) {
    if (yearOf(d.date) !== year || Number.isNaN(new Date(`${d.date}T00:00:00Z`).getTime())) {
      throw ruleRefusal({ reason: 'outside_year', rule: null, field: `days.${i}.date` }, OUTSIDE_YEAR, 400);
    }
    if (seen.has(d.date)) throw ruleRefusal({ reason: 'duplicate_day', rule: null, field: `days.${i}.date` }, DUPLICATE_DAY, 400);
    if (d.kind === 'working_day' && !isWeekend(d.date)) throw ruleRefusal({ reason: 'not_weekend', rule: null, field: `days.${i}.kind` }, NOT_WEEKEND, 400);
    seen.add(d.date);
  }
  const rows = days.map((d) => ({ date: d.date, kind: d.kind, note: d.note ?? null })).sort((a, b) => a.date.localeCompare(b.date));
  const moved = await inTransaction(ctx, async (tx, audit) => {
    const before = await calendarDaysOfYear(tx, year);
    await replaceCalendarYear(tx, year, rows);
    const cal = await loadCalendar(tx, [year]);
    let count = 0;
    for (const c of await openUnextendedChecks(tx, `${year - 1}-01-01`, `${year}-12-31`)) {
      const due = checkDueDate(cal, c.openedOn);
      if (due !== c.dueDate) { await updateCheckRow(tx, c.id, { dueDate: due, originalDueDate: due }); count += 1; }
    }
    for (const f of await unsentForwardings(tx, `${year - 1}-01-01`, `${year}-12-31`)) {
      const due = forwardingDueDate(cal, f.meetingDate);
      if (due !== f.dueDate) { await updateForwardingRow(tx, f.id, { dueDate: due }); count += 1; }
    }
    await audit({
      action: 'working_calendar.replace', entityType: 'working_calendar', entityId: null,
      before: { year, days: before.length }, after: { year, days: rows.length, added: rows.filter((r) => !before.some((b) => b.date === r.date && b.kind === r.kind)).map((r) => `${r.date}:${r.kind}`), moved: count },
    });
    return count;
  });
  return { year, configured: rows.length > 0, days: rows, moved };
}
