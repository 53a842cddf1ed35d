import { Button, Group, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatQuarter, todayIso } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { DataTable } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { notifyDone } from '../meetings/notify.ts';
import { PLANNER_ROLES } from '../meetings/roles.ts';
import { OFFENCE_CATEGORIES } from '../report/options.ts';
import { fetchStatistics, reportKeys, saveStatistics, type OffenceCategory, type Statistics } from '../report/report.api.ts';
import '../report/report.css';
import { StatisticsChart, StatisticsTable } from './StatisticsChart.tsx';
import { IMPORT_STATISTICS_ROLES, StatisticsImport } from './StatisticsImport.tsx';

/** The current quarter in Almaty: statistics are entered for it or an earlier one. */
function currentQuarter(): { year: number; quarter: number } {
  const today = todayIso();
  return { year: Number(today.slice(0, 4)), quarter: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1 };
}

function Editor({ districtId, statistics }: { districtId: string; statistics: Statistics }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const queryClient = useQueryClient();
  // Mounted afresh for every answer of the server (see the key below), so it starts from it.
  const [counts, setCounts] = useState<Record<OffenceCategory, number | ''>>(
    () => Object.fromEntries(statistics.rows.map((r) => [r.category, r.count])) as Record<OffenceCategory, number>,
  );
  const lastYear = new Map(statistics.rows.map((r) => [r.category, r.lastYear]));
  const save = useMutation({
    mutationFn: () => saveStatistics(districtId, {
      year: statistics.year, quarter: statistics.quarter,
      rows: OFFENCE_CATEGORIES.map((category) => ({ category, count: Number(counts[category] || 0) })),
    }),
    onSuccess: (saved) => {
      queryClient.setQueryData(reportKeys.statistics(districtId, saved.year, saved.quarter), saved);
      // Reports of meetings of this district show the same numbers.
      void queryClient.invalidateQueries({ queryKey: ['meetings', 'detail'], predicate: (q) => q.queryKey[3] === 'report' });
      notifyDone(t('stats.saved'));
    },
  });
  const invalid = OFFENCE_CATEGORIES.some((c) => counts[c] !== '' && (Number(counts[c]) < 0 || !Number.isInteger(Number(counts[c]))));
  return (
    <Stack gap="sm">
      <DataTable
        label={t('stats.editTable')}
        minWidth={420}
        verticalSpacing={4}
        striped={false}
        testId="statistics-editor"
        rows={OFFENCE_CATEGORIES}
        rowKey={(category) => category}
        columns={[
          {
            id: 'category', header: t('stats.category'), stack: 'title',
            cell: (category) => <label htmlFor={`stat-${districtId}-${category}`}>{t(`offence.${category}`)}</label>,
          },
          {
            id: 'current', header: t('stats.current'),
            cell: (category) => (
              <NumberInput id={`stat-${districtId}-${category}`} value={counts[category]} min={0} max={1_000_000} allowDecimal={false} allowNegative={false}
                onChange={(v) => setCounts((c) => ({ ...c, [category]: v === '' ? '' : Number(v) }))} w={120} hideControls
                data-testid={`stat-input-${category}`} />
            ),
          },
          {
            id: 'lastYear', header: t('stats.lastYear'), align: 'right',
            cell: (category) => {
              const last = lastYear.get(category);
              return last == null ? '—' : formatNumber(last, language);
            },
          },
        ]}
      />
      <Group gap="sm">
        <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={() => save.mutate()} loading={save.isPending} disabled={invalid} data-testid="statistics-save">
          {t('stats.save')}
        </Button>
      </Group>
      {save.isError && <Text size="sm" c="red.8" role="alert">{save.error.message}</Text>}
    </Stack>
  );
}

/**
 * A district's registered offences by quarter (R-29 state and departmental statistics): those
 * who plan meetings enter them, the others read them; heads may import a workbook.
 */
export function DistrictStatistics({ districtId }: { districtId: string }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const user = useCurrentUser();
  const canEdit = hasRole(user, PLANNER_ROLES);
  const now = currentQuarter();
  const [year, setYear] = useState(now.year);
  const [quarter, setQuarter] = useState(now.quarter);
  const query = useQuery({
    queryKey: reportKeys.statistics(districtId, year, quarter),
    queryFn: ({ signal }) => fetchStatistics(districtId, year, quarter, signal),
  });
  // The report's "edit the statistics" link ends in #district-statistics: bring the section into view.
  const loaded = query.isSuccess;
  useEffect(() => {
    if (loaded && window.location.hash === '#district-statistics') document.getElementById('district-statistics')?.scrollIntoView({ block: 'start' });
  }, [loaded]);
  const years = Array.from({ length: 6 }, (_, i) => now.year - i);
  const period = formatQuarter({ year, quarter }, language);
  return (
    <Stack gap="md" data-testid="district-statistics">
      <Group gap="sm" align="flex-end">
        <NativeSelect label={t('stats.year')} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}
          data={years.map(String)} w={110} data-testid="statistics-year" />
        <NativeSelect label={t('stats.quarter')} value={String(quarter)} onChange={(e) => setQuarter(Number(e.currentTarget.value))}
          data={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('stats.quarterName', { quarter: q }) }))} w={150} data-testid="statistics-quarter" />
      </Group>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (canEdit
        ? <Editor key={query.dataUpdatedAt} districtId={districtId} statistics={query.data} />
        : (
          <Stack gap="sm">
            <StatisticsTable rows={query.data.rows} caption={period} testId="statistics-table" />
            <StatisticsChart rows={query.data.rows} label={t('stats.chartLabel', { period })} />
          </Stack>
        ))}
      {hasRole(user, IMPORT_STATISTICS_ROLES) && <StatisticsImport />}
    </Stack>
  );
}
