import { ActionIcon, Alert, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconDeviceFloppy, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { DataTable } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { notifyDone } from '../meetings/notify.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import { TONE } from '../meetings/StatusBadge.tsx';
import { adminKeys, fetchWorkingCalendar, saveWorkingCalendar, type CalendarDay, type CalendarDayKind, type WorkingCalendarYear } from './admin.api.ts';

const KINDS: readonly CalendarDayKind[] = ['day_off', 'working_day'];

interface Row { key: number; date: string; kind: CalendarDayKind; note: string }

let nextKey = 1;
const toRows = (days: readonly CalendarDay[]): Row[] => days.map((d) => ({ key: nextKey++, date: d.date, kind: d.kind, note: d.note ?? '' }));

/** A row's problem: no date, a date of another year, or a date listed twice. */
function rowProblem(row: Row, rows: readonly Row[], year: number): 'date' | 'year' | 'duplicate' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) return 'date';
  if (!row.date.startsWith(`${year}-`)) return 'year';
  if (rows.some((r) => r.key !== row.key && r.date === row.date)) return 'duplicate';
  return null;
}

function YearEditor({ data }: { data: WorkingCalendarYear }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => toRows(data.days));
  const [dirty, setDirty] = useState(false);
  const [tried, setTried] = useState(false);
  const change = (next: Row[]) => { setRows(next); setDirty(true); };
  const update = (key: number, patch: Partial<Row>) => change(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const problems = rows.map((r) => rowProblem(r, rows, data.year));
  const save = useMutation({
    mutationFn: () => saveWorkingCalendar(data.year, [...rows].sort((a, b) => a.date.localeCompare(b.date))
      .map((r) => ({ date: r.date, kind: r.kind, note: r.note.trim() || null }))),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.calendar(saved.year), saved);
      setRows(toRows(saved.days));
      setDirty(false);
      setTried(false);
      notifyDone(t('calendar.saved', { year: saved.year }));
    },
  });
  const sorted = rows;

  return (
    <Stack gap="sm">
      <Text size="sm">
        {data.configured ? t('calendar.configured', { year: data.year }) : t('calendar.defaults', { year: data.year })}
        {' '}(<RuleLink rule="R-32.4" />, <RuleLink rule="R-32.5" />)
      </Text>
      <DataTable
        label={t('calendar.tableLabel', { year: data.year })}
        minWidth={640}
        testId="calendar-days"
        rows={sorted.map((row, index) => ({
          row,
          problem: tried || row.date ? problems[index] : null,
          label: row.date ? formatDate(row.date, language) : t('calendar.newDay'),
        }))}
        rowKey={({ row }) => String(row.key)}
        rowProps={({ row }) => ({ 'data-testid': 'calendar-day', 'data-date': row.date, 'data-kind': row.kind })}
        empty={t('calendar.empty')}
        columns={[
          {
            id: 'date', header: t('calendar.date'), stack: 'title',
            cell: ({ row, problem, label }) => (
              <TextInput type="date" size="sm" aria-label={t('calendar.dateOf', { day: label })} value={row.date}
                min={`${data.year}-01-01`} max={`${data.year}-12-31`}
                onChange={(e) => update(row.key, { date: e.currentTarget.value })}
                error={problem ? t(`calendar.problem.${problem}`) : undefined} data-testid="calendar-day-date" />
            ),
          },
          {
            id: 'kind', header: t('calendar.kind'),
            cell: ({ row, label }) => (
              <NativeSelect size="sm" aria-label={t('calendar.kindOf', { day: label })} value={row.kind}
                onChange={(e) => update(row.key, { kind: e.currentTarget.value as CalendarDayKind })}
                data={KINDS.map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))} data-testid="calendar-day-kind" />
            ),
          },
          {
            id: 'note', header: t('calendar.note'),
            cell: ({ row, label }) => (
              <TextInput size="sm" aria-label={t('calendar.noteOf', { day: label })} value={row.note} maxLength={200}
                onChange={(e) => update(row.key, { note: e.currentTarget.value })} data-testid="calendar-day-note" />
            ),
          },
          {
            id: 'actions', header: t('calendar.actions'), hiddenHeader: true, label: false,
            cell: ({ row, label }) => (
              <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={t('calendar.remove', { day: label })}
                onClick={() => change(rows.filter((r) => r.key !== row.key))} data-testid="calendar-day-remove">
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            ),
          },
        ]}
      />
      {save.isError && <RefusalAlert error={save.error} testId="calendar-error" />}
      <Group gap="sm" wrap="wrap">
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} data-testid="calendar-add"
          onClick={() => change([...rows, { key: nextKey++, date: '', kind: 'day_off', note: '' }])}>
          {t('calendar.add')}
        </Button>
        <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={save.isPending} disabled={!dirty} data-testid="calendar-save"
          onClick={() => { setTried(true); if (problems.every((p) => p === null)) save.mutate(); }}>
          {t('calendar.save')}
        </Button>
        {dirty && (
          <Button variant="subtle" leftSection={<IconRestore size={16} aria-hidden />} onClick={() => { setRows(toRows(data.days)); setDirty(false); setTried(false); }}>
            {t('calendar.reset')}
          </Button>
        )}
      </Group>
      {dirty && <Alert color={TONE.orange} variant="light" role="status">{t('calendar.unsaved')}</Alert>}
    </Stack>
  );
}

/**
 * The working-day calendar (APPK art. 65, 76): holidays and transferred days off, and the
 * weekends that became working days, per year. Due dates of checks and forwardings count on it.
 */
export function WorkingCalendarPanel() {
  const { t } = useTranslation('followup');
  const current = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(current);
  const query = useQuery({ queryKey: adminKeys.calendar(year), queryFn: ({ signal }) => fetchWorkingCalendar(year, signal) });
  return (
    <Stack gap="sm" data-testid="admin-calendar">
      <Group gap="xs" wrap="nowrap" role="group" aria-label={t('calendar.year')}>
        <ActionIcon size="xl" variant="default" onClick={() => setYear(year - 1)} aria-label={t('calendar.previousYear')}>
          <IconChevronLeft aria-hidden />
        </ActionIcon>
        <Text fw={700} size="lg" miw={80} ta="center" aria-live="polite" data-testid="calendar-year">{year}</Text>
        <ActionIcon size="xl" variant="default" onClick={() => setYear(year + 1)} aria-label={t('calendar.nextYear')}>
          <IconChevronRight aria-hidden />
        </ActionIcon>
      </Group>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <YearEditor key={`${query.data.year}-${query.dataUpdatedAt}`} data={query.data} />}
    </Stack>
  );
}
