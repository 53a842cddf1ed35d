import { workingCalendar, workingDaysBetween, type WorkingCalendar } from '@esep/domain';
import { Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { adminKeys, fetchWorkingCalendar } from '../admin/admin.api.ts';
import { TONE } from '../meetings/StatusBadge.tsx';

/**
 * The working-day calendar of the years the given dates fall in (configured by the
 * administrator, or the defaults of the law), to count the working days left to a due date.
 */
export function useWorkingCalendar(dates: readonly string[]): WorkingCalendar | null {
  const today = todayIso();
  const years = [...new Set([today, ...dates].map((d) => Number(d.slice(0, 4))))].sort();
  const queries = useQueries({
    queries: years.map((year) => ({
      queryKey: adminKeys.calendar(year), queryFn: ({ signal }: { signal: AbortSignal }) => fetchWorkingCalendar(year, signal), staleTime: 10 * 60_000,
    })),
  });
  const ready = queries.every((q) => q.data);
  const stamp = queries.map((q) => q.dataUpdatedAt).join(',');
  return useMemo(
    () => (ready ? workingCalendar(queries.flatMap((q) => q.data!.days), []) : null),
    [ready, stamp],
  );
}

/**
 * A due date and how it stands: working days left (APPK art. 65, 76), due today, or overdue.
 * Nothing is said about time once the record is closed.
 */
export function DueDate({ dueDate, closed, calendar, testId }: { dueDate: string; closed: boolean; calendar: WorkingCalendar | null; testId?: string }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const today = todayIso();
  let state: 'closed' | 'left' | 'today' | 'overdue' = 'closed';
  let days = 0;
  if (!closed) {
    if (today > dueDate) {
      state = 'overdue';
      days = calendar ? Math.max(1, workingDaysBetween(calendar, dueDate, today)) : 0;
    } else if (today === dueDate) {
      state = 'today';
    } else {
      state = 'left';
      days = calendar ? workingDaysBetween(calendar, today, dueDate) : 0;
    }
  }
  const color = state === 'overdue' ? 'var(--mantine-color-red-9)' : state === 'today' ? TONE.orange : undefined;
  return (
    <Text span size="sm" data-testid={testId} data-due={dueDate} data-state={state}>
      {formatDate(dueDate, language)}
      {state !== 'closed' && (state === 'today' || calendar) && (
        <Text span size="sm" fw={700} c={color}>
          {' · '}
          {state === 'overdue' ? t('due.overdue', { count: days }) : state === 'today' ? t('due.today') : t('due.left', { count: days })}
        </Text>
      )}
    </Text>
  );
}
